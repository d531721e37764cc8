"""Date normalisation and the timeline stage. Expected values worked out by hand from the texts."""

from __future__ import annotations

from datetime import date

import pytest

from newsaudit.article.dates import find_dates, parse_anchor
from newsaudit.article.timeline import sort_key
from newsaudit.models import TimelineEvent

from _venezuela_page import article_analyzer, venezuela_document

ANCHOR = date(2019, 5, 14)  # a Tuesday


def values(text: str, anchor: date | None = ANCHOR, tense: str | None = None) -> list[tuple[str, str, str]]:
    return [(m.text, m.value.iso, m.value.granularity)
            for m in find_dates(text, anchor, tense_at=(lambda _o: tense))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("their phone call on May 3 that", [("May 3", "2019-05-03", "day")]),
        ("the failed April 30 uprising", [("April 30", "2019-04-30", "day")]),
        ("banned sales of arms in 2006, leading", [("2006", "2006", "year")]),
        ("about $9 billion since 2010.", [("2010", "2010", "year")]),
        ("On March 23 Russia sent", [("March 23", "2019-03-23", "day")]),
        ("asked last week about", [("last week", "2019-W19", "week")]),
        ("will be weighed up today by", [("today", "2019-05-14", "day")]),
        ("He left yesterday.", [("yesterday", "2019-05-13", "day")]),
        ("It closed two years ago.", [("two years ago", "2017", "year")]),
        ("It opened on March 1, 2008.", [("March 1, 2008", "2008-03-01", "day")]),
        ("It opened on 1 March 2008.", [("1 March 2008", "2008-03-01", "day")]),
        ("It opened in March 2008.", [("March 2008", "2008-03", "month")]),
        ("It was built in the 1990s.", [("the 1990s", "199", "decade")]),
        ("Sales rose last month.", [("last month", "2019-04", "month")]),
        ("Prices fell earlier this year.", [("earlier this year", "2019", "year")]),
        ("It was filed 2019-02-01.", [("2019-02-01", "2019-02-01", "day")]),
    ],
)
def test_expressions_normalise_against_the_publication_date(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    ["He may go.", "They march on.", "Some 2000 troops arrived.", "It rose 2010%.", "It cost $2006."],
)
def test_non_dates_are_left_alone(text):
    assert values(text) == []


def test_a_month_without_a_year_is_the_nearest_one():
    # December 2018 is five months before the report, December 2019 seven months after.
    assert values("It happened in December.") == [("December", "2018-12", "month")]


def test_future_tense_moves_an_ambiguous_weekday_forward():
    assert values("They meet on Friday.", tense="future") == [("Friday", "2019-05-17", "day")]
    assert values("They met on Friday.", tense="past") == [("Friday", "2019-05-10", "day")]


def test_relative_dates_need_a_publication_date():
    assert values("He left yesterday and returned on May 3.", anchor=None) == []
    assert values("It was sold in 2006.", anchor=None) == [("2006", "2006", "year")]


def test_parse_anchor_reads_iso_dates_and_datetimes():
    assert parse_anchor("2019-05-14") == date(2019, 5, 14)
    assert parse_anchor("2019-05-14T08:00:00+00:00") == date(2019, 5, 14)
    assert parse_anchor("last Tuesday") is None
    assert parse_anchor(None) is None


def test_sort_key_orders_mixed_granularities_chronologically():
    events = [
        TimelineEvent(date="2019-W19", granularity="week"),
        TimelineEvent(date="2019-05-03", granularity="day"),
        TimelineEvent(date="199", granularity="decade"),
        TimelineEvent(date="2006", granularity="year"),
    ]
    assert [e.date for e in sorted(events, key=sort_key)] == ["199", "2006", "2019-05-03", "2019-W19"]


@pytest.mark.model
def test_venezuela_timeline():
    report = article_analyzer().analyze(venezuela_document())
    explicit = [(e.text, e.date, e.granularity) for e in report.timeline if not e.inferred]
    for item in [
        ("2006", "2006", "year"),
        ("2010", "2010", "year"),
        ("March 23", "2019-03-23", "day"),
        ("April 30", "2019-04-30", "day"),
        ("May 3", "2019-05-03", "day"),
        ("last week", "2019-W19", "week"),
        ("today", "2019-05-14", "day"),
        ("May 11", "2019-05-11", "day"),  # the caption of the Guaido photograph
    ]:
        assert item in explicit
    dates = [e.date for e in report.timeline if not e.inferred]
    assert dates.index("2006") < dates.index("2010") < dates.index("2019-03-23") < dates.index("2019-05-03")
    may3 = next(e for e in report.timeline if e.text == "May 3")
    assert "Putin" in may3.actors and "phone call on May 3" in may3.sentence
    assert report.article.text[may3.start:may3.end] == "May 3"
    caption = next(e for e in report.timeline if e.text == "May 11")
    assert caption.caption_index is not None and caption.start == caption.end == 0


@pytest.mark.model
def test_undated_sentences_are_anchored_at_publication_and_flagged(make_doc):
    doc = make_doc("The minister resigned. She had served since 2010.", published="2020-02-03")
    report = article_analyzer().analyze(doc)
    inferred = [e for e in report.timeline if e.inferred]
    assert [(e.date, e.text, e.sentence) for e in inferred] == [("2020-02-03", "", "The minister resigned.")]
    assert [e.date for e in report.timeline if not e.inferred] == ["2010"]


@pytest.mark.model
def test_no_publication_date_gives_a_diagnostic_and_only_absolute_dates(make_doc):
    report = article_analyzer().analyze(make_doc("Talks began yesterday. The embargo dates from 2006."))
    assert [e.date for e in report.timeline] == ["2006"]
    assert any(d.code == "no-published-date" for d in report.diagnostics)
