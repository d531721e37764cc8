"""Rebuild src/newsaudit/models/civility.{npz,json} from ../shared/data.

Training data (both licences allow shipping derived weights):
- toxicity_context_wikitalk (Apache-2.0): gc.csv, gn.csv, cat_small.csv, Wikipedia talk comments, 0/1 toxic;
- davidson_hate_offensive (MIT): tweets, hate or offensive -> uncivil, neither -> civil.
A random 15% is held out as dev. Two soft-target logistic regressions: one over n-grams and
lexicon counts, one over each comment's sentence embedding (all-MiniLM-L6-v2, newsaudit.encoder),
mixed in log-odds with the weight that does best on dev talk comments. The threshold is the one
with the best F1 on the held-out talk-page comments (closest in register to news comments), mild
rudeness counted as uncivil. SOCC is never read here: it is CC BY-NC-SA and is the evaluation set.

The embeddings of the 44,625 training texts take about 15 minutes on two cores; they are kept
in --cache (default .cache/encoder) under a hash of the texts, so a rebuild reads them back.

    .venv/bin/python training/train_civility.py [--data ../shared/data] [--cache DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, issparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score

from newsaudit.thread.civility_model import DENSE, ENCODER, CivilityModel, grams, lexicon_hits

from encoder_cache import DEFAULT as CACHE
from encoder_cache import cached_vectors

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsaudit" / "models"
csv.field_size_limit(10**8)


TWEET_TARGET = {True: 0.9, False: 0.1}  # Davidson's hard labels, softened like a rater's score
EMB_C = 4.0  # chosen with the n-gram model's C in an earlier run (dev talk AUC; 0.3 and 1 were worse)
MIX_WEIGHTS = (0.0, 0.25, 0.4, 0.5, 0.6)  # the embedding's share of the log-odds; 0 is n-grams alone


def load(data: Path) -> list[tuple[str, str, int, float]]:
    """(source, text, label, target) rows: target is the soft score the model learns.

    For talk comments the target is the Perspective toxicity score shipped in the set (``api``):
    it grades mild rudeness too, where the 0/1 labels (1.5% toxic) only mark the worst.
    """
    rows = []
    wiki = data / "toxicity_context_wikitalk"
    for name in ("gc.csv", "gn.csv"):
        with (wiki / name).open(encoding="utf-8") as fh:
            rows += [("wiki", r["text"], int(r["label"]), max(float(r["api"]), float(r["label"])))
                     for r in csv.DictReader(fh)]
    with (data / "davidson_hate_offensive" / "labeled_data.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            label = r["class"] in ("0", "1")
            rows.append(("tweet", r["tweet"], int(label), TWEET_TARGET[label]))
    seen, unique = set(), []
    for row in rows:  # gc and gn may share comments
        if row[1] not in seen:
            seen.add(row[1])
            unique.append(row)
    return unique


def fit_vocab(texts: list[str], word_cap: int, char_cap: int, min_df: int = 3) -> tuple[list[str], np.ndarray]:
    df: Counter[str] = Counter()
    for t in texts:
        df.update(set(grams(t)))
    words = [g for g, n in df.most_common() if n >= min_df and not g.startswith("#")][:word_cap]
    chars = [g for g, n in df.most_common() if n >= min_df and g.startswith("#")][:char_cap]
    vocab = sorted(words + chars)
    n = len(texts)
    return vocab, np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in vocab])


def matrix(model: CivilityModel, texts: list[str]) -> csr_matrix:
    rows, cols, vals = [], [], []
    for i, t in enumerate(texts):
        idx, val = model.transform(t)
        rows.extend([i] * len(idx))
        cols.extend(idx.tolist())
        vals.extend(val.tolist())
    return csr_matrix((vals, (rows, cols)), shape=(len(texts), model.n_features))


def sample_weights(rows: list[tuple[str, str, int, float]], power: float) -> np.ndarray:
    """Each (set, label) cell weighted toward equal total weight; power 0 is unweighted."""
    cells = Counter((s, y) for s, _, y, _ in rows)
    target = len(rows) / len(cells)
    return np.array([(target / cells[(s, y)]) ** power for s, _, y, _ in rows])


def fit_soft(X, rows, C: float, power: float, tweet_weight: float = 1.0) -> LogisticRegression:  # noqa: ANN001
    """Logistic regression on soft targets: each row once as 1 with weight t, once as 0 with 1 - t."""
    from scipy.sparse import vstack

    t = np.array([r[3] for r in rows])
    w = sample_weights(rows, power) * np.array([tweet_weight if r[0] == "tweet" else 1.0 for r in rows])
    clf = LogisticRegression(C=C, max_iter=3000)
    both = vstack([X, X]).tocsr() if issparse(X) else np.vstack([X, X])
    clf.fit(both, np.r_[np.ones(len(t)), np.zeros(len(t))], sample_weight=np.r_[w * t, w * (1 - t)])
    return clf


def aucs(ydv: np.ndarray, tdv: np.ndarray, wiki_dev: np.ndarray, p: np.ndarray) -> tuple[float, float, float]:
    """Dev ROC AUC on talk labels, on talk comments Perspective scores 0.3 or more, and on tweets."""
    return (roc_auc_score(ydv[wiki_dev], p[wiki_dev]),
            # the talk comments' Perspective scores, as a second, graded check
            roc_auc_score(tdv[wiki_dev] >= 0.3, p[wiki_dev]),
            roc_auc_score(ydv[~wiki_dev], p[~wiki_dev]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--word-cap", type=int, default=12000)
    ap.add_argument("--char-cap", type=int, default=20000)
    ap.add_argument("--cache", default=str(CACHE), help="folder for cached sentence vectors ('' for none)")
    args = ap.parse_args(argv)

    rows = load(Path(args.data))
    vectors = cached_vectors([r[1] for r in rows], Path(args.cache) if args.cache else None)
    rng = random.Random(13)
    train, dev, is_dev = [], [], []
    for row in rows:
        is_dev.append(rng.random() < 0.15)
        (dev if is_dev[-1] else train).append(row)
    Etr, Edv = vectors[~np.array(is_dev)], vectors[np.array(is_dev)]
    vocab, idf = fit_vocab([r[1] for r in train], args.word_cap, args.char_cap)
    shell = CivilityModel({g: i for i, g in enumerate(vocab)}, idf, np.zeros(len(vocab) + len(DENSE)), 0.0, 0.5, 0.5)
    Xtr = matrix(shell, [r[1] for r in train])
    Xdv, ydv = matrix(shell, [r[1] for r in dev]), np.array([r[2] for r in dev])
    tdv = np.array([r[3] for r in dev])
    wiki_dev = np.array([r[0] == "wiki" for r in dev])

    best = None
    # Earlier runs chose C=4 and no class reweighting; what is left to choose is how much the
    # tweets (explicit slurs and profanity, far from news comments' register) should count.
    for C, power, tw in ((4.0, 0.0, 0.0), (4.0, 0.0, 0.25)):
        if True:
            clf = fit_soft(Xtr, train, C, power, tw)
            p = clf.predict_proba(Xdv)[:, 1]
            auc_wiki, auc_mild, auc_tweet = aucs(ydv, tdv, wiki_dev, p)
            print(f"C={C} power={power} tweet weight={tw}: dev AUC talk {auc_wiki:.3f} (score>=0.3: {auc_mild:.3f}) "
                  f"tweets {auc_tweet:.3f}", file=sys.stderr)
            key = auc_wiki + auc_mild
            if best is None or key > best[0]:
                best = (key, C, power, clf, auc_wiki, auc_mild, auc_tweet, tw)
    _, C, power, clf, ngram_wiki, ngram_mild, ngram_tweet, tweet_weight = best

    # The embedding view: the same soft targets over the 384-d sentence vector, mixed with the
    # n-gram model in log-odds. Its tweet weight and its share are chosen by the same dev rule.
    z_ngram = clf.decision_function(Xdv)
    mixed = None
    for emb_tw in (0.0, 0.25):
        emb = fit_soft(Etr, train, EMB_C, power, emb_tw)
        z_emb = emb.decision_function(Edv)
        for a in MIX_WEIGHTS:
            auc_wiki, auc_mild, auc_tweet = aucs(ydv, tdv, wiki_dev, (1 - a) * z_ngram + a * z_emb)
            print(f"embedding tweet weight={emb_tw} share={a}: dev AUC talk {auc_wiki:.3f} "
                  f"(score>=0.3: {auc_mild:.3f}) tweets {auc_tweet:.3f}", file=sys.stderr)
            if mixed is None or auc_wiki + auc_mild > mixed[0]:
                mixed = (auc_wiki + auc_mild, emb_tw, a, emb, auc_wiki, auc_mild, auc_tweet)
    _, emb_tweet_weight, emb_weight, emb, auc_wiki, auc_mild, auc_tweet = mixed

    model = CivilityModel(shell.vocab, idf, clf.coef_[0].copy(), float(clf.intercept_[0]), 0.5, 0.5,
                          emb_coef=emb.coef_[0].copy(), emb_intercept=float(emb.intercept_[0]),
                          emb_weight=float(emb_weight))
    # The threshold: best F1 of the shipped score (model + lexicon floor) on held-out talk comments.
    dev_wiki = [(r[1], v) for r, v, keep in zip(dev, Edv, wiki_dev) if keep]
    # "Uncivil" here includes mild rudeness (as SOCC's toxicity 2-4 does): labelled toxic, or
    # scored 0.3 or more by Perspective.
    y_wiki = (ydv[wiki_dev] == 1) | (tdv[wiki_dev] >= 0.3)
    judged = [(model.model_score(x, vector=v), bool(any(lexicon_hits(x).values()))) for x, v in dev_wiki]
    best_t = None
    # From 0.1: the mixed score is less spread than the n-gram model's alone, and a grid starting
    # at 0.3 (as before the embedding) cut off the best F1 at its edge (0.444 at 0.3).
    for t in np.arange(0.1, 0.96, 0.025):
        # the shipped rule: a lexicon hit lifts the score to at least the threshold
        pred = [score >= t or hit for score, hit in judged]
        f1 = f1_score(y_wiki, pred)
        if best_t is None or f1 > best_t[0]:
            best_t = (f1, float(t))
    f1_wiki, threshold = best_t
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT / "civility.npz", vocab=np.array(vocab, dtype=str), idf=idf,
                        coef=model.coef.astype(np.float64), emb_coef=model.emb_coef.astype(np.float64))
    meta = {
        "intercept": model.intercept, "threshold": round(threshold, 3), "rule_floor": round(threshold, 3),
        "dense": list(DENSE), "C": C, "weight_power": power, "tweet_weight": tweet_weight,
        "encoder": ENCODER, "emb_intercept": model.emb_intercept, "emb_weight": emb_weight, "emb_C": EMB_C,
        "emb_tweet_weight": emb_tweet_weight,
        "dev": {"auc_talk": round(auc_wiki, 4), "auc_mild": round(auc_mild, 4),
                "auc_tweets": round(auc_tweet, 4), "f1_talk": round(f1_wiki, 4), "ngram_auc_talk": round(ngram_wiki, 4),
                "ngram_auc_mild": round(ngram_mild, 4), "ngram_auc_tweets": round(ngram_tweet, 4)},
        "trained": datetime.date.today().isoformat(), "n_train": len(train),
    }
    (OUT / "civility.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    write_card(meta, len(vocab))
    print(json.dumps(meta), file=sys.stderr)
    return 0


def write_card(meta: dict, n_vocab: int) -> None:
    (OUT / "civility.md").write_text(CARD.format(vocab=n_vocab, **meta, **meta["dev"]), encoding="utf-8")


CARD = """# civility.npz / civility.json: is a comment uncivil

