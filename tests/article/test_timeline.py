"""Date normalisation and the timeline stage. Expected values worked out by hand from the texts."""

from __future__ import annotations

from datetime import date

import pytest

from newsaudit.article.dates import find_dates, is_comparison_baseline, parse_anchor
from newsaudit.article.timeline import events_in_doc, sort_key
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


# ---- rules added 2026-11-29: quarters, days counted from a written day, generic "tomorrow",
# comparison baselines, and the present-tense statement beside a dated phrase. Sentences written
# for these tests; ANCHOR is Tuesday 2019-05-14, in the second quarter.


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("The bank lost money in the third quarter of 2016.", "past",
         [("the third quarter of 2016", "2016-Q3", "quarter")]),
        ("Profits doubled in the first quarter of last year.", "past",
         [("the first quarter of last year", "2018-Q1", "quarter")]),
        ("Output shrank in the fourth-quarter 2017 figures.", "past",
         [("the fourth-quarter 2017", "2017-Q4", "quarter")]),
        # no year: the nearest such quarter, looking back in a past-tense sentence
        ("In the fourth quarter, sales fell.", "past", [("the fourth quarter", "2018-Q4", "quarter")]),
        ("Sales will recover in the third quarter.", "future", [("the third quarter", "2019-Q3", "quarter")]),
        ("The final quarter of 2015 was weak.", "past",
         [("The final quarter of 2015", "2015-Q4", "quarter")]),
    ],
)
def test_calendar_quarters(text, tense, expected):
    assert values(text, tense=tense) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The retailer's fiscal third quarter ended well.",  # a fiscal quarter need not be the calendar's
        "A quarter of the shops closed.",
        "She reached the second quarter-final.",
        "Sales may fall, said May Evans.",  # "may" the modal and May the name
        "The shop employs 2000 workers.",
    ],
)
def test_quarter_and_month_look_alikes_are_not_dates(text):
    assert values(text, tense="past") == []


def test_a_following_day_counts_from_the_last_written_day():
    assert values("The ship docked on April 2 and sailed the following day.") == [
        ("April 2", "2019-04-02", "day"), ("the following day", "2019-04-03", "day")]
    assert values("Voting began on 8 May; counting ended two days later.") == [
        ("8 May", "2019-05-08", "day"), ("two days later", "2019-05-10", "day")]
    # chained: the second counts from the first
    assert values("Talks opened on April 2, resumed the next day and ended three days later.")[-1] == (
        "three days later", "2019-04-06", "day")


@pytest.mark.parametrize(
    "text",
    [
        "Nobody knew what the next day would bring.",  # nothing written to count from
        "On April 2 they met, the day before the vote.",  # counted from an event, not a date
        "It arrives on April 2, three days later than planned.",  # a delay, not a date
    ],
)
def test_relative_days_without_a_written_day_are_not_guessed(text):
    assert [v for v in values(text) if v[0] != "April 2"] == []


def test_tomorrow_in_general_is_not_a_date():
    assert values("They design the trains of tomorrow.") == []
    assert values("They design trains and ship them tomorrow.") == [("tomorrow", "2019-05-15", "day")]


def test_a_year_with_a_possessive_is_still_the_year():
    assert values("The council said 2016's floods cost millions.") == [("2016", "2016", "year")]


@pytest.mark.parametrize(
    ("text", "baseline"),
    [
        ("Orders rose 12% in March compared to the same period last year.",
         {"last year": True, "March": False}),
        ("Its share climbed to 9%, up from 6% a year ago.", {"a year ago": True}),
        ("Exports fell 8% last month from the previous year.", {"last month": False, "previous year": True}),
        ("Rents are higher than in 2011.", {"2011": True}),
        ("Deliveries run from 2020 to 2023.", {"2020": False, "2023": False}),  # a range
        ("Profit rose 4% from 2012, when the firm lost money.", {"2012": False}),  # narrated
        ("She has lived there from 2001.", {"2001": False}),  # no figure compared
        ("The mill was sold in 2006.", {"2006": False}),
    ],
)
def test_comparison_baselines(text, baseline):
    found = {m.text: is_comparison_baseline(text, m) for m in find_dates(text, ANCHOR)}
    assert found == baseline


def test_sort_key_places_a_quarter_at_its_first_day():
    events = [
        TimelineEvent(date="2019-05-03", granularity="day"),
        TimelineEvent(date="2019-Q2", granularity="quarter"),
        TimelineEvent(date="2019-03-30", granularity="day"),
    ]
    assert [e.date for e in sorted(events, key=sort_key)] == ["2019-03-30", "2019-Q2", "2019-05-03"]


def _timeline(nlp, text: str, published: str):
    return events_in_doc(nlp(text), published)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "anchored"),
    [
        # the statement is made now; the dates belong to what is stated
        ("The airline says it lost money in 2016 and hopes to repay its loans by 2022.", True),
        ("The mayor has announced that the bridge, closed since 2015, will reopen.", True),
        # the date belongs to the main verb, or the main verb is not a present statement
        ("The airline lost money in 2016.", False),
        ("The mayor announced on Tuesday that the bridge will reopen.", False),
        ("It is expected that the bridge will reopen on June 3.", False),
        ("The airline said it lost money in 2016.", False),
        # "Monday morning" still dates the main verb: the noun is part of the date, not a thing
        ("The council announces Monday morning that it sold the park in 2010.", False),
    ],
)
def test_a_present_statement_beside_a_dated_phrase_is_anchored_at_publication(nlp, text, anchored):
    events = _timeline(nlp, text, "2019-05-14")
    inferred = [e for e in events if e.inferred]
    assert any(not e.inferred for e in events)  # the written dates are still there, unchanged
    assert bool(inferred) == anchored
    for e in inferred:
        assert (e.date, e.text) == ("2019-05-14", "")
        assert text[e.start:e.end].strip() == text


@pytest.mark.model
def test_a_comparison_baseline_is_not_a_timeline_event(nlp):
    text = "Orders rose 12% compared to the same period last year."
    events = _timeline(nlp, text, "2019-05-14")
    assert [(e.date, e.inferred) for e in events] == [("2019-05-14", True)]
