"""How strongly a text bears on a claim: TF-IDF cosine and word-overlap features, numpy only.

Shared by the claims stage (ranking body sentences against the headline's claim,
with IDF taken from the article itself) and by ``newsaudit eval headline`` (FNC-1
headline/body stance, where the same features feed a small softmax model that the
evaluation fits in memory: FNC-1 has no licence that would let us ship weights).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable, Sequence

import numpy as np

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being it its this that
    these those he she they we you i his her their our your my me him them us who whom which what when where why
    how all any both each few more most other some such no nor only own same so than too very can will just do
    does did has have had having into about over after before under again further then once here there out up
    down off would could should may might must shall also not mr mrs ms said says say told""".split()
)
# Words whose presence in a text speaks against or doubts a claim (FNC-1 practice: refuting words).
REFUTING = frozenset(
    """fake fraud hoax false deny denies denied denying not despite nope doubt doubts bogus debunk debunked
    debunks pranks retract retracted no never refute refuted refutes dismiss dismissed untrue misleading
    rumour rumor rumours rumors unverified""".split()
)
HEDGING = frozenset(
    """reportedly allegedly alleged claim claims claimed according apparently believed may might could
    possibly purportedly rumoured rumored unconfirmed suggest suggests suspected unclear""".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_words(text: str) -> list[str]:
    """Lower-case words without stopwords, stemmed so "propping" meets "prop"."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


def stem(word: str) -> str:
    """Strip an inflection, then keep the first five letters: "propping" -> "prop",
    "ministers"/"ministry" -> "minis", "agreement"/"agreed" -> "agree". Crude, but it joins
    the word families a headline and its body share; collisions are rare among a claim's words."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix == "ing" and len(base) > 3 and base[-1] == base[-2]:
                base = base[:-1]
            word = base
            break
    return word[:5]


def idf_from(documents: Iterable[Sequence[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency over tokenised documents."""
    docs = list(documents)
    df = Counter(w for d in docs for w in set(d))
    n = len(docs)
    return {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}


def tfidf(tokens: Sequence[str], idf: dict[str, float], default: float) -> dict[str, float]:
    tf = Counter(tokens)
    return {w: (1 + math.log(c)) * idf.get(w, default) for w, c in tf.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) < len(b) else (b, a)
    dot = sum(v * large.get(k, 0.0) for k, v in small.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def pair_features(claim: Sequence[str], text: Sequence[str], idf: dict[str, float], default: float,
                  *, raw_claim: Sequence[str] = (), raw_text: Sequence[str] = ()) -> list[float]:
    """Dense features of (claim, text): cosines, overlaps, refuting and hedging words.

    ``claim``/``text`` are content words; ``raw_*`` the plain word lists (for refuting
    and hedging words, which are stopwords to the cosine).
    """
    cv, tv = tfidf(claim, idf, default), tfidf(text, idf, default)
    lead = text[:60]
    lv = tfidf(lead, idf, default)
    cs, ts = set(claim), set(text)
    shared = cs & ts
    c_bi = set(zip(claim, claim[1:]))
    t_bi = set(zip(text, text[1:]))
    weight = sum(idf.get(w, default) for w in cs) or 1.0
    raw_text = list(raw_text) or list(text)
    n = max(len(raw_text), 1)
    refute_text = sum(w in REFUTING for w in raw_text)
    hedge_text = sum(w in HEDGING for w in raw_text)
    refute_claim = sum(w in REFUTING for w in raw_claim)
    return [
        cosine(cv, tv),
        cosine(cv, lv),
        len(shared) / max(len(cs | ts), 1),
        len(shared) / max(len(cs), 1),
        sum(idf.get(w, default) for w in shared) / weight,
        len(c_bi & t_bi) / max(len(c_bi), 1),
        float(bool(c_bi & t_bi)),
        math.log1p(refute_text) / 3.0,
        refute_text / n * 10.0,
        math.log1p(hedge_text) / 3.0,
        hedge_text / n * 10.0,
        float(refute_claim > 0),
        float(any(w in ("?",) for w in raw_claim)),
        math.log1p(len(text)) / 8.0,
    ]


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_softmax(x: np.ndarray, y: np.ndarray, n_classes: int, *, epochs: int = 30, lr: float = 0.05,
                l2: float = 1e-4, batch: int = 256, class_weight: np.ndarray | None = None,
                seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression by mini-batch Adam; returns (W, b). Deterministic for a seed."""
    rng = np.random.default_rng(seed)
    n, d = x.shape
    w = np.zeros((d, n_classes), dtype=np.float64)
    b = np.zeros(n_classes, dtype=np.float64)
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    cw = np.ones(n_classes) if class_weight is None else class_weight
    step = 0
    for _ in range(epochs):
        order = rng.permutation(n)
        for i in range(0, n, batch):
            idx = order[i: i + batch]
            xb, yb = x[idx], y[idx]
            p = softmax(xb @ w + b)
            p[np.arange(len(idx)), yb] -= 1.0
            p *= cw[yb][:, None]
            gw = xb.T @ p / len(idx) + l2 * w
            gb = p.mean(axis=0)
            step += 1
            for g, m, v, param in ((gw, mw, vw, w), (gb, mb, vb, b)):
                m *= 0.9
                m += 0.1 * g
                v *= 0.999
                v += 0.001 * g * g
                param -= lr * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return w, b
