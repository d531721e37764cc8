"""Stage: the dated timeline of the article.

Every date expression in the body (and captions) is normalised against the
publication date by :func:`newsaudit.article.dates.find_dates`, kept at its
granularity, paired with its sentence and the actors named there, and sorted.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from ..lexicons import load_lexicon_set
from ..models import TimelineEvent
from ..pipeline import Context, Stage
from .dates import DateMatch, find_dates, is_comparison_baseline, parse_anchor

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_FUTURE = {"will", "'ll", "shall", "wo"}
# "Thursday night", "May 3 morning": the noun is still the date, not a thing it dates
_TIME_NOUNS = {"morning", "afternoon", "evening", "night", "noon", "midday", "midnight"}


def sentence_tense(sent: "Span") -> str | None:
    """"future" when the sentence uses will/shall/going to, "past" with a past-tense verb, else None."""
    words = [t.lower_ for t in sent]
    if any(t.lower_ in _FUTURE and t.tag_ == "MD" for t in sent):
        return "future"
    if any(a == "going" and b == "to" for a, b in zip(words, words[1:])):
        return "future"
    if any(t.tag_ == "VBD" for t in sent):
        return "past"
    return None


def tense_lookup(doc: "Doc") -> Callable[[int], str | None]:
    """A function from a character offset in ``doc`` to the tense of its sentence."""
    cache: dict[int, str | None] = {}

    def at(offset: int) -> str | None:
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None:
            return None
        sent = span[0].sent
        if sent.start not in cache:
            cache[sent.start] = sentence_tense(sent)
        return cache[sent.start]

    return at


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return load_lexicon_set("speech_verbs")


def _reports_now(sent: "Span") -> bool:
    """The main verb reports in the present or present perfect: "GM says", "Boeing has announced"."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or root.lemma_.lower() not in _speech_verbs():
        return False
    auxes = [t for t in root.children if t.dep_ in ("aux", "auxpass")]
    # "it is expected that ..." is nobody's statement; "will say", "had said" are not now
    if any(a.dep_ == "auxpass" or a.tag_ == "MD" or a.lower_ in ("did", "was", "were", "had") for a in auxes):
        return False
    if root.tag_ in ("VBZ", "VBP"):
        return True
    # present perfect / progressive: the auxiliary carries the tense
    return root.tag_ in ("VBN", "VBG") and any(a.tag_ in ("VBZ", "VBP") for a in auxes)


def _dates_main_verb(doc: "Doc", m: DateMatch, sent: "Span") -> bool:
    """True when the date expression modifies the sentence's main verb, not a noun or a clause below it."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    token = span.root
    while token.i != sent.root.i:
        head = token.head
        if head.i == token.i:
            return True  # crossed out of this sentence: stay on the safe side
        if head.i != sent.root.i and head.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return False  # governed by a verb of its own clause
        if head.pos_ in ("NOUN", "PROPN") and head.i != sent.root.i and head.lower_ not in _TIME_NOUNS:
            return False  # a date of a thing ("its 2008 bailout", "a deadline on June 1")
        token = head
    return True


def actors_in(sent: "Span", *, skip: tuple[int, int] | None = None) -> tuple[str, ...]:
    """Named people, organisations and places in the sentence, subjects first."""
    names: list[tuple[int, str]] = []
    for ent in sent.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        if skip and ent.start_char < skip[1] and skip[0] < ent.end_char:
            continue
        is_subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in ent)
        names.append((0 if is_subject else 1, ent.text.strip()))
    seen: dict[str, None] = {}
    for _, name in sorted(names, key=lambda x: x[0]):
        seen.setdefault(name, None)
    return tuple(seen)[:6]


def events_in_doc(
    doc: "Doc", published: str | None, *, caption_index: int | None = None, infer: bool = True
) -> list[TimelineEvent]:
    """Timeline events for one parsed text. Offsets are into ``doc.text``.

    With ``infer``, a sentence that has a verb but no date expression gets one
    ``inferred`` event at the publication date: its reference time. SemEval-2015
    TimeLine anchors undated events the same way, and a reader needs to know which
    claims rest on no date of their own. A dated sentence whose main verb is a
    present statement ("GM says ...", "Boeing has announced ...") whose dates all
    belong to what is stated gets one too. A comparison baseline ("up 5% from a
    year ago") is not an event and gives none.
    """
    anchor = parse_anchor(published)
    # The date a figure is compared against ("up 43% from a year ago") is when nothing happened.
    matches: list[DateMatch] = [m for m in find_dates(doc.text, anchor, tense_at=tense_lookup(doc))
                                if not is_comparison_baseline(doc.text, m)]
    in_caption = caption_index is not None
    events = []
    dated_sents: set[int] = set()
    for m in matches:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        sent = span[0].sent if span is not None and len(span) else None
        if sent is not None:
            dated_sents.add(sent.start)
        events.append(
            TimelineEvent(
                date=m.value.iso,
                granularity=m.value.granularity,
                text=m.text,
                start=0 if in_caption else m.start,
                end=0 if in_caption else m.end,
                sentence=sent.text.strip() if sent is not None else None,
                actors=actors_in(sent, skip=(m.start, m.end)) if sent is not None else (),
                caption_index=caption_index,
            )
        )
    if infer and anchor is not None:
        by_sent: dict[int, list[DateMatch]] = {}
        for m in matches:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and len(span):
                by_sent.setdefault(span[0].sent.start, []).append(m)
        for sent in doc.sents:
            if not any(t.pos_ in ("VERB", "AUX") for t in sent):
                continue
            if sent.start in dated_sents:
                # A dated sentence still reports something now when its main verb is present
                # tense and every date in it belongs to a noun or a lower clause: "Ford says it
                # made a profit in 2009" is a statement of the publication day about 2009.
                own = by_sent.get(sent.start, [])
                if not own or not _reports_now(sent) or any(_dates_main_verb(doc, m, sent) for m in own):
                    continue
            events.append(
                TimelineEvent(
                    date=anchor.isoformat(),
                    granularity="day",
                    text="",
                    start=0 if in_caption else sent.start_char,
                    end=0 if in_caption else sent.end_char,
                    sentence=sent.text.strip(),
                    actors=actors_in(sent),
                    caption_index=caption_index,
                    inferred=True,
                )
            )
    return events


def sort_key(event: TimelineEvent) -> tuple[str, int, int]:
    """Chronological by first day (a week sorts at its Monday, a decade at its first year), then position."""
    first = event.date
    if event.granularity == "week":
        year, week = first.split("-W")
        first = date.fromisocalendar(int(year), int(week), 1).isoformat()
    elif event.granularity == "quarter":
        year, quarter = first.split("-Q")
        first = f"{year}-{3 * int(quarter) - 2:02d}-01"
    elif event.granularity == "decade":
        first = f"{first}0"
    elif event.granularity == "century":
        first = f"{first}00"
    return (first, event.caption_index if event.caption_index is not None else -1, event.start)


def build_timeline(ctx: Context) -> list[TimelineEvent]:
    published = ctx.article.published
    if not published:
        ctx.diagnose(
            "no-published-date",
            "no publication date: relative dates (today, last week, May 3) were left out; pass --published",
            stage="timeline",
        )
    events = events_in_doc(ctx.doc, published)
    for i, cap in enumerate(ctx.caption_docs()):
        events.extend(events_in_doc(cap, published, caption_index=i))
    return sorted(events, key=sort_key)


def run(ctx: Context) -> None:
    ctx.out["timeline"] = build_timeline(ctx)


STAGE = Stage(name="timeline", func=run, requires=("doc",), assigns=("timeline",))
