"""The store through the real CLI with real analyses: analyze, history, show, query."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsaudit.store import Store

pytestmark = pytest.mark.model

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example-page.txt"
TITLE = "Ministers Agree $4.2 Billion Sale Of Kessick Port To Foreign Consortium"  # first line of the example


@pytest.fixture
def stored(cli, tmp_path):
    db = str(tmp_path / "store.duckdb")
    result = cli("analyze", str(EXAMPLE), "--format", "json", "--db", db)
    assert result.exit_code == 0, result.output
    return db, json.loads(result.output)


def test_history_json_lists_the_analysis(cli, stored):
    db, report = stored
    result = cli("history", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["id"], r["title"]) for r in rows] == [(report["id"], TITLE)]
    assert rows[0]["n_comments"] == len(report["comments"])


def test_analysing_the_same_page_again_does_not_duplicate(cli, stored):
    db, report = stored
    again = json.loads(cli("analyze", str(EXAMPLE), "--format", "json", "--db", db).output)
    assert again["id"] == report["id"]
    with Store(db) as store:
        assert store.count() == 1
        assert store.rows("SELECT count(*) AS n FROM comments") == [{"n": len(report["comments"])}]
        assert store.rows("SELECT count(*) AS n FROM quotes") == [{"n": len(report["quotes"])}]


def test_show_by_id_prefix_gives_the_stored_report(cli, stored):
    db, report = stored
    result = cli("show", report["id"][:7], "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    for key in ("id", "article", "sources", "quotes", "figures", "timeline", "comments"):
        assert shown[key] == report[key]


def test_show_an_unknown_id_is_one_line_and_exit_5(cli, stored):
    db, _ = stored
    result = cli("show", "0000000000000000", "--db", db)
    assert result.exit_code == 5
    assert result.output.startswith("newsaudit: error: no stored report")


def test_history_search_finds_the_report_by_a_word_of_its_title(cli, stored):
    db, report = stored
    rows = json.loads(cli("history", "--db", db, "--search", "kessick", "--format", "json").output)
    assert [r["id"] for r in rows] == [report["id"]]
    assert json.loads(cli("history", "--db", db, "--search", "no-such-words", "--format", "json").output) == []


def test_queries_on_a_real_analysis_agree_with_its_report(cli, stored):
    db, report = stored
    sources = json.loads(cli("query", "sources", "--db", db, "--format", "json").output)
    assert sum(r["sources"] for r in sources) == len(report["sources"])
    assert sum(r["anonymous"] for r in sources) == sum(s["anonymous"] for s in report["sources"])
    quotes = json.loads(cli("query", "quotes", "--db", db, "--format", "json").output)
    assert sorted(q["text"] for q in quotes) == sorted(q["text"] for q in report["quotes"])
    figures = json.loads(cli("query", "figures", "--db", db, "--format", "json").output)
    assert len(figures) == len(report["figures"]) + len(report["timeline"])
    threads = json.loads(cli("query", "threads", "--db", db, "--format", "json").output)
    assert [(t["report_id"], t["comments"]) for t in threads] == [(report["id"], len(report["comments"]))]


def test_bad_input_writes_nothing_to_the_store(cli, stored, tmp_path):
    db, _ = stored
    bad = tmp_path / "bad.json"
    bad.write_text('{"article": ', encoding="utf-8")
    result = cli("analyze", str(bad), "--db", db)
    assert result.exit_code == 2
    with Store(db) as store:
        assert store.count() == 1
