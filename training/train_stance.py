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
from newsaudit.thread.stance_model import Featurizer, StanceModel, encode_posts

from encoder_cache import DEFAULT as CACHE
from encoder_cache import cached_vectors

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


def fit(X, y, C: float, power: float) -> LogisticRegression:  # noqa: ANN001
    # newton-cg reaches the same optimum as lbfgs here, in a second instead of twenty.
    clf = LogisticRegression(C=C, class_weight=weights(list(y), power), max_iter=3000, solver="newton-cg")
    return clf.fit(X, y)


class Views:
    """The two views averaged in log-probability: word n-grams + cues, character n-grams + cues.

    A geometric mean of two multinomial logistic regressions is itself one linear model (the mean
    of their logits, up to a constant per post), so the ensemble ships as a single coef matrix.
    """

    def __init__(self, feat: Featurizer, dense_scale: float) -> None:
        nw, nc, n = feat.n_words, feat.n_chars, feat.n_features
        self.factors = np.ones(n)
        self.factors[nw + nc:] = dense_scale
        dense = np.arange(nw + nc, n)
        self.cols = [np.concatenate([np.arange(nw), dense]), np.concatenate([np.arange(nw, nw + nc), dense])]
        self.n = n

    def fit(self, X, y, C: float, power: float) -> tuple[np.ndarray, np.ndarray]:  # noqa: ANN001
        """Coef (classes in STANCES order, over all columns, dense scaling folded in) and intercept."""
        coef, intercept = np.zeros((len(STANCES), self.n)), np.zeros(len(STANCES))
        Xs = X.multiply(self.factors.reshape(1, -1)).tocsr()
        for cols in self.cols:
            clf = fit(Xs[:, cols], y, C, power)
            order = [list(clf.classes_).index(c) for c in STANCES]
            coef[:, cols] += clf.coef_[order] / len(self.cols)
            intercept += clf.intercept_[order] / len(self.cols)
        return coef * self.factors, intercept


# The sentence-encoder view counts as a third view, weighted like each of the two n-gram views.
EMB_WEIGHT = 1 / 3
EMB_C = 0.3


def fit_embedding(E: np.ndarray, y: np.ndarray, power: float) -> tuple[np.ndarray, np.ndarray]:
    """Coef and intercept (classes in STANCES order) of the logistic regression over the
    embedding features."""
    clf = LogisticRegression(C=EMB_C, class_weight=weights(list(y), power), max_iter=3000).fit(E, y)
    order = [list(clf.classes_).index(c) for c in STANCES]
    return clf.coef_[order], clf.intercept_[order]


