"""Corpus queries over a real store filled with the hand-built reports of conftest.py.

Expected figures are counted by hand from minister(), budget() and storm().
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from newsaudit.errors import InputError, StoreError
from newsaudit.store import Store, open_store, queries

from .conftest import minister


@pytest.fixture
def store(filled_db):
    with open_store(filled_db, read_only=True) as s:
        yield s


def test_sources_by_outlet_with_share_anonymous(store):
    rows = queries.sources(store)
    assert rows == [
        # minister: Jane Doe + a senior official; budget: Jane Doe + people familiar. 4 quotes, 1 anonymous.
        {"site": "example-times.com", "articles": 2, "sources": 4, "named": 2, "anonymous": 2,
         "share_anonymous": 0.5, "quotes": 4, "share_quotes_anonymous": 0.25},
        # storm names no site: the outlet is its URL host without www.
        {"site": "dailyexample.org", "articles": 1, "sources": 1, "named": 1, "anonymous": 0,
         "share_anonymous": 0.0, "quotes": 1, "share_quotes_anonymous": 0.0},
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"site": "DAILY"}, [("dailyexample.org", 1)]),
        ({"role": "expert"}, [("dailyexample.org", 1)]),
        ({"role": "Official"}, [("example-times.com", 3)]),
        ({"anonymous": True}, [("example-times.com", 2)]),
        ({"anonymous": False, "site": "times"}, [("example-times.com", 2)]),
        ({"role": "witness"}, []),
    ],
)
def test_sources_filters(store, filters, expected):
    assert [(r["site"], r["sources"]) for r in queries.sources(store, **filters)] == expected


def test_quotes_by_a_named_source_across_articles(store):
    rows = queries.quotes(store, source="jane doe")
    # budget (2024-04-01) before minister (2024-05-03); within minister in reading order.
    assert [r["text"] for r in rows] == [
        "the budget is balanced",
        "I have done nothing wrong",
        "she would cooperate with the inquiry",
    ]
    assert {r["source"] for r in rows} == {"Jane Doe"}
    assert rows[0]["title"] == "Budget passes"


def test_quotes_match_the_label_and_filter_by_type(store):
    assert [r["text"] for r in queries.quotes(store, source="meteorologist")] == ["It will be a busy year"]
    direct = queries.quotes(store, type="direct")
    assert sorted(r["text"] for r in direct) == ["I have done nothing wrong", "It will be a busy year"]
    assert [r["anonymous"] for r in queries.quotes(store, source="senior")] == [True]


def test_outruns_lists_only_headlines_that_outrun_their_sourcing(store):
    rows = queries.outruns(store)
    assert [(r["title"], r["claim"], r["reason"]) for r in rows] == [
        ("Minister to resign amid probe", "Minister to resign", "only an anonymous source supports the resignation")
    ]
    assert rows[0]["report_id"] == minister().id
    assert queries.outruns(store, site="dailyexample") == []


def test_threads_ranked_by_share_denying(store):
    rows = queries.threads(store)
    # minister: 4 comments, 2 deny, 1 support, 1 query, 1 of 4 uncivil; budget: 1 support, civility unknown.
    assert [(r["title"], r["comments"], r["deny"], r["share_deny"]) for r in rows] == [
        ("Minister to resign amid probe", 4, 2, 0.5),
        ("Budget passes", 1, 0, 0.0),
    ]
    assert rows[0]["share_uncivil"] == 0.25
    assert rows[1]["share_uncivil"] is None
    assert [r["title"] for r in queries.threads(store, min_comments=2)] == ["Minister to resign amid probe"]


def test_figures_and_dates_across_articles(store):
    rows = queries.figures(store)
    assert [(r["kind"], r["text"], r["value"], r["unit"], r["date"]) for r in rows] == [
        ("date", "this year", None, "year", "2023"),  # storm, 2023-06-01
        ("percent", "40 percent", 40.0, "percent", None),  # budget, 2024-04-01
        ("date", "Friday", None, "day", "2024-05-03"),  # minister: the date at 110 precedes the money at 120
        ("money", "$3 million", 3_000_000.0, "USD", None),
    ]
    assert rows[3]["source"] == "a senior official"
    assert [r["text"] for r in queries.figures(store, kind="date")] == ["this year", "Friday"]
    assert [r["text"] for r in queries.figures(store, unit="usd")] == ["$3 million"]


def test_limit(store):
    assert len(queries.quotes(store, limit=2)) == 2


def test_sql_runs_read_only_and_cannot_reach_other_files(filled_db, tmp_path):
    with open_store(filled_db, read_only=True, sandbox=True) as store:
        assert queries.sql(store, "SELECT count(*) AS n FROM quotes") == [{"n": 5}]
        with pytest.raises(InputError):
            queries.sql(store, "DELETE FROM reports")
        with pytest.raises(InputError):
            queries.sql(store, f"COPY reports TO '{tmp_path / 'out.csv'}'")
        with pytest.raises(InputError, match="tables are"):
            queries.sql(store, "SELECT * FROM no_such_table")
    assert not (tmp_path / "out.csv").exists()
    with Store(filled_db) as store:
        assert store.count() == 3
        with pytest.raises(StoreError, match="read-only"):
            queries.sql(store, "SELECT 1")


# -- through the real CLI -------------------------------------------------------------------


def test_cli_query_sources_json(cli, filled_db):
    result = cli("query", "sources", "--db", str(filled_db), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["site"], r["share_anonymous"]) for r in rows] == [("example-times.com", 0.5), ("dailyexample.org", 0.0)]


def test_cli_query_quotes_csv(cli, filled_db):
    result = cli("query", "quotes", "--db", str(filled_db), "--source", "Jane", "--type", "direct", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["source"], r["text"], r["type"]) for r in rows] == [("Jane Doe", "I have done nothing wrong", "direct")]


def test_cli_query_table_prints_untrusted_text_as_written(cli, tmp_path):
    from .conftest import report
    from newsaudit.models import Article

    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.save(report("markup", article=Article(title="[bold red]Not markup[/] <b>x</b>", site="s.example")))
    result = cli("query", "sql", "SELECT title FROM reports", "--db", str(path))
    assert result.exit_code == 0, result.output
    assert "[bold red]Not markup[/] <b>x</b>" in result.output


@pytest.mark.parametrize("name", ["outruns", "threads", "figures"])
def test_cli_query_each_ready_question_runs(cli, filled_db, name):
    result = cli("query", name, "--db", str(filled_db), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)


def test_cli_query_sql_refuses_a_write_with_one_line(cli, filled_db):
    result = cli("query", "sql", "DROP TABLE quotes", "--db", str(filled_db))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("newsaudit: error:")
    with Store(filled_db) as store:
        assert store.rows("SELECT count(*) AS n FROM quotes") == [{"n": 5}]


def test_cli_query_on_a_missing_store_is_not_found(cli, tmp_path):
    result = cli("query", "sources", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 5
    assert "no store" in result.output
