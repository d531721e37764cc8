"""Precision, recall and F1, written once for every eval command and training script."""

from __future__ import annotations

from typing import Iterable, Sequence


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts, each rounded to 4 places (0.0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def binary_prf(gold: Iterable[bool], predicted: Iterable[bool]) -> dict[str, float]:
    """Scores of the positive class, from paired truth values."""
    tp = fp = fn = 0
    for g, p in zip(gold, predicted):
        tp += bool(g and p)
        fp += bool(p and not g)
        fn += bool(g and not p)
    return prf(tp, fp, fn)


def per_class(gold: Sequence[str], predicted: Sequence[str], labels: Iterable[str]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support for each label, one-vs-rest."""
    out: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        out[label] = {**prf(tp, fp, fn), "support": sum(1 for g in gold if g == label)}
    return out
