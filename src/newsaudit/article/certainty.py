"""Stage: how sure the text is, sentence by sentence.

Every sentence of the body and of the captions becomes a :class:`Statement` with a
certainty:

* ``hedged``: the paper's own words withhold commitment ("is believed to",
  "reportedly", "may", "it is unclear"); hedges inside a quote are the source's,
  not the paper's, and do not count;
* ``attributed``: the sentence holds or is cued by an attribution (a quote from
  the quotes stage overlapping it, or an attribution phrase such as "according to"
  or "sources told"), with the ``source_ids`` of those quotes;
* ``asserted``: neither, the paper says it in its own voice.

``cues`` are the words that decided it. ``anonymous_only`` is true when every source
of the sentence is anonymous (or it is cued only by an unnamed source: "sources say").

Captions are not part of ``article.text``: a caption statement has ``start == end == 0``,
``in_caption`` true and ``caption_index`` naming the caption.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Iterable

from ..lexicons import load_lexicon_set
from ..models import Quote, Source, Statement
from ..pipeline import Context, Stage
from .hedging import find_cues, load_model

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

# The shipped hedge model learned Wikipedia's weasel words; on news it only adds a
# hedge the lexicon missed when it is very sure.
MODEL_THRESHOLD = 0.85
_ANON_HEADS = ("source", "sources", "official", "officials", "insider", "insiders", "people familiar")


def _quote_words(quotes: Iterable[Quote]) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in quotes if q.end > q.start]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _in_main_predication(cue: "Span") -> bool:
    """False when the cue sits in a noun's modifier ("the leader widely seen as the ruler"):
    that hedges a description, not what the sentence asserts."""
    tok = cue.root
    while tok.head.i != tok.i:
        if tok.dep_ in ("acl", "relcl", "appos"):
            return False
        tok = tok.head
    return True


def sentence_quotes(sent_start: int, sent_end: int, quotes: Iterable[Quote]) -> list[Quote]:
    """Quotes overlapping the sentence, or whose cue ("said") is in it."""
    found = []
    for q in quotes:
        overlaps = q.start < sent_end and sent_start < q.end
        cued = q.cue_start is not None and sent_start <= q.cue_start < sent_end
        if overlaps or cued:
            found.append(q)
    return found


def attribution_cues(sent: "Span") -> list[str]:
    """Attribution phrases in the sentence when no quote was found: "according to", "sources told"."""
    words = [t.lower_ for t in sent]
    cues = [c for _, _, c in find_cues(words, lexicon="attribution_cues_certainty")]
    verbs = load_lexicon_set("reporting_verbs")
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in verbs and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN", "PRON") for c in tok.children
        ) and any(c.dep_ in ("ccomp", "dobj") or c.dep_ == "punct" and c.text in "\"“”" for c in tok.children):
            if tok.lemma_.lower() in ("say", "tell", "claim", "insist", "report", "write", "state", "add",
                                      "announce", "allege", "explain", "warn", "argue", "suggest"):
                cues.append(tok.text.lower())
    return cues


def classify(sent: "Span", *, quotes: list[Quote], sources: dict[str, Source], offset: int = 0,
             use_model: bool = True) -> tuple[str, tuple[str, ...], tuple[str, ...], bool]:
    """(certainty, cues, source_ids, anonymous_only) for one sentence.

    ``offset`` is added to the sentence's character positions to compare them with
    quote offsets (0 for the body; captions carry no quotes).
    """
    start, end = sent.start_char + offset, sent.end_char + offset
    in_quotes = sentence_quotes(start, end, quotes)
    # Hedges inside a direct quote are the speaker's words; in indirect speech the
    # paraphrase is the paper's, so its hedges ("is believed to have approved") count.
    quoted = _quote_words(q for q in in_quotes if q.type == "direct")
    words = [t.lower_ for t in sent]
    tags = [t.tag_ for t in sent]
    own_hedges = [
        cue for i, j, cue in find_cues(words, tags=tags)
        if not _inside(sent[i].idx + offset, sent[j - 1].idx + len(sent[j - 1]) + offset, quoted)
        and _in_main_predication(sent[i:j])
    ]
    source_ids = tuple(dict.fromkeys(q.source_id for q in in_quotes if q.source_id))
    att_cues = [q.cue.lower() for q in in_quotes if q.cue] or ([] if in_quotes else attribution_cues(sent))
    if in_quotes and not att_cues:
        att_cues = ["quote"]
    anonymous = bool(source_ids) and all(sources.get(s) is not None and sources[s].anonymous for s in source_ids)
    if not source_ids and att_cues:
        text = sent.text.lower()
        anonymous = any(h in text for h in _ANON_HEADS) and not any(e.label_ == "PERSON" for e in sent.ents)
    if not own_hedges and use_model and not in_quotes:
        model = load_model()
        if model.probability(sent.text) >= max(MODEL_THRESHOLD, model.threshold):
            own_hedges = model.evidence(sent.text)
    if own_hedges:
        return "hedged", tuple(dict.fromkeys(own_hedges)), source_ids, anonymous
    if att_cues:
        return "attributed", tuple(dict.fromkeys(att_cues)), source_ids, anonymous
    return "asserted", (), (), False


def sentences(doc: "Doc") -> list["Span"]:
    """spaCy's sentences, cut again at blank lines: a sentence never runs across paragraphs."""
    out = []
    for sent in doc.sents:
        text = sent.text
        cuts = [0] + [i + 2 for i in range(len(text) - 1) if text[i: i + 2] == "\n\n"] + [len(text)]
        for a, b in zip(cuts, cuts[1:]):
            piece = doc.char_span(sent.start_char + a, sent.start_char + b, alignment_mode="contract")
            if piece is not None and len(piece) and piece.text.strip():
                out.append(piece)
    return out


def statements_for(ctx: Context) -> list[Statement]:
    quotes = list(ctx.out.get("quotes", ()))
    sources = {s.id: s for s in ctx.out.get("sources", ())}
    out: list[Statement] = []
    for sent in sentences(ctx.doc):
        certainty, cues, ids, anon = classify(sent, quotes=quotes, sources=sources)
        stripped = sent.text.strip()
        lead = len(sent.text) - len(sent.text.lstrip())
        out.append(Statement(text=stripped, start=sent.start_char + lead, end=sent.start_char + lead + len(stripped),
                             certainty=certainty, cues=cues, source_ids=ids, anonymous_only=anon))
    for i, cap in enumerate(ctx.caption_docs()):
        for sent in sentences(cap):
            certainty, cues, ids, anon = classify(sent, quotes=[], sources=sources)
            out.append(Statement(text=sent.text.strip(), start=0, end=0, certainty=certainty, cues=cues,
                                 source_ids=ids, in_caption=True, anonymous_only=anon, caption_index=i))
    return out


def run(ctx: Context) -> None:
    ctx.out["statements"] = statements_for(ctx)


STAGE = Stage(name="certainty", func=run, requires=("doc", "quotes", "sources"), assigns=("statements",))
