"""Evaluate the timeline's date normalisation on SemEval-2015 Task 4 (TimeLine).

Data: ``semeval2015_task4_timeline/corpus_N/``. Each Track B TimeML file gives an
article's sentences (``<s id=N>``, tokens split by spaces) and its creation date
(the DCT, our ``published``). Each gold timeline row is ``order, date, mention...``
where a mention is ``docid-sentence-eventword`` and the date is ISO with ``XX``
for unknown parts (``2008-03-XX`` is a month, ``XXXX-XX-XX`` unknown).

Score: over distinct gold event mentions with a known date, ``recall`` is the
share whose sentence our timeline dates with the gold value: some event we find
in that sentence, truncated to the gold's granularity, equals the gold value,
and is at least as fine as the gold. ``precision`` is, over the dates we give
to sentences holding a dated gold event, the share that agree with some gold
event of that sentence in the same way. ``strict_recall`` also asks for the
same granularity; ``recall_from_date_expressions`` counts only dates written in
the sentence, leaving out the ``inferred`` publication-date anchors. An inferred
anchor counts for the corpus sentence it lies in even where that sentence also
holds a written date (the timeline anchors "Ford says ..." beside "in 2009"), and
both count towards ``precision``. A quarter (``2009-Q3``) agrees only with a year.

The corpus' sentence boundaries are kept when parsing (they are what gold refers to).
"""

from __future__ import annotations

import logging
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ..errors import EvalError

log = logging.getLogger(__name__)

_JOIN = "\n\n"
# A quarter ("2009-Q3") ranks with months, but its text can only ever agree with a gold year.
_GRAN_ORDER = {"year": 0, "quarter": 1, "month": 1, "week": 1, "day": 2, "time": 3}


@dataclass(frozen=True)
class TimelineDoc:
    doc_id: str
    dct: str
    sentences: dict[int, str]


def _detok(tokens: str) -> str:
    """Undo the corpus' space-separated tokens enough for spaCy and our regexes."""
    text = re.sub(r"\s+([,.;:!?%)\]])", r"\1", tokens)
    text = re.sub(r"([(\[$])\s+", r"\1", text)
    text = re.sub(r"\s+('s|n't|'re|'ve|'ll|'d|')\b", r"\1", text)
    text = text.replace("`` ", '"').replace(" ''", '"')
    return text.strip()


def read_doc(path: Path) -> TimelineDoc:
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        raise EvalError(f"cannot parse {path}: {exc}") from exc
    dct_el = root.find("DCT/TIMEX3")
    doc_id = (root.findtext("DOCID") or path.name.split("_")[0]).strip()
    sentences = {}
    text_el = root.find("TEXT")
    for s in text_el.iter("s") if text_el is not None else ():
        sentences[int(s.get("id"))] = _detok(" ".join("".join(s.itertext()).split()))
    dct = dct_el.get("value", "") if dct_el is not None else ""
    return TimelineDoc(doc_id=doc_id, dct=dct[:10], sentences=sentences)


