"""Civility: the shipped model and lexicons on hand-written comments and on the example page."""

from __future__ import annotations

import pytest

from shared_paths import VENEZUELA, need_shared
from newsaudit.thread.civility import assess, rate_comments
from newsaudit.thread.civility_model import lexicon_hits, load_model


@pytest.mark.parametrize("text, kind", [
    ("Blah blah blah, the minister never meant it.", "mockery"),
    ("The mayor is so stupid, he believes anything.", "insult"),
    ("What a load of crap.", "profanity"),
    ("Shut up and read the article.", "attack"),
])
def test_uncivil_comments_say_why(text, kind):
    result = assess(text)
    assert result.uncivil is True
    assert any(r.startswith(kind) for r in result.reasons), result.reasons
    assert result.score >= load_model().threshold


@pytest.mark.parametrize("text", [
    "I think the council should publish the contract before the vote.",
    "Thanks for the link, the second source says the same.",
    "The figures in paragraph four do not add up: 40 million is not half of 90.",
])
def test_civil_comments_are_civil(text):
    result = assess(text)
    assert result.uncivil is False
    assert result.reasons == ()
    assert 0.0 <= result.score < load_model().threshold


def test_insult_aimed_at_a_reader_is_named_as_such():
    assert lexicon_hits("You are an idiot if you believe this.")["you_insult"] == ["you ... idiot"]
    assert "insult aimed at a reader: you ... idiot" in assess("You are an idiot if you believe this.").reasons


def test_lexicon_matches_whole_words_only():
    assert lexicon_hits("The class assessed the hellenic scrap metal.")["profanity"] == []


def test_deleted_and_empty_comments_are_not_rated():
    from newsaudit.models import Comment

    out = rate_comments([Comment(id="a", text="", deleted=True), Comment(id="b", text="Fine piece.")])
    assert out[0].civility is None and out[1].civility is not None


@pytest.fixture(scope="module")
def venezuela():
    from newsaudit.ingest import read_input

    document = read_input(str(need_shared(VENEZUELA)))
    return {c.id: c for c in rate_comments(list(document.comments))}


# Read on the page: c5 "Pompeo is so stupid ... this nonsense"; c8 "Blah blah blah, Putin supports ...";
# c10 "Blah, blah, blah ... this bull shit"; c15 "What a load of crap."; c23 "He is a liar..he is sick".
@pytest.mark.parametrize("cid", ["c5", "c8", "c10", "c15", "c23"])
def test_venezuela_uncivil_comments(venezuela, cid):
    assert venezuela[cid].civility.uncivil is True
    assert venezuela[cid].civility.reasons


# c2 "With due respect ... you are mistaken", c4 "Just faith, nothing in terms of facts yet",
# c9 dhinds' argument about privatisation, c17 "The report is fake, IMO.", c21 "Some complexities ...".
@pytest.mark.parametrize("cid", ["c2", "c4", "c9", "c17", "c21"])
def test_venezuela_civil_comments(venezuela, cid):
    assert venezuela[cid].civility.uncivil is False
