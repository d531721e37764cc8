"""What every human-facing rendering shows, computed once from a report.

The terminal summary, the Markdown and HTML reports and the web pages all read a
:class:`ReportView`, so they agree on what a "hedged claim" is, which colour a
source gets and how the reply tree is laid out. Nothing here formats text for
one medium; escaping belongs to the renderer.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ..article.roles import KNOWN_PERSON
from ..models import STANCES, Comment, Figure, Quote, Report, Source, Statement, TimelineEvent

# Colour-blind-aware palette (Okabe-Ito, plus darker companions); anonymous sources
# reuse it but are drawn dashed, so colour is never the only signal.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
    "#8C510A", "#5E3C99", "#1B7837", "#B2182B", "#4D4D4D", "#01665E",
)
UNATTRIBUTED = "#7F7F7F"
STANCE_COLOURS = {"support": "#1B7837", "deny": "#B2182B", "query": "#E69F00", "comment": "#7F7F7F"}
ROLE_ORDER = ("official", "expert", "journalist", "organisation", "document", "witness", "unknown")

# A chain of replies deeper than this is drawn at this depth: the page stays readable
# and a pathological export cannot push text off the screen.
MAX_DEPTH = 12


@dataclass(frozen=True)
class ThreadRow:
    comment: Comment
    depth: int
    parent: Comment | None  # None for a root, or when the parent is not in the thread


@dataclass
class ReportView:
    report: Report
    sources_by_id: dict[str, Source] = field(init=False)
    colour_index: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.sources_by_id = {s.id: s for s in self.report.sources}
        self.colour_index = {s.id: i % len(PALETTE) for i, s in enumerate(self.report.sources)}

    # -- sources -------------------------------------------------------------------------

    def source(self, source_id: str | None) -> Source | None:
        return self.sources_by_id.get(source_id) if source_id else None

    def source_name(self, source_id: str | None, *, default: str = "(unattributed)") -> str:
        src = self.source(source_id)
        return src.name if src else default

    def colour(self, source_id: str | None) -> str:
        idx = self.colour_index.get(source_id or "")
        return UNATTRIBUTED if idx is None else PALETTE[idx]

    def colour_class(self, source_id: str | None) -> str:
        idx = self.colour_index.get(source_id or "")
        return "src-none" if idx is None else f"src-{idx}"

    def described(self, source: Source) -> str:
        """How the page describes a source (its label when that differs from the name, else its
        description), followed by a role taken from newsaudit's list of well-known people, which
        says it is from the list ("known person: President of Russia ..., not stated on the page")."""
        page = source.label if source.label and source.label != source.name else (source.description or "")
        listed = next((e for e in source.role_evidence if e.startswith(KNOWN_PERSON)), "")
        return "; ".join(part for part in (page, listed) if part)

    def quotes_of(self, source: Source) -> list[Quote]:
        ids = set(source.quote_ids)
        return [q for q in self.report.quotes if q.id in ids or q.source_id == source.id]

    @cached_property
    def quoted_words(self) -> dict[str, int]:
        words: Counter[str] = Counter()
        for q in self.report.quotes:
            words[q.source_id or ""] += len(q.text.split())
        return dict(words)

    @cached_property
    def roster(self) -> list[Source]:
        """Sources, most quoted first; the report's order breaks ties."""
        order = {s.id: i for i, s in enumerate(self.report.sources)}
        return sorted(self.report.sources, key=lambda s: (-self.quoted_words.get(s.id, 0), order[s.id]))

    @cached_property
    def sourcing_mix(self) -> dict[str, object]:
        """Named against anonymous, and sources by role (only roles that occur, in a fixed order)."""
        named = sum(1 for s in self.report.sources if not s.anonymous)
        anonymous = len(self.report.sources) - named
        roles = Counter(s.role if s.role in ROLE_ORDER else "unknown" for s in self.report.sources)
        words_anon = sum(self.quoted_words.get(s.id, 0) for s in self.report.sources if s.anonymous)
        words_all = sum(self.quoted_words.values())
        share = (words_anon / words_all) if words_all else None
        # The analysis's own figure (words inside quotation marks) wins, so every output agrees
        # with the report's `sourcing` block; the count above serves reports made without it.
        if "share_quoted_words_anonymous" in self.report.sourcing and words_all:
            share = self.report.sourcing["share_quoted_words_anonymous"]
        return {
            "named": named,
            "anonymous": anonymous,
            "by_role": {r: roles[r] for r in ROLE_ORDER if roles[r]},
            "anonymous_word_share": share,
        }

    # -- statements and quotes -----------------------------------------------------------

    @cached_property
    def flagged_statements(self) -> list[Statement]:
        """Hedged claims and claims resting only on anonymous sources, in text order."""
        return [s for s in self.report.statements if s.certainty == "hedged" or s.anonymous_only]

    @cached_property
    def _body_statements(self) -> tuple[list[int], list[Statement]]:
        kept = sorted((s for s in self.report.statements if not _in_caption(s)
                       and isinstance(s.start, int) and isinstance(s.end, int)),
                      key=lambda s: s.start)
        return [s.start for s in kept], kept

    def certainty_at(self, start: int, end: int) -> str | None:
        """The certainty of the body statement that holds most of [start, end).

        Sentences do not overlap much, so only those starting before ``end`` and near
        the span are looked at (found by bisection), not every statement of the article.
        """
        starts, kept = self._body_statements
        hi = bisect.bisect_left(starts, end)
        best, best_overlap = None, 0
        for s in reversed(kept[max(0, hi - 64):hi]):
            overlap = min(end, s.end) - max(start, s.start)
            if overlap > best_overlap:
                best, best_overlap = s, overlap
        return best.certainty if best else None

    def source_names(self, ids: tuple[str, ...] | list[str]) -> list[str]:
        return [self.source_name(i, default=i) for i in ids]

    @cached_property
    def dated_events(self) -> list[TimelineEvent]:
        """Timeline events with a date expression of their own, in the report's (chronological) order."""
        return [t for t in self.report.timeline if not getattr(t, "inferred", False)]

    @cached_property
    def undated_events(self) -> list[TimelineEvent]:
        """Sentences with no date of their own, anchored at the publication date by the timeline stage."""
        return [t for t in self.report.timeline if getattr(t, "inferred", False)]

    # -- thread --------------------------------------------------------------------------

    @cached_property
    def stance_counts(self) -> dict[str, int]:
        """Comments per stance label, in the fixed label order; unlabelled comments left out."""
        counts = Counter(c.stance for c in self.report.comments if c.stance in STANCES)
        return {s: counts[s] for s in STANCES}

    @cached_property
    def n_uncivil(self) -> int:
        return sum(1 for c in self.report.comments if c.civility and c.civility.uncivil)

    @cached_property
    def n_off_topic(self) -> int:
        return sum(1 for c in self.report.comments if c.on_topic is False)

    @cached_property
    def thread_rows(self) -> list[ThreadRow]:
        """Comments in reading order: each reply right under its parent, depth-first.

        Comments whose parent is missing become roots; a cycle in the links (a
        malformed export) is broken where it is first met, so every comment is shown
        exactly once.
        """
        comments = list(self.report.comments)
        by_id = {c.id: c for c in comments}
        children: dict[str, list[Comment]] = {}
        roots: list[Comment] = []
        for c in comments:
            if c.parent_id and c.parent_id in by_id and c.parent_id != c.id:
                children.setdefault(c.parent_id, []).append(c)
            else:
                roots.append(c)
        rows: list[ThreadRow] = []
        seen: set[str] = set()

        def walk(start: Comment) -> None:
            stack = [(start, 0)]
            while stack:
                c, depth = stack.pop()
                if c.id in seen:
                    continue
                seen.add(c.id)
                parent = by_id.get(c.parent_id) if depth else None
                rows.append(ThreadRow(c, min(depth, MAX_DEPTH), parent))
                for child in reversed(children.get(c.id, [])):
                    stack.append((child, depth + 1))

        for root in roots:
            walk(root)
        for c in comments:  # only members of a parent cycle are left
            if c.id not in seen:
                walk(c)
        return rows

    @cached_property
    def thread_facts(self) -> list[tuple[str, str]]:
        """The thread summary's other facts as (label, text) pairs; comment ids shown with their authors.

        Keys every renderer already shows in its own way (stance counts, shares uncivil and
        off topic, the questions, the one-line summary) and empty values are left out.
        """
        names = {c.id: f"{c.author or 'anonymous reader'} ({c.id})" for c in self.report.comments}
        rest = {k: v for k, v in (self.report.thread or {}).items() if k not in _SHOWN_ELSEWHERE and v not in (None, "", [], {})}
        return _facts(rest, names)

    @cached_property
    def thread_summary(self) -> str:
        value = (self.report.thread or {}).get("summary")
        return " ".join(value.split()) if isinstance(value, str) else ""

    @cached_property
    def reader_questions(self) -> list[Comment]:
        """The comments that question the report: the summary's list when it has one, else the query stance."""
        listed = (self.report.thread or {}).get("questions")
        by_id = {c.id: c for c in self.report.comments}
        if isinstance(listed, (list, tuple)) and listed:
            # items are comment ids, or records holding one ({"id": "c2", "author": ..., "text": ...})
            ids = [i.get("id") if isinstance(i, dict) else i for i in listed]
            found = [by_id[i] for i in ids if isinstance(i, str) and i in by_id]
            if found:
                return found
        return [c for c in self.report.comments if c.stance == "query"]

    @cached_property
    def reader_question_texts(self) -> list[tuple[Comment, str]]:
        """Each questioning comment with what it asks: its question sentences when the summary
        lists them ("How does the Telegraph know ...?"), else the comment's text."""
        asks = {}
        for item in (self.report.thread or {}).get("questions") or ():
            if isinstance(item, dict) and isinstance(item.get("asks"), list):
                found = [q for q in item["asks"] if isinstance(q, str) and q.strip()]
                if found:
                    asks[item.get("id")] = " ".join(found)
        return [(c, asks.get(c.id, c.text)) for c in self.reader_questions]

    @cached_property
    def sourcing_facts(self) -> list[tuple[str, str]]:
        names = {s.id: s.name for s in self.report.sources}
        return _facts(self.report.sourcing, names)


