"""Evaluate comment civility on labelled news comments (SOCC / SFU Constructiveness and Toxicity).

The CSV needs a ``comment`` column and a toxicity column (``is_toxic_popular_answer_1``,
1 = not toxic .. 4 = very toxic, or ``toxicity``); toxicity 2 to 4 counts as uncivil, as in
the issue. Reports ROC AUC of the score, F1 at the shipped threshold, and a profanity-only
baseline. Evaluation only: SOCC is CC BY-NC-SA and never trains anything.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..thread.civility_model import CivilityModel, load_model
from ..thread.cues import matcher
from .metrics import binary_prf

TOX_COLUMNS = ("is_toxic_popular_answer_1", "toxicity")


def load_socc(path: str | Path) -> list[tuple[str, int]]:
    """(comment, toxicity level) pairs."""
    return [(text, level) for text, level, _ in load_socc_votes(path)]


def toxic_votes(row: dict[str, str], n_judgments: int = 3) -> int | None:
    """How many of a comment's three raters called it toxic at any level (2-4), or None.

    SOCC keeps the two most popular answers per comment and the first one's confidence (its
    share of the raters' trust). With exactly three judgments the count follows from them:
    - a majority (confidence 0.5 or more): a non-toxic majority with a toxic runner-up is one
      vote, a toxic majority with a non-toxic runner-up two, a toxic majority with a toxic
      runner-up (or no runner-up) three;
    - three different answers (confidence under 0.5): only one of them can be "not toxic", so a
      non-toxic first or second answer means two toxic votes; two toxic answers leave the third
      unknown (two or three votes), and that comment gives None.
    Comments with more or fewer judgments, or without the columns, give None.
    """
    try:
        judged = int(row.get("_trusted_judgments") or 0)
        first = int(row.get("is_toxic_popular_answer_1") or 0)
        confidence = float(row.get("is_toxic:confidence_answer1") or 1.0)
    except ValueError:
        return None
    second = (row.get("is_toxic_popular_answer_2") or "").strip()
    if judged != n_judgments or not first or (second and not second.isdigit()):
        return None
    first_toxic = first >= 2
    second_toxic = bool(second) and int(second) >= 2
    if confidence < 0.5:  # three different answers: exactly one toxic of the two known means two
        return 2 if second and first_toxic != second_toxic else None
    if not first_toxic:
        return 1 if second_toxic else 0
    return 3 if (second_toxic or not second) else 2


def load_socc_votes(path: str | Path) -> list[tuple[str, int, int | None]]:
    """(comment, toxicity level, toxic votes out of three or None) for each labelled comment."""
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file; expected the SOCC CSV (SFU_constructiveness_toxicity.csv)", source=str(p))
    csv.field_size_limit(10**8)
    with p.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = reader.fieldnames or []
        column = next((c for c in TOX_COLUMNS if c in fields), None)
        if "comment" not in fields or column is None:
            raise InputError(f"CSV needs a 'comment' column and one of {TOX_COLUMNS}", source=str(p))
        rows = []
        for r in reader:
            level = (r.get(column) or "").strip()
            if level.isdigit() and r["comment"].strip():
                rows.append((r["comment"], int(level), toxic_votes(r)))
    if not rows:
        raise InputError("no labelled comments in the CSV", source=str(p))
    return rows


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney U, ties counted half)."""
    pos, neg = labels.sum(), len(labels) - labels.sum()
    if not pos or not neg:
        return float("nan")
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):  # average ranks over ties
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[labels == 1].sum() - pos * (pos + 1) / 2) / (pos * neg))


def betabinom_logpmf(k: np.ndarray, n: int, a: float, b: float) -> np.ndarray:
    """log P(k successes of n) when the success rate is Beta(a, b) distributed."""
    lg = np.vectorize(math.lgamma)
    return (lg(n + 1) - lg(k + 1) - lg(n - k + 1)
            + lg(k + a) + lg(n - k + b) - lg(n + a + b)
            + math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b))


