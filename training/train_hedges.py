"""Rebuild src/newsaudit/models/hedges.json: the sentence-level hedge model.

Data: ../shared/data/wiki_weasel_uncertainty/wiki_weasel_train.csv (CoNLL-2010 Wikipedia
weasel/uncertainty sentences; text,label with 1 = uncertain). The fixed dev part
(newsaudit.article.hedging.is_dev: SHA-1 of the text modulo 5 == 0) is held out:
the model is trained on the rest, and `newsaudit eval hedges` reports on dev.

Model: logistic regression (scikit-learn, L2) over binary unigram, bigram and lexicon-cue
features with document frequency >= MIN_DF in the training part; C and the decision
threshold are chosen by 5-fold cross-validation inside the training part (dev unseen).
Only non-zero weights are written. Run: .venv/bin/python training/train_hedges.py
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from newsaudit.article.hedging import HedgeModel, features, is_dev, save_model
from newsaudit.evaluation.metrics import binary_prf

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wiki_weasel_uncertainty" / "wiki_weasel_train.csv"
OUT = ROOT / "src" / "newsaudit" / "models" / "hedges.json"
MIN_DF = 2
CS = (0.05, 0.1, 0.2)


def read(path: Path) -> list[tuple[str, int]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [(row["text"], int(row["label"])) for row in csv.DictReader(fh)]


def matrix(feats: list[set[str]], vocab: dict[str, int]) -> csr_matrix:
    rows, cols = [], []
    for i, fs in enumerate(feats):
        for f in fs:
            j = vocab.get(f)
            if j is not None:
                rows.append(i)
                cols.append(j)
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(vocab)))


def best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    grid = np.arange(0.2, 0.71, 0.02)
    scores = [binary_prf(y.astype(bool), p >= t)["f1"] for t in grid]
    return float(grid[int(np.argmax(scores))])


def main(path: Path = DATA) -> None:
    rows = [r for r in read(path) if not is_dev(r[0])]
    feats = [features(t) for t, _ in rows]
    y = np.array([label for _, label in rows])
    df = Counter(f for fs in feats for f in fs)
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= MIN_DF))}
    X = matrix(feats, vocab)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=13)
    best = (-1.0, CS[0], 0.5)
    for c in CS:
        oof = np.zeros(len(y))
        for tr, te in folds.split(X, y):
            clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
            clf.fit(X[tr], y[tr])
            oof[te] = clf.predict_proba(X[te])[:, 1]
        t = best_threshold(y, oof)
        score = binary_prf(y.astype(bool), oof >= t)["f1"]
        print(f"C={c}: cross-validated F1 {score:.4f} at threshold {t:.2f}", file=sys.stderr)
        if score > best[0]:
            best = (score, c, t)
    _, c, t = best
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(X, y)
    names = sorted(vocab, key=vocab.get)
    weights = {n: round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= 1e-3}
    model = HedgeModel(weights=weights, intercept=round(float(clf.intercept_[0]), 4), threshold=round(t, 2))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    save_model(model, OUT)
    print(f"wrote {OUT}: {len(weights)} weights, C={c}, threshold={t:.2f}, train rows {len(rows)}", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
