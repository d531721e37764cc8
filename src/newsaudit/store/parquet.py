"""Reports as Parquet partitions: written by batch workers, imported into the store later.

On a cluster the store's single writer becomes the bottleneck, so each worker writes
its chunk's reports as Parquet files and the client only counts outcomes. The layout
is one dataset per store table, one file per task, named alike across datasets::

    DIR/reports/part-KEY.parquet          one row per report (columns of the store's table)
    DIR/sources/part-KEY.parquet          child tables: only those the chunk has rows for
    ...                                   (quotes, statements, timeline, figures, comments)
    DIR/report_origins/part-KEY.parquet   every origin the chunk analysed and its report id

DuckDB reads a dataset directly: ``SELECT * FROM read_parquet('DIR/quotes/*.parquet')``.
The rows are built by the store's own code (:meth:`Store.save` into an in-memory
DuckDB with the store's schema), then copied out with DuckDB's ``COPY ... TO``, so the
columns are the store's by construction and there is no second row builder.

A task's files are written under hidden temporary names and renamed into place,
``reports`` last: a task counts only once its ``reports`` file exists, so a killed run
leaves at most hidden temporaries and child files that every reader here ignores.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import duckdb

from ..errors import InputError, StoreError
from ..models import Report
from .duck import CHILD_TABLES, Store, _first_line

log = logging.getLogger(__name__)

# Written in this order; "reports" last, because its file marks the task as complete.
DATASETS = (*CHILD_TABLES, "report_origins", "reports")
FILES_PER_TRANSACTION = 64


def new_key() -> str:
    """A task key that sorts by time and does not collide across workers."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:16]


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write_partition(directory: str | Path, reports: Iterable[Report], *, key: str | None = None) -> str | None:
    """Write ``reports`` as one task's partition files under ``directory``; returns the key (None: nothing)."""
    reports = list(reports)
    if not reports:
        return None
    key = key or new_key()
    root = Path(directory)
    with Store(":memory:") as memory:
        # A worker is one process per core; DuckDB would otherwise start a thread per core for a few rows.
        memory.con.execute("SET threads = 1")
        for report in reports:
            memory.save(report)
        written: list[tuple[Path, Path]] = []
        try:
            for table in DATASETS:
                if not memory.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
                    continue
                folder = root / table
                folder.mkdir(parents=True, exist_ok=True)
                temporary, final = folder / f".part-{key}.parquet.tmp", folder / f"part-{key}.parquet"
                memory.con.execute(f"COPY (SELECT * FROM {table}) TO {_literal(temporary)} (FORMAT PARQUET)")
                written.append((temporary, final))
            for temporary, final in written:
                os.replace(temporary, final)
        except (duckdb.Error, OSError) as exc:
            for temporary, _ in written:
                temporary.unlink(missing_ok=True)
            raise StoreError(f"could not write Parquet partition {key} ({_first_line(exc)})", source=str(root)) from None
    return key


def partition_keys(directory: str | Path) -> list[str]:
    """Keys of the complete tasks under ``directory`` (those with a ``reports`` file), oldest first."""
    folder = Path(directory) / "reports"
    if not folder.is_dir():
        return []
    return sorted(p.name[len("part-"):-len(".parquet")] for p in folder.glob("part-*.parquet"))


def _file(directory: Path, table: str, key: str) -> Path:
    return directory / table / f"part-{key}.parquet"


def _files(directory: Path, table: str, keys: Iterable[str]) -> list[str]:
    """The files that exist, as patterns for ``read_parquet`` (see :func:`_literal_glob`)."""
    return [_literal_glob(f) for f in (_file(directory, table, k) for k in keys) if f.exists()]


def _literal_glob(path: Path) -> str:
    """``path`` as a DuckDB glob matching only itself: read_parquet reads every path as a glob,
    so a folder named ``run[1]`` would read ``run1``'s files (and ``a*b`` every ``a...b``)."""
    return "".join(f"[{ch}]" if ch in "[*?" else ch for ch in str(path))


def done_origins(directory: str | Path) -> set[str]:
    """Every origin of a complete task under ``directory``, so a resumed batch skips it."""
    root = Path(directory)
    files = _files(root, "report_origins", partition_keys(root))
    if not files:
        return set()
    con = duckdb.connect()
    try:
        return {row[0] for row in con.execute("SELECT DISTINCT origin FROM read_parquet(?)", [files]).fetchall()}
    except duckdb.Error as exc:
        raise StoreError(f"cannot read the origins already written ({_first_line(exc)})", source=str(root)) from None
    finally:
        con.close()


@dataclass(kw_only=True)
class ImportSummary:
    partitions: int = 0  # complete tasks read
    reports: int = 0  # reports added to the store
    duplicates: int = 0  # reports whose id (content hash) was stored already, or came twice
    origins: int = 0  # origins linked to their report
    transactions: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "partitions": self.partitions, "reports": self.reports, "duplicates": self.duplicates,
            "origins": self.origins, "transactions": self.transactions, "seconds": round(self.seconds, 2),
        }


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = 'main'"
        " ORDER BY ordinal_position", [table]).fetchall()]


