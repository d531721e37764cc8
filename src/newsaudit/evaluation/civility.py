"""Evaluate comment civility on labelled news comments (SOCC / SFU Constructiveness and Toxicity).

The CSV needs a ``comment`` column and a toxicity column (``is_toxic_popular_answer_1``,
1 = not toxic .. 4 = very toxic, or ``toxicity``); toxicity 2 to 4 counts as uncivil, as in
the issue. Reports ROC AUC of the score, F1 at the shipped threshold, and a profanity-only
baseline. Evaluation only: SOCC is CC BY-NC-SA and never trains anything.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..thread.civility_model import CivilityModel, load_model
from ..thread.cues import matcher
from .metrics import binary_prf

TOX_COLUMNS = ("is_toxic_popular_answer_1", "toxicity")


def load_socc(path: str | Path) -> list[tuple[str, int]]:
    """(comment, toxicity level) pairs."""
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
                rows.append((r["comment"], int(level)))
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


def evaluate_civility(data: str | Path, *, model: CivilityModel | None = None) -> dict:
    rows = load_socc(data)
    model = model or load_model()
    labels = np.array([level >= 2 for _, level in rows])
    judged = [model.assess(text) for text, _ in rows]
    scores = np.array([s for _, s, _ in judged])
    predicted = np.array([u for u, _, _ in judged])
    profanity = np.array([float(matcher("incivility_profanity").count(t)) for t, _ in rows])
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
    }
