"""Rebuild src/newsaudit/models/stance.npz from ../shared/data/rumoureval2017.

Trains on the train split only; the regularisation strength and the class
weighting are chosen by macro-F1 on the dev split together with event-held-out
folds of train (dev alone has 11 denials: too few to choose on). The test split
is never read here. scikit-learn is used only in this script; the weights ship
as npz and are read with numpy.

    .venv/bin/python training/train_stance.py [--data ../shared/data/rumoureval2017]
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from newsaudit.evaluation.stance import load_rumoureval, posts_of, scores
from newsaudit.models import STANCES
from newsaudit.thread.stance_model import Featurizer, StanceModel

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsaudit" / "models"


def matrix(featurizer: Featurizer, posts) -> csr_matrix:  # noqa: ANN001
    rows, cols, vals = [], [], []
    for i, post in enumerate(posts):
        idx, val = featurizer.transform(post)
        rows.extend([i] * len(idx))
        cols.extend(idx.tolist())
        vals.extend(val.tolist())
    return csr_matrix((vals, (rows, cols)), shape=(len(posts), featurizer.n_features))


def weights(labels: list[str], power: float) -> dict[str, float]:
    """Class weights: (balanced weight) ** power; 0 is unweighted, 1 is sklearn's 'balanced'."""
    n, k = len(labels), len(STANCES)
    return {c: (n / (k * max(1, labels.count(c)))) ** power for c in STANCES}


def fit(X, y, C: float, power: float, dense_scale: float, n_vocab: int) -> LogisticRegression:  # noqa: ANN001
    clf = LogisticRegression(C=C, class_weight=weights(list(y), power), max_iter=3000)
    clf.fit(scale(X, dense_scale, n_vocab), y)
    return clf


def scale(X, dense_scale: float, n_vocab: int):  # noqa: ANN001, ANN201
    factors = np.ones(X.shape[1])
    factors[n_vocab:] = dense_scale
    return X.multiply(factors.reshape(1, -1)).tocsr()


