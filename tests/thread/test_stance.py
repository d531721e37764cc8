"""Stance toward the report: the shipped model on hand-written comments and on the example page."""

from __future__ import annotations

import dataclasses

import pytest

from shared_paths import VENEZUELA, need_shared
from newsaudit.encoder import _MEMO
from newsaudit.models import STANCES, Comment
from newsaudit.thread.stance import label_comments, posts_of
from newsaudit.thread.stance_model import DENSE, Featurizer, Post, load_model

CLAIM = "Putin will not prop up Maduro"


def stance(text: str, parent: str | None = None, depth: int = 1) -> str:
    return load_model().predict(Post(text=text, parent_text=parent or CLAIM, source_text=CLAIM, depth=depth))


@pytest.mark.parametrize("text", [
    "This is fake news, they made it up.",
    "I don't trust this report at all, it's propaganda.",
])
def test_denials(text):
    assert stance(text) == "deny"


@pytest.mark.parametrize("text", [
    "Is this true? Any source for it?",
    "Where did they get this from?",
])
def test_questions(text):
    assert stance(text) == "query"


def test_scores_are_a_distribution_over_the_four_labels():
    scores = load_model().scores(Post(text="Really?", source_text=CLAIM))
    assert set(scores) == set(STANCES)
    assert abs(sum(scores.values()) - 1) < 1e-3


def test_posts_carry_the_chain():
    comments = [Comment(id="a", text="Fake."), Comment(id="b", text="No, true.", parent_id="a")]
    posts = posts_of(comments, CLAIM)
    assert posts[0] == Post(text="Fake.", parent_text=CLAIM, source_text=CLAIM, depth=1)
    assert posts[1].parent_text == "Fake." and posts[1].depth == 2


def test_chain_features_read_the_parent_not_its_label():
    # The parent's cues are features; the reply's own words still decide.
    feats = dict(zip(DENSE, Featurizer.dense(Post(text="Good point.", parent_text="Fake lies.", depth=2))))
    assert feats["deny"] == 0.0 and feats["p_deny"] > 0.0 and feats["depth2"] == 1.0


def test_deleted_comments_get_no_stance():
    out = label_comments([Comment(id="a", text="", deleted=True)], CLAIM)
    assert out[0].stance is None


@pytest.fixture(scope="module")
def venezuela():
    from newsaudit.ingest import read_input
    from newsaudit.thread.structure import infer_parents

    document = read_input(str(need_shared(VENEZUELA)))
    comments = infer_parents(list(document.comments), article_text=document.article.text)
    return {c.id: c for c in label_comments(comments, document.article.title)}


# Read on the page: c17 "The report is fake, IMO."; c11 "I don't trust this report at ALL ...
# no credibility at all! Flush it!"; c20 "this clumsy piece of propaganda ... pure bullshit".
@pytest.mark.parametrize("cid", ["c11", "c17", "c20"])
def test_venezuela_denials(venezuela, cid):
    assert venezuela[cid].stance == "deny"


# c10 "How does the Telegraph know what Putin is thinking? ... propaganda and lies": deny or query.
def test_venezuela_telegraph_question_is_deny_or_query(venezuela):
    assert venezuela["c10"].stance in ("deny", "query")


def test_off_topic_comments_take_no_side_on_the_report():
    comments = [Comment(id="a", text="He is a liar, a total fraud, fake through and through.", on_topic=False)]
    out = label_comments(comments, CLAIM)
    assert out[0].stance == "comment"
    assert out[0].stance_scores["deny"] > 0


# c12 "I disagree. I think he made it up as disinformation for the Gullibles." denies the report's
# claim in its own words, though it disagrees with a commenter who also rejected the report.
def test_venezuela_disagreeing_reply_that_says_made_up_is_deny(venezuela):
    assert venezuela["c12"].stance == "deny"


@pytest.mark.parametrize(("text", "made_up"), [
    ("I disagree. I think he made it up to fool people.", True),
    ("Total hoax, the paper is spreading disinformation.", True),
    ("That story is a hoax from start to finish.", True),
    # said of a third party, not of the report
    ("Good, I don't trust Maduro either.", False),
    ("Maduro's fake election fooled nobody.", False),
    ("This is not fake, the ministry confirmed it.", False),
    ("It isn't a hoax at all.", False),
    ("The ferry sale was confirmed on Monday.", False),
    ("My bad then, this article is a piece of tripe.", True),
    ("The report is utter garbage from start to finish.", True),
    ("The report is not garbage, it is well sourced.", False),
    # the dismissive word must be said of the report, not merely near it
    ("This story about the trash collection strike is useful.", False),
])
def test_calls_it_made_up_reads_negation(text, made_up):
    from newsaudit.thread.stance_model import calls_it_made_up

    assert calls_it_made_up(text) is made_up


