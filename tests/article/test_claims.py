"""The headline's claim, its evidence in the body, and whether it outruns its sourcing."""

from __future__ import annotations

import pytest

from newsaudit.article.claims import central_claim, sentence_case

from _venezuela_page import article_analyzer, venezuela_document

BODY = "Officials said Putin met Maduro and Apple talked to Beats in Caracas."


@pytest.mark.parametrize(
    ("title", "claim", "frame"),
    [
        ("US And Russia To Discuss Fate Of Venezuela Amid Reports Putin Will Not Prop Up Maduro",
         "Putin will not prop up Maduro", "reports"),
        ("Putin Will Not Prop Up Maduro, Sources Say", "Putin will not prop up Maduro", "reports"),
        ("Reports: Apple To Buy Beats", "Apple to buy Beats", "reports"),
        ("Minister To Resign Over Expenses Scandal", "Minister to resign over expenses scandal", None),
        ("Crisis In Caracas: Maduro Flees As Troops Defect", "Maduro flees", None),
        ("Will Maduro Flee To Caracas?", "Will Maduro flee to Caracas", "question"),
        ("Apple may buy Beats", "Apple may buy Beats", "may"),
    ],
)
def test_central_claim(title, claim, frame):
    assert central_claim(title, BODY) == (claim, frame)


def test_sentence_case_leaves_ordinary_headlines_alone():
    assert sentence_case("Putin will not prop up Maduro", BODY) == "Putin will not prop up Maduro"
    assert sentence_case("The EU And NATO Meet Again", "") == "The EU and NATO meet again"


def test_empty_title_gives_an_empty_headline_record():
    assert central_claim("", BODY) == ("", None)


@pytest.mark.model
def test_venezuela_headline():
    report = article_analyzer().analyze(venezuela_document())
    headline = report.headline
    assert headline.claim == "Putin will not prop up Maduro"
    scores = [e.score for e in headline.evidence]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 3
    # The most direct support: "armed with the knowledge Mr Putin is not committed to propping up Mr Maduro".
    assert "not committed to propping up Mr Maduro" in headline.evidence[0].text
    hedged = next(e for e in headline.evidence if e.text.startswith("But Mr Putin is believed to"))
    assert hedged.certainty == "hedged"
    for e in headline.evidence:
        assert report.article.text[e.start:e.end] == e.text
    # The headline itself frames the claim as reports, and the paper asserts it in its own voice.
    assert headline.outruns_sourcing is False
    # What the claim rests on, read off the page: the paper's own sentence (Pompeo "armed with the
    # knowledge"), "one Venezuelan source" (anonymous), "is believed to have told" (hedged),
    # Vladimir Frolov (named).
    assert headline.frame == "reports"
    assert headline.backing["own_voice"] >= 1 and headline.backing["anonymous_only"] >= 1
    assert headline.backing["hedged"] >= 1 and headline.backing["named"] >= 1
    assert sum(headline.backing.values()) == len(headline.evidence)


@pytest.mark.model
def test_a_headline_stated_as_fact_over_a_hedged_body_outruns_its_sourcing(make_doc):
    doc = make_doc(
        "The minister is believed to be preparing to resign over the expenses scandal. "
        "Parliament meets on Tuesday to debate the budget.",
        title="Minister To Resign Over Expenses Scandal",
    )
    headline = article_analyzer().analyze(doc).headline
    assert headline.claim == "Minister to resign over expenses scandal"
    assert headline.outruns_sourcing is True
    assert "is believed to" in headline.reason
    assert [e.certainty for e in headline.evidence] == ["hedged"]


@pytest.mark.model
def test_anonymous_sources_alone_do_not_carry_a_factual_headline(make_doc):
    doc = make_doc(
        "The minister will resign over the expenses scandal, sources told the newspaper.",
        title="Minister To Resign Over Expenses Scandal",
    )
    headline = article_analyzer().analyze(doc).headline
    assert headline.outruns_sourcing is True
    assert "anonymous" in headline.reason


@pytest.mark.model
def test_a_body_that_asserts_the_claim_supports_the_headline(make_doc):
    doc = make_doc(
        "The minister resigned over the expenses scandal on Monday. The scandal was first reported in May.",
        title="Minister Resigns Over Expenses Scandal",
    )
    headline = article_analyzer().analyze(doc).headline
    assert headline.outruns_sourcing is False and headline.reason is None
    assert headline.evidence[0].certainty == "asserted"


@pytest.mark.model
def test_a_body_unrelated_to_the_headline_says_so(make_doc):
    doc = make_doc("Rain is expected across the north on Friday.", title="Minister Resigns Over Expenses Scandal")
    headline = article_analyzer().analyze(doc).headline
    assert headline.evidence == () and headline.outruns_sourcing is False
    assert headline.reason == "no body sentence bears on the headline's claim"


@pytest.mark.model
def test_article_records_round_trip_and_validate(validate_report):
    from newsaudit.models import Report

    report = article_analyzer().analyze(venezuela_document())
    data = validate_report(report)
    again = Report.from_dict(data)
    assert again.headline == report.headline
    assert again.statements == report.statements and again.timeline == report.timeline
    assert again.figures == report.figures


@pytest.mark.model
def test_the_bundled_example_headline_outruns_its_sourcing():
    # examples/README.md: the headline states as a done deal what the body only attributes to
    # unnamed people and hedges, while the one on-the-record official denies it.
    from _venezuela_page import example_document

    headline = article_analyzer().analyze(example_document()).headline
    assert headline.claim == "Ministers agree $4.2 billion sale of Kessick port to foreign consortium"
    assert headline.outruns_sourcing is True
    assert "is believed to" in headline.reason and "anonymous" in headline.reason
    assert any(e.text.startswith("The transport ministry is believed to have approved") for e in headline.evidence)


@pytest.mark.model
def test_an_attribution_whose_speaker_was_not_found_is_no_named_support(make_doc):
    doc = make_doc(
        "The minister will resign over the expenses scandal, it was announced. "
        "The minister will resign over the expenses scandal, sources told the newspaper.",
        title="Minister To Resign Over Expenses Scandal",
    )
    headline = article_analyzer().analyze(doc).headline
    assert headline.frame is None
    # "it was announced": attributed, but to nobody the text names
    assert headline.backing["unknown_source"] == 1 and headline.backing["named"] == 0
    assert headline.outruns_sourcing is True


def test_backing_counts_each_kind_once():
    from newsaudit.article.claims import backing
    from newsaudit.models import Statement

    def st(certainty, ids=(), anon=False):
        return Statement(text="x", start=0, end=1, certainty=certainty, source_ids=ids, anonymous_only=anon)

    counts = backing([(st("asserted"), None), (st("attributed", ("s1",)), "agree"),
                      (st("attributed", ("s2",), anon=True), None), (st("attributed"), None),
                      (st("hedged", ("s3",)), None), (st("attributed", ("s4",)), "disagree")])
    assert counts == {"own_voice": 1, "named": 1, "anonymous_only": 1, "unknown_source": 1, "hedged": 1,
                      "disputing": 1}