def macro(y: np.ndarray, proba: np.ndarray, offsets: np.ndarray) -> float:
    """Macro-F1 of the argmax of log-probabilities shifted by per-class offsets."""
    pred = np.array(STANCES)[np.argmax(np.log(proba + 1e-12) + offsets, axis=1)]
    return scores(list(y), list(pred))["macro_f1"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "rumoureval2017"))
    ap.add_argument("--max-features", type=int, default=6000)
    args = ap.parse_args(argv)

    rows = load_rumoureval(args.data)
    posts = posts_of(rows)
    train = [(r, p) for r, p in zip(rows, posts) if r["split"] == "train"]
    dev = [(r, p) for r, p in zip(rows, posts) if r["split"] == "dev"]
    vocab, idf = Featurizer.fit_vocab([p.text for _, p in train], max_features=args.max_features)
    feat = Featurizer(vocab, idf)
    Xtr, ytr = matrix(feat, [p for _, p in train]), np.array([r["sdqc"] for r, _ in train])
    Xdv, ydv = matrix(feat, [p for _, p in dev]), np.array([r["sdqc"] for r, _ in dev])
    events = np.array([r.get("event", r["thread_id"]) for r, _ in train])

    # Events grouped into four folds: each fold's events are unseen while training on the rest.
    names = sorted(set(events))
    fold_of = {ev: k % 4 for k, ev in enumerate(names)}
    folds = np.array([fold_of[e] for e in events])
    grid = list(itertools.product((0.5, 1.0), (0.5, 0.8), (1.0, 1.5)))
    best = None
    for C, power, ds in grid:
        clf = fit(Xtr, ytr, C, power, ds, len(vocab))
        dev_proba = clf.predict_proba(scale(Xdv, ds, len(vocab)))
        oof = np.zeros((len(ytr), len(STANCES)))
        for k in range(4):
            held = folds == k
            c2 = fit(Xtr[~held], ytr[~held], C, power, ds, len(vocab))
            oof[held] = c2.predict_proba(scale(Xtr[held], ds, len(vocab)))[:, [list(c2.classes_).index(c) for c in STANCES]]
        dev_proba = dev_proba[:, [list(clf.classes_).index(c) for c in STANCES]]
        dev_f1 = macro(ydv, dev_proba, np.zeros(len(STANCES)))
        cv_f1 = macro(ytr, oof, np.zeros(len(STANCES)))
        combined = (dev_f1 + 2 * cv_f1) / 3
        print(f"C={C} power={power} dense={ds}: dev {dev_f1:.3f} cv {cv_f1:.3f} -> {combined:.3f}", file=sys.stderr)
        if best is None or combined > best[0]:
            best = (combined, C, power, ds, clf, oof, dev_proba)
    _, C, power, ds, clf, oof, dev_proba = best
    # Per-class offsets on the log-probabilities, tuned for macro-F1 on the held-out predictions
    # (event folds and dev together): macro-F1 rewards recall of the rare classes more than the
    # class weights alone give.
    y_all = np.concatenate([ytr, ydv])
    p_all = np.vstack([oof, dev_proba])
    offsets = np.zeros(len(STANCES))
    base_f1 = macro(y_all, p_all, offsets)
    for _ in range(3):
        for k in range(len(STANCES)):
            trials = [(macro(y_all, p_all, np.where(np.arange(len(STANCES)) == k, d, offsets)), -abs(d), d)
                      for d in np.arange(-1.5, 1.51, 0.1)]
            offsets[k] = max(trials)[2]
    tuned_f1 = macro(y_all, p_all, offsets)
    dev_f1 = macro(ydv, dev_proba, offsets)
    cv_f1 = macro(ytr, oof, offsets)
    print(f"offsets {dict(zip(STANCES, offsets.round(2)))}: held-out macro-F1 {base_f1:.3f} -> {tuned_f1:.3f}",
          file=sys.stderr)
    order = [list(clf.classes_).index(c) for c in STANCES]
    factors = np.ones(feat.n_features)
    factors[len(vocab):] = ds
    coef = clf.coef_[order] * factors  # fold the dense scaling into the weights
    model = StanceModel(feat, coef, clf.intercept_[order] + offsets, STANCES)
    OUT.mkdir(parents=True, exist_ok=True)
    model.save(OUT / "stance.npz")
    (OUT / "stance.md").write_text(CARD.format(
        date=datetime.date.today().isoformat(), n=len(train), vocab=len(vocab), C=C, power=power, ds=ds,
        dev=dev_f1, cv=cv_f1, offsets=", ".join(f"{c} {o:+.1f}" for c, o in zip(STANCES, offsets)),
    ), encoding="utf-8")
    print(f"chose C={C} power={power} dense={ds}; dev macro-F1 {dev_f1:.3f}, event-CV {cv_f1:.3f}", file=sys.stderr)
    return 0


CARD = """# stance.npz: comment stance toward a report

- **What:** multinomial logistic regression over TF-IDF word uni/bigrams ({vocab} features, train
  vocabulary, min df 2) plus cue and chain features (question form, negation, doubt, denial and
  support lexicons, reply depth, the parent's cues, word overlap with the parent and with the report).
  Labels: support, deny, query, comment. Read with numpy by `newsaudit.thread.stance_model`.
- **Data:** SemEval-2017 RumourEval subtask A (`../shared/data/rumoureval2017`, PHEME Twitter threads;
  annotations CC BY). Trained on the train split ({n} posts). Only weights ship, no tweet text
  (the vocabulary is single words and word pairs with document frequency of 2 or more).
- **Choices:** C={C}, class weight = balanced ** {power}, dense-feature scale {ds}; chosen by macro-F1
  on dev and on four event-held-out folds of train; then per-class offsets on the log-probabilities
  ({offsets}) tuned for macro-F1 on those held-out predictions (with them: dev {dev:.3f},
  event-CV {cv:.3f}). The test split is never read in training.
- **Metric:** `newsaudit eval stance --data ../shared/data/rumoureval2017` (test split, 4-class macro-F1).
  Measured 2026-11-29: macro-F1 0.536, accuracy 0.742 (majority baseline 0.213 / 0.742); deny F1 0.26
  is the weak class. The issue's floor is 0.55: not yet reached.
- **Rebuild:** `.venv/bin/python training/train_stance.py` ({date}).
- **Limits:** tweets are short and written to other tweets; news comments are longer. Cue lexicons
  (`lexicons/en/stance_cues_*.txt`) carry much of the transfer.
- **Tried, not kept** (worse on dev and event folds): character 3-4-grams (dev 0.59 against 0.62),
  the share of other posts in the thread that deny or ask (held-out macro-F1 0.513 against 0.515).
"""

if __name__ == "__main__":
    raise SystemExit(main())
