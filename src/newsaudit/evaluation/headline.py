"""Evaluate headline/body stance on FNC-1-format data (``train_stances.csv``, ``train_bodies.csv``).

Split: a fixed fifth of the training file by headline (SHA-1 of the headline modulo 5
== 0), so no headline is in both parts. FNC-1 states no licence, so nothing trained on
it ships: the model is fitted here, in memory, on the other part, each run (numpy, a
fixed seed: the same figures every time).

Model: two softmax regressions over :func:`newsaudit.article.relatedness.pair_features`
(TF-IDF cosines, overlaps, refuting and hedging words; IDF from the training part) plus,
for the stance step, TF-IDF-weighted headline and body word vectors over a capped
vocabulary. Step one: related or unrelated; step two, for related pairs:
agree / disagree / discuss. Scored with the FNC-1 relative score (0.25 for the
related/unrelated call, 0.75 more for the right stance of a related pair) and
per-class F1.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import time
from pathlib import Path

import numpy as np

from ..article.relatedness import content_words, fit_softmax, idf_from, pair_features, softmax, words
from ..errors import EvalError
from .metrics import per_class

log = logging.getLogger(__name__)

LABELS = ("agree", "disagree", "discuss", "unrelated")
STANCES = ("agree", "disagree", "discuss")
VOCAB = 600  # words per side in the stance step's bag of words


def held_out(headline: str) -> bool:
    return int(hashlib.sha1(headline.strip().encode("utf-8")).hexdigest(), 16) % 5 == 0


def read_fnc(folder: Path) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    stances, bodies = folder / "train_stances.csv", folder / "train_bodies.csv"
    if not stances.is_file() or not bodies.is_file():
        raise EvalError(f"{folder}: expected train_stances.csv and train_bodies.csv (FNC-1 format)")
    with open(bodies, newline="", encoding="utf-8") as fh:
        body = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(fh)}
    with open(stances, newline="", encoding="utf-8") as fh:
        rows = [(r["Headline"], r["Body ID"], r["Stance"]) for r in csv.DictReader(fh)]
    missing = {b for _, b, _ in rows if b not in body}
    if missing:
        raise EvalError(f"{stances}: {len(missing)} body ids not in train_bodies.csv")
    return rows, body


def fnc_score(gold: list[str], predicted: list[str]) -> float:
    score = best = 0.0
    for g, p in zip(gold, predicted):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            score += 0.25
            if g != "unrelated":
                score += 0.5
        if g != "unrelated" and p != "unrelated":
            score += 0.25
    return score / best if best else 0.0


def per_class_f1(gold: list[str], predicted: list[str]) -> dict[str, float]:
    return {label: scores["f1"] for label, scores in per_class(gold, predicted, LABELS).items()}


class _Featurizer:
    def __init__(self, headlines: list[str], bodies: list[str]) -> None:
        docs = [content_words(t) for t in headlines + bodies]
        self.idf = idf_from(docs)
        self.default = max(self.idf.values()) if self.idf else 1.0
        counts: dict[str, int] = {}
        for d in docs:
            for w in set(d):
                counts[w] = counts.get(w, 0) + 1
        vocab = sorted(counts, key=lambda w: (-counts[w], w))[:VOCAB]
        self.index = {w: i for i, w in enumerate(vocab)}
        self._cache: dict[str, tuple[list[str], list[str]]] = {}

    def tokens(self, text: str) -> tuple[list[str], list[str]]:
        if text not in self._cache:
            self._cache[text] = (content_words(text), words(text))
        return self._cache[text]

    def bag(self, tokens: list[str]) -> np.ndarray:
        v = np.zeros(len(self.index))
        for w in tokens:
            j = self.index.get(w)
            if j is not None:
                v[j] += self.idf.get(w, self.default)
        norm = np.linalg.norm(v)
        return v / norm if norm else v

    def dense(self, headline: str, body: str) -> list[float]:
        (hc, hr), (bc, br) = self.tokens(headline), self.tokens(body)
        return pair_features(hc, bc, self.idf, self.default, raw_claim=hr, raw_text=br)

    def stance(self, headline: str, body: str, dense: list[float]) -> np.ndarray:
        h, b = self.bag(self.tokens(headline)[0]), self.bag(self.tokens(body)[0])
        return np.concatenate([dense, h, b, h * b])


def _standardise(x: np.ndarray, mean: np.ndarray | None = None, std: np.ndarray | None = None):  # noqa: ANN202
    if mean is None:
        mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
    return (x - mean) / std, mean, std


def evaluate_headline(data: str | Path) -> dict:
    began = time.perf_counter()
    folder = Path(data)
    rows, bodies = read_fnc(folder)
    train = [r for r in rows if not held_out(r[0])]
    test = [r for r in rows if held_out(r[0])]
    if not train or not test:
        raise EvalError(f"{folder}: too few headlines to split")
    feat = _Featurizer(sorted({r[0] for r in train}), sorted({bodies[r[1]] for r in train}))
    dense_tr = np.array([feat.dense(h, bodies[b]) for h, b, _ in train])
    dense_te = np.array([feat.dense(h, bodies[b]) for h, b, _ in test])
    x_tr, mean, std = _standardise(dense_tr)
    x_te, _, _ = _standardise(dense_te, mean, std)
    y_rel = np.array([int(s != "unrelated") for _, _, s in train])
    w1, b1 = fit_softmax(x_tr, y_rel, 2, epochs=20)
    p_rel = softmax(x_te @ w1 + b1)[:, 1]

    related_tr = [i for i, r in enumerate(train) if r[2] != "unrelated"]
    s_tr = np.array([feat.stance(train[i][0], bodies[train[i][1]], list(x_tr[i])) for i in related_tr])
    y_st = np.array([STANCES.index(train[i][2]) for i in related_tr])
    counts = np.bincount(y_st, minlength=3)
    weight = (len(y_st) / (3 * np.maximum(counts, 1))) ** 0.5  # soften the class imbalance
    w2, b2 = fit_softmax(s_tr, y_st, 3, epochs=25, l2=1e-3, class_weight=weight)
    predicted = []
    for i, (h, b, _) in enumerate(test):
        if p_rel[i] < 0.5:
            predicted.append("unrelated")
            continue
        s = feat.stance(h, bodies[b], list(x_te[i]))
        predicted.append(STANCES[int(np.argmax(s @ w2 + b2))])
    gold = [s for _, _, s in test]
    return {
        "task": "headline",
        "data": str(folder),
        "split": "held-out fifth of train_stances.csv by headline (sha1 % 5 == 0)",
        "pairs": len(test),
        "headlines": len({h for h, _, _ in test}),
        "train_pairs": len(train),
        "fnc_relative_score": round(fnc_score(gold, predicted), 4),
        "f1": per_class_f1(gold, predicted),
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / len(gold), 4),
        "related_accuracy": round(sum((g == "unrelated") == (p == "unrelated") for g, p in zip(gold, predicted))
                                  / len(gold), 4),
        "seconds": round(time.perf_counter() - began, 1),
    }
