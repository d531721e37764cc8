"""Evaluate sentence-level hedge detection on CoNLL-2010-style CSVs (text,label; 1 = uncertain).

By default only the fixed dev part (``hedging.is_dev``) is scored, since the shipped
model was trained on the rest of ``wiki_weasel_train.csv``; ``split="all"`` scores
every row (for files the model never saw). Reported: precision, recall and F1 of the
uncertain class for the model, and for the lexicon alone (any cue = uncertain).
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

from ..article.hedging import find_cues, is_dev, load_model, tokenize
from .metrics import binary_prf
from ..errors import EvalError


def read_rows(path: Path) -> list[tuple[str, bool]]:
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or not {"text", "label"} <= set(reader.fieldnames):
                raise EvalError(f"{path}: expected a CSV with columns text,label (1 = uncertain)")
            return [(row["text"], row["label"].strip() in ("1", "uncertain", "True")) for row in reader]
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read ({exc})") from exc


def evaluate_hedges(path: str | Path, *, split: str = "dev") -> dict:
    began = time.perf_counter()
    path = Path(path)
    rows = read_rows(path)
    if split == "dev":
        rows = [r for r in rows if is_dev(r[0])]
    if not rows:
        raise EvalError(f"{path}: no rows to score in split {split!r}")
    model = load_model()
    gold = [label for _, label in rows]
    predicted = [model.predict(text) for text, _ in rows]
    lexicon = [bool(find_cues(tokenize(text))) for text, _ in rows]
    return {
        "task": "hedges",
        "data": str(path),
        "split": split,
        "sentences": len(rows),
        "uncertain": sum(gold),
        "model": binary_prf(gold, predicted),
        "lexicon_only": binary_prf(gold, lexicon),
        "f1_uncertain": binary_prf(gold, predicted)["f1"],
        "seconds": round(time.perf_counter() - began, 1),
    }
