"""DuckDB store. One transaction per report; re-storing the same content replaces it."""

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


class Store:
    """A DuckDB file holding reports and flat tables derived from them."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open the store ({exc})", source=str(path)) from None
        if not read_only:
            self.migrate()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def migrate(self) -> None:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied TIMESTAMP DEFAULT current_timestamp)"
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
                raise StoreError(f"migration {version} failed ({exc})", source=str(self.path)) from None

    # -- writing -----------------------------------------------------------------------

    def save(self, report: Report) -> str:
        """Store one report in a single transaction, replacing any with the same id."""
        names = {s.id: s for s in report.sources}
        a = report.article
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._delete(report.id)
            self.con.execute(
                "INSERT INTO reports (id, content_hash, created, title, url, site, published, input_kind, origin,"
                " n_words, n_sources, n_anonymous, n_quotes, n_comments, outruns_sourcing, report)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    report.id, report.content_hash, report.created, a.title, a.url, a.site, a.published,
                    report.input_kind, report.origin, len(a.text.split()), len(report.sources),
                    sum(1 for s in report.sources if s.anonymous), len(report.quotes), len(report.comments),
                    report.headline.outruns_sourcing, json.dumps(report.to_dict(), ensure_ascii=False),
                ],
            )
            rid = report.id
            self._many("sources", [
                [rid, s.id, s.name, s.label, s.anonymous, s.role, len(s.mentions), len(s.quote_ids)]
                for s in report.sources
            ])
            self._many("quotes", [
                [rid, q.id, q.text, q.type, q.source_id, names[q.source_id].name if q.source_id in names else None,
                 names[q.source_id].anonymous if q.source_id in names else None, q.cue, q.start, q.end]
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
                 names[f.source_id].name if f.source_id in names else None, f.start, f.end]
                for i, f in enumerate(report.figures)
            ])
            self._many("comments", [
                [rid, c.id, c.author, c.text, c.parent_id, c.parent_inferred, c.posted, c.stance,
                 c.civility.uncivil if c.civility else None, c.civility.score if c.civility else None, c.on_topic]
                for c in report.comments
            ])
            if report.origin:
                self.con.execute("DELETE FROM failures WHERE origin = ?", [report.origin])
            self.con.execute("COMMIT")
        except Exception as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"could not store report {report.id} ({exc}); nothing was written", source=str(self.path)) from None
        return report.id

    def _many(self, table: str, rows: list[list[Any]]) -> None:
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            self.con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    def _delete(self, report_id: str) -> None:
        for table in CHILD_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])
        self.con.execute("DELETE FROM reports WHERE id = ?", [report_id])

    def delete(self, report_id: str) -> None:
        self.con.execute("BEGIN TRANSACTION")
        self._delete(report_id)
        self.con.execute("COMMIT")

    def record_failure(self, origin: str, error: str) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO failures (origin, error, failed_at) VALUES (?, ?, current_timestamp)", [origin, error]
        )

    # -- reading -----------------------------------------------------------------------

    def has(self, report_id: str) -> bool:
        return bool(self.con.execute("SELECT 1 FROM reports WHERE id = ?", [report_id]).fetchone())

    def has_origin(self, origin: str) -> bool:
        return bool(self.con.execute("SELECT 1 FROM reports WHERE origin = ? LIMIT 1", [origin]).fetchone())

    def get(self, report_id: str) -> Report:
        """A stored report by id, or by a unique prefix of its id."""
        rows = self.con.execute(
            "SELECT report FROM reports WHERE id = ? OR id LIKE ? ORDER BY id = ? DESC LIMIT 2",
            [report_id, report_id.replace("%", "") + "%", report_id],
        ).fetchall()
        if not rows:
            raise NotFound(f"no stored report with id {report_id!r}; `newsaudit history` lists them")
        return Report.from_dict(json.loads(rows[0][0]))

    def count(self) -> int:
        return self.con.execute("SELECT count(*) FROM reports").fetchone()[0]

    def history(self, *, limit: int = 50, search: str | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT id, stored, title, site, published, input_kind, n_sources, n_anonymous, n_quotes, n_comments,"
            " outruns_sourcing FROM reports"
        )
        params: list[Any] = []
        if search:
            sql += (
                " WHERE title ILIKE ? OR site ILIKE ? OR url ILIKE ?"
                " OR id IN (SELECT report_id FROM sources WHERE name ILIKE ?)"
                " OR id IN (SELECT report_id FROM quotes WHERE text ILIKE ?)"
            )
            like = f"%{search}%"
            params = [like] * 5
        sql += " ORDER BY stored DESC, id LIMIT ?"
        params.append(limit)
        return self.rows(sql, params)

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
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


def open_store(path: str | Path | None = None, *, settings: Any = None, read_only: bool = False) -> Store:
    """Open (creating if needed) the store at ``path`` or the configured default."""
    if path is None:
        from ..settings import load_settings

        path = (settings or load_settings()).store.resolved_path()
    if read_only and not Path(path).exists():
        raise NotFound(f"no store at {path}; analyse something first or pass --db")
    return Store(path, read_only=read_only)
