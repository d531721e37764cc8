"""The civility model: word and character n-grams, incivility lexicons and a sentence embedding.

Two logistic regressions trained by ``training/train_civility.py`` on Wikipedia talk comments
(and tweets, for the vocabulary): one over n-grams and lexicon counts, one over the comment's
all-MiniLM-L6-v2 embedding (:mod:`newsaudit.encoder`), which reads a sneer that holds no rude
word. The score mixes their log-odds, ``(1 - emb_weight) * z_ngram + emb_weight * z_embedding``.
Shipped as ``models/civility.npz`` with its threshold and mix weight in ``models/civility.json``.
The lexicon hits are kept as reasons: the words or pattern that decided it.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ..encoder import encode
from ..errors import NewsauditError
from .cues import matcher, normalise, tokens

ENCODER = "all-MiniLM-L6-v2"
Verdict = tuple[bool, float, tuple[str, ...]]  # (uncivil, score, reasons)
MODEL_REASON = "model:"  # opens the reason when the trained score decided, no word list

LEXICONS = ("incivility_insults", "incivility_profanity", "incivility_mockery", "incivility_attacks")
DENSE = ("insult", "profanity", "mockery", "attack", "you_insult", "caps", "exclaim", "length")
MIN_REASON = 0.25  # a term named as a reason must add this much to the log-odds on its own
DENSE_NAMES = {"caps": "words in capitals", "exclaim": "exclamation marks"}
REASON_NAMES = {"you_insult": "insult aimed at a reader", "attacks": "attack", "insults": "insult",
                "profanity": "profanity", "mockery": "mockery"}
# "you idiot", "you are a moron", "your stupid": an insult within two words of a second-person word.
_YOU_RE = re.compile(r"\b(you|you're|youre|your|ya|u|ur)\b((?:\W+\w+){0,4})", re.IGNORECASE)


def _chars(text: str) -> list[str]:
    grams = []
    for word in re.findall(r"[a-z0-9']+", text):
        w = f" {word} "
        for n in (3, 4, 5):
            grams.extend(f"#{w[i:i + n]}" for i in range(len(w) - n + 1))
    return grams


def grams(text: str) -> list[str]:
    toks = [t for t in tokens(text) if t not in ("userx", "urlx", "rt")]
    out = list(toks) + [f"{a} {b}" for a, b in zip(toks, toks[1:])]
    return out + _chars(normalise(text))


def lexicon_hits(text: str) -> dict[str, list[str]]:
    """Which incivility lexicon entries the text contains, by kind."""
    hits = {name.split("_", 1)[1]: matcher(name).find(text) for name in LEXICONS}
    insults = matcher("incivility_insults")
    aimed = []
    for m in _YOU_RE.finditer(text.replace("’", "'")):
        found = insults.find(m.group(2))
        if found:
            aimed.append(f"{m.group(1).lower()} ... {found[0]}")
    hits["you_insult"] = aimed
    return hits


def dense(text: str, hits: dict[str, list[str]] | None = None) -> np.ndarray:
    hits = hits if hits is not None else lexicon_hits(text)
    words = [w for w in text.split() if sum(ch.isalpha() for ch in w) > 2]
    caps = sum(1 for w in words if w.isupper()) / max(1, len(words))
    return np.array([
        math.log1p(len(hits["insults"])),
        math.log1p(len(hits["profanity"])),
        math.log1p(len(hits["mockery"])),
        math.log1p(len(hits["attacks"])),
        math.log1p(len(hits["you_insult"])),
        min(1.0, caps * 3),
        min(1.0, text.count("!") / 3),
        math.log1p(len(words)) / 5,
    ])


@dataclass(frozen=True)
class CivilityModel:
    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (len(vocab) + len(DENSE),)
    intercept: float
    threshold: float
    rule_floor: float  # the score a comment with an insult, profanity, mockery or attack gets at least
    emb_coef: np.ndarray | None = None  # (384,) over the encoder's unit vector
    emb_intercept: float = 0.0
    emb_weight: float = 0.0  # the embedding's share of the log-odds; 0 leaves the n-gram model alone
    encoder: str = ENCODER

    @property
    def n_features(self) -> int:
        return len(self.vocab) + len(DENSE)

    @property
    def uses_embedding(self) -> bool:
        return self.emb_weight > 0 and self.emb_coef is not None

    def transform(self, text: str, hits: dict[str, list[str]] | None = None) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(g for g in grams(text) if g in self.vocab)
        idx = np.array([self.vocab[g] for g in counts], dtype=np.int64)
        vals = np.array([1.0 + math.log(c) for c in counts.values()]) * self.idf[idx] if len(idx) else np.zeros(0)
        norm = float(np.linalg.norm(vals))
        if norm:
            vals = vals / norm
        d_idx = np.arange(len(self.vocab), self.n_features, dtype=np.int64)
        return np.concatenate([idx, d_idx]), np.concatenate([vals, dense(text, hits)])

    def model_score(self, text: str, hits: dict[str, list[str]] | None = None,
                    vector: np.ndarray | None = None) -> float:
        """The trained score, before the lexicon floor; ``vector``: the text's embedding, if known."""
        idx, vals = self.transform(text, hits)
        z = float(self.coef[idx] @ vals + self.intercept)
        if self.uses_embedding:
            if vector is None:
                vector = encode([text])[0]
            z_emb = float(self.emb_coef @ vector + self.emb_intercept)
            z = (1.0 - self.emb_weight) * z + self.emb_weight * z_emb
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def assess(self, text: str, vector: np.ndarray | None = None) -> Verdict:
        """(uncivil, score, reasons) for one comment."""
        hits = lexicon_hits(text)
        score = self.model_score(text, hits, vector)
        reasons: list[str] = []
        seen: set[str] = set()
        for kind in ("you_insult", "attacks", "insults", "profanity", "mockery"):
            for word in hits[kind]:
                if word not in seen:
                    seen.add(word)
                    reasons.append(f"{REASON_NAMES[kind]}: {word}")
        if reasons:
            # A lexicon hit decides on its own: the trained part knows tweets and talk pages,
            # not the dismissive register of news comments ("Blah blah blah").
            score = max(score, self.rule_floor + (1 - self.rule_floor) * score)
        elif score >= self.threshold:
            reasons.append(f"{MODEL_REASON} {', '.join(self.top_terms(text, hits)) or 'overall wording'}")
        return score >= self.threshold, round(score, 4), tuple(reasons)

    def assess_many(self, texts: Sequence[str]) -> list[Verdict]:
        """:meth:`assess` for each text, with all of them encoded in one pass of the encoder."""
        texts = list(texts)
        if not self.uses_embedding:
            return [self.assess(t) for t in texts]
        vectors = encode(texts)
        return [self.assess(t, v) for t, v in zip(texts, vectors)]

    def top_terms(self, text: str, hits: dict[str, list[str]] | None = None, k: int = 3) -> list[str]:
        """The words, and the shouting or exclamations, that pushed the score up most."""
        idx, vals = self.transform(text, hits)
        # each term's share of the mixed log-odds; the embedding's part names no words
        contrib = (1.0 - self.emb_weight if self.uses_embedding else 1.0) * self.coef[idx] * vals
        inverse = {i: g for g, i in self.vocab.items()}
        named = []
        for i, c in sorted(zip(idx.tolist(), contrib.tolist()), key=lambda x: -x[1]):
            if c < MIN_REASON or len(named) >= k:
                break
            if i < len(self.vocab):
                if not inverse[i].startswith("#"):
                    named.append(f"'{inverse[i]}'")
            elif DENSE[i - len(self.vocab)] in DENSE_NAMES:
                named.append(DENSE_NAMES[DENSE[i - len(self.vocab)]])
        return named


