"""Marking up the article text from the report's character offsets.

Quotes, hedged sentences, dates and figures overlap and nest freely (a date inside
a quote inside a hedged sentence; a quote that starts mid-sentence and runs into
the next). Rather than trying to nest tags, the text is cut at every span
boundary into segments; each segment knows every span covering it, and a renderer
draws one element per segment with the union of their classes. The result is
always well formed, whatever the offsets, and every piece of text is escaped once.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..models import Report
from .view import ReportView, _in_caption, figure_value


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # quote, cue, hedged, anonymous-only, date, figure
    key: str = ""  # which record: the quote id, for grouping segments of one quote
    classes: tuple[str, ...] = ()
    note: str = ""  # one line for the hover text


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    spans: tuple[Span, ...]


# Outer to inner: the order notes are listed in, and the order classes are emitted in.
_KIND_ORDER = {"quote": 0, "cue": 1, "hedged": 2, "anonymous-only": 3, "date": 4, "figure": 5}


def segments(length: int, spans: list[Span]) -> list[Segment]:
    """Cut [0, length) at every span boundary; each piece lists the spans covering it.

    Spans outside the text are clipped; empty or inverted ones are dropped. A sweep
    over sorted boundaries keeps this O(boundaries x open spans).
    """
    clean = []
    for s in spans:
        if not isinstance(s.start, int) or not isinstance(s.end, int):
            continue  # a record read from JSON without offsets
        start, end = max(0, s.start), min(length, s.end)
        if start < end:
            clean.append(Span(start, end, s.kind, s.key, s.classes, s.note))
    points = sorted({0, length, *(s.start for s in clean), *(s.end for s in clean)})
    starts: dict[int, list[Span]] = {}
    for s in clean:
        starts.setdefault(s.start, []).append(s)
    open_spans: list[Span] = []
    out: list[Segment] = []
    for a, b in zip(points, points[1:]):
        open_spans = [s for s in open_spans if s.end > a] + starts.get(a, [])
        ordered = tuple(sorted(open_spans, key=lambda s: (_KIND_ORDER.get(s.kind, 9), s.start, s.key)))
        out.append(Segment(a, b, ordered))
    return out


def report_spans(view: ReportView) -> list[Span]:
    """Every markable thing in the report as a span over ``article.text``."""
    report: Report = view.report
    spans: list[Span] = []
    for q in report.quotes:
        src = view.source(q.source_id)
        who = src.name if src else (q.speaker or "unattributed")
        anon = bool(src and src.anonymous)
        certainty = view.certainty_at(q.start, q.end) or "attributed"
        role = f", {src.role}" if src and src.role and src.role != "unknown" else ""
        note = (
            f"{q.type} quote · speaker: {who}{' (anonymous)' if anon else ''}{role}"
            f" · cue: {q.cue or '—'} · certainty: {certainty}"
        )
        classes = ("quote", view.colour_class(q.source_id), f"qt-{q.type}") + (("anon",) if anon else ())
        spans.append(Span(q.start, q.end, "quote", q.id, classes, note))
        if q.cue_start is not None and q.cue_end is not None:
            spans.append(Span(q.cue_start, q.cue_end, "cue", q.id, ("cue",), f"cue for {who}"))
    for s in report.statements:
        if _in_caption(s):
            continue  # caption offsets do not point into the body text
        if s.certainty == "hedged":
            cues = ", ".join(s.cues) or "—"
            spans.append(Span(s.start, s.end, "hedged", "", ("hedged",), f"hedged · cues: {cues}"))
        if s.anonymous_only:
            spans.append(Span(s.start, s.end, "anonymous-only", "", ("anon-only",),
                              "rests only on anonymous sources"))
    for t in view.dated_events:  # an undated sentence anchored at publication is not a date to mark
        if _in_caption(t):
            continue
        spans.append(Span(t.start, t.end, "date", "", ("date",), f"date: {t.date} ({t.granularity})"))
    for f in report.figures:
        if _in_caption(f):
            continue
        bits = [figure_value(f) or f.text]
        if f.kind:
            bits.append(f.kind)
        if f.approximate:
            bits.append("approximate")
        bits.append(f"asserted by {view.source_name(f.source_id, default='the paper')}")
        spans.append(Span(f.start, f.end, "figure", "", ("figure",), "figure: " + ", ".join(bits)))
    return spans


def mark_up(view: ReportView) -> Markup:
    """The article text as HTML: one element per marked segment, a speaker tag after each quote."""
    text = view.report.article.text
    parts: list[str] = []
    last_of_quote: dict[str, int] = {}
    segs = segments(len(text), report_spans(view))
    for i, seg in enumerate(segs):
        for s in seg.spans:
            if s.kind == "quote":
                last_of_quote[s.key] = i
    ends_here: dict[int, list[str]] = {}
    for key, i in last_of_quote.items():
        ends_here.setdefault(i, []).append(key)
    quotes = {q.id: q for q in view.report.quotes}
    for i, seg in enumerate(segs):
        piece = escape(text[seg.start:seg.end])
        if not seg.spans:
            parts.append(piece)
        else:
            classes: list[str] = []
            for s in seg.spans:
                classes.extend(c for c in s.classes if c not in classes)
            notes = "\n".join(dict.fromkeys(s.note for s in seg.spans if s.note))
            tag = "mark" if any(s.kind == "quote" for s in seg.spans) else "span"
            qid = next((s.key for s in seg.spans if s.kind == "quote"), "")
            data = f' data-quote="{escape(qid)}"' if qid else ""
            parts.append(
                f'<{tag} class="{escape(" ".join(classes))}" title="{escape(notes)}"{data}>{piece}</{tag}>'
            )
        for key in ends_here.get(i, []):
            q = quotes[key]
            src = view.source(q.source_id)
            who = src.name if src else (q.speaker or "?")
            anon = " anon" if src and src.anonymous else ""
            parts.append(
                f'<sup class="who {escape(view.colour_class(q.source_id))}{anon}"'
                f' title="{escape(src.label if src and src.label else who)}">{escape(who)}</sup>'
            )
    return Markup("".join(parts))