def _check(store: Store, root: Path, keys: list[str]) -> None:
    """Read every file's footer and schema before writing anything, so a damaged file changes nothing."""
    for table in DATASETS:
        expected = set(_columns(store.con, table))
        needed = "origin" if table == "report_origins" else ("id" if table == "reports" else "report_id")
        for path in _files(root, table, keys):
            try:
                found = [row[0] for row in store.con.execute(
                    "DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()]
            except duckdb.Error as exc:
                raise InputError(f"not a readable Parquet file ({_first_line(exc)}); nothing was imported",
                                 source=path) from None
            unknown = sorted(set(found) - expected)
            if unknown or needed not in found:
                what = f"unknown columns {', '.join(unknown)}" if unknown else f"no {needed} column"
                raise InputError(f"not a newsaudit {table} partition ({what}); nothing was imported", source=path)


def _batches(keys: list[str], size: int) -> Iterator[list[str]]:
    for at in range(0, len(keys), size):
        yield keys[at : at + size]


def import_parquet(
    store: Store, directory: str | Path, *, files_per_transaction: int = FILES_PER_TRANSACTION
) -> ImportSummary:
    """Load the partitions under ``directory`` into ``store``, one transaction per batch of tasks.

    A report whose id is already stored is not stored again (its origins are still
    linked), so importing the same directory twice adds nothing. Every file is
    checked first; a file that turns out damaged later rolls back its own batch and
    stops the import, keeping the batches before it (running the import again is safe).
    """
    started = time.perf_counter()
    root = Path(directory)
    if not root.is_dir():
        raise InputError("no such directory; give the folder `newsaudit batch --out-parquet` wrote", source=str(root))
    keys = partition_keys(root)
    if not keys:
        raise InputError("no partitions here (expected reports/part-*.parquet)", source=str(root))
    _check(store, root, keys)
    summary = ImportSummary(partitions=len(keys))
    for batch in _batches(keys, max(1, files_per_transaction)):
        store.con.execute("BEGIN TRANSACTION")
        try:
            _import_batch(store.con, root, batch, summary)
            store.con.execute("COMMIT")
        except duckdb.Error as exc:
            store.con.execute("ROLLBACK")
            raise StoreError(
                f"import stopped at part-{batch[0]} ({_first_line(exc)}); that batch of {len(batch)} partitions "
                f"was rolled back, the {summary.transactions} batches before it are stored", source=str(root),
            ) from None
        summary.transactions += 1
    summary.seconds = time.perf_counter() - started
    return summary


def _import_batch(con: duckdb.DuckDBPyConnection, root: Path, keys: list[str], summary: ImportSummary) -> None:
    files = _files(root, "reports", keys)
    # One row per new id: the earliest task's, if two tasks analysed the same content (in the
    # store too the first report stays and a later duplicate is only linked to it).
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _parquet_new AS SELECT * EXCLUDE (rn) FROM ("
        " SELECT *, regexp_extract(filename, '[^/\\\\]+$') AS _part,"
        "  row_number() OVER (PARTITION BY id ORDER BY filename) AS rn"
        " FROM read_parquet(?, filename = true, union_by_name = true)) p"
        " WHERE rn = 1 AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = p.id)", [files])
    total = con.execute("SELECT count(*) FROM read_parquet(?)", [files]).fetchone()[0]
    added = con.execute("SELECT count(*) FROM _parquet_new").fetchone()[0]
    present = {row[0] for row in con.execute("DESCRIBE _parquet_new").fetchall()}
    # "stored" takes the time of the import, as a save would.
    columns = ", ".join(c for c in _columns(con, "reports") if c in present and c != "stored")
    con.execute(f"INSERT INTO reports ({columns}) SELECT {columns} FROM _parquet_new")
    for table in CHILD_TABLES:
        children = _files(root, table, keys)
        if children:
            con.execute(
                f"INSERT INTO {table} BY NAME SELECT c.* EXCLUDE (filename) FROM"
                " read_parquet(?, filename = true, union_by_name = true) c"
                " JOIN _parquet_new n ON c.report_id = n.id AND regexp_extract(c.filename, '[^/\\\\]+$') = n._part",
                [children])
    origins = _files(root, "report_origins", keys)
    if origins:
        con.execute(
            "INSERT OR REPLACE INTO report_origins (origin, report_id, content_hash, seen)"
            " SELECT origin, report_id, content_hash, seen FROM ("
            "  SELECT *, row_number() OVER (PARTITION BY origin ORDER BY filename DESC) AS rn"
            "  FROM read_parquet(?, filename = true)) WHERE rn = 1", [origins])
        summary.origins += con.execute("SELECT count(DISTINCT origin) FROM read_parquet(?)", [origins]).fetchone()[0]
        # As a save does: an origin that now has its report is no longer a failure.
        con.execute("DELETE FROM failures WHERE origin IN (SELECT origin FROM read_parquet(?))", [origins])
    con.execute("DROP TABLE _parquet_new")
    summary.reports += added
    summary.duplicates += total - added
