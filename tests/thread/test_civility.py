"""Civility: the shipped model and lexicons on hand-written comments and on the example page."""

from __future__ import annotations

import dataclasses
import json
import math
import shutil

import numpy as np
import pytest

from shared_paths import VENEZUELA, need_shared
from newsaudit.encoder import _MEMO, encode
from newsaudit.errors import NewsauditError
from newsaudit.thread.civility import assess, rate_comments
from newsaudit.thread.civility_model import lexicon_hits, load_model, read_model


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


LOW_THRESHOLD = ("the threshold chosen on dev talk comments with the embedding view (0.225; 0.3 before) flags "
                 "argument with no rude word by its 'overall wording': ")


# c2 "With due respect ... you are mistaken", c4 "Just faith, nothing in terms of facts yet",
# c9 dhinds' argument about privatisation, c17 "The report is fake, IMO.", c21 "Some complexities ...",
# c1 "Putin appears to have tricked us all ... we've all been played" (an argument), c16 "it seems that
# the conduct of the US in Ukraine so deeply offended the Russians ..." (an argument).
@pytest.mark.parametrize("cid", ["c2", "c4", "c9", "c21", *(
    pytest.param(cid, marks=pytest.mark.xfail(reason=LOW_THRESHOLD + why, strict=True)) for cid, why in (
        ("c17", "'The report is fake, IMO.' scores 0.24 (0.26 from the n-grams alone)"),
        ("c1", "scores 0.23"),
        ("c16", "scores 0.29"),
    ))])
def test_venezuela_civil_comments(venezuela, cid):
    assert venezuela[cid].civility.uncivil is False


# Comments of different lengths, so that the encoder's batching (it sorts by length) would show
# if a vector went to the wrong comment.
BATCH = [
    "Fine piece.",
    "The council's own minutes show the vote was moved twice, which the article leaves out entirely.",
    "Blah blah blah.",
    "Thank you for the thoughtful reply; you make a fair point about the budget.",
    "Anyone with half a brain could see through this.",
]


def test_batch_scores_match_one_at_a_time():
    model = load_model()
    batch = model.assess_many(BATCH)
    for text, (uncivil, score, reasons) in zip(BATCH, batch):
        _MEMO.clear()  # else the one-at-a-time run reads back the batch's own vectors
        one = model.assess(text)
        assert (uncivil, reasons) == (one[0], one[2])
        assert score == pytest.approx(one[1], abs=1e-4)


def test_rate_comments_keeps_each_verdict_with_its_comment():
    from newsaudit.models import Comment

    comments = [Comment(id=f"c{i}", text=t) for i, t in enumerate(BATCH)]
    comments.insert(2, Comment(id="gone", text="", deleted=True))
    out = rate_comments(comments)
    assert [c.id for c in out] == [c.id for c in comments]
    assert out[2].civility is None
    for c in out[:2] + out[3:]:
        _MEMO.clear()
        assert c.civility.score == pytest.approx(assess(c.text).score, abs=1e-4)


def test_the_embedding_view_moves_the_score():
    model = load_model()
    assert model.uses_embedding and 0 < model.emb_weight < 1 and model.emb_coef.shape == (384,)
    ngrams_only = dataclasses.replace(model, emb_weight=0.0)
    text = "Anyone with half a brain could see through this."

    def logit(p: float) -> float:
        return math.log(p / (1 - p))

    z_emb = float(model.emb_coef @ encode([text])[0] + model.emb_intercept)
    mixed = (1 - model.emb_weight) * logit(ngrams_only.model_score(text)) + model.emb_weight * z_emb
    assert logit(model.model_score(text)) == pytest.approx(mixed, abs=1e-6)
    assert abs(model.model_score(text) - ngrams_only.model_score(text)) > 1e-3
    # a vector passed in is used instead of encoding the text
    other = encode(["Thank you, a clear and fair summary."])[0]
    assert model.model_score(text, vector=other) != pytest.approx(model.model_score(text), abs=1e-6)


# Read by hand: each first comment is contempt for the reader in words no incivility lexicon
# holds; each second one is plainly courteous.
@pytest.mark.parametrize("rude, polite", [
    ("Anyone with half a brain could see through this. Keep your worthless opinions to yourself.",
     "Thank you for the thoughtful reply; I had not considered the budget side, and you make a fair point."),
    ("What kind of brain-dead reasoning is this? Crawl back under whatever rock you came from.",
     "I respectfully disagree with the columnist, but the article is well sourced and worth reading."),
])
def test_contempt_without_a_rude_word_scores_above_courtesy(rude, polite):
    assert not any(lexicon_hits(rude).values()) and not any(lexicon_hits(polite).values())
    assert assess(rude).score > assess(polite).score


def test_weights_from_before_the_embedding_are_refused(tmp_path):
    from importlib import resources

    base = resources.files("newsaudit").joinpath("models")
    with (resources.as_file(base.joinpath("civility.npz")) as npz,
          resources.as_file(base.joinpath("civility.json")) as js):
        meta = json.loads(js.read_text(encoding="utf-8"))
        shutil.copy(npz, tmp_path / "civility.npz")
    assert read_model(tmp_path / "civility.npz", js).emb_weight == meta["emb_weight"]
    for field in ("emb_weight", "encoder"):
        old = {k: v for k, v in meta.items() if k != field}
        (tmp_path / "civility.json").write_text(json.dumps(old), encoding="utf-8")
        with pytest.raises(NewsauditError, match="rerun training"):
            read_model(tmp_path / "civility.npz", tmp_path / "civility.json")


def test_a_page_without_live_comments_needs_no_encoder(monkeypatch):
    from newsaudit.errors import ModelError
    from newsaudit.models import Comment

    def not_installed():
        raise ModelError("the sentence encoder is not installed")

    monkeypatch.setattr("newsaudit.encoder._shared", not_installed)
    comments = [Comment(id="gone", text="", deleted=True), Comment(id="blank", text="  \n")]
    assert [c.civility for c in rate_comments(comments)] == [None, None]
    assert rate_comments([]) == []
