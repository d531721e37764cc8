"""The civility eval's label diagnostics: rater votes, the beta-binomial fit, the oracle ceiling."""

from __future__ import annotations

import math

import numpy as np
import pytest

from newsaudit.evaluation.civility import betabinom_logpmf, fit_betabinom, oracle_auc, toxic_votes


def row(first: str, second: str, judged: str = "3", confidence: str = "0.6667") -> dict[str, str]:
    return {"_trusted_judgments": judged, "is_toxic_popular_answer_1": first, "is_toxic_popular_answer_2": second,
            "is_toxic:confidence_answer1": confidence}


@pytest.mark.parametrize(("first", "second", "votes"), [
    ("1", "", 0),    # all three said not toxic: no runner-up answer
    ("1", "1", 0),
    ("1", "2", 1),   # two said not toxic, one mildly toxic
    ("1", "4", 1),
    ("2", "1", 2),   # two said mildly toxic, one not toxic
    ("3", "2", 3),   # toxic and mildly toxic: every rater at 2 or more
    ("2", "", 3),    # unanimous mildly toxic
])
def test_votes_follow_from_the_two_popular_answers(first, second, votes):
    assert toxic_votes(row(first, second)) == votes


@pytest.mark.parametrize(("first", "second", "votes"), [
    ("1", "2", 2),     # answers 1, 2 and a third that can only be toxic: two toxic votes
    ("3", "1", 2),     # 3, 1 and a third toxic level: two
    ("2", "3", None),  # 2, 3 and a third that may be 1 or 4: two or three, unknown
])
def test_votes_when_the_three_raters_all_differ(first, second, votes):
    # the first answer's confidence under 0.5 means no two raters agreed
    assert toxic_votes(row(first, second, confidence="0.3438")) == votes


def test_votes_unknown_without_exactly_three_judgments_or_columns():
    assert toxic_votes(row("2", "1", judged="12")) is None
    assert toxic_votes(row("2", "1", judged="")) is None
    assert toxic_votes({"comment": "x"}) is None
    assert toxic_votes(row("two", "1")) is None


def test_beta_binomial_is_a_distribution():
    k = np.arange(4)
    for a, b in ((0.5, 0.5), (1.7, 4.1), (20.0, 3.0)):
        assert math.isclose(float(np.exp(betabinom_logpmf(k, 3, a, b)).sum()), 1.0, rel_tol=1e-9)
    # Beta(1, 1) makes every count of successes equally likely: 1/4 each for n = 3
    assert np.allclose(np.exp(betabinom_logpmf(k, 3, 1.0, 1.0)), 0.25)


def test_fit_recovers_the_parameters_from_exact_expected_counts():
    k = np.arange(4)
    counts = 100_000 * np.exp(betabinom_logpmf(k, 3, 1.5, 4.0))
    a, b = fit_betabinom(counts, 3)
    assert a == pytest.approx(1.5, rel=0.05) and b == pytest.approx(4.0, rel=0.05)


def test_oracle_auc_spans_chance_to_certainty():
    # rates pushed to 0 or 1: the rate decides every vote, so knowing it ranks almost perfectly
    assert oracle_auc(0.02, 0.02) > 0.97
    # every comment has the same rate: nothing to know, labels are coin flips
    assert oracle_auc(2000.0, 2000.0) == pytest.approx(0.5, abs=0.02)
