"""Hedge cues and the sentence-level hedge model (numpy only at run time).

Two parts share one tokeniser so training and inference see the same features:

* :func:`find_cues` matches the ``hedge_cues`` lexicon (multiword, lower case)
  against tokens, keeping single-word modals only when a tagger says MD.
* :class:`HedgeModel` is a logistic regression over binary features (unigrams,
  bigrams, lexicon cues). Its weights ship as ``models/hedges.json``, written by
  ``training/train_hedges.py``; only the features with non-zero weight are kept.

The split of the training CSV into train and dev is :func:`is_dev`: a fixed
function of the sentence text (SHA-1 modulo 5 == 0, about a fifth), so the dev
part never changes and duplicate sentences never straddle the two parts.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

from ..errors import NewsauditError
from ..lexicons import load_lexicon

MODALS = frozenset({"may", "might", "could", "would"})
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; "-LRB-" style escapes of the CoNLL data fall away as noise."""
    return _TOKEN.findall(text.lower().replace("-lrb-", " ").replace("-rrb-", " "))


def is_dev(text: str) -> bool:
    """The fixed dev part: SHA-1 of the stripped text, modulo 5, is zero."""
    digest = hashlib.sha1(text.strip().encode("utf-8")).hexdigest()
    return int(digest, 16) % 5 == 0


@lru_cache(maxsize=8)
def _cue_index(name: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the cues starting with it, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for entry in load_lexicon(name):
        words = tuple(entry.lower().split())
        if words:
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def find_cues(words: Sequence[str], *, tags: Sequence[str] | None = None,
              lexicon: str = "hedge_cues") -> list[tuple[int, int, str]]:
    """Cue matches as (first token, end token, cue) over lower-cased ``words``; no overlaps.

    With ``tags`` (Penn tags, aligned to ``words``), a lone modal counts only as MD,
    so "May" the month and "might" the noun are not hedges.
    """
    index = _cue_index(lexicon)
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        for cue in index.get(words[i], ()):
            n = len(cue)
            if tuple(words[i: i + n]) != cue:
                continue
            if n == 1 and cue[0] in MODALS and tags is not None and tags[i] != "MD":
                continue
            if cue == ("could",) and i + 1 < len(words) and words[i + 1] in ("not", "n't"):
                continue  # "could not fly": inability, not doubt
            found.append((i, i + n, " ".join(cue)))
            i += n - 1
            break
        i += 1
    return found


def features(text: str) -> set[str]:
    """The binary features of a sentence: unigrams, bigrams, lexicon cues and a cue count."""
    words = tokenize(text)
    feats = {f"w:{w}" for w in words}
    feats.update(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    cues = find_cues(words)
    feats.update(f"cue:{c}" for _, _, c in cues)
    feats.add(f"ncues:{min(len(cues), 3)}")
    return feats


@dataclass(frozen=True)
class HedgeModel:
    weights: dict[str, float]
    intercept: float
    threshold: float = 0.5

    def probability(self, text: str) -> float:
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in features(text))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def predict(self, text: str) -> bool:
        return self.probability(text) >= self.threshold

    def evidence(self, text: str, *, top: int = 3) -> list[str]:
        """The features that pushed a sentence most towards "uncertain", as readable words."""
        scored = sorted(((self.weights.get(f, 0.0), f) for f in features(text)), reverse=True)
        return [f.split(":", 1)[1].replace("_", " ") for w, f in scored[:top] if w > 0 and not f.startswith("ncues")]

    def to_json(self) -> str:
        return json.dumps({"intercept": self.intercept, "threshold": self.threshold,
                           "weights": dict(sorted(self.weights.items()))}, indent=0, sort_keys=True)


def save_model(model: HedgeModel, path) -> None:  # noqa: ANN001
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(model.to_json())


@lru_cache(maxsize=1)
def load_model() -> HedgeModel:
    """The shipped model (``models/hedges.json``)."""
    path = resources.files("newsaudit").joinpath("models", "hedges.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError) as exc:
        raise NewsauditError("models/hedges.json missing from the package; run training/train_hedges.py") from exc
    return HedgeModel(weights={k: float(v) for k, v in data["weights"].items()},
                      intercept=float(data["intercept"]), threshold=float(data["threshold"]))


