"""Train the cue scorer shipped as src/newsaudit/models/attribution.{npz,json}.

    .venv/bin/python training/train_attribution.py [--data ../shared/data/polnear/data/train] [--n 400]

Reads PolNeAR train (brat standoff, first annotator per article), parses each text with the
project's spaCy model, and labels every candidate verb 1 when it lies inside a gold Cue span.
Fits an L2 logistic regression (scikit-learn, training time only) on the string features of
newsaudit.article.cuemodel.verb_features, keeps features seen at least --min-count times,
and writes the weights as npz and the feature names, thresholds and scores as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsaudit" / "models"


def collect(articles, nlp):
    from newsaudit.article.attribution import _Finder, is_candidate
    from newsaudit.article.cuemodel import verb_features

    rows, labels, groups = [], [], []
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    for k, (art, doc) in enumerate(zip(articles, docs)):
        cue_chars = set()
        for g in art.gold:
            for s, e in g.cue:
                cue_chars.update(range(s, e))
        finder = _Finder(doc, use_model=False)
        lex = finder.lex
        for tok in doc:
            if not is_candidate(tok) or finder.in_quote[tok.i] >= 0:
                continue
            lemma = tok.lemma_.lower()
            in_lex = lemma in lex.cue_verbs or lemma in lex.naming_verbs
            rows.append(verb_features(tok, in_lexicon=in_lex, quote_after=finder.quote_after(tok)))
            labels.append(int(tok.idx in cue_chars))
            groups.append(k)
    return rows, np.array(labels), np.array(groups)


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score, precision_score, recall_score

    from newsaudit.evaluation.quotes import load_polnear
    from newsaudit.pipeline import load_nlp

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared/data/polnear/data/train"))
    parser.add_argument("--n", type=int, default=840, help="articles to train on (parsing is the slow part)")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--C", type=float, default=0.5)
    parser.add_argument("--threshold", type=float, default=0.4)
    parser.add_argument("--veto", type=float, default=0.25)
    args = parser.parse_args(argv)

    started = time.time()
    articles = load_polnear(Path(args.data))[: args.n]
    rows, y, groups = collect(articles, load_nlp())
    print(f"{len(articles)} articles, {len(rows)} candidate verbs, {y.sum()} cues ({time.time() - started:.0f}s)")

    counts: dict[str, int] = {}
    for feats in rows:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, c in counts.items() if c >= args.min_count)
    index = {f: i for i, f in enumerate(names)}

    def matrix(subset):
        from scipy.sparse import csr_matrix

        data, ind, ptr = [], [], [0]
        for r in subset:
            cols = sorted({index[f] for f in r if f in index})
            ind.extend(cols)
            data.extend([1.0] * len(cols))
            ptr.append(len(ind))
        return csr_matrix((data, ind, ptr), shape=(len(subset), len(names)))

    # Held-out check on the last fifth of the articles, then refit on all of them.
    cut = int(len(articles) * 0.8)
    train = groups < cut
    model = LogisticRegression(C=args.C, max_iter=2000)
    model.fit(matrix([r for r, t in zip(rows, train) if t]), y[train])
    prob = model.predict_proba(matrix([r for r, t in zip(rows, train) if not t]))[:, 1]
    pred = prob >= args.threshold
    held = {
        "precision": round(float(precision_score(y[~train], pred)), 4),
        "recall": round(float(recall_score(y[~train], pred)), 4),
        "f1": round(float(f1_score(y[~train], pred)), 4),
    }
    print("held-out cue-verb scores:", held)

    model.fit(matrix(rows), y)
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT / "attribution.npz", weights=model.coef_[0].astype(np.float32), bias=model.intercept_[0])
    meta = {
        "features": names,
        "threshold": args.threshold,
        "veto": args.veto,
        "trained_on": f"PolNeAR train, first {len(articles)} articles (sorted by file name), first annotator",
        "heldout_cue_verb": held,
        "C": args.C,
        "min_count": args.min_count,
        "date": date.today().isoformat(),
    }
    (OUT / "attribution.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT / 'attribution.npz'} ({len(names)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
