"""Topic: does a comment stay on the article's subject, or drift (the 2020 primaries on a Venezuela report)."""

from __future__ import annotations

import pytest

from shared_paths import VENEZUELA, need_shared
from newsaudit.models import Comment
from newsaudit.thread.structure import infer_parents
from newsaudit.thread.topic import THRESHOLD, names, score_comments

ARTICLE = (
    "The harbour authority sold the eastern port to Baltic Freight for 40 million euros. "
    "Mayor Lena Vos said the port sale would fund the new ferry terminal. Baltic Freight will run the port."
)


def test_comment_naming_the_articles_people_is_on_topic():
    out = score_comments([Comment(id="a", text="Vos sold the port far too cheaply to Baltic Freight.")], ARTICLE)
    assert out[0].on_topic is True and out[0].topic_score >= THRESHOLD


def test_comment_about_other_news_is_off_topic():
    out = score_comments([Comment(id="a", text="Meanwhile the Eurovision final in Malmo was rigged, "
                                                "Loreen and Kaarija both said so on television.")], ARTICLE)
    assert out[0].on_topic is False and out[0].topic_score < THRESHOLD


def test_comment_about_the_report_itself_is_on_topic():
    out = score_comments([Comment(id="a", text="This article is propaganda.")], ARTICLE)
    assert out[0].on_topic is True


def test_pointing_at_the_report_keeps_a_comment_on_topic_whatever_follows():
    text = ("My bad, the article is a piece of tripe. The Eurovision final in Malmo was rigged, "
            "Loreen and Kaarija both said so on television.")
    assert score_comments([Comment(id="a", text=text)], ARTICLE)[0].on_topic is True
    # "article" alone, not pointing at this one, does not count
    other = "Loreen wrote an article about Eurovision in Malmo and Kaarija answered on television."
    assert score_comments([Comment(id="a", text=other)], ARTICLE)[0].on_topic is False
    # "the story of" any other thing is not this report
    other = "The story of Eurovision in Malmo: Loreen and Kaarija both said so on television."
    assert score_comments([Comment(id="a", text=other)], ARTICLE)[0].on_topic is False


def test_a_short_reply_follows_its_parent():
    comments = [
        Comment(id="a", text="Eurovision in Malmo was rigged, Loreen said so."),
        Comment(id="b", text="Sure, whatever you say.", parent_id="a"),
    ]
    out = score_comments(comments, ARTICLE)
    assert out[1].on_topic is False


def test_names_include_sentence_openers_known_as_names_elsewhere():
    assert "biden" in names("Biden has charisma.", frozenset({"biden"}))
    assert "biden" not in names("Biden has charisma.")
    assert names("They met Putin in Sochi.") == {"putin", "sochi"}


@pytest.fixture(scope="module")
def venezuela():
    from newsaudit.ingest import read_input

    document = read_input(str(need_shared(VENEZUELA)))
    text = document.article.title + "\n" + document.article.text
    comments = infer_parents(list(document.comments), article_text=text)
    return {c.id: c for c in score_comments(comments, text)}


# Read on the page: c18 Biden's cucumber charisma and the primaries, c19 the cucumber again,
# c22 Tulsi's YouTube videos, c24 Gabbard, Sanders and Mike Gravel: the 2020 primaries.
@pytest.mark.parametrize("cid", ["c18", "c19", "c22", "c24"])
def test_venezuela_primaries_drift_is_off_topic(venezuela, cid):
    assert venezuela[cid].on_topic is False


# c1 Putin, Venezuela and Ukraine; c5 Pompeo; c6 Russians, Maduro, Bolton and Pompeo;
# c11 distrust of this report's Putin line; c17 "The report is fake"; c20 why PR posted this piece.
# c14 "this article is a piece of tripe", then a pasted history of the Telegraph's owners.
@pytest.mark.parametrize("cid", ["c1", "c5", "c6", "c8", "c9", "c10", "c11", "c14", "c17", "c20"])
def test_venezuela_comments_on_the_report_are_on_topic(venezuela, cid):
    assert venezuela[cid].on_topic is True


# c2 "you are mistaken, Southern" and c4 "Just faith" are replies in c1's exchange: no drift shown.
@pytest.mark.parametrize("cid", ["c2", "c4"])
def test_venezuela_short_replies_inherit_their_chain(venezuela, cid):
    assert venezuela[cid].on_topic is True
