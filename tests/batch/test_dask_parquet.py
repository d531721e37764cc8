"""--out-parquet on a real Dask LocalCluster (a scheduler, two single-threaded workers), then the import.

The cluster runs once for the module; the tests read what it left. The inputs are four
short pages, a copy of the first under a second origin and a line that is not JSON.
"""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from newsaudit.cli import main
from newsaudit.store import Store

from .test_batch import TOPICS, page

pytestmark = [pytest.mark.model, pytest.mark.slow]

REPORT_COLUMNS = ("id, content_hash, title, url, site, published, input_kind, n_words, n_sources, n_anonymous,"
                  " n_quotes, n_comments, outruns_sourcing, headline_claim, headline_reason")
CHILDREN = ("sources", "quotes", "statements", "timeline", "figures", "comments", "report_origins")


def invoke(*args: str):  # noqa: ANN202
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def summary(result) -> dict:  # noqa: ANN001
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def run(tmp_path_factory):  # noqa: ANN201
    pytest.importorskip("distributed")
    root = tmp_path_factory.mktemp("parquet")
    docs, out = root / "docs.jsonl", root / "out"
    docs.write_text("\n".join([page(t) for t in TOPICS[:4]] + [page(TOPICS[0]), "{broken"]) + "\n", encoding="utf-8")
    result = invoke("batch", str(docs), "--engine", "dask", "--workers", "2", "--chunk-size", "1",
                    "--out-parquet", str(out), "--db", str(root / "absent.duckdb"), "--json")
    return {"root": root, "docs": docs, "out": out, "summary": summary(result)}


@pytest.fixture(scope="module")
def stores(run):  # noqa: ANN201
    """The same inputs through a local batch into one store, and the cluster's Parquet imported into another."""
    local, imported = run["root"] / "local.duckdb", run["root"] / "imported.duckdb"
    summary(invoke("batch", str(run["docs"]), "--workers", "0", "--db", str(local), "--json"))
    loaded = summary(invoke("store", "import-parquet", str(run["out"]), "--db", str(imported), "--json"))
    return {"local": local, "imported": imported, "import": loaded}


def table(db, sql: str) -> list[tuple]:  # noqa: ANN001
    with Store(db, read_only=True) as store:
        return sorted(store.con.execute(sql).fetchall(), key=repr)


def test_the_client_gets_outcomes_and_counts_the_duplicate_and_the_broken_line(run):
    s = run["summary"]
    assert (s["done"], s["duplicates"], s["failed"], s["skipped"]) == (4, 1, 1, 0)
    assert s["failures"][0]["origin"] == f"{run['docs']}#L6"
    assert "malformed JSON" in s["failures"][0]["reason"]
    assert not (run["root"] / "absent.duckdb").exists()  # the client wrote no store


def test_each_task_wrote_its_partition_files_that_duckdb_reads(run):
    out = run["out"]
    keys = sorted(p.name for p in (out / "reports").glob("part-*.parquet"))
    assert len(keys) == 5  # one per task that had a report: chunk size 1, five good lines
    con = duckdb.connect()
    reports = con.execute(f"SELECT id, title FROM read_parquet('{out}/reports/*.parquet')").fetchall()
    assert sorted({title for _, title in reports}) == sorted(f"Council approves new {t}" for t in TOPICS[:4])
    assert len({rid for rid, _ in reports}) == 4  # the copy has the same id: content hash
    quotes = con.execute(f"SELECT text, source_name FROM read_parquet('{out}/quotes/*.parquet')"
                         " WHERE type = 'direct'").fetchall()
    assert quotes == [('"It will open in 2026,"', "Ann Lee")] * 5
    # No half files: every file is a finished partition of one of those tasks.
    files = [p for p in out.rglob("*") if p.is_file()]
    assert all(p.name in keys for p in files), files


def test_the_broken_line_left_no_partition(run):
    con = duckdb.connect()
    origins = {row[0] for row in con.execute(
        f"SELECT origin FROM read_parquet('{run['out']}/report_origins/*.parquet')").fetchall()}
    assert origins == {f"{run['docs']}#L{n}" for n in range(1, 6)}


def test_the_import_gives_the_rows_of_a_local_batch(stores):
    assert (stores["import"]["reports"], stores["import"]["duplicates"]) == (4, 1)
    local, imported = stores["local"], stores["imported"]
    assert table(imported, f"SELECT {REPORT_COLUMNS} FROM reports") == table(local, f"SELECT {REPORT_COLUMNS} FROM reports")
    for name in CHILDREN:
        columns = "origin, report_id, content_hash" if name == "report_origins" else "*"
        assert table(imported, f"SELECT {columns} FROM {name}") == table(local, f"SELECT {columns} FROM {name}"), name
    # Checked by hand against the pages: one comment each, and Ann Lee's direct quote in all four.
    assert table(imported, "SELECT text FROM comments") == sorted(
        (f"About time the {t} was built.",) for t in TOPICS[:4])
    assert table(imported, "SELECT count(*) FROM quotes WHERE source_name = 'Ann Lee'") == [(4,)]


def test_importing_again_adds_nothing(stores, run):
    count = ("SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM comments),"
             " (SELECT count(*) FROM quotes WHERE source_name = 'Ann Lee'), (SELECT count(*) FROM quotes)")
    before = table(stores["imported"], count)
    again = summary(invoke("store", "import-parquet", str(run["out"]), "--db", str(stores["imported"]), "--json"))
    assert (again["reports"], again["duplicates"]) == (0, 5)
    assert table(stores["imported"], count) == before
    assert before[0][:3] == (4, 4, 4)  # four pages, one comment and one quote by Ann Lee each


def test_the_queries_read_the_imported_store(stores):
    result = invoke("query", "quotes", "--source", "Ann Lee", "--db", str(stores["imported"]), "--format", "json")
    assert result.exit_code == 0, result.output
    assert sorted(q["title"] for q in json.loads(result.stdout)) == sorted(
        f"Council approves new {t}" for t in TOPICS[:4])


def test_a_rerun_skips_what_is_written_or_stored_and_retries_the_broken_line(run, stores):
    again = summary(invoke("batch", str(run["docs"]), "--workers", "0", "--out-parquet", str(run["out"]),
                           "--db", str(run["root"] / "absent.duckdb"), "--json"))
    assert (again["done"], again["skipped"], again["failed"]) == (0, 5, 1)
    assert len(list((run["out"] / "reports").glob("part-*.parquet"))) == 5
    fresh = run["root"] / "fresh"
    from_store = summary(invoke("batch", str(run["docs"]), "--workers", "0", "--out-parquet", str(fresh),
                                "--db", str(stores["imported"]), "--json"))
    assert (from_store["done"], from_store["skipped"], from_store["failed"]) == (0, 5, 1)
    assert not (fresh / "reports").exists()


def test_a_chunk_whose_files_cannot_be_written_fails_its_documents(run):
    out = run["root"] / "unwritable"
    out.mkdir()
    (out / "comments").write_text("a file where the comments folder should be")
    result = summary(invoke("batch", str(run["docs"]), "--workers", "0", "--chunk-size", "6",
                            "--out-parquet", str(out), "--db", str(run["root"] / "absent.duckdb"), "--json"))
    assert (result["done"], result["failed"]) == (0, 6)
    reasons = {f["origin"]: f["reason"] for f in result["failures"]}
    assert "could not write Parquet partition" in reasons[f"{run['docs']}#L1"]
    assert "malformed JSON" in reasons[f"{run['docs']}#L6"]
    assert not (out / "reports").exists()