def mix(base: np.ndarray, emb: np.ndarray) -> np.ndarray:
    """Probabilities of the weighted geometric mean of the two models."""
    logp = (1 - EMB_WEIGHT) * np.log(base + 1e-12) + EMB_WEIGHT * np.log(emb + 1e-12)
    p = np.exp(logp - logp.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


def proba(X, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:  # noqa: ANN001
    logits = np.asarray(X @ coef.T) + intercept
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def macro(y: np.ndarray, proba: np.ndarray, offsets: np.ndarray) -> float:
    """Macro-F1 of the argmax of log-probabilities shifted by per-class offsets."""
    pred = np.array(STANCES)[np.argmax(np.log(proba + 1e-12) + offsets, axis=1)]
    return scores(list(y), list(pred))["macro_f1"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "rumoureval2017"))
    ap.add_argument("--max-features", type=int, default=12000, help="word uni/bigram vocabulary size")
    ap.add_argument("--max-chars", type=int, default=20000, help="character 2-5-gram vocabulary size")
    ap.add_argument("--out", default=str(OUT), help="folder for stance.npz and stance.md (a candidate elsewhere)")
    ap.add_argument("--cache", default=str(CACHE), help="folder for cached sentence vectors ('' for none)")
    args = ap.parse_args(argv)
    out = Path(args.out)

    rows = load_rumoureval(args.data)
    posts = posts_of(rows)
    train = [(r, p) for r, p in zip(rows, posts) if r["split"] == "train"]
    dev = [(r, p) for r, p in zip(rows, posts) if r["split"] == "dev"]
    texts = [p.text for _, p in train]
    vocab, idf = Featurizer.fit_vocab(texts, max_features=args.max_features)
    char_vocab, char_idf = Featurizer.fit_vocab(texts, max_features=args.max_chars, min_df=3, kind="chars")
    feat = Featurizer(vocab, idf, char_vocab, char_idf)
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
        views = Views(feat, ds)
        coef, intercept = views.fit(Xtr, ytr, C, power)
        dev_proba = proba(Xdv, coef, intercept)
        oof = np.zeros((len(ytr), len(STANCES)))
        for k in range(4):
            held = folds == k
            oof[held] = proba(Xtr[held], *views.fit(Xtr[~held], ytr[~held], C, power))
        dev_f1 = macro(ydv, dev_proba, np.zeros(len(STANCES)))
        cv_f1 = macro(ytr, oof, np.zeros(len(STANCES)))
        combined = (dev_f1 + 2 * cv_f1) / 3
        print(f"C={C} power={power} dense={ds}: dev {dev_f1:.3f} cv {cv_f1:.3f} -> {combined:.3f}", file=sys.stderr)
        if best is None or combined > best[0]:
            best = (combined, C, power, ds, coef, intercept, oof, dev_proba)
    _, C, power, ds, coef, intercept, oof, dev_proba = best
    base_dev, base_cv = macro(ydv, dev_proba, np.zeros(len(STANCES))), macro(ytr, oof, np.zeros(len(STANCES)))
    # The embedding view, fitted on the same folds, then mixed with the chosen n-gram model.
    def vectors_of(texts: list[str]) -> np.ndarray:
        return cached_vectors(texts, Path(args.cache) if args.cache else None)

    Etr = encode_posts([p for _, p in train], vectors_of=vectors_of)
    Edv = encode_posts([p for _, p in dev], vectors_of=vectors_of)
    emb_coef, emb_intercept = fit_embedding(Etr, ytr, power)
    emb_oof = np.zeros_like(oof)
    for k in range(4):
        held = folds == k
        emb_oof[held] = proba(Etr[held], *fit_embedding(Etr[~held], ytr[~held], power))
    oof, dev_proba = mix(oof, emb_oof), mix(dev_proba, proba(Edv, emb_coef, emb_intercept))
    emb_dev, emb_cv = macro(ydv, dev_proba, np.zeros(len(STANCES))), macro(ytr, oof, np.zeros(len(STANCES)))
    print(f"with the embedding view (weight {EMB_WEIGHT:.2f}): dev {base_dev:.3f} -> {emb_dev:.3f}, "
          f"event-CV {base_cv:.3f} -> {emb_cv:.3f}", file=sys.stderr)
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
    model = StanceModel(feat, coef * (1 - EMB_WEIGHT), intercept * (1 - EMB_WEIGHT) + offsets, STANCES,
                        emb_coef * EMB_WEIGHT, emb_intercept * EMB_WEIGHT)
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / "stance.npz")
    (out / "stance.md").write_text(CARD.format(
        date=datetime.date.today().isoformat(), n=len(train), vocab=len(vocab), chars=len(char_vocab), C=C, power=power, ds=ds,
        emb_c=EMB_C, base_dev=base_dev, base_cv=base_cv, emb_dev=emb_dev, emb_cv=emb_cv,
        dev=dev_f1, cv=cv_f1, offsets=", ".join(f"{c} {o:+.1f}" for c, o in zip(STANCES, offsets)),
    ), encoding="utf-8")
    print(f"chose C={C} power={power} dense={ds}; dev macro-F1 {dev_f1:.3f}, event-CV {cv_f1:.3f}", file=sys.stderr)
    return 0