- **What:** two logistic regressions whose log-odds are mixed,
  `(1 - {emb_weight}) * z_ngram + {emb_weight} * z_embedding`: one over TF-IDF word uni/bigrams and
  character 3-5-grams ({vocab} features) plus incivility lexicon counts
  (`lexicons/en/incivility_*.txt`: insults, profanity, mockery, attacks, an insult aimed at "you"),
  one over the comment's sentence embedding ({encoder}, 384 numbers, computed
  by `newsaudit.encoder` with numpy). A comment with a lexicon hit scores at least the threshold
  (the rule floor): the hit is the reason; otherwise a comment over the threshold names the
  n-grams that added most to the log-odds, or "overall wording" when the embedding decided.
  Read with numpy by `newsaudit.thread.civility_model`.
- **Data:** Wikipedia talk comments from `toxicity_context_wikitalk` (gc, gn; Apache-2.0), learned
  against the set's Perspective toxicity score (`api`, a graded target that marks mild rudeness too,
  raised to 1 where the label says toxic), and tweets from `davidson_hate_offensive` (MIT; hate or
  offensive = 0.9, neither = 0.1), each tweet weighted {tweet_weight} against a talk comment in the
  n-gram model and {emb_tweet_weight} in the embedding model (each 0 or 0.25, chosen by dev AUC on
  talk comments; at 0 the tweets only shape the vocabulary and IDF). Soft-target logistic
  regression. 85/15 random split, {n_train} training comments; each (set, label) cell reweighted
  by (equal share) ** {weight_power}.