def fit_betabinom(counts: np.ndarray, n: int) -> tuple[float, float]:
    """Maximum-likelihood Beta(a, b) for how often raters say "toxic", from vote counts.

    ``counts[k]`` is how many comments got k toxic votes of n. Grid search on log a, log b,
    then a finer grid around the best point; numpy only.
    """
    k = np.arange(n + 1)

    def nll(la: float, lb: float) -> float:
        return float(-(counts * betabinom_logpmf(k, n, math.exp(la), math.exp(lb))).sum())

    best = min(((nll(la, lb), la, lb) for la in np.linspace(-4, 4, 81) for lb in np.linspace(-4, 4, 81)))
    _, la0, lb0 = best
    best = min(((nll(la, lb), la, lb) for la in np.linspace(la0 - 0.1, la0 + 0.1, 41)
                for lb in np.linspace(lb0 - 0.1, lb0 + 0.1, 41)))
    return math.exp(best[1]), math.exp(best[2])


def oracle_auc(a: float, b: float, n: int = 3, majority: int = 2, draws: int = 200_000, seed: int = 7) -> float:
    """The ROC AUC of a model that knew each comment's true toxic-vote rate exactly.

    Comments draw a rate from Beta(a, b), raters vote with that rate, and the label is a toxic
    majority; the best any model can do is rank by the rate itself. This is the ceiling the
    label noise leaves, before any modelling error.
    """
    rng = np.random.default_rng(seed)
    rate = rng.beta(a, b, draws)
    label = (rng.binomial(n, rate) >= majority).astype(int)
    return roc_auc(label, rate)


def agreement(votes: list[int | None], scores: np.ndarray) -> dict:
    """How far the crowd agreed, what that allows, and the score's AUC on the cases raters agreed on."""
    v = np.array([-1 if x is None else x for x in votes])
    counts = np.array([int((v == k).sum()) for k in range(4)])
    if counts.sum() < 50 or not counts[2:].sum() or not counts[:2].sum():
        return {}
    a, b = fit_betabinom(counts, 3)
    unanimous = (v == 0) | (v == 3)
    split = (v == 1) | (v == 2)
    return {
        "three_rater_comments": int(counts.sum()),
        "toxic_votes": {str(k): int(c) for k, c in enumerate(counts)},
        "rater_rate_beta": [round(a, 3), round(b, 3)],
        "oracle_roc_auc": round(oracle_auc(a, b), 4),
        "roc_auc_unanimous": _auc_or_none((v[unanimous] == 3).astype(int), scores[unanimous]),
        "roc_auc_split_votes": _auc_or_none((v[split] == 2).astype(int), scores[split]),
    }


def _auc_or_none(labels: np.ndarray, scores: np.ndarray) -> float | None:
    """The AUC rounded, or None (JSON null) when the subset lacks one of the two classes."""
    value = roc_auc(labels, scores)
    return None if math.isnan(value) else round(value, 4)


def evaluate_civility(data: str | Path, *, model: CivilityModel | None = None) -> dict:
    rows = load_socc_votes(data)
    model = model or load_model()
    labels = np.array([level >= 2 for _, level, _ in rows])
    judged = model.assess_many([text for text, _, _ in rows])
    scores = np.array([s for _, s, _ in judged])
    predicted = np.array([u for u, _, _ in judged])
    profanity = np.array([float(matcher("incivility_profanity").count(t)) for t, _, _ in rows])
    return {
        "task": "civility",
        "data": str(data),
        "n": len(rows),
        "n_uncivil": int(labels.sum()),
        "roc_auc": round(roc_auc(labels.astype(int), scores), 4),
        "threshold": model.threshold,
        **binary_prf(labels.tolist(), predicted.tolist()),
        "accuracy": round(float((labels == predicted).mean()), 4),
        "baseline": {"name": "profanity lexicon count", "roc_auc": round(roc_auc(labels.astype(int), profanity), 4)},
        # added 2026-11-29: how much the crowd agreed, and the AUC that agreement leaves reachable
        "labels": agreement([v for _, _, v in rows], scores),
    }
