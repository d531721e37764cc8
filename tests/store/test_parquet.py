"""Parquet partitions: written from the hand-built corpus, read by DuckDB, imported into a real store."""

from __future__ import annotations

import dataclasses
import json
import shutil

import duckdb
import pytest

from newsaudit.store import Store
from newsaudit.store.parquet import DATASETS, done_origins, import_parquet, partition_keys, write_partition

from .conftest import budget, minister, storm

TABLES = ("reports", "sources", "quotes", "statements", "timeline", "figures", "comments", "report_origins")


def counts(db) -> dict[str, int]:  # noqa: ANN001
    with Store(db, read_only=True) as store:
        return {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def rows(db, table: str) -> list[tuple]:  # noqa: ANN001
    """A table's rows without the columns that record when they were written."""
    skip = {"stored", "seen"}
    with Store(db, read_only=True) as store:
        cols = [c[0] for c in store.con.execute(f"DESCRIBE {table}").fetchall() if c[0] not in skip]
        return sorted(store.con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)


@pytest.fixture
def parts(tmp_path):
    """Two tasks: minister and budget in one, storm in the other."""
    out = tmp_path / "parts"
    write_partition(out, [minister(), budget()], key="a")
    write_partition(out, [storm()], key="b")
    return out


def test_each_table_is_a_dataset_duckdb_reads_with_one_file_per_task(parts):
    assert partition_keys(parts) == ["a", "b"]
    con = duckdb.connect()
    read = lambda table: con.execute(f"SELECT count(*) FROM read_parquet('{parts}/{table}/*.parquet')").fetchone()[0]
    # Counted by hand in tests/store/conftest.py: quotes 3 + 1 + 1, comments 4 + 1 + 0, origins one each.
    assert (read("reports"), read("quotes"), read("comments"), read("report_origins")) == (3, 5, 5, 3)
    assert con.execute(f"SELECT source_name FROM read_parquet('{parts}/quotes/part-b.parquet')").fetchall() == [
        ("John Roe",)]
    # storm has no comments and no statements: its task writes no empty files for them.
    assert not (parts / "comments" / "part-b.parquet").exists()
    assert not (parts / "statements").exists()
    assert sorted(p.name for p in parts.rglob("*") if p.is_file() and p.name.startswith(".")) == []


def test_nothing_to_write_writes_nothing(tmp_path):
    assert write_partition(tmp_path / "out", []) is None
    assert not (tmp_path / "out").exists()


def test_the_import_stores_the_same_rows_as_saving_each_report(parts, filled_db, tmp_path):
    db = tmp_path / "imported.duckdb"
    with Store(db) as store:
        summary = import_parquet(store, parts)
    assert (summary.partitions, summary.reports, summary.duplicates, summary.origins) == (2, 3, 0, 3)
    for table in TABLES:
        assert rows(db, table) == rows(filled_db, table), table
    assert rows(db, "report_origins")[0][0] == "/corpus/budget.json"


def test_importing_twice_adds_nothing(parts, tmp_path):
    db = tmp_path / "imported.duckdb"
    with Store(db) as store:
        import_parquet(store, parts)
    before = counts(db)
    with Store(db) as store:
        again = import_parquet(store, parts)
    assert (again.reports, again.duplicates) == (0, 3)
    assert counts(db) == before


def test_the_same_content_in_two_tasks_is_stored_once_under_both_origins(tmp_path):
    out, db = tmp_path / "parts", tmp_path / "s.duckdb"
    write_partition(out, [minister()], key="a")
    write_partition(out, [dataclasses.replace(minister(), origin="/mirror/minister.json")], key="b")
    with Store(db) as store:
        summary = import_parquet(store, out, files_per_transaction=1)
        assert (summary.reports, summary.duplicates, summary.transactions) == (1, 1, 2)
        assert store.count() == 1
        assert store.has_origin("/corpus/minister.json") and store.has_origin("/mirror/minister.json")
        # As in a batch into the store, the first task's report stays and the second is only linked.
        assert store.rows("SELECT origin FROM reports") == [{"origin": "/corpus/minister.json"}]
    assert counts(db)["quotes"] == 3  # not 6


def test_an_imported_origin_is_no_longer_a_failure(parts, tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.record_failure("/corpus/storm.json", "cut off", step="read")
        store.record_failure("https://www.dailyexample.org/storm", "timed out", step="read")
        import_parquet(store, parts)
        assert [f["origin"] for f in store.failures()] == ["/corpus/storm.json"]


def test_done_origins_are_those_of_complete_tasks(parts):
    assert done_origins(parts) == {"/corpus/minister.json", "/corpus/budget.json", "https://www.dailyexample.org/storm"}
    (parts / "reports" / "part-b.parquet").unlink()  # as if killed before the last rename
    assert done_origins(parts) == {"/corpus/minister.json", "/corpus/budget.json"}
    assert done_origins(parts.parent / "nowhere") == set()


def test_what_a_killed_task_leaves_is_ignored(parts, tmp_path):
    """A hidden temporary and child files without their reports file: not part of the dataset."""
    (parts / "reports" / ".part-c.parquet.tmp").write_bytes(b"PAR1 half written")
    shutil.copy(parts / "quotes" / "part-a.parquet", parts / "quotes" / "part-c.parquet")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        assert import_parquet(store, parts).partitions == 2
    assert counts(db)["quotes"] == 5


def _cut_in_half(path):  # noqa: ANN001, ANN202
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbage(path):  # noqa: ANN001, ANN202
    path.write_bytes(b"this is not parquet at all, just some text " * 20)


@pytest.mark.parametrize("damage", [_cut_in_half, _garbage], ids=["truncated", "garbage"])
def test_a_corrupt_file_leaves_the_store_unchanged_with_one_error_line(cli, parts, tmp_path, damage):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.save(storm())
    before = {t: rows(db, t) for t in TABLES}
    bad = parts / "comments" / "part-b.parquet"
    shutil.copy(parts / "comments" / "part-a.parquet", bad)  # the last task, so earlier batches would commit first
    damage(bad)
    result = cli("store", "import-parquet", str(parts), "--db", str(db), "--files-per-transaction", "1")
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "not a readable Parquet file" in lines[0], result.stderr
    assert {t: rows(db, t) for t in TABLES} == before


def test_a_file_with_foreign_columns_is_refused_before_anything_is_written(cli, parts, tmp_path):
    db = tmp_path / "s.duckdb"
    other = parts / "quotes" / "part-b.parquet"
    duckdb.connect().execute(f"COPY (SELECT 1 AS report_id, 'x' AS colour) TO '{other}' (FORMAT PARQUET)")
    result = cli("store", "import-parquet", str(parts), "--db", str(db))
    assert result.exit_code != 0
    assert "unknown columns colour" in result.stderr
    assert counts(db)["reports"] == 0


def test_an_empty_folder_is_an_error_that_says_what_was_expected(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    result = cli("store", "import-parquet", str(tmp_path / "empty"), "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code != 0
    assert "reports/part-*.parquet" in result.stderr


def test_the_cli_imports_and_the_queries_read_the_result(cli, parts, tmp_path):
    db = str(tmp_path / "s.duckdb")
    result = cli("store", "import-parquet", str(parts), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3 reports imported, 0 already stored, 3 origins linked, from 2 partitions")
    quotes = cli("query", "quotes", "--source", "Jane Doe", "--db", db, "--format", "json")
    assert quotes.exit_code == 0, quotes.output
    assert sorted(q["text"] for q in json.loads(quotes.stdout)) == [
        "I have done nothing wrong", "she would cooperate with the inquiry", "the budget is balanced"]


def test_every_store_table_with_report_rows_has_a_dataset():
    from newsaudit.store.duck import CHILD_TABLES

    assert set(DATASETS) == {"reports", "report_origins", *CHILD_TABLES}


def test_a_task_that_cannot_write_every_file_leaves_no_partition(tmp_path):
    out = tmp_path / "parts"
    out.mkdir()
    (out / "comments").write_text("a file where the comments folder should be")  # mkdir fails after sources, quotes
    from newsaudit.errors import StoreError

    with pytest.raises(StoreError, match="could not write Parquet partition a"):
        write_partition(out, [minister()], key="a")
    assert partition_keys(out) == []
    assert [p.name for p in out.rglob("*.parquet*")] == []


def test_a_folder_whose_name_reads_as_a_glob_is_read_literally(tmp_path):
    # DuckDB reads each path given to read_parquet as a glob: "run[1]" would read "run1" instead
    wanted, sibling = tmp_path / "run[1]", tmp_path / "run1"
    write_partition(wanted, [minister()], key="a")
    write_partition(sibling, [storm()], key="a")
    assert done_origins(wanted) == {minister().origin}
    db = tmp_path / "store.duckdb"
    with Store(db) as store:
        summary = import_parquet(store, wanted)
        titles = store.con.execute("SELECT title FROM reports").fetchall()
    assert summary.reports == 1
    assert titles == [(minister().article.title,)]
