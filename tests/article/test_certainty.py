"""Statement certainty: hedged, attributed or asserted, with the deciding cues."""

from __future__ import annotations

import pytest

from newsaudit.article.hedging import find_cues, is_dev, tokenize

from _venezuela_page import article_analyzer, venezuela_document


@pytest.mark.parametrize(
    ("sentence", "cues"),
    [
        ("Mr Putin is believed to have told Trump", ["is believed to"]),
        ("Russia has reportedly drawn up a document", ["reportedly"]),
        ("It is unclear if they have remained", ["it is unclear"]),
        ("Mr Sechin is said to be obsessed", ["is said to"]),
        ("He allegedly took the money", ["allegedly"]),
        ("The troops left on Tuesday", []),
    ],
)
def test_lexicon_cues(sentence, cues):
    assert [c for _, _, c in find_cues(tokenize(sentence))] == cues


def test_a_lone_modal_needs_the_md_tag():
    words = ["he", "may", "go"]
    assert find_cues(words, tags=["PRP", "MD", "VB"]) == [(1, 2, "may")]
    assert find_cues(["in", "may", "2019"], tags=["IN", "NNP", "CD"]) == []


def test_could_not_is_inability_not_doubt():
    assert find_cues(["he", "could", "not", "fly"], tags=["PRP", "MD", "RB", "VB"]) == []


def test_dev_split_is_a_fixed_function_of_the_text():
    assert is_dev("A sentence.") == is_dev("A sentence.\n")  # the CSV's trailing newline does not move it
    share = sum(is_dev(f"sentence number {i}") for i in range(2000)) / 2000
    assert 0.15 < share < 0.25


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "certainty", "cue"),
    [
        ("Mr Putin is believed to have told Mr Trump that he disliked Mr Maduro.", "hedged", "is believed to"),
        ("Russia has reportedly drawn up a legal document.", "hedged", "reportedly"),
        ("It is unclear if the troops have remained in the country.", "hedged", "it is unclear"),
        ("The minister may resign next week.", "hedged", "may"),
        ("According to the ministry, the plant closed in 2006.", "attributed", "according to"),
        ("The US banned sales of arms to Venezuela in 2006.", "asserted", None),
    ],
)
def test_sentence_certainty(make_doc, text, certainty, cue):
    report = article_analyzer().analyze(make_doc(text, published="2019-05-14"))
    [statement] = report.statements
    assert statement.certainty == certainty
    assert (cue in statement.cues) if cue else statement.cues == ()
    assert report.article.text[statement.start:statement.end] == text


@pytest.mark.model
def test_hedges_inside_a_quote_belong_to_the_source(make_doc):
    text = '"The deal may collapse," said John Smith, the finance minister.'
    report = article_analyzer().analyze(make_doc(text))
    if not report.quotes:
        pytest.skip("the quotes stage is not in this tree yet")
    [statement] = report.statements
    assert statement.certainty == "attributed"
    assert statement.source_ids and "may" not in statement.cues


@pytest.mark.model
def test_venezuela_statements():
    report = article_analyzer().analyze(venezuela_document())

    def find(prefix):
        return next(s for s in report.statements if s.text.startswith(prefix))

    assert find("But Mr Putin is believed to have told").certainty == "hedged"
    assert find("Russia has reportedly drawn up").cues == ("reportedly",)
    assert find("Until recently Russia was thought to").certainty == "hedged"
    assert find("Russia’s support for Venezuela is said to").certainty == "hedged"
    assert find("Rosneft has spent about $9 billion").certainty == "asserted"
    assert find("It is unclear if they have remained").certainty == "hedged"
    # No statement runs across a paragraph break.
    assert not any("\n\n" in s.text for s in report.statements)
    for s in report.statements:
        if not s.in_caption:
            assert report.article.text[s.start:s.end] == s.text
    captions = [s for s in report.statements if s.in_caption]
    assert {s.caption_index for s in captions} == {0, 1, 2}
    assert all(s.start == s.end == 0 for s in captions)
    assert any(s.certainty == "hedged" and "reportedly" in s.cues for s in captions if s.caption_index == 2)


@pytest.mark.model
def test_venezuela_anonymous_sources():
    report = article_analyzer().analyze(venezuela_document())
    if not report.sources:
        pytest.skip("the quotes stage is not in this tree yet")
    sources = {s.id: s for s in report.sources}
    uprising = next(s for s in report.statements if s.text.startswith("During the failed April 30 uprising"))
    assert uprising.certainty == "attributed"
    assert uprising.anonymous_only and all(sources[i].anonymous for i in uprising.source_ids)
    sanders = next(s for s in report.statements if "said Sarah Huckabee Sanders" in s.text)
    assert sanders.certainty == "attributed" and not sanders.anonymous_only


@pytest.mark.model
def test_the_bundled_example_hedges():
    from _venezuela_page import example_document

    report = article_analyzer().analyze(example_document())
    hedged = {c for s in report.statements if s.certainty == "hedged" for c in s.cues}
    # examples/README.md lists: "is believed to have approved", "would reportedly be", "is said to be
    # planning", "is said to be eyeing" (a caption), "may also cut", "It is unclear whether".
    assert {"is believed to", "reportedly", "is said to", "may", "it is unclear"} <= hedged
    eyeing = next(s for s in report.statements if "eyeing the whole estuary" in s.text)
    assert eyeing.in_caption and eyeing.certainty == "hedged"


@pytest.mark.model
def test_a_hedge_in_a_noun_modifier_does_not_hedge_the_sentence(make_doc):
    text = "Juan Guaido, the opposition leader widely seen as the legitimate ruler, flew to Bogota on Monday."
    [statement] = article_analyzer().analyze(make_doc(text)).statements
    assert statement.certainty != "hedged" and "widely seen as" not in statement.cues
