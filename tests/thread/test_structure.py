"""Reply structure: inferred links on flat threads, real links kept, depths and chains."""

from __future__ import annotations

import pytest

from shared_paths import VENEZUELA, need_shared
from newsaudit.models import Comment
from newsaudit.thread.structure import depths, infer_parents, longest_chains


def thread(*items: tuple[str | None, str]) -> list[Comment]:
    return [Comment(id=f"c{i + 1}", author=a, text=t) for i, (a, t) in enumerate(items)]


def parents(comments: list[Comment]) -> dict[str, str | None]:
    return {c.id: c.parent_id for c in comments}


def test_reply_naming_an_earlier_commenter_links_to_their_latest_comment():
    out = infer_parents(thread(
        ("Maria", "The port sale was rushed through."),
        ("Tom", "The council met twice about it."),
        ("Ann", "I think Maria has a point about the timing."),
    ))
    assert out[2].parent_id == "c1"
    assert out[2].parent_inferred is True
    assert 0 < out[2].parent_confidence <= 1


def test_short_answer_right_after_a_question_to_readers_is_a_reply():
    out = infer_parents(thread(
        ("Ann", "Lets hope the council is wrong. What have you got?"),
        ("Tom", "Only the minutes, nothing more yet."),
    ))
    assert out[1].parent_id == "c1"


def test_please_do_answers_a_stated_intention_further_up():
    out = infer_parents(thread(
        ("Ann", "Great line. I think I'll use it."),
        ("Ann", "The minister said nothing new today."),
        ("Tom", "Please do. It deserves to be repeated."),
    ))
    assert out[2].parent_id == "c1"


def test_picked_up_phrase_links_to_the_comment_it_came_from():
    out = infer_parents(thread(
        ("Jon", "The mayor has the charisma of a 2 week old cucumber."),
        ("Ann", "Budgets for harbours are always late."),
        ("Mia", "Ha, a two week old cucumber. Perfect."),
    ), article_text="The harbour budget was late again, the mayor said.")
    assert out[2].parent_id == "c1"


@pytest.mark.parametrize("opener", ["I disagree.", "right on.", "Agreed,"])
def test_reply_opener_links_to_an_earlier_comment_by_someone_else(opener):
    out = infer_parents(thread(
        ("Ann", "The harbour deal is good for the town."),
        ("Tom", f"{opener} The town gets nothing from it."),
    ))
    assert out[1].parent_id == "c1"
    assert out[1].parent_inferred


def test_no_link_where_nothing_shows_one():
    out = infer_parents(thread(
        ("Ann", "The harbour deal is good for the town."),
        ("Tom", "Ferries should run on Sundays too."),
        ("Mia", "Why was the vote held in August?"),
    ))
    assert all(c.parent_id is None for c in out)
    assert all(not c.parent_inferred for c in out)


def test_a_commenter_is_never_linked_to_their_own_comment_by_an_opener():
    out = infer_parents(thread(("Jon", "The report is thin."), ("Jon", "I disagree with the mayor, too.")))
    assert out[1].parent_id is None


def test_threads_with_real_reply_links_are_left_as_exported():
    comments = [
        Comment(id="a", author="Ann", text="The deal is good."),
        Comment(id="b", author="Tom", text="I disagree.", parent_id="a"),
        Comment(id="c", author="Mia", text="Right on, Ann."),
    ]
    out = infer_parents(comments)
    assert out == comments
    assert out[1].parent_inferred is False


def test_depths_and_longest_chains():
    comments = [
        Comment(id="a", text="x"),
        Comment(id="b", text="y", parent_id="a"),
        Comment(id="c", text="z", parent_id="b"),
        Comment(id="d", text="w", parent_id="a"),
        Comment(id="e", text="v"),
    ]
    assert depths(comments) == {"a": 1, "b": 2, "c": 3, "d": 2, "e": 1}
    assert longest_chains(comments) == [["a", "b", "c"], ["a", "d"]]


def test_depths_survive_a_cycle_in_a_broken_export():
    comments = [Comment(id="a", text="x", parent_id="b"), Comment(id="b", text="y", parent_id="a")]
    assert set(depths(comments)) == {"a", "b"}
    assert longest_chains(comments) == []


@pytest.fixture(scope="module")
def venezuela():
    from newsaudit.ingest import read_input

    document = read_input(str(need_shared(VENEZUELA)))
    assert len(document.comments) == 24
    text = document.article.title + "\n" + document.article.text
    return {c.id: c for c in infer_parents(list(document.comments), article_text=text)}


# Checked by reading the page: c2 "you are mistaken, Southern" answers the first comment;
# c4 "Just faith, ..." answers c3's "What have you got?"; c19 "I like that, a two week old
# cucumber" picks up c18; c22 "LOL Please do." answers c19's "I think I'll use it"; c24 takes
# up c22's "the best of the lot".
@pytest.mark.parametrize("child, parent", [("c2", "c1"), ("c4", "c3"), ("c19", "c18"), ("c22", "c19"),
                                           ("c24", "c22")])
def test_venezuela_inferred_replies(venezuela, child, parent):
    assert venezuela[child].parent_id == parent
    assert venezuela[child].parent_inferred


# c23 "right on...Biden will try to convince you" agrees with someone in the Biden exchange.
def test_venezuela_right_on_joins_the_biden_exchange(venezuela):
    assert venezuela["c23"].parent_id in {"c18", "c22"}


# Stand-alone comments: the first comment, Infarction's essay, il corvo's questions,
# "The report is fake, IMO." and Jon's cucumber line start threads of their own.
@pytest.mark.parametrize("cid", ["c1", "c6", "c7", "c17", "c18"])
def test_venezuela_top_level_comments_stay_top_level(venezuela, cid):
    assert venezuela[cid].parent_id is None
