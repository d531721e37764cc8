"""Batch runs with the real pipeline, the real CLI, real worker processes and a real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsaudit.store import Store

pytestmark = pytest.mark.model

TOPICS = ["harbour", "railway", "school", "hospital", "bridge", "airport"]


def page(topic: str) -> str:
    """A short news document in newsaudit's JSON input format, different for each topic."""
    return json.dumps({
        "article": {
            "title": f"Council approves new {topic}",
            "text": f"The council approved the new {topic} on Monday. "
                    f"\"It will open in 2026,\" said Ann Lee, the council leader.",
            "published": "2024-03-04",
        },
        "comments": [{"id": "1", "author": "reader", "text": f"About time the {topic} was built."}],
    })


def write(folder: Path, topics: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for topic in topics:
        (folder / f"{topic}.json").write_text(page(topic), encoding="utf-8")


def summary(result) -> dict:  # noqa: ANN001
    assert result.exit_code == 0, result.output
    return json.loads(result.output.strip().splitlines()[-1])


def test_a_rerun_skips_what_is_stored_and_records_a_broken_item(cli, tmp_path):
    corpus, db = tmp_path / "corpus", str(tmp_path / "store.duckdb")
    write(corpus, TOPICS[:3])
    first = summary(cli("batch", str(corpus), "--db", db, "--workers", "2", "--json"))
    assert (first["done"], first["skipped"], first["failed"]) == (3, 0, 0)

    write(corpus, TOPICS[3:5])
    (corpus / "broken.json").write_text('{"article": {"title": "cut off', encoding="utf-8")
    second = summary(cli("batch", str(corpus), "--db", db, "--workers", "2", "--json"))
    assert (second["done"], second["skipped"], second["failed"]) == (2, 3, 1)
    assert second["failures"][0]["origin"] == str((corpus / "broken.json").resolve())
    assert "malformed JSON" in second["failures"][0]["reason"]

    with Store(db) as store:
        assert store.count() == 5
        assert {r["title"] for r in store.history()} == {f"Council approves new {t}" for t in TOPICS[:5]}
        failures = store.failures()
        assert [(f["origin"], f["step"]) for f in failures] == [(str((corpus / "broken.json").resolve()), "read")]


def test_a_fixed_item_is_retried_and_its_failure_cleared(cli, tmp_path):
    corpus, db = tmp_path / "corpus", str(tmp_path / "store.duckdb")
    corpus.mkdir()
    (corpus / "late.json").write_text("{", encoding="utf-8")
    assert summary(cli("batch", str(corpus), "--db", db, "--workers", "0", "--json"))["failed"] == 1
    (corpus / "late.json").write_text(page("library"), encoding="utf-8")
    again = summary(cli("batch", str(corpus), "--db", db, "--workers", "0", "--json"))
    assert (again["done"], again["failed"]) == (1, 0)
    with Store(db) as store:
        assert store.failures() == []


def test_the_same_content_under_a_second_name_is_stored_once(cli, tmp_path):
    corpus, db = tmp_path / "corpus", str(tmp_path / "store.duckdb")
    write(corpus, ["harbour"])
    (corpus / "copy-of-harbour.json").write_text(page("harbour"), encoding="utf-8")
    result = summary(cli("batch", str(corpus), "--db", db, "--workers", "0", "--json"))
    assert (result["done"], result["duplicates"]) == (1, 1)
    with Store(db) as store:
        assert store.count() == 1
        assert store.has_origin(str((corpus / "copy-of-harbour.json").resolve()))


def test_force_analyses_again_without_duplicating(cli, tmp_path):
    corpus, db = tmp_path / "corpus", str(tmp_path / "store.duckdb")
    write(corpus, TOPICS[:2])
    cli("batch", str(corpus), "--db", db, "--workers", "0", "--json")
    forced = summary(cli("batch", str(corpus), "--db", db, "--workers", "0", "--force", "--json"))
    assert (forced["done"], forced["skipped"]) == (2, 0)
    with Store(db) as store:
        assert store.count() == 2
        assert store.rows("SELECT count(*) AS n FROM comments") == [{"n": 2}]


def test_a_jsonl_file_is_one_document_per_line(cli, tmp_path):
    path, db = tmp_path / "docs.jsonl", str(tmp_path / "store.duckdb")
    path.write_text("\n".join([page("harbour"), "not json", page("bridge")]) + "\n", encoding="utf-8")
    result = summary(cli("batch", str(path), "--db", db, "--workers", "0", "--json"))
    assert (result["done"], result["failed"]) == (2, 1)
    assert result["failures"][0]["origin"] == f"{path}#L2"
    with Store(db) as store:
        origins = {r["origin"] for r in store.rows("SELECT origin FROM reports")}
    assert origins == {f"{path}#L1", f"{path}#L3"}


def test_text_summary_names_counts_and_failures(cli, tmp_path):
    corpus, db = tmp_path / "corpus", str(tmp_path / "store.duckdb")
    write(corpus, ["harbour"])
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    result = cli("batch", str(corpus), "--db", db, "--workers", "0")
    assert result.exit_code == 0, result.output
    assert "1 done, 0 skipped (already stored), 1 failed" in result.output
    assert "empty.txt: input is empty" in result.output


def test_the_pool_keeps_a_bounded_number_of_chunks_in_flight(settings, tmp_path):
    """Memory stays flat: the engine pulls a chunk only when one has come back."""
    from newsaudit.batch.engines import local_outcomes
    from newsaudit.batch.inputs import Item

    pulled = {"n": 0}

    def chunks():
        for n in range(12):
            pulled["n"] += 1
            yield [Item(origin=f"mem#{n}", kind="jsonl", text=page(TOPICS[n % len(TOPICS)]))]

    ahead = []
    got = 0
    for outcomes in local_outcomes(chunks(), workers=2, settings=settings, in_flight=3):
        got += len(outcomes)
        ahead.append(pulled["n"] - got)
        assert outcomes[0].report is not None
    assert got == 12
    assert max(ahead) <= 3


def test_a_pipeline_that_cannot_load_stops_the_batch_with_one_line(cli, tmp_path):
    corpus, db = tmp_path / "corpus", str(tmp_path / "store.duckdb")
    write(corpus, ["harbour"])
    config = tmp_path / "settings.toml"
    config.write_text('[analysis]\nmodel = "no_such_spacy_model"\n', encoding="utf-8")
    result = cli("--config", str(config), "batch", str(corpus), "--db", db, "--workers", "0")
    assert result.exit_code == 1
    assert result.output.startswith("newsaudit: error: the analysis pipeline cannot be built")
    with Store(db) as store:
        assert store.count() == 0 and store.failures() == []


def test_a_missing_input_is_refused_before_anything_runs(cli, tmp_path):
    result = cli("batch", str(tmp_path / "absent"), "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_scheduler_needs_the_dask_engine(cli, tmp_path):
    result = cli("batch", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.output