# Thread summary keys that the renderers show in their own way (bars, counts, lists).
_SHOWN_ELSEWHERE = frozenset({
    "summary", "stance", "stance_share", "n_comments", "questions", "share_uncivil", "share_off_topic",
    "uncivil", "off_topic", "replies", "inferred_replies",
})

# A summary value that is a table (a list of more than this many records) is left to the
# sections that show it properly, such as the roster, rather than flattened into one line.
_TABLE_ROWS = 6


def _facts(data: dict, names: dict[str, str]) -> list[tuple[str, str]]:
    """The entries of a free-form summary dict as (label, plain text) pairs, ids replaced by names."""
    out = []
    for key, value in (data or {}).items():
        if isinstance(value, (list, tuple)) and len(value) > _TABLE_ROWS and all(isinstance(v, dict) for v in value):
            continue
        out.append((str(key).replace("_", " "), describe(_named(value, names), key=str(key))))
    return out


def _named(value: object, names: dict[str, str]) -> object:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, (list, tuple)):
        return [_named(v, names) for v in value]
    return value


def _in_caption(record: object) -> bool:
    """Caption records carry offsets into their caption, not into the article text."""
    return bool(getattr(record, "in_caption", False)) or getattr(record, "caption_index", None) is not None


_SHARE_WORDS = ("share", "ratio", "fraction", "rate", "pct")


