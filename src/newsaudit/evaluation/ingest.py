"""How well the HTML reader reads pages: article bodies and reader comments, on real annotated pages.

Bodies: the ScrapingHub (Zyte) article extraction benchmark, scored as its ``evaluate.py`` does:
``\\w+`` tokens, 4-token shingles counted as multisets, per page TP/FP/FN normalised to sum 1,
precision and recall averaged over pages, F1 the harmonic mean of the two averages.

Comments: the pages of trafilatura's evaluation set with comment gold. Each gold snippet must
appear, whitespace-normalised, inside the text of the comments we extract (the set's own
substring rule). Authors are a separate field here, so a snippet that is only a commenter's name
counts as missed in ``recall`` and found in ``recall_with_authors``. ``placeholders`` counts
extracted comments that are really interface text ("Loading comments...", "Sign in to comment"),
judged by a list kept here, apart from the reader's own filter, so the figure can catch it out.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import EvalError, InputError
from ..ingest.decode import decode_bytes
from ..ingest.html import read as read_html
from ..settings import Settings, load_settings

log = logging.getLogger(__name__)

BODIES = "scrapinghub-article-extraction-benchmark"
COMMENTS = "trafilatura-eval"

_TOKEN = re.compile(r"\w+")
# Interface text that must never come out as a comment, in the languages of the evaluation pages.
_UI_TEXT = re.compile(
    r"^\W*(?:\d+\s+)?(?:loading(?: comments)?|load more|show more|(?:show|view|see|read) (?:all )?comments|"
    r"read more|more comments|comments?|kommentare?|commentaires?|sign in|log ?in|anmelden|registrieren|"
    r"leave a (?:reply|comment)|(?:post|add|write) a comment|be the first|no comments|keine kommentare|"
    r"kommentieren|kommentar (?:melden|schreiben)|weitere antworten|antworten anzeigen|reply|antworten|"
    r"répondre|comments powered by|powered by disqus|join the (?:conversation|discussion)|"
    r"deja tu comentario|para comentar|komentuj|your comment|ihr kommentar)\b.{0,80}$",
    re.I,
)


def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_counts(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) over 4-token shingles, as the benchmark's ``string_shingle_matching``."""
    gold, got = _shingles(true), _shingles(pred)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def prf(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision over pages with a prediction, mean recall over pages with gold, F1 of the two."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _page(path: Path, settings: Settings):  # noqa: ANN202 - a Document or None
    text = decode_bytes(gzip.decompress(path.read_bytes()), origin=str(path))
    try:
        return read_html(text, origin=str(path), settings=settings)
    except InputError as exc:
        log.info("no text from %s: %s", path, exc)
        return None


def score_bodies(folder: Path, *, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    gold_path = folder / "ground-truth.json"
    if not gold_path.is_file():
        raise EvalError(f"{folder}: no ground-truth.json; pass the ScrapingHub benchmark folder")
    gold = json.loads(gold_path.read_text("utf-8"))
    keys = sorted(gold)[:limit] if limit else sorted(gold)
    counts, empty = [], 0
    for key in keys:
        document = _page(folder / "html" / f"{key}.html.gz", settings)
        predicted = document.article.text if document else ""
        empty += not predicted
        counts.append(shingle_counts(gold[key].get("articleBody", ""), predicted))
    return {"pages": len(keys), "empty": empty, **{k: round(v, 4) for k, v in prf(counts).items()}}


def _flat(text: str) -> str:
    return " ".join(text.split())


def score_comments(folder: Path, *, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    gold_path = folder / "evaldata.json"
    if not gold_path.is_file():
        raise EvalError(f"{folder}: no evaldata.json; pass trafilatura's evaluation folder")
    gold = json.loads(gold_path.read_text("utf-8"))
    pages = [entry for entry in gold.values() if entry.get("comments")]
    pages = pages[:limit] if limit else pages
    snippets = found = found_any = comments = placeholders = pages_with = 0
    for entry in pages:
        document = _page(folder / "html" / f"{entry['file']}.gz", settings)
        extracted = document.comments if document else ()
        comments += len(extracted)
        pages_with += bool(extracted)
        placeholders += sum(1 for c in extracted if len(c.text) <= 200 and _UI_TEXT.match(_flat(c.text)))
        texts = " \n ".join(_flat(c.text) for c in extracted)
        with_authors = " \n ".join(_flat(f"{c.author or ''} {c.text}") for c in extracted)
        for snippet in entry["comments"]:
            wanted = _flat(snippet)
            snippets += 1
            found += wanted in texts
            found_any += wanted in texts or wanted in with_authors
    return {
        "pages": len(pages),
        "pages_with_comments": pages_with,
        "snippets": snippets,
        "found": found,
        "recall": round(found / snippets, 4) if snippets else 0.0,
        "recall_with_authors": round(found_any / snippets, 4) if snippets else 0.0,
        "comments": comments,
        "placeholders": placeholders,
    }


def evaluate_ingest(data: str | Path, *, limit: int | None = None, settings: Settings | None = None) -> dict:
    """Both scores, from the shared data root that holds the two sets."""
    root = Path(data)
    if not root.is_dir():
        raise EvalError(f"{root}: no such folder; pass --data pointing at ../shared/data")
    settings = settings or load_settings()
    started = time.perf_counter()
    bodies = score_bodies(root / BODIES, settings=settings, limit=limit)
    middle = time.perf_counter()
    comments = score_comments(root / COMMENTS, settings=settings, limit=limit)
    return {
        "bodies": {**bodies, "data": BODIES, "metric": "4-gram shingle F1 (ScrapingHub evaluate.py)",
                   "seconds": round(middle - started, 1)},
        "comments": {**comments, "data": COMMENTS, "metric": "gold snippet found in extracted comment texts",
                     "seconds": round(time.perf_counter() - middle, 1)},
    }
