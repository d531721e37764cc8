"""The shared precision/recall/F1, checked on counts worked out by hand."""

from __future__ import annotations

from newsaudit.evaluation.metrics import binary_prf, per_class, prf


def test_prf_from_counts():
    # 3 right, 1 wrong guess, 2 missed: precision 3/4, recall 3/5, F1 2*0.75*0.6/1.35 = 0.6667
    assert prf(3, 1, 2) == {"precision": 0.75, "recall": 0.6, "f1": 0.6667}


def test_prf_is_zero_where_undefined():
    assert prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_binary_prf_counts_the_positive_class():
    gold = [True, True, False, False, True]
    pred = [True, False, True, False, True]
    # tp 2, fp 1, fn 1
    assert binary_prf(gold, pred) == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}


def test_per_class_scores_each_label_one_vs_rest_with_support():
    gold = ["a", "a", "b", "c"]
    pred = ["a", "b", "b", "b"]
    out = per_class(gold, pred, ("a", "b", "c"))
    assert out["a"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert out["b"] == {"precision": 0.3333, "recall": 1.0, "f1": 0.5, "support": 1}
    assert out["c"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