def read_gold(data: Path) -> dict[tuple[str, int, str], str]:
    """(doc_id, sentence, eventword) -> gold ISO value (with XX), over all corpora."""
    gold: dict[tuple[str, int, str], str] = {}
    for path in sorted(data.glob("corpus_*/TimeLines_Gold_Standard/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            value = parts[1].strip()
            for mention in parts[2:]:
                bits = mention.strip().split("-", 2)
                if len(bits) == 3 and bits[1].isdigit():
                    gold.setdefault((bits[0], int(bits[1]), bits[2]), value)
    return gold


def gold_granularity(value: str) -> tuple[str, str] | None:
    """``2008-03-XX`` -> ("2008-03", "month"); unknown -> None."""
    parts = value.split("-")
    if not parts or not parts[0].isdigit():
        return None
    if len(parts) >= 3 and parts[2].isdigit():
        return "-".join(parts[:3]), "day"
    if len(parts) >= 2 and parts[1].isdigit():
        return "-".join(parts[:2]), "month"
    return parts[0], "year"


def agrees(ours_date: str, ours_gran: str, gold: tuple[str, str]) -> bool:
    value, gran = gold
    if ours_gran == "week" or _GRAN_ORDER.get(ours_gran, -1) < _GRAN_ORDER[gran]:
        return False
    return ours_date[: len(value)] == value


def _parse_with_sentences(nlp, text: str, starts: list[int]):  # noqa: ANN001, ANN202
    """Parse ``text`` keeping the corpus' sentence boundaries (the parser respects preset starts)."""
    doc = nlp.make_doc(text)
    wanted = set(starts)
    for token in doc:
        token.is_sent_start = token.idx in wanted or (token.i == 0)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def evaluate_dates(data: str | Path, *, nlp=None) -> dict:  # noqa: ANN001
    """Run the timeline over every Track B article and score it against the gold timelines."""
    from ..article.timeline import events_in_doc

    root = Path(data)
    paths = sorted(root.glob("corpus_*/corpus_trackB_TimeML/*.tml"))
    if not paths:
        raise EvalError(f"no corpus_*/corpus_trackB_TimeML/*.tml under {root}; point --data at semeval2015_task4_timeline")
    if nlp is None:
        from ..pipeline import load_nlp

        nlp = load_nlp()
    began = time.perf_counter()
    gold = read_gold(root)
    dated: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    for (doc_id, sent, _), value in gold.items():
        g = gold_granularity(value)
        if g:
            dated[(doc_id, sent)].append(g)
    docs = [read_doc(p) for p in paths]
    ours: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    explicit: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    texts, spans = [], []
    for d in docs:
        pieces, offsets, pos = [], [], 0
        for sid in sorted(d.sentences):
            pieces.append(d.sentences[sid])
            offsets.append((pos, pos + len(d.sentences[sid]), sid))
            pos += len(d.sentences[sid]) + len(_JOIN)
        texts.append(_JOIN.join(pieces))
        spans.append(offsets)
    for d, offsets, text in zip(docs, spans, texts):
        doc = _parse_with_sentences(nlp, text, [s for s, _, _ in offsets])
        events = events_in_doc(doc, d.dct)
        for ev in (e for e in events if not e.inferred):
            for s, e, sid in offsets:
                if s <= ev.start < e:
                    ours[(d.doc_id, sid)].append((ev.date, ev.granularity))
                    explicit[(d.doc_id, sid)].append((ev.date, ev.granularity))
                    break
        # spaCy's sentences need not match the corpus' ones: an inferred (undated) sentence
        # dates every corpus sentence it overlaps that holds no date expression of its own.
        # An inferred anchor lying wholly inside one corpus sentence is that sentence's own
        # (the timeline also anchors a present-tense main clause beside a dated phrase).
        for ev in (e for e in events if e.inferred):
            for s, e, sid in offsets:
                inside = s <= ev.start < e and ev.end <= e + len(_JOIN)  # spaCy keeps the joiner
                if s < ev.end and ev.start < e and (inside or (d.doc_id, sid) not in ours):
                    ours[(d.doc_id, sid)].append((ev.date, ev.granularity))
    hits = strict = total = from_expressions = 0
    for (doc_id, sent, _), value in gold.items():
        g = gold_granularity(value)
        if not g:
            continue
        total += 1
        found = ours.get((doc_id, sent), [])
        hits += any(agrees(dv, gr, g) for dv, gr in found)
        strict += any(gr == g[1] and dv == g[0] for dv, gr in found)
        from_expressions += any(agrees(dv, gr, g) for dv, gr in explicit.get((doc_id, sent), []))
    given = right = 0
    for key, golds in dated.items():
        for dv, gr in ours.get(key, []):
            given += 1
            right += any(agrees(dv, gr, g) for g in golds)
    if total == 0:
        raise EvalError(f"no dated gold events found under {root}")
    return {
        "task": "dates",
        "data": str(root),
        "documents": len(docs),
        "gold_dated_events": total,
        "recall": round(hits / total, 4),
        "strict_recall": round(strict / total, 4),
        "recall_from_date_expressions": round(from_expressions / total, 4),
        "precision": round(right / given, 4) if given else 0.0,
        "dates_given_to_gold_sentences": given,
        "seconds": round(time.perf_counter() - began, 1),
    }
