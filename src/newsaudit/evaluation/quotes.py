"""Measure quote and attribution extraction on PolNeAR-format data (brat standoff).

A data folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (or the
``.ann`` beside the ``.txt``). When an article has several annotators, the first file in
sorted order is used (PolNeAR's single-annotator view takes the first listed annotator;
``metadata.tsv`` is read for that order when it is present).

Metrics, all over attributions (every gold relation, beliefs and "according to" included):

* content precision / recall / F1 at 30% token overlap: a predicted content matches a
  gold content when the shared word tokens are at least 0.3 of the LONGER of the two
  (so a sentence-long guess cannot match a three-word gold span); pairs are matched
  one-to-one, best overlap first;
* exact-span F1: the same with the requirement that the word tokens are identical;
* direct+mixed recall: recall over gold contents holding a quotation mark;
* source accuracy: over matched pairs whose gold has a source, the share where the
  predicted source phrase, or a mention of the source it resolves to, overlaps the gold
  source span, or shares a proper-name word with it ("Caddell" / "Pat Caddell").

Predicted quotes sharing a cue form one attribution (a quotation split around its cue,
or continued in the next paragraph, is one gold attribution in PolNeAR).
"""

from __future__ import annotations

import csv
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..models import Article, Document, Report

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+", re.UNICODE)
_QUOTE_CHARS = set("\"\u201c\u201d")
THRESHOLD = 0.3


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class AnnotatedText:
    name: str
    text: str
    gold: list[GoldAttribution]


def _spans(field_text: str) -> list[tuple[int, int]]:
    out = []
    for part in field_text.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attribution relations of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue  # continuation line of a multi-line surface text
        key = parts[0]
        if key.startswith("T"):
            label, _, rest = parts[1].partition(" ")
            try:
                spans[key] = (label, _spans(rest))
            except ValueError:
                continue
        elif key.startswith("E"):
            rel = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            relations.append(rel)
    gold = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source = spans.get(rel.get("Source", ""), ("", []))[1]
        cue = spans.get(rel.get("Cue", ""), ("", []))[1]
        gold.append(GoldAttribution(content=content[1], source=source, cue=cue))
    return gold


def _first_annotators(root: Path) -> dict[str, str]:
    for meta in (root / "metadata.tsv", root.parent / "metadata.tsv"):
        if meta.exists():
            with meta.open(encoding="utf-8") as fh:
                return {
                    row["filename"]: row["annotators"].split("|")[0]
                    for row in csv.DictReader(fh, delimiter="\t")
                    if row.get("annotators")
                }
    return {}


def load_polnear(data: Path, *, limit: int | None = None) -> list[AnnotatedText]:
    """Articles and their gold attributions from a PolNeAR split folder."""
    data = Path(data)
    text_dir = data / "text" if (data / "text").is_dir() else data
    ann_dir = data / "attributions" if (data / "attributions").is_dir() else data
    texts = sorted(text_dir.glob("*.txt"))
    if not texts:
        raise InputError(f"no .txt files under {data}; pass a PolNeAR split folder such as polnear/data/dev")
    first = _first_annotators(data.parent)
    out = []
    for txt in texts:
        name = txt.stem
        anns = sorted(ann_dir.glob(f"{name}_*.ann")) or sorted(ann_dir.glob(f"{name}.ann"))
        if not anns:
            continue
        pick = next((a for a in anns if a.stem.endswith("_" + first.get(name, "\0"))), anns[0])
        out.append(AnnotatedText(name=name, text=txt.read_text(encoding="utf-8"), gold=read_ann(pick)))
        if limit and len(out) >= limit:
            break
    return out


# ---------------------------------------------------------------- matching


