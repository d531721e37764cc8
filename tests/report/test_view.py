"""The view model every renderer shares: reply order, counts, facts, figure values."""

from __future__ import annotations

import dataclasses

import pytest
from report_samples import sample_report

from newsaudit.models import Comment, Figure, Report
from newsaudit.report.view import MAX_DEPTH, ReportView, describe, figure_value


def _rows(comments):
    view = ReportView(Report(id="r", comments=tuple(comments)))
    return [(row.comment.id, row.depth, row.parent.id if row.parent else None) for row in view.thread_rows]


def test_replies_follow_their_parent_depth_first_in_thread_order():
    got = _rows([Comment(id="a"), Comment(id="b"), Comment(id="a1", parent_id="a"),
                 Comment(id="a1x", parent_id="a1"), Comment(id="a2", parent_id="a")])
    assert got == [("a", 0, None), ("a1", 1, "a"), ("a1x", 2, "a1"), ("a2", 1, "a"), ("b", 0, None)]


def test_a_missing_parent_makes_a_root_and_a_cycle_shows_each_comment_once():
    got = _rows([Comment(id="x", parent_id="gone"), Comment(id="p", parent_id="q"), Comment(id="q", parent_id="p"),
                 Comment(id="self", parent_id="self")])
    assert sorted(i for i, _, _ in got) == ["p", "q", "self", "x"]
    assert ("x", 0, None) in got and ("self", 0, None) in got


def test_a_very_deep_chain_is_drawn_no_deeper_than_the_cap():
    chain = [Comment(id="c0")] + [Comment(id=f"c{i}", parent_id=f"c{i - 1}") for i in range(1, 40)]
    depths = [d for _, d, _ in _rows(chain)]
    assert depths[:3] == [0, 1, 2] and max(depths) == MAX_DEPTH and len(depths) == 40


def test_counts_and_mix_of_the_sample():
    view = ReportView(sample_report())
    assert view.stance_counts == {"support": 2, "deny": 1, "query": 1, "comment": 1}
    assert (view.n_uncivil, view.n_off_topic) == (1, 1)
    mix = view.sourcing_mix
    assert (mix["named"], mix["anonymous"]) == (1, 2)
    assert mix["by_role"] == {"official": 2, "unknown": 1}
    # 11 anonymous words ("The closure ... in 2019") of 8 + 7 + 11 = 26 quoted words
    assert mix["anonymous_word_share"] == pytest.approx(11 / 26)


def test_thread_facts_name_commenters_and_skip_long_tables_empties_and_what_is_shown_elsewhere():
    report = dataclasses.replace(sample_report(), thread={
        "questions": ["c2"], "longest_chains": [["c1", "c2", "c3"]], "share_off_topic": 0.2, "mean_score": 0.5,
        "big": [{"id": i} for i in range(10)], "none_yet": [], "active_authors": [{"author": "Gull", "comments": 3}],
        "summary": "5 comments.",
    })
    view = ReportView(report)
    assert dict(view.thread_facts) == {
        "longest chains": "Tidewatcher (c1) → Gull (c2) → Ferryman (c3)", "mean score": "0.50",
        "active authors": "Gull (3)",
    }
    assert view.thread_summary == "5 comments."
    assert [c.id for c in view.reader_questions] == ["c2"]


@pytest.mark.parametrize("listed", [["c4"], [{"id": "c4", "author": "Landlubber", "text": "..."}]])
def test_reader_questions_come_from_the_summary_as_ids_or_records(listed):
    view = ReportView(dataclasses.replace(sample_report(), thread={"questions": listed}))
    assert [c.id for c in view.reader_questions] == ["c4"]


def test_reader_questions_fall_back_to_query_comments():
    view = ReportView(dataclasses.replace(sample_report(), thread={}))
    assert [c.id for c in view.reader_questions] == ["c2"]  # Gull's "Who says it is rotten?" is a query


@pytest.mark.parametrize("value, key, want", [
    (0.25, "share_uncivil", "25%"), (0.25, "mean_score", "0.25"), (3, "n", "3"), (True, "", "yes"),
    (None, "", "—"), ({"a": 1}, "", "a: 1"), (["x", "y"], "", "x; y"),
])
def test_describe(value, key, want):
    assert describe(value, key=key) == want


@pytest.mark.parametrize("figure, want", [
    (Figure(text="$9 billion", value=9e9, unit="USD"), "9,000,000,000 USD"),
    (Figure(text="between 120 and 140 troops", value=120, value_max=140, unit="troops"), "120 to 140 troops"),
    (Figure(text="2.5%", value=2.5, unit="percent"), "2.5 percent"),
    (Figure(text="some"), ""),
])
def test_figure_value(figure, want):
    assert figure_value(figure) == want


def test_the_anonymous_word_share_is_the_analysis_figure_when_the_report_has_one():
    report = dataclasses.replace(sample_report(), sourcing={"share_quoted_words_anonymous": 0.25})
    assert ReportView(report).sourcing_mix["anonymous_word_share"] == 0.25


def test_reader_questions_show_the_question_sentences_when_the_summary_has_them():
    listed = [{"id": "c4", "author": "Landlubber", "text": "...", "asks": ["Who paid for it?", "Says who?"]},
              {"id": "c2", "author": "Gull", "text": "..."}]
    view = ReportView(dataclasses.replace(sample_report(), thread={"questions": listed}))
    by_id = {c.id: asked for c, asked in view.reader_question_texts}
    assert by_id["c4"] == "Who paid for it? Says who?"
    # no question sentences recorded: the comment's own text
    assert by_id["c2"] == next(c.text for c in view.report.comments if c.id == "c2")


def test_described_falls_back_to_the_known_people_list_and_says_so():
    from newsaudit.models import Source

    listed = Source(id="s9", name="Vladimir Putin", label="Mr Putin", role="official",
                    role_evidence=("known person: President of Russia (newsaudit's list of office-holders, "
                                   "not stated on the page)",))
    view = ReportView(sample_report())
    # the page's own words come first, then the list's, marked as such
    assert view.described(listed).startswith("Mr Putin; known person: President of Russia")
    bare = dataclasses.replace(listed, label="Vladimir Putin")
    assert view.described(bare).startswith("known person: President of Russia")
    assert "not stated on the page" in view.described(bare)
    # nothing from the page and nothing from the list: empty
    assert view.described(dataclasses.replace(bare, role_evidence=())) == ""
