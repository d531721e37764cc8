"""The thread summary: counts, shares, questions, chains, authors and the one-line sentence."""

from __future__ import annotations

from newsaudit.models import Civility, Comment
from newsaudit.thread.summary import sentence, summarize


def c(id, stance, *, author=None, parent=None, uncivil=False, on_topic=True, text="words", deleted=False):  # noqa: ANN001, ANN201
    return Comment(id=id, author=author, text=text, stance=stance, parent_id=parent, parent_inferred=bool(parent),
                   civility=Civility(uncivil=uncivil, score=0.9 if uncivil else 0.1), on_topic=on_topic,
                   deleted=deleted)


COMMENTS = [
    c("a", "deny", author="Jon", text="The report is fake."),
    c("b", "query", author="Ann", parent="a", text="Who told the paper that?"),
    c("c", "deny", author="Jon", parent="b", uncivil=True, text="Blah blah, nobody."),
    c("d", "support", author="Mia", text="Confirmed by the ministry."),
    c("e", "comment", author="Tom", on_topic=False, text="Ferries should run on Sundays."),
]


def test_counts_and_shares():
    out = summarize(COMMENTS)
    assert out["n_comments"] == 5
    assert out["stance"] == {"support": 1, "deny": 2, "query": 1, "comment": 1}
    assert out["stance_share"]["deny"] == 0.4
    assert out["share_uncivil"] == 0.2 and out["uncivil"] == ["c"]
    assert out["share_off_topic"] == 0.2 and out["off_topic"] == ["e"]


def test_questions_are_the_query_comments():
    assert summarize(COMMENTS)["questions"] == [
        {"id": "b", "author": "Ann", "text": "Who told the paper that?", "asks": ["Who told the paper that?"]}
    ]


def test_a_denial_put_as_a_question_is_asked_of_the_report():
    doubter = c("g", "deny", author="Ray", text="Lies again. How does the paper know what the minister thinks? It doesn't.")
    out = summarize(COMMENTS + [doubter])
    assert [q["id"] for q in out["questions"]] == ["b", "g"]
    assert out["questions"][1]["asks"] == ["How does the paper know what the minister thinks?"]


def test_off_topic_questions_and_plain_denials_are_not_listed():
    drifting = c("h", "query", author="Liv", on_topic=False, text="Have you seen her videos?")
    flat_denial = c("i", "deny", author="Ray", text="The report is fake, plain and simple.")
    out = summarize(COMMENTS + [drifting, flat_denial])
    assert [q["id"] for q in out["questions"]] == ["b"]
    # the sentence counts the questions asked of the report, not every query-labelled comment
    assert "1 asks questions of the report" in out["summary"]


def test_chains_replies_and_authors():
    out = summarize(COMMENTS)
    assert out["longest_chains"] == [["a", "b", "c"]]
    assert out["replies"] == 2 and out["inferred_replies"] == 2
    assert out["active_authors"] == [{"author": "Jon", "comments": 2}]


def test_sentence_says_which_way_the_thread_leans():
    text = summarize(COMMENTS)["summary"]
    assert text.startswith("5 comments: readers who take a side mostly reject the report (2 deny, 1 support)")
    assert "1 asks questions" in text and "20% uncivil" in text and "20% off topic" in text


def test_deleted_comments_are_counted_but_not_judged():
    out = summarize(COMMENTS + [c("f", None, deleted=True, text="")])
    assert out["n_comments"] == 6
    assert sum(out["stance"].values()) == 5


def test_empty_thread():
    out = summarize([])
    assert out["summary"] == "No reader comments."
    assert out["share_uncivil"] == 0.0 and out["longest_chains"] == []


def test_sentence_when_nobody_takes_a_side():
    assert sentence(2, {"support": 0, "deny": 0, "query": 0, "comment": 2}, 0.0, 0.0) == (
        "2 comments: no reader takes a side on the report, 2 just comment."
    )


def test_question_sentences_is_linear_in_a_long_unpunctuated_comment():
    # a question then 50 kB with no stop: every start position used to scan to the end (25 s).
    # Speed is measured in benchmarks/pathological.py, not timed here.
    from newsaudit.thread.summary import question_sentences

    text = "Why? " + "word " * 10000
    assert question_sentences(text) == ["Why?"]


def test_question_sentences_split_at_stops():
    from newsaudit.thread.summary import question_sentences

    text = "Lies again. How does the paper know?? It doesn't!\nWho said so? ok"
    assert question_sentences(text) == ["How does the paper know??", "Who said so?"]


def test_flags_on_the_model_reading_alone_are_listed_apart():
    def flagged(id, *reasons):  # noqa: ANN001, ANN202
        return Comment(id=id, text="words", stance="comment", civility=Civility(uncivil=True, score=0.3, reasons=reasons))

    comments = [
        flagged("a", "model: overall wording"),
        flagged("b", "model: 'idiotic', shouting"),
        flagged("c", "insult: stupid"),
        flagged("d", "profanity: damn", "model: overall wording"),
        flagged("e"),  # no reasons recorded (an older report): basis unknown, not counted
        Comment(id="f", text="words", stance="comment", civility=Civility(uncivil=False, score=0.1)),
    ]
    out = summarize(comments)
    assert out["uncivil"] == ["a", "b", "c", "d", "e"]
    assert out["uncivil_model_only"] == ["a", "b"]
    assert "83% uncivil (2 of them on the model's reading alone)" in out["summary"]


def test_the_sentence_says_nothing_of_model_only_flags_when_there_are_none():
    assert "reading alone" not in summarize(COMMENTS)["summary"]
