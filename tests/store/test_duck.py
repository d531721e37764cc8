"""The DuckDB store on real files: idempotent saves, all-or-nothing saves, lookups, migrations."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

from newsaudit.errors import NotFound, StoreError
from newsaudit.models import Figure
from newsaudit.store import Store, open_store
from newsaudit.store.migrations import MIGRATIONS

from .conftest import budget, minister, report


def table_counts(path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("reports", "sources", "quotes", "figures", "timeline", "comments", "report_origins")}
    finally:
        con.close()


def test_saved_report_reads_back_equal(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.save(minister())
        got = store.get(minister().id)
    assert got == minister()
    assert got.origin == "/corpus/minister.json"


def test_saving_the_same_report_twice_keeps_one_copy(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.save(minister())
        store.save(minister())
    # minister has 2 sources, 3 quotes, 1 figure, 1 date, 4 comments
    assert table_counts(path) == {"reports": 1, "sources": 2, "quotes": 3, "figures": 1, "timeline": 1,
                                  "comments": 4, "report_origins": 1}


def test_a_changed_analysis_of_the_same_content_replaces_the_old_one(tmp_path):
    path = tmp_path / "s.duckdb"
    fewer = dataclasses.replace(minister(), quotes=minister().quotes[:1])
    with Store(path) as store:
        store.save(minister())
        store.save(fewer)
        assert len(store.get(minister().id).quotes) == 1
    assert table_counts(path)["quotes"] == 1


def test_a_save_that_fails_part_way_leaves_the_previous_contents(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.save(minister())
        store.save(budget())
    before = table_counts(path)
    # Same id as the stored minister report; the figure's value is text, which the DOUBLE column
    # rejects, so the save fails after deleting the old rows and inserting the report, sources and quotes.
    broken = dataclasses.replace(minister(), quotes=minister().quotes[:1],
                                 figures=(Figure(text="lots", value="a great many"),))
    with Store(path) as store:
        with pytest.raises(StoreError, match="nothing was written"):
            store.save(broken)
        assert store.get(minister().id) == minister()
    assert table_counts(path) == before


def test_a_failed_save_of_a_new_report_writes_nothing(tmp_path):
    path = tmp_path / "s.duckdb"
    bad = report("bad", origin="/corpus/bad.json", figures=(Figure(text="x", value="not a number"),))
    with Store(path) as store:
        with pytest.raises(StoreError):
            store.save(bad)
        assert not store.has(bad.id)
        assert not store.has_origin("/corpus/bad.json")
    assert table_counts(path) == dict.fromkeys(table_counts(path), 0)


def test_the_store_is_usable_after_a_failed_save(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(StoreError):
            store.save(report("bad", figures=(Figure(text="x", value="nope"),)))
        store.save(budget())
        assert store.count() == 1


def test_get_by_unique_prefix(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.save(minister())
        store.save(budget())
        assert store.get(minister().id[:6]).article.title == "Minister to resign amid probe"


def test_get_refuses_an_ambiguous_prefix_and_an_unknown_id(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.save(dataclasses.replace(minister(), id="abc111"))
        store.save(dataclasses.replace(budget(), id="abc222"))
        with pytest.raises(NotFound, match="more than one"):
            store.get("abc")
        assert store.get("abc2").article.title == "Budget passes"
        with pytest.raises(NotFound, match="no stored report"):
            store.get("")
        with pytest.raises(NotFound, match="no stored report"):
            store.get("zz-not-an-id")
        with pytest.raises(NotFound):
            store.get("%")  # a LIKE wildcard is a literal character here


def test_history_lists_newest_first_and_searches_sources_and_quotes(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.save(budget())
        store.save(minister())
        ids = [r["id"] for r in store.history()]
        assert set(ids) == {minister().id, budget().id}
        assert [r["id"] for r in store.history(search="senior official")] == [minister().id]
        assert [r["id"] for r in store.history(search="BALANCED")] == [budget().id]
        assert {r["id"] for r in store.history(search="example-times")} == {minister().id, budget().id}
        assert store.history(search="100%") == []
        assert len(store.history(limit=1)) == 1


def test_origins_are_remembered_and_failures_cleared_by_a_later_save(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.record_failure("/corpus/minister.json", "could not read", step="read")
        assert [f["origin"] for f in store.failures()] == ["/corpus/minister.json"]
        store.save(minister())
        assert store.failures() == []
        assert store.has_origin("/corpus/minister.json")
        store.link_origin("/mirror/minister.json", minister().id, minister().content_hash)
        assert store.has_origin("/mirror/minister.json")
        assert store.count() == 1


def test_reopening_applies_no_migration_twice(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.save(minister())
    with Store(path) as store:
        assert store.schema_version() == MIGRATIONS[-1][0]
        assert store.con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)
        assert store.count() == 1


def test_a_version_1_store_is_migrated_with_its_reports_kept(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied TIMESTAMP)")
    con.execute(MIGRATIONS[0][1])
    con.execute("INSERT INTO schema_migrations VALUES (1, current_timestamp)")
    con.execute(
        "INSERT INTO reports (id, content_hash, origin, report) VALUES ('abc', 'abcdef', '/x.html', ?)",
        ['{"id": "abc", "headline": {"claim": "Big claim", "reason": "no source", "outruns_sourcing": true}}'],
    )
    con.close()
    with open_store(path, read_only=True) as store:
        assert store.schema_version() == MIGRATIONS[-1][0]
        assert store.has_origin("/x.html")
        assert store.rows("SELECT headline_claim, headline_reason FROM reports") == [
            {"headline_claim": "Big claim", "headline_reason": "no source"}]


def test_read_only_store_refuses_writes_and_a_missing_one_is_not_found(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.save(minister())
    with open_store(path, read_only=True) as store:
        with pytest.raises(StoreError):
            store.save(budget())
        assert store.count() == 1
    with pytest.raises(NotFound):
        open_store(tmp_path / "absent.duckdb", read_only=True)


def test_an_unopenable_store_is_a_store_error(tmp_path):
    (tmp_path / "junk.duckdb").write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(tmp_path / "junk.duckdb")