- **Choices (by dev talk comments only: AUC on the labels plus AUC on Perspective >= 0.3):**
  n-gram model C={C}, tweet weight {tweet_weight} (dev AUC talk {ngram_auc_talk}, Perspective >= 0.3
  {ngram_auc_mild}, tweets {ngram_auc_tweets}); embedding model C={emb_C}, tweet weight
  {emb_tweet_weight}, its share of the log-odds {emb_weight} of 0, 0.25, 0.4, 0.5, 0.6. Mixed: dev
  AUC talk {auc_talk}, Perspective >= 0.3 {auc_mild}, tweets {auc_tweets}.
  Threshold {threshold} = best F1 ({f1_talk}) on held-out talk comments of 0.1 to 0.95, lexicon floor
  included, counting as uncivil those labelled toxic or scored 0.3 or more by Perspective (mild
  rudeness included, as in SOCC's 2-4). (The grid used to start at 0.3; the mixed score is less
  spread, and at 0.3 its dev F1 is 0.444.)
- **Metric:** `newsaudit eval civility --data ../shared/data/socc_ctc/SFU_constructiveness_toxicity.csv`
  (news reader comments, toxicity 2-4 = uncivil; evaluation only, never trained on).
  Measured 2026-11-29: ROC AUC 0.613, F1 0.333 at the threshold (precision 0.272, recall 0.429;
  profanity-only baseline AUC 0.50). The n-gram model alone, before the embedding view: AUC 0.589,
  F1 0.328 at its threshold 0.3.
  The issue's floor is AUC 0.75: not reached (see below).
