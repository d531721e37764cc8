"""The stance model: features of a post in its chain, and a linear classifier read with numpy.

A post is read with its parent and with the report at the root of its thread
(a source tweet in RumourEval, the article's headline claim on a news page), so
the model sees the chain, not only the words. The weights are trained by
``training/train_stance.py`` and shipped as ``models/stance.npz``.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ..errors import NewsauditError
from ..models import STANCES
from .cues import WH_WORDS, is_question, matcher, normalise, sentences, tokens

STOP = frozenset(
    "the a an and or but of to in on at for with by from as is are was were be been it its this that these those "
    "i you he she we they me him her us them my your his our their there here so if then than rt userx urlx".split()
)

DENSE = (
    "has_q", "ends_q", "starts_wh", "deny", "doubt", "support", "query", "negation", "has_url", "only_url",
    "exclaim", "caps", "length", "depth1", "depth2", "depth3", "is_source", "p_deny", "p_query", "p_has_q",
    "p_support", "p_negation", "sim_source", "sim_parent", "open_disagree", "open_agree", "contrast",
)


@dataclass(frozen=True, kw_only=True)
class Post:
    """A comment and its chain: the parent's text, the report's text, how deep it sits."""

    text: str
    parent_text: str | None = None
    source_text: str = ""
    depth: int = 1  # 0: the report itself; 1: a direct reply to it


def _grams(toks: list[str]) -> list[str]:
    """Words and word pairs. (Character n-grams were tried: dev macro-F1 0.59 against 0.62 without.)"""
    words = [t for t in toks if t not in ("userx",)]
    grams = list(words)
    grams += [f"{a} {b}" for a, b in zip(words, words[1:])]
    return grams


def _content(text: str) -> set[str]:
    return {t for t in tokens(text) if t not in STOP and len(t) > 2 and t.isalpha()}


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _cues(text: str) -> dict[str, float]:
    toks = tokens(text)
    words = [t for t in toks if t.isalnum() or "'" in t]
    sents = sentences(normalise(text)) or [""]
    raw_words = [w for w in text.split() if w.isalpha() and len(w) > 2]
    neg = matcher("stance_negation").count(text) + sum(1 for t in toks if t.endswith("n't"))
    opener = normalise(text).lstrip(" \"'“”.,-–—:;").split("\n", 1)[0][:40]
    return {
        "has_q": float("?" in toks),
        "ends_q": float(is_question(sents[-1])),
        "starts_wh": float(any(s.split()[:1] and s.split()[0] in WH_WORDS and is_question(s) for s in sents)),
        "deny": math.log1p(matcher("stance_cues_deny").count(text)),
        "doubt": math.log1p(matcher("stance_cues_doubt").count(text)),
        "support": math.log1p(matcher("stance_cues_support").count(text)),
        "query": math.log1p(matcher("stance_cues_query").count(text)),
        "negation": math.log1p(neg),
        "has_url": float("urlx" in toks),
        "only_url": float(not [w for w in words if w not in ("urlx", "userx")]),
        "exclaim": float("!" in toks),
        "caps": float(sum(1 for w in raw_words if w.isupper()) >= 1),
        "length": math.log1p(len(words)) / 4.0,
        "open_disagree": float(opener.startswith(("i disagree", "disagree", "no,", "no ", "nope", "wrong", "not true",
                                                    "not so", "you are wrong", "you're wrong", "with due respect"))),
        "open_agree": float(opener.startswith(("i agree", "agree", "totally agree", "exactly", "right on", "yes",
                                                 "so true", "true", "well said", "indeed"))),
        "contrast": float(any(w in ("but", "however", "although", "actually") for w in words)),
    }


class Featurizer:
    """Maps a :class:`Post` to sparse (indices, values): TF-IDF n-grams, then the dense cues."""

    def __init__(self, vocab: list[str], idf: np.ndarray) -> None:
        self.vocab = list(vocab)
        self.index = {g: i for i, g in enumerate(self.vocab)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.n_features = len(self.vocab) + len(DENSE)

    @staticmethod
    def fit_vocab(texts: list[str], *, max_features: int = 8000, min_df: int = 2) -> tuple[list[str], np.ndarray]:
        df: Counter[str] = Counter()
        for text in texts:
            df.update(set(_grams(tokens(text))))
        kept = [g for g, n in df.most_common() if n >= min_df][:max_features]
        kept.sort()
        n = len(texts)
        idf = np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in kept])
        return kept, idf

    def transform(self, post: Post) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(g for g in _grams(tokens(post.text)) if g in self.index)
        idx = np.array([self.index[g] for g in counts], dtype=np.int64)
        vals = np.array([(1.0 + math.log(c)) for c in counts.values()]) * self.idf[idx] if len(idx) else np.zeros(0)
        norm = float(np.linalg.norm(vals))
        if norm:
            vals = vals / norm
        dense = self.dense(post)
        d_idx = np.arange(len(self.vocab), self.n_features, dtype=np.int64)
        return np.concatenate([idx, d_idx]), np.concatenate([vals, dense])

    @staticmethod
    def dense(post: Post) -> np.ndarray:
        own = _cues(post.text)
        parent = _cues(post.parent_text) if post.parent_text else {}
        mine = _content(post.text)
        feats = dict(own)
        feats.update(
            depth1=float(post.depth == 1),
            depth2=float(post.depth == 2),
            depth3=float(post.depth >= 3),
            is_source=float(post.depth == 0),
            p_deny=parent.get("deny", 0.0),
            p_query=parent.get("query", 0.0),
            p_has_q=parent.get("has_q", 0.0),
            p_support=parent.get("support", 0.0),
            p_negation=parent.get("negation", 0.0),
            sim_source=_overlap(mine, _content(post.source_text)) if post.depth else 1.0,
            sim_parent=_overlap(mine, _content(post.parent_text or "")),
        )
        return np.array([feats[name] for name in DENSE], dtype=np.float64)


@dataclass(frozen=True)
class StanceModel:
    featurizer: Featurizer
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    classes: tuple[str, ...]

    def scores(self, post: Post) -> dict[str, float]:
        idx, vals = self.featurizer.transform(post)
        logits = self.coef[:, idx] @ vals + self.intercept
        logits = logits - logits.max()
        probs = np.exp(logits)
        probs /= probs.sum()
        return {c: round(float(p), 4) for c, p in zip(self.classes, probs)}

    def predict(self, post: Post) -> str:
        scores = self.scores(post)
        return max(scores, key=scores.__getitem__)

    def save(self, path) -> None:  # noqa: ANN001 - a path or file object
        np.savez_compressed(
            path,
            vocab=np.array(self.featurizer.vocab, dtype=str),
            idf=self.featurizer.idf,
            dense=np.array(DENSE, dtype=str),
            coef=self.coef,
            intercept=self.intercept,
            classes=np.array(self.classes, dtype=str),
        )


def read_model(path) -> StanceModel:  # noqa: ANN001
    with np.load(path, allow_pickle=False) as data:
        if tuple(data["dense"].tolist()) != DENSE:
            raise NewsauditError(f"stance weights {path} were trained with other features; rebuild them with "
                                 "training/train_stance.py")
        featurizer = Featurizer(data["vocab"].tolist(), data["idf"])
        classes = tuple(data["classes"].tolist())
        if set(classes) != set(STANCES):
            raise NewsauditError(f"stance weights {path} have classes {classes}, expected {STANCES}")
        return StanceModel(featurizer, data["coef"], data["intercept"], classes)


@lru_cache(maxsize=1)
def load_model() -> StanceModel:
    """The shipped stance model, read once."""
    ref = resources.files("newsaudit").joinpath("models", "stance.npz")
    try:
        with resources.as_file(ref) as path:
            return read_model(path)
    except FileNotFoundError as exc:
        raise NewsauditError("models/stance.npz missing from the package; run training/train_stance.py") from exc