@pytest.mark.parametrize("text", [
    "Great reporting: the crowd was made up of local families, as I saw myself.",
    "I have made up my mind, this is the best account of the strike.",
])
def test_made_up_of_and_made_up_my_mind_are_not_calling_it_made_up(text):
    from newsaudit.thread.stance_model import calls_it_made_up

    assert calls_it_made_up(text) is False


def test_calls_it_made_up_is_linear_in_a_long_negated_post():
    # each cue is negated, so every one is checked; the negation test must look only just before
    # the cue, not search the whole text before it again (a 64 kB post took 18 s). Speed is
    # measured in benchmarks/pathological.py, not timed here.
    from newsaudit.thread.stance_model import calls_it_made_up

    text = "It is not a hoax. " * 4000
    assert calls_it_made_up("It is a hoax.") is True  # the cue itself is one the rule reads
    assert calls_it_made_up(text) is False


def test_the_shipped_model_reads_the_sentence_encoder_view():
    from newsaudit.thread.stance_model import EMBEDDING_FEATURES

    model = load_model()
    assert model.emb_coef is not None and model.emb_coef.shape == (len(STANCES), EMBEDDING_FEATURES)
    post = Post(text="That is simply not what happened.", source_text=CLAIM)
    without = dataclasses.replace(model, emb_coef=None, emb_intercept=None).scores(post)
    assert without != model.scores(post)  # the view moves the scores


def test_scoring_together_gives_what_scoring_one_at_a_time_gives():
    model = load_model()
    posts = [Post(text="Is this true?", source_text=CLAIM),
             Post(text="Yes, confirmed by two outlets.", parent_text="Is this true?", source_text=CLAIM, depth=2),
             Post(text="Rubbish.", source_text=CLAIM)]
    together = model.scores_many(posts)
    for post, scores in zip(posts, together):
        _MEMO.clear()  # else the one-at-a-time run reads back the batch's own vectors
        assert model.scores(post) == pytest.approx(scores, abs=1e-4)
    assert model.scores_many([]) == []


def test_embedding_features_pair_the_post_with_the_report_and_the_parent():
    import numpy as np

    from newsaudit.thread.stance_model import EMBEDDING_FEATURES, embedding_features, embedding_texts

    own, source, parent = np.eye(384, dtype=np.float32)[[0, 0, 1]]
    row = embedding_features(own, source, parent)[0]
    assert row.shape == (EMBEDDING_FEATURES,)
    assert row[-2] == 1.0 and row[-1] == 0.0  # same direction as the report, orthogonal to the parent
    # a top-level post's parent is the report itself
    assert embedding_texts(Post(text="x", source_text="claim")) == ("x", "claim", "claim")


@pytest.mark.parametrize(("text", "depth", "expected"), [
    # a reply opening with disagreement that calls the report invented: its words decide
    ("I disagree. They made it up to sell papers.", 2, "deny"),
    ("No, the whole thing is a hoax.", 3, "deny"),
    # a top-level comment has no commenter to disagree with: the model's reading stands
    ("I disagree. They made it up to sell papers.", 1, "comment"),
    # no disagreeing opener, or no claim of invention: the model's reading stands
    ("They made it up, I reckon, but who knows.", 2, "comment"),
    ("I disagree with you about the weather in Caracas.", 2, "comment"),
])
def test_an_undecided_disagreeing_reply_that_calls_it_invented_is_deny(text, depth, expected):
    undecided = {"support": 0.3, "deny": 0.3, "query": 0.05, "comment": 0.35}
    post = Post(text=text, parent_text="Rubbish, this never happened.", source_text=CLAIM, depth=depth)
    assert load_model().decide(post, undecided) == expected


@pytest.mark.parametrize(("text", "depth", "expected"), [
    # the report named and called worthless: a denial wherever it sits
    ("This article is a piece of tripe.", 1, "deny"),
    ("Ha. The report is garbage, as usual.", 4, "deny"),
    # "not true" with no report named may answer another commenter: the model's reading stands
    ("Well that's not true, you said otherwise yesterday.", 3, "comment"),
    ("The report is not garbage, it is well sourced.", 2, "comment"),
])
def test_a_comment_that_names_the_report_and_dismisses_it_is_deny(text, depth, expected):
    undecided = {"support": 0.2, "deny": 0.2, "query": 0.05, "comment": 0.55}
    post = Post(text=text, parent_text="Some earlier comment.", source_text=CLAIM, depth=depth)
    assert load_model().decide(post, undecided) == expected


# c14 "My bad then, this article is a piece of tripe we should be asking questions about",
# a reply: it names the article and calls it tripe.
def test_venezuela_reply_calling_the_article_tripe_is_deny(venezuela):
    assert venezuela["c14"].stance == "deny"
