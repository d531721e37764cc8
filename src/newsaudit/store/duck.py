"""DuckDB store. One transaction per report; re-storing the same content replaces it.

A report's id is the start of its content hash, so analysing the same page twice
gives the same id and the second save replaces the first. Every save is one
transaction: a save that fails part-way rolls back and leaves the store as it was.
Besides the report JSON, the store keeps flat tables (sources, quotes, statements,
timeline, figures, comments) that the corpus queries in :mod:`.queries` read.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Iterator

import duckdb

from ..errors import NotFound, StoreError
from ..models import Report
from .migrations import MIGRATIONS

log = logging.getLogger(__name__)

CHILD_TABLES = ("sources", "quotes", "statements", "timeline", "figures", "comments")
ROWS_PER_INSERT = 200


class Store:
    """A DuckDB file holding reports and flat tables derived from them.

    ``read_only`` opens the file without the right to write; ``sandbox`` also turns
    off DuckDB's access to other files (``COPY ... TO``, ``read_csv``, ``ATTACH``),
    which is how user-written SQL is run.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, sandbox: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        config = {"enable_external_access": False} if sandbox else {}
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(self.path), read_only=read_only, config=config)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open the store ({_first_line(exc)})", source=str(path)) from None
        if not read_only:
            self.migrate()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def migrate(self) -> None:
        """Apply the migrations this file has not had yet, each in its own transaction."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations"
            " (version INTEGER PRIMARY KEY, applied TIMESTAMP DEFAULT current_timestamp)"
        )
        done = {row[0] for row in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        for version, sql in MIGRATIONS:
            if version in done:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations (version) VALUES (?)", [version])
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(f"migration {version} failed ({_first_line(exc)})", source=str(self.path)) from None
            log.info("store %s: applied migration %d", self.path, version)

    def schema_version(self) -> int:
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]

    # -- writing -----------------------------------------------------------------------

    def save(self, report: Report) -> str:
        """Store one report in a single transaction, replacing any with the same id."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._insert(report)
            self.con.execute("COMMIT")
        except Exception as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(
                f"could not store report {report.id} ({_first_line(exc)}); nothing was written", source=str(self.path)
            ) from None
        return report.id

    def _insert(self, report: Report) -> None:
        rid = report.id
        if not rid:
            raise ValueError("report has no id")
        # Deleting child rows scans their tables, so only do it when there is something to replace:
        # a batch of new reports then costs one primary-key lookup each, not a scan per table.
        if self.has(rid):
            self._delete(rid)
        names = {s.id: s for s in report.sources}
        a = report.article
        self.con.execute(
            "INSERT INTO reports (id, content_hash, created, title, url, site, published, input_kind, origin,"
            " n_words, n_sources, n_anonymous, n_quotes, n_comments, outruns_sourcing, report,"
            " headline_claim, headline_reason)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                rid, report.content_hash, report.created, a.title, a.url, a.site, a.published,
                report.input_kind, report.origin, len(a.text.split()), len(report.sources),
                sum(1 for s in report.sources if s.anonymous), len(report.quotes), len(report.comments),
                report.headline.outruns_sourcing, json.dumps(report.to_dict(), ensure_ascii=False),
                report.headline.claim or None, report.headline.reason,
            ],
        )

        def name_of(source_id: str | None) -> str | None:
            return names[source_id].name if source_id in names else None

        def anonymous(source_id: str | None) -> bool | None:
            return names[source_id].anonymous if source_id in names else None

        self._many("sources", [
            [rid, s.id, s.name, s.label, s.anonymous, s.role, len(s.mentions), len(s.quote_ids)]
            for s in report.sources
        ])
        self._many("quotes", [
            [rid, q.id, q.text, q.type, q.source_id, name_of(q.source_id), anonymous(q.source_id), q.cue,
             q.start, q.end]
            for q in report.quotes
        ])
        self._many("statements", [
            [rid, i, s.text, s.certainty, list(s.cues), list(s.source_ids), s.anonymous_only, s.start, s.end]
            for i, s in enumerate(report.statements)
        ])
        self._many("timeline", [
            [rid, i, t.date, t.granularity, t.text, t.sentence, t.start, t.end]
            for i, t in enumerate(report.timeline)
        ])
        self._many("figures", [
            [rid, i, f.text, f.value, f.value_max, f.unit, f.kind, f.approximate, f.source_id,
             name_of(f.source_id), f.start, f.end]
            for i, f in enumerate(report.figures)
        ])
        self._many("comments", [
            [rid, c.id, c.author, c.text, c.parent_id, c.parent_inferred, c.posted, c.stance,
             c.civility.uncivil if c.civility else None, c.civility.score if c.civility else None, c.on_topic]
            for c in report.comments
        ])
        if report.origin:
            self._link(report.origin, rid, report.content_hash)
            self.con.execute("DELETE FROM failures WHERE origin = ?", [report.origin])

    def _many(self, table: str, rows: list[list[Any]]) -> None:
        # One INSERT with many VALUES tuples: DuckDB's executemany runs a statement per row,
        # about ten times slower, and in a batch the parent's writes must keep up with every worker.
        if not rows:
            return
        marks = "(" + ", ".join("?" * len(rows[0])) + ")"
        for at in range(0, len(rows), ROWS_PER_INSERT):
            part = rows[at : at + ROWS_PER_INSERT]
            self.con.execute(
                f"INSERT INTO {table} VALUES " + ", ".join([marks] * len(part)), [v for row in part for v in row]
            )

    def _link(self, origin: str, report_id: str, content_hash: str | None) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO report_origins (origin, report_id, content_hash, seen)"
            " VALUES (?, ?, ?, current_timestamp)",
            [origin, report_id, content_hash],
        )

    def _delete(self, report_id: str) -> None:
        for table in CHILD_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])
        self.con.execute("DELETE FROM reports WHERE id = ?", [report_id])

    def delete(self, report_id: str) -> None:
        """Remove a report and its rows; the origins that pointed at it are forgotten too."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._delete(report_id)
            self.con.execute("DELETE FROM report_origins WHERE report_id = ?", [report_id])
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"could not delete report {report_id} ({_first_line(exc)})", source=str(self.path)) from None

    def link_origin(self, origin: str, report_id: str, content_hash: str | None = None) -> None:
        """Remember that ``origin`` held content already stored as ``report_id``."""
        self.con.execute("BEGIN TRANSACTION")
        self._link(origin, report_id, content_hash)
        self.con.execute("DELETE FROM failures WHERE origin = ?", [origin])
        self.con.execute("COMMIT")

    def record_failure(self, origin: str, error: str, *, step: str | None = None) -> None:
        """Note that ``origin`` could not be analysed; a later successful save clears it."""
        self.con.execute(
            "INSERT OR REPLACE INTO failures (origin, error, failed_at, step) VALUES (?, ?, current_timestamp, ?)",
            [origin, error, step],
        )

    # -- reading -----------------------------------------------------------------------

    def has(self, report_id: str) -> bool:
        return bool(self.con.execute("SELECT 1 FROM reports WHERE id = ?", [report_id]).fetchone())

    def has_origin(self, origin: str) -> bool:
        """Whether a report made from ``origin`` (a path, URL or JSONL line) is stored."""
        return bool(self.con.execute("SELECT 1 FROM report_origins WHERE origin = ?", [origin]).fetchone())

    def get(self, report_id: str) -> Report:
        """A stored report by id, or by a unique prefix of its id."""
        rows = self.con.execute("SELECT report FROM reports WHERE id = ?", [report_id]).fetchall()
        if not rows and report_id:
            prefix = report_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self.con.execute(
                "SELECT report FROM reports WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2", [prefix]
            ).fetchall()
            if len(rows) > 1:
                raise NotFound(f"more than one stored report starts with {report_id!r}; give more of the id")
        if not rows:
            raise NotFound(f"no stored report with id {report_id!r}; `newsaudit history` lists them")
        return Report.from_dict(json.loads(rows[0][0]))

    def count(self) -> int:
        return self.con.execute("SELECT count(*) FROM reports").fetchone()[0]

    def history(self, *, limit: int = 50, search: str | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Stored reports, newest first; ``search`` matches title, site, URL, a source's name or a quote."""
        from .queries import history

        return history(self, limit=limit, search=search, offset=offset)

    def failures(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT origin, step, error, failed_at FROM failures ORDER BY failed_at DESC, origin"
        if limit is not None:
            return self.rows(sql + " LIMIT ?", [limit])
        return self.rows(sql)

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run ``sql`` and return its rows as dicts keyed by column name."""
        try:
            cur = self.con.execute(sql, params or [])
        except duckdb.Error as exc:
            raise StoreError(f"query failed ({_first_line(exc)})", source=str(self.path)) from None
        if cur.description is None:
            return []
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def iter_reports(self) -> Iterator[Report]:
        cur = self.con.execute("SELECT report FROM reports ORDER BY stored, id")
        while True:
            batch = cur.fetchmany(100)
            if not batch:
                break
            for (blob,) in batch:
                yield Report.from_dict(json.loads(blob))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def open_store(
    path: str | Path | None = None, *, settings: Any = None, read_only: bool = False, sandbox: bool = False
) -> Store:
    """Open (creating if needed) the store at ``path`` or the configured default."""
    if path is None:
        from ..settings import load_settings

        path = (settings or load_settings()).store.resolved_path()
    if read_only and not Path(path).exists():
        raise NotFound(f"no store at {path}; analyse something first or pass --db")
    store = Store(path, read_only=read_only, sandbox=sandbox)
    if read_only and store.schema_version() < MIGRATIONS[-1][0]:
        # A store written by an older newsaudit: bring it up to date once, then reopen as asked.
        store.close()
        Store(path).close()
        store = Store(path, read_only=True, sandbox=sandbox)
    return store
