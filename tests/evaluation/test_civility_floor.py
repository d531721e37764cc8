"""Accuracy gate: comment civility on SOCC news comments (toxicity 2-4 = uncivil; evaluation only)."""

from __future__ import annotations

import json

import pytest

from shared_paths import DATA, need_shared

# Measured 2026-11-29 with `newsaudit eval civility`: ROC AUC 0.613, F1 0.333 at the shipped
# threshold 0.225 (profanity-lexicon baseline AUC 0.50), with the sentence-embedding view; the
# n-gram model alone had 0.589 and 0.328.
AUC_FLOOR = 0.60
F1_FLOOR = 0.32
ISSUE_AUC_FLOOR = 0.75


@pytest.fixture(scope="module")
def scores():
    from click.testing import CliRunner

    from newsaudit.cli import main

    data = need_shared(DATA / "socc_ctc" / "SFU_constructiveness_toxicity.csv")
    result = CliRunner().invoke(main, ["eval", "civility", "--data", str(data)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.eval
def test_civility_floor(scores):
    assert scores["n"] == 1121 and scores["n_uncivil"] == 219
    assert scores["roc_auc"] >= AUC_FLOOR
    assert scores["f1"] >= F1_FLOOR
    assert scores["roc_auc"] > scores["baseline"]["roc_auc"]


@pytest.mark.eval
def test_civility_label_agreement_on_socc(scores):
    labels = scores["labels"]
    # counted from the CSV with a separate script over the 1,010 three-rater comments, by first
    # answer's confidence (>= 0.5: a majority) and the two popular answers: 415 with no toxic
    # vote, 380 with one, 111 + 25 + 9 (three different answers, one of them "not toxic") with
    # two, 32 + 12 with three; 26 three-way splits between toxic levels are two or three, left out
    assert labels["toxic_votes"] == {"0": 415, "1": 380, "2": 145, "3": 44}
    assert labels["three_rater_comments"] == 984
    # even a model that knew each comment's true toxic-vote rate stays well short of 1
    assert 0.7 < labels["oracle_roc_auc"] < 0.9
    # on the comments raters agreed on, the score ranks toxic above clean
    assert labels["roc_auc_unanimous"] > 0.55


@pytest.mark.eval
@pytest.mark.xfail(reason="issue 5 asks AUC 0.75 on SOCC; every design trained on Wikipedia talk pages and tweets "
                          "reaches 0.53-0.61 there (0.613 shipped, with a sentence-embedding view; 0.95 on "
                          "Jigsaw): 206 of SOCC's 219 uncivil labels are "
                          "split crowd votes, mostly without abusive words, and a model that knew each "
                          "comment's true toxic-vote rate would reach about 0.78 to 0.82 (the eval's "
                          "labels.oracle_roc_auc); see models/civility.md",
                   strict=True)
def test_civility_reaches_the_issue_floor(scores):
    assert scores["roc_auc"] >= ISSUE_AUC_FLOOR