- **Why 0.75 is out of reach with this data (measured 2026-11-29, SOCC looked at only to compare
  whole designs, never to fit or tune one):** every design trained on the allowed sets lands at SOCC
  AUC 0.53-0.61 while scoring 0.95-0.96 on the Jigsaw sample (`jigsaw_toxic_sample`, dev check; 0.81-0.93 for
  the unigram designs):
  TF-IDF word 1-2-grams + char_wb 2-5-grams (100k features), logistic regression, talk labels or
  Perspective >= 0.3 (0.576; with Davidson tweets at weight 0.3/1.0: 0.572/0.560; Perspective >= 0.5:
  0.534-0.542); ridge regression on the Perspective score (0.584); binary word unigrams, balanced LR
  (0.581-0.596; Perspective cut 0.1/0.2/0.5: 0.555/0.568/0.534); Davidson alone (0.489-0.504);
  shipped model scored per sentence, max or mean (0.579/0.587); adding a hand-written contempt word
  count by rank (0.600-0.603); VADER negativity, tried outside the project (0.542). Later the same day: the vocabulary cut to the
  n-grams also seen in 4,707 unlabelled news reactions (RumourEval train/dev replies and a Reddit
  thread from `comment-exports`), so that talk-page-only features drop out: 0.588 (dev talk AUC 0.813,
  Jigsaw 0.953), no better. Without the comment-length feature (it adds up to about +1.5 to the log-odds of a
  long comment): dev talk AUC 0.820, Jigsaw 0.951, SOCC 0.588; not kept, no better. A sentence
  embedding (all-MiniLM-L6-v2), soft-target logistic regression over it mixed with the n-gram model
  in log-odds (score without the lexicon floor): share 0.5, talk comments only, 0.607 (dev talk AUC
  0.839); tweets at 0.25 and share 0.4, 0.612 (dev 0.840); shipped, retrained with the floor: 0.613
  (Jigsaw not measured for these).
  Its dev gain is clear (talk AUC +0.025, Perspective >= 0.3 +0.032); on SOCC, +0.024 is at the
  noise level below. The labels explain it: 1,010 of the 1,121 comments have
  three crowd judgments, and 206 of the 219 "uncivil" labels have answer confidence under 0.7
  (median 0.66, a 2-of-3 vote; 56 under 0.5); of the 494 comments whose answer has confidence
  >= 0.7, only 13 are uncivil. Mild incivility in SOCC mostly carries no abusive word (of 6 comments with "crap", none is labelled
  uncivil). Differences of 0.01-0.02 between designs are within noise (219 positives), so the
  design was chosen on dev talk comments, never on SOCC.
- **The ceiling the labels leave (measured 2026-11-29 by `newsaudit eval civility`, its `labels` key):**
  of the 1,010 comments with exactly three raters, 415 got no toxic vote, 380 one, 145 two and 44
  three; 26 more got three different answers, two of them toxic levels (two or three toxic votes,
  left out). That split is close to what raters voting at random with one shared rate (0.27) would
  give (380 / 425 / 159 / 20): most "uncivil" labels are a 2-to-1 split, and the content decides
  little. A beta-binomial fit of each comment's true toxic-vote rate, Beta(2.50, 6.69), puts a model
  that knew every comment's rate exactly at ROC AUC 0.78 against the majority label (0.82 if the 26
  left out are all counted as three votes). The issue's aim of 0.85 is above that, and its floor of
  0.75 needs a score that tracks the raters' rate almost as closely as the oracle (simulated: the
  oracle plus noise of SD 0.05 gives 0.76, SD 0.10 gives 0.73; the rate itself varies with SD 0.14).
  The shipped model scores 0.61 on the comments the raters agreed on (3 votes against 0) and 0.58
  on the split ones (the n-gram model alone: 0.56 and 0.56).
- **Rebuild:** `.venv/bin/python training/train_civility.py` ({trained}).
"""

if __name__ == "__main__":
    raise SystemExit(main())
