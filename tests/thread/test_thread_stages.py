"""The thread stages in the real pipeline, on the example page: records, summary, JSON schema."""

from __future__ import annotations

import pytest

from shared_paths import VENEZUELA, need_shared

THREAD = [s for s in __import__("newsaudit.pipeline", fromlist=["STAGES"]).STAGES if ".thread." in s]


@pytest.fixture(scope="module")
def report():
    from newsaudit.ingest import read_input
    from newsaudit.pipeline import Analyzer

    return Analyzer(stages=THREAD).analyze(read_input(str(need_shared(VENEZUELA))))


@pytest.mark.model
def test_every_comment_is_analysed(report):
    assert len(report.comments) == 24
    for c in report.comments:
        assert c.stance in ("support", "deny", "query", "comment")
        assert abs(sum(c.stance_scores.values()) - 1) < 1e-3
        assert c.civility is not None and 0 <= c.civility.score <= 1
        assert c.on_topic is not None and c.topic_score is not None
        assert c.parent_id is None or (c.parent_inferred and 0 < c.parent_confidence <= 1)


@pytest.mark.model
def test_thread_summary_keys_and_sense(report):
    thread = report.thread
    assert thread["n_comments"] == 24
    assert sum(thread["stance"].values()) == 24
    # On the page the denials ("The report is fake", "I don't trust this report", "propaganda")
    # far outnumber backing: the sentence must say the thread rejects the report.
    assert thread["stance"]["deny"] > thread["stance"]["support"]
    assert "reject the report" in thread["summary"]
    assert 0 < thread["share_uncivil"] < 1 and 0 < thread["share_off_topic"] < 1
    assert ["c1", "c2", "c3", "c4"] in thread["longest_chains"]
    assert thread["active_authors"][0] == {"author": "Jon", "comments": 5}
    asked = {q["id"] for q in thread["questions"]}
    assert asked <= {c.id for c in report.comments if c.stance in ("query", "deny") and c.on_topic is not False}
    # c10's "How does the Telegraph know what Putin is thinking?" is the page's question of the report;
    # c22's "Have you seen her videos on YouTube?" is asked in the thread's drift to the primaries.
    c10 = next(q for q in thread["questions"] if q["id"] == "c10")
    assert "How does the Telegraph know what Putin is thinking?" in c10["asks"]
    assert "c22" not in asked


@pytest.mark.model
def test_report_validates_and_round_trips(report, validate_report):
    from newsaudit.models import Report

    data = validate_report(report)
    assert Report.from_dict(data) == report