def describe(value: object, *, key: str = "", limit: int = 12) -> str:
    """A short plain-text form of a summary value (numbers rounded, lists joined).

    A float under a key that names a share ("share_uncivil") is shown as a percentage.
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if any(w in key.lower() for w in _SHARE_WORDS) and 0.0 <= value <= 1.0:
            return f"{value:.0%}"
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dict) and len(value) == 2:
        # a (name, count) record such as {"author": "Jon", "comments": 5} reads "Jon (5)"
        text = [v for v in value.values() if isinstance(v, str)]
        count = [v for v in value.values() if isinstance(v, int) and not isinstance(v, bool)]
        if len(text) == 1 and len(count) == 1:
            return f"{' '.join(text[0].split())} ({count[0]:,})"
    if isinstance(value, dict):
        parts = [f"{k}: {describe(v, key=f'{key} {k}', limit=limit)}" for k, v in list(value.items())[:limit]]
        return ", ".join(parts) + (" …" if len(value) > limit else "")
    if isinstance(value, (list, tuple)):
        # a list of lists (reply chains) reads as chains: "a → b → c; d → e"
        inner = " → " if value and all(isinstance(v, (list, tuple)) for v in value) else None
        parts = [(inner.join(describe(x, key=key) for x in v) if inner else describe(v, key=key, limit=limit))
                 for v in list(value)[:limit]]
        return "; ".join(parts) + (" …" if len(value) > limit else "")
    if value is None:
        return "—"
    return " ".join(str(value).split())


def format_value(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
    return f"{text} {unit}" if unit else text


def figure_value(figure: Figure) -> str:
    """A figure's normalised value: "9,000,000,000 USD", or a range "120 to 140 mercenaries"."""
    if figure.value is None:
        return ""
    if figure.value_max is not None:
        return f"{format_value(figure.value)} to {format_value(figure.value_max, figure.unit)}"
    return format_value(figure.value, figure.unit)