CARD = """# stance.npz: comment stance toward a report

- **What:** two multinomial logistic regressions averaged in log-probability (shipped as one linear
  model): one over TF-IDF word uni/bigrams ({vocab} features, min df 2), one over TF-IDF character
  2-5-grams within words ({chars} features, min df 3); both also read the cue and chain features
  (question form, negation, doubt, denial and support lexicons, reply depth, the parent's cues and
  question marks, word overlap with the parent and with the report, the share of the report's and
  the parent's content words the post repeats, and a quote-retweet opener: '"@AFP: ..."', 'RT @x:').
  A third view, weighted like each of the others (1/3 of the log-probability), reads sentence
  vectors: a logistic regression (C={emb_c}) over the post's all-MiniLM-L6-v2 vector (384-d, run
  with numpy by `newsaudit.encoder`), its elementwise products with the report's and the parent's
  vectors, and the two cosines: what the post says and how it bears on what it answers. With it,
  dev {base_dev:.3f} -> {emb_dev:.3f} and event-CV {base_cv:.3f} -> {emb_cv:.3f} (before offsets).
  Labels: support, deny, query, comment. Read with numpy by `newsaudit.thread.stance_model`.
- **Data:** SemEval-2017 RumourEval subtask A (`../shared/data/rumoureval2017`, PHEME Twitter threads;
  annotations CC BY). Trained on the train split ({n} posts). Only weights ship, no tweet text
  (the vocabularies are words, word pairs and character n-grams found in 2 or more posts).
- **Choices:** C={C}, class weight = balanced ** {power}, dense-feature scale {ds}; chosen by
  (dev + 2 x event-CV) / 3 macro-F1, dev split and four event-held-out folds of train; then per-class
  offsets on the log-probabilities ({offsets}) tuned for macro-F1 on those held-out predictions
  (with them: dev {dev:.3f}, event-CV {cv:.3f}). The test split is never read in training.
- **Metric:** `newsaudit eval stance --data ../shared/data/rumoureval2017` (test split, 1049 posts,
  4-class macro-F1). Measured 2026-11-29 (third session), with the embedding view: macro-F1 0.5549,
  accuracy 0.755 (majority "comment" baseline 0.213 / 0.742); per-class F1 support 0.374, deny 0.321,
  query 0.673, comment 0.851. The issue's floor, 0.55, is reached; one test look for this design.
  (Before the embedding view: 0.5465; before the repeat/quote features: 0.5435, held-out dev 0.649 /
  event-CV 0.514; the word-only model before that: 0.536, deny 0.26.)
- **Content rule after the model (2026-11-29):** a post predicted `support` that calls the report made
  up or worthless in its own words, unnegated ("he made it up", "a hoax", "this article is a piece of
  tripe"; `calls_it_made_up` in `stance_model.py`), is labelled `deny`: the chain features read "I
  disagree" under a denying parent as support, and the issue asks for a denial when the content says
  so. It changes no prediction on RumourEval train, dev or test (test macro-F1 0.5465 before and
  after; three test runs, each after the rule was fixed on the Venezuela page and train/dev; with the
  embedding view, still none on any split). Words
  as often said of a third party ("fake", "propaganda", "I don't trust") are left to the model.
  Two extensions (2026-11-29, third session), each changing no RumourEval prediction on any split:
  a reply the model leaves at `comment` that opens by disagreeing ("I disagree.", "No, ...") and
  calls the report invented is `deny` (the page's c12, a near tie between comment and deny with the
  embedding view); and a `comment` that names the report and calls it worthless ("this article is a
  piece of tripe", c14) is `deny` at any depth. "Not true" or "made it up" alone, said deep in a
  chain, is as often said of another commenter (two such train/dev posts, labelled comment and
  support), so it is not extended that far.
- **Rebuild:** `.venv/bin/python training/train_stance.py` ({date}; about 3 minutes on 2 cores, plus
  about 4 minutes to encode the 4,227 distinct train and dev texts the first time; the vectors are
  cached in `.cache/encoder/`).
- **Limits:** tweets are short and written to other tweets; news comments are longer. Cue lexicons
  (`lexicons/en/stance_cues_*.txt`) carry much of the transfer. Event-held-out macro-F1 stays near
  0.51 whatever the linear features: replies that support by restating the news, and denials without
  a cue word, are the errors left.
- **Tried, not kept** (event-CV / dev macro-F1 before offsets, against 0.503 / 0.623 for the word model):
  one model over words + characters together (0.508 / 0.621); reply words also in the source masked
  as one token (0.502 / 0.613); the parent's word n-grams (0.499 / 0.613); source-tweet cues (0.494 /
  0.621); raw counts of ?, !, URLs, @-mentions, hashtags, retweet, laughter, emoji (0.500 / 0.654);
  C 0.1 to 3 and class-weight power 0.5 to 1 (none better); a third view of masked words (no gain);
  the share of other posts in the thread that deny or ask (held-out 0.513 against 0.515).
  Second round (2026-11-29; figures with offsets tuned on the held-out predictions, dev / event-CV /
  (dev + 2 x CV) / 3, against 0.649 / 0.514 / 0.559 for the model before the repeat/quote features):
  NB-SVM log-count-ratio scaled character n-grams (Wang & Manning 2012) as the only view, C 0.3
  (0.651 / 0.516 / 0.561; C 0.1 and 1: 0.554, 0.547), word n-grams 0.553, averaged with the two views
  0.557, and with the repeat/quote features 0.555 (three views 0.550, four 0.546); a linear SVM
  (squared hinge) view, C 0.03 to 0.1, alone 0.553 and averaged in 0.551; a two-pass chain model
  (the parent's stance distribution from a first-pass model, out of fold by event with nested folds,
  as features of the child: 0.558; times the child's agree/disagree/negation/cue features: 0.559;
  scaled by 3: 0.557); longest shared 4-word runs with the report and the parent (no gain over
  the share of repeated words). Each within the +-0.005 noise of the held-out figure; only the
  repeat/quote features were kept (held-out 0.565 by this script's grid). On top of them: the
  cues times reply depth (direct reply or deeper: 0.562, against 0.566), a 56-entry lexicon of
  corrections ("not true", "get your facts", "stop spreading", "old photo", "calm down": 0.568, but
  leave-one-event-out 0.510 / 0.518 raw / with offsets against 0.511 / 0.517), NB-SVM characters
  (leave-one-event-out 0.510 / 0.515) and NB-SVM characters as a third view (0.509 / 0.517).
  Test looks this round: one (this model).
  Third round (2026-11-29), a dense signal: spaCy's own token vectors (en_core_web_sm 3.8, only the
  tok2vec component run, `doc.tensor` pooled over tokens, 96-d, standardised on train), figures as
  above, dev / event-CV / (dev + 2 x CV) / 3 with offsets, against 0.660 / 0.518 / 0.566 for the
  shipped design: mean vector alone, no n-grams (0.448 / 0.398 / 0.415: little stance in it); as
  extra columns of both views scaled 0.1 (0.637 / 0.495 / 0.542), 0.03 (0.650 / 0.511 / 0.558),
  0.01 (0.645 / 0.517 / 0.560); L2-normalised mean unscaled (0.599 / 0.497 / 0.531); mean, the
  parent's mean and their product and absolute difference, 0.03 (0.620 / 0.503 / 0.542); mean
  with its product and absolute difference to the source's, 0.01 (0.653 / 0.517 / 0.562); a third
  view over the vectors and the cue features, scale 0.1 (0.619 / 0.507 / 0.545), mean + max 0.1
  (0.621 / 0.508 / 0.546), scale 1 (0.595 / 0.505 / 0.535). None beats the shipped design; the
  smaller the vectors' weight, the closer to it. Not shipped, test not read. Cost had it shipped:
  tok2vec alone through nlp.pipe, about 1.1 ms a tweet (17 tokens; 65 us a token) on this
  machine's 2 shared cores, about 5 ms for a 64-token comment.
  Fourth round (2026-11-29, third session), a sentence encoder: all-MiniLM-L6-v2 vectors (trained on
  a billion sentence pairs, Reddit comments among them) run with numpy. Its logistic regression alone
  is weak (dev / event-CV / selection with offsets 0.527 / 0.454 / 0.478 at C 0.3: as with tok2vec,
  little stance in the vector itself), but as a third view it adds a little on every held-out check:
  0.669 / 0.524 / 0.572 against 0.660 / 0.518 / 0.566 at weight 1/3 (C 1 and 3: 0.566, 0.565; weight
  1/2: 0.562), and leave-one-event-out 0.516 / 0.522 (raw / offsets) against 0.511 / 0.517. Adding
  the cue features to the embedding view (0.566) did not help. Shipped at weight 1/3, C 0.3, the
  design fixed before the test split was read. Cost: about 0.5 ms a token on one core (about 10 ms
  for a tweet, 50 ms for a 100-token comment), shared with the civility model through the encoder's
  memo.
"""

if __name__ == "__main__":
    raise SystemExit(main())
