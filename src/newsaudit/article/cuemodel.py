"""A learned cue scorer: how likely a verb is to introduce attributed content.

Logistic regression over sparse features of the verb in spaCy's parse (its lemma, the
dependency labels around it, what its subject is, whether a quotation follows). Trained
by ``training/train_attribution.py`` on PolNeAR train; the weights ship as
``models/attribution.npz`` (one float per feature plus the bias) with the feature names in
``models/attribution.json``. numpy only at run time.

The rules in :mod:`attribution` stay first; this model adds verbs the lexicons miss
("sided with", "mocked", "laid out") and vetoes lexicon verbs used as plain actions.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

log = logging.getLogger(__name__)

_SUBJ_DEPS = ("nsubj", "nsubjpass")


def verb_features(tok: "Token", *, in_lexicon: bool, quote_after: bool) -> list[str]:
    """String features of one candidate verb. Training and run time both call this."""
    lemma = tok.lemma_.lower()
    feats = [f"lemma={lemma}", f"dep={tok.dep_}", f"tag={tok.tag_}", f"lex={in_lexicon}", f"quote_after={quote_after}"]
    deps = set()
    for child in tok.children:
        deps.add(child.dep_)
        if child.dep_ in _SUBJ_DEPS:
            kind = child.ent_type_ or child.pos_
            feats.append(f"subj={kind}")
            feats.append(f"subj_lemma={child.lemma_.lower()}")
        if child.dep_ in ("ccomp", "xcomp"):
            feats.append(f"lemma+{child.dep_}={lemma}")
            mark = next((g.lower_ for g in child.children if g.dep_ in ("mark", "aux")), "")
            feats.append(f"{child.dep_}_mark={mark}")
        if child.dep_ in ("prep", "prt"):
            feats.append(f"lemma+{child.dep_}={lemma}_{child.lower_}")
        if child.dep_ in ("dobj",):
            feats.append(f"dobj_lemma={child.lemma_.lower()}")
    for dep in sorted(deps):
        feats.append(f"child={dep}")
    feats.append(f"head_dep={tok.head.dep_}")
    if tok.dep_ in ("xcomp", "conj", "advcl", "ccomp"):
        feats.append(f"head_lemma={tok.head.lemma_.lower()}")
    if "ccomp" not in deps and "xcomp" not in deps:
        feats.append("no_clause")
    return feats


@dataclass(frozen=True)
class CueModel:
    index: dict[str, int]
    weights: np.ndarray
    bias: float
    threshold: float
    veto: float

    def score(self, feats: Iterable[str]) -> float:
        z = self.bias
        for f in feats:
            i = self.index.get(f)
            if i is not None:
                z += float(self.weights[i])
        return 1.0 / (1.0 + math.exp(-z))


def read_model(npz_path, json_path) -> CueModel:
    meta = json.loads(open(json_path, encoding="utf-8").read())
    with np.load(npz_path) as data:
        weights = np.asarray(data["weights"], dtype=np.float64)
        bias = float(data["bias"])
    index = {name: i for i, name in enumerate(meta["features"])}
    return CueModel(
        index=index, weights=weights, bias=bias, threshold=float(meta["threshold"]), veto=float(meta["veto"])
    )


@lru_cache(maxsize=1)
def load_model() -> CueModel | None:
    """The shipped model, or None (with a log line) when it is not packaged: rules alone then run."""
    base = resources.files("newsaudit").joinpath("models")
    try:
        with resources.as_file(base.joinpath("attribution.npz")) as npz, resources.as_file(
            base.joinpath("attribution.json")
        ) as meta:
            return read_model(npz, meta)
    except FileNotFoundError:
        log.info("models/attribution.* not packaged; attribution runs on rules alone")
        return None