def read_model(npz_path, json_path) -> CivilityModel:  # noqa: ANN001
    meta = json.loads(open(json_path, encoding="utf-8").read())
    # Weights from before the embedding view (no emb_* fields) are refused rather than read as
    # n-grams alone: their threshold was chosen for the other score.
    if tuple(meta.get("dense", ())) != DENSE or meta.get("encoder") != ENCODER or "emb_weight" not in meta:
        raise NewsauditError("civility weights were trained with other features; rerun training/train_civility.py")
    with np.load(npz_path, allow_pickle=False) as data:
        vocab = {g: i for i, g in enumerate(data["vocab"].tolist())}
        return CivilityModel(vocab, data["idf"], data["coef"], float(meta["intercept"]),
                             float(meta["threshold"]), float(meta["rule_floor"]),
                             emb_coef=data["emb_coef"], emb_intercept=float(meta["emb_intercept"]),
                             emb_weight=float(meta["emb_weight"]), encoder=meta["encoder"])


@lru_cache(maxsize=1)
def load_model() -> CivilityModel:
    base = resources.files("newsaudit").joinpath("models")
    try:
        with resources.as_file(base.joinpath("civility.npz")) as npz, resources.as_file(
            base.joinpath("civility.json")
        ) as meta:
            return read_model(npz, meta)
    except FileNotFoundError as exc:
        raise NewsauditError("models/civility.* missing from the package; run training/train_civility.py") from exc
