"""Where a quote's content starts and ends, by PolNeAR's annotation rules.

Sentences written for these tests. The rules (PolNeAR guidelines, and the train split's
gold spans): "that" opening reported speech is content; the words of the reported clause
before a quotation are content; a preposition of the cue's verb group ('called for') is
not; nor is a recipient ('told me'), though the one urged to act is ('urged them to
go'); nor is a closing aside (', which ...', ', a former ...', ', saying ...'); quotations are kept whole,
marks included; a content span never crosses a paragraph break; a title in quotation
marks between the two halves of a split quotation does not break it; an opening curly
mark glued to the word before it and followed by a space closes the quotation.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsaudit.article.attribution import find_attributions
from newsaudit.article.quotemarks import find_quote_spans
from newsaudit.article.quotes import analyze_quotes

pytestmark = pytest.mark.model


def _contents(nlp, text):
    result = analyze_quotes(nlp(text))
    for q in result.quotes:
        assert text[q.start : q.end] == q.text
    return result.quotes


def test_that_before_a_quotation_is_part_of_the_content(nlp):
    text = 'The senator said that "the deal is finished for good."'
    (q,) = _contents(nlp, text)
    assert q.text == 'that "the deal is finished for good."'
    assert q.cue == "said"
    assert q.type == "direct"  # only "that" stands outside the marks


def test_subject_of_the_reported_clause_before_a_quotation_is_content(nlp):
    text = 'The governor said he "has never seen a storm like this one."'
    (q,) = _contents(nlp, text)
    assert q.text == 'he "has never seen a storm like this one."'
    assert q.type == "mixed"
    assert q.speaker == "The governor"


def test_subject_before_a_quotation_is_content_when_the_cue_follows(nlp):
    text = 'Cruz "has always shown a deep commitment to the law," the senator said.'
    (q,) = _contents(nlp, text)
    assert q.text == 'Cruz "has always shown a deep commitment to the law,"'
    assert q.type == "mixed"
    assert q.speaker == "the senator"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The golf club is ''doing much better than it has looked in years,'' said Mr. Smith.",
            "The golf club is ''doing much better than it has looked in years,''",
        ),
        (
            'The new tax plans are "profoundly irresponsible," said one economist.',
            'The new tax plans are "profoundly irresponsible,"',
        ),
    ],
)
def test_mixed_content_keeps_the_closing_mark_of_its_quotation(nlp, text, content):
    quotes = _contents(nlp, text)
    assert [q.text for q in quotes] == [content]
    assert quotes[0].type == "mixed"


def test_quotation_after_a_mixed_quote_continues_it(nlp):
    text = (
        'The new tax plans are "profoundly irresponsible," said one economist. '
        '"It just leaves people like me speechless."'
    )
    first, second = _contents(nlp, text)
    assert first.text == 'The new tax plans are "profoundly irresponsible,"'
    assert second.text == '"It just leaves people like me speechless."'
    assert second.cue == first.cue == "said"
    assert second.source_id == first.source_id is not None


def test_quotation_before_its_cue_keeps_its_own_bounds(nlp):
    text = '"The bridge will reopen in May," said Ann Lee.'
    (q,) = _contents(nlp, text)
    assert q.text == '"The bridge will reopen in May,"'


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The mayor called for a new vote on the budget.", "a new vote on the budget"),
        ("The union complained about the long hours at the plant.", "the long hours at the plant"),
        ("The minister responded to the charges against her staff.", "the charges against her staff"),
    ],
)
def test_preposition_of_the_cue_is_not_content(nlp, text, content):
    (q,) = _contents(nlp, text)
    assert q.text == content


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The mayor praised the new library, which opened in May.", "the new library"),
        ("The mayor praised Tom Baker, a retired teacher from Ohio.", "Tom Baker"),
    ],
)
def test_closing_aside_set_off_by_a_comma_is_not_content(nlp, text, content):
    quotes = _contents(nlp, text)
    assert quotes[0].text == content


def test_closing_participle_of_speech_is_an_attribution_of_its_own(nlp):
    text = 'The mayor said the bridge was safe, saying the report was "full of errors."'
    said, saying = _contents(nlp, text)
    assert (said.text, said.cue) == ("the bridge was safe", "said")
    assert (saying.text, saying.cue) == ('the report was "full of errors."', "saying")
    assert saying.type == "mixed"
    assert said.speaker == saying.speaker == "The mayor"
    assert said.source_id == saying.source_id


def test_restrictive_relative_clause_stays_in_the_content(nlp):
    text = "The mayor praised the teachers who stayed late every night."
    (q,) = _contents(nlp, text)
    assert q.text == "the teachers who stayed late every night"


def test_the_one_urged_to_act_is_content_but_a_recipient_is_not(nlp):
    (urged,) = _contents(nlp, "The governor urged tech companies to do more for the schools.")
    assert urged.text == "tech companies to do more for the schools"
    (told,) = _contents(nlp, "The coach told me the game was over.")
    assert told.text == "the game was over"


def test_infinitive_to_stays_in_the_content(nlp):
    text = "The council plans to close the old library next year."
    quotes = _contents(nlp, text)
    assert [q.text for q in quotes] == ["to close the old library next year"]


def test_long_speaker_description_between_two_halves_keeps_one_quotation(nlp):
    text = (
        '"We will fix every road in the county," said Ann Lee, who has run the transport office '
        "of the county since the spring flood and has promised many more buses before the first "
        'snow of the winter. "Nobody will wait long."'
    )
    quotes = _contents(nlp, text)
    first = next(q for q in quotes if "fix every road" in q.text)
    second = next(q for q in quotes if "Nobody" in q.text)
    assert second.text == '"Nobody will wait long."'
    assert (second.cue, second.cue_start) == (first.cue, first.cue_start) == ("said", first.cue_start)
    assert second.speaker == "Ann Lee"


def test_title_in_marks_between_two_halves_keeps_one_quotation(nlp):
    text = (
        '"I have always said I expect scrutiny," he said on "Face the Nation." '
        '"But nobody was ever treated like this before."'
    )
    quotes = _contents(nlp, text)
    first, second = quotes
    assert first.text == '"I have always said I expect scrutiny,"'
    assert second.text == '"But nobody was ever treated like this before."'
    assert (first.cue_start, first.cue_end) == (second.cue_start, second.cue_end)
    assert all("Face the Nation" not in q.text for q in quotes)


# A parse that runs one sentence across two paragraphs, as the model sometimes does after a
# quoted question: the clause of "continued" starts in the paragraph before. Built by hand
# so the mistake is the same every time. (word, space after, head, dep, pos, lemma)
_CROSSING = [
    ("Lee", True, 1, "nsubj", "PROPN", "Lee"),
    ("spoke", False, 1, "ROOT", "VERB", "speak"),
    (".", False, 1, "punct", "PUNCT", "."),
    ("\n\n", False, 2, "dep", "SPACE", "\n\n"),
    ('"', False, 6, "punct", "PUNCT", '"'),
    ("Why", True, 6, "advmod", "ADV", "why"),
    ("wait", True, 20, "ccomp", "VERB", "wait"),
    ("for", True, 6, "prep", "ADP", "for"),
    ("them", False, 7, "pobj", "PRON", "they"),
    ("?", False, 6, "punct", "PUNCT", "?"),
    ('"', False, 6, "punct", "PUNCT", '"'),
    ("\n\n", False, 10, "dep", "SPACE", "\n\n"),
    ('"', False, 6, "punct", "PUNCT", '"'),
    ("Well", False, 6, "intj", "INTJ", "well"),
    (",", True, 6, "punct", "PUNCT", ","),
    ("fine", True, 6, "advmod", "ADV", "fine"),
    ("then", False, 6, "advmod", "ADV", "then"),
    (",", False, 20, "punct", "PUNCT", ","),
    ('"', True, 20, "punct", "PUNCT", '"'),
    ("he", True, 20, "nsubj", "PRON", "he"),
    ("continued", False, 20, "ROOT", "VERB", "continue"),
    (".", False, 20, "punct", "PUNCT", "."),
]


def test_clause_run_across_a_paragraph_break_does_not_swallow_the_quotation(nlp):
    rows = _CROSSING
    doc = Doc(
        nlp.vocab,
        words=[r[0] for r in rows],
        spaces=[r[1] for r in rows],
        heads=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        pos=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
    )
    assert doc.text == 'Lee spoke.\n\n"Why wait for them?"\n\n"Well, fine then," he continued.'
    found = {tuple(doc.text[s:e] for s, e in a.content): a for a in find_attributions(doc, use_model=False)}
    att = found[('"Well, fine then,"',)]
    assert att.kind == "direct"
    assert att.cue_text == "continued"
    assert all("\n" not in doc.text[s:e] for a in found.values() for s, e in a.content)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("\u201cDo you want to be led by a fool?\u201c he asked.", ["\u201cDo you want to be led by a fool?\u201c"]),
        ("She loved the film \u201cFrozen\u201c and the books.", ["\u201cFrozen\u201c"]),
        ("\u201cWe won,\u201d he said. \u201cAgain.\u201d", ["\u201cWe won,\u201d", "\u201cAgain.\u201d"]),
    ],
)
def test_opening_mark_typed_for_a_closing_one_ends_the_quotation(text, spans):
    # The cue after it ("he asked") must not be swallowed into the quotation.
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == spans