def _tokens(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Word tokens (by their start offset) inside the character spans."""
    out = set()
    for s, e in spans:
        for m in _TOKEN.finditer(text, s, e):
            out.add(m.start())
    return frozenset(out)


def _overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def _match(pred: list[frozenset[int]], gold: list[frozenset[int]], *, exact: bool) -> list[tuple[int, int]]:
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            score = float(p == g) if exact else _overlap(p, g)
            if score >= (1.0 if exact else THRESHOLD):
                pairs.append((score, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


@dataclass
class _Pred:
    content: list[tuple[int, int]]
    source_spans: list[tuple[int, int]]
    names: set[str]


def predictions(report: Report) -> list[_Pred]:
    """Group the report's quotes into attributions (one per cue) with their source evidence."""
    sources = {s.id: s for s in report.sources}
    groups: dict[object, _Pred] = {}
    for q in report.quotes:
        key = (q.cue_start, q.cue_end, q.source_id) if q.cue_start is not None else ("q", q.id)
        pred = groups.get(key)
        if pred is None:
            pred = groups[key] = _Pred(content=[], source_spans=[], names=set())
            src = sources.get(q.source_id) if q.source_id else None
            if src is not None:
                pred.source_spans.extend((m.start, m.end) for m in src.mentions)
                pred.names.update(w.lower() for w in _TOKEN.findall(src.name) if w[:1].isupper())
        pred.content.append((q.start, q.end))
    return list(groups.values())


def _source_ok(text: str, pred: _Pred, gold: GoldAttribution) -> bool:
    for gs, ge in gold.source:
        for ps, pe in pred.source_spans:
            if ps < ge and gs < pe:
                return True
        gold_words = {w.lower() for w in _TOKEN.findall(text[gs:ge]) if w[:1].isupper()}
        if gold_words & pred.names:
            return True
    return False


@dataclass
class Counts:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    exact_tp: int = 0
    dm_gold: int = 0
    dm_hit: int = 0
    src_total: int = 0
    src_ok: int = 0

    def add(self, text: str, report: Report, gold: list[GoldAttribution]) -> None:
        preds = predictions(report)
        p_toks = [_tokens(text, p.content) for p in preds]
        g_toks = [_tokens(text, g.content) for g in gold]
        keep = [j for j, t in enumerate(g_toks) if t]
        gold = [gold[j] for j in keep]
        g_toks = [g_toks[j] for j in keep]
        matched = _match(p_toks, g_toks, exact=False)
        self.n_pred += len(preds)
        self.n_gold += len(gold)
        self.tp += len(matched)
        self.exact_tp += len(_match(p_toks, g_toks, exact=True))
        hit_gold = {j for _, j in matched}
        for j, g in enumerate(gold):
            if any(c in _QUOTE_CHARS for s, e in g.content for c in text[s:e]):
                self.dm_gold += 1
                self.dm_hit += j in hit_gold
        for i, j in matched:
            if gold[j].source:
                self.src_total += 1
                self.src_ok += _source_ok(text, preds[i], gold[j])

    def result(self) -> dict[str, float | int]:
        def f1(tp: int) -> tuple[float, float, float]:
            p = tp / self.n_pred if self.n_pred else 0.0
            r = tp / self.n_gold if self.n_gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        p, r, f = f1(self.tp)
        _, _, ef = f1(self.exact_tp)
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "exact_f1": round(ef, 4),
            "direct_mixed_recall": round(self.dm_hit / self.dm_gold, 4) if self.dm_gold else 0.0,
            "source_accuracy": round(self.src_ok / self.src_total, 4) if self.src_total else 0.0,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "n_direct_mixed_gold": self.dm_gold,
            "n_source_scored": self.src_total,
        }


def evaluate(data: Path, *, analyzer=None, limit: int | None = None) -> dict[str, object]:
    """Run the real article analysis on every text in ``data`` and score it against the gold."""
    from ..pipeline import Analyzer

    articles = load_polnear(data, limit=limit)
    if analyzer is None:
        analyzer = Analyzer(stages=["newsaudit.article.quotes:STAGE"])
    started = time.perf_counter()
    counts = Counts()
    docs = (Document(article=Article(text=a.text)) for a in articles)
    for art, report in zip(articles, analyzer.analyze_many(docs)):
        counts.add(art.text, report, art.gold)
    out: dict[str, object] = dict(counts.result())
    out.update(
        {
            "data": str(data),
            "n_articles": len(articles),
            "threshold": THRESHOLD,
            "seconds": round(time.perf_counter() - started, 1),
        }
    )
    return out
