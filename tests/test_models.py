"""The records round-trip through JSON exactly, and offsets stay out of equality."""

from __future__ import annotations

import json

from newsaudit.models import (
    Article, Civility, Comment, Evidence, Figure, Headline, Mention, Quote, Report, Source, Statement,
    TimelineEvent,
)


def _full_report() -> Report:
    return Report(
        id="abc",
        content_hash="abc123",
        article=Article(title="T", text="Body text.", authors=("A. Writer",), captions=("A caption",)),
        sources=(Source(id="s1", name="Jane Roe", label="Jane Roe, an analyst", role="expert",
                        mentions=(Mention(text="Jane Roe", start=0, end=8),), quote_ids=("q1",)),),
        quotes=(Quote(id="q1", text="Body", type="direct", source_id="s1", cue="said", start=0, end=4),),
        statements=(Statement(text="Body text.", start=0, end=10, certainty="hedged", cues=("may",)),),
        headline=Headline(claim="T", evidence=(Evidence(text="Body text.", end=10, score=0.5),)),
        timeline=(TimelineEvent(date="2019-05-03", text="May 3", start=1, end=6),),
        figures=(Figure(text="$9 billion", value=9e9, unit="USD", kind="money"),),
        comments=(Comment(id="c1", author="x", text="hi", civility=Civility(uncivil=True, score=0.9,
                                                                           reasons=("idiot",))),),
        thread={"n_comments": 1},
    )


def test_report_round_trips_through_json():
    report = _full_report()
    again = Report.from_dict(json.loads(json.dumps(report.to_dict())))
    assert again == report
    assert again.to_dict() == report.to_dict()


def test_offsets_do_not_take_part_in_equality():
    a = Quote(id="q", text="x", type="direct", start=0, end=1)
    b = Quote(id="q", text="x", type="direct", start=5, end=6)
    assert a == b


def test_nested_records_come_back_as_records():
    again = Report.from_dict(_full_report().to_dict())
    assert isinstance(again.sources[0].mentions[0], Mention)
    assert isinstance(again.comments[0].civility, Civility)
    assert again.sources[0].mentions[0].end == 8


def test_report_document_drops_analysis_and_inferred_links():
    report = Report(
        article=Article(text="x"),
        comments=(
            Comment(id="1", text="a", stance="deny"),
            Comment(id="2", text="b", parent_id="1", parent_inferred=True),
            Comment(id="3", text="c", parent_id="1"),
        ),
    )
    doc = report.document()
    assert [c.parent_id for c in doc.comments] == [None, None, "1"]
    assert all(c.stance is None for c in doc.comments)
