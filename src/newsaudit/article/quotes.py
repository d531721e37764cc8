"""Stage ``quotes``: who says what. Quotes, the source roster and the sourcing summary.

:func:`analyze_quotes` is the plain function (a parsed ``Doc`` in, records out); the
stage is a thin wrapper that puts its results in ``ctx.out``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..models import ROLES, Quote, Source
from ..pipeline import Context, Stage
from .attribution import find_attributions
from .sources import RosterBuilder

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class QuoteResult:
    quotes: list[Quote]
    sources: list[Source]
    sourcing: dict[str, Any]


def analyze_quotes(doc: "Doc") -> QuoteResult:
    """Quotes (one per contiguous piece of content), sources and the sourcing summary."""
    text = doc.text
    atts = find_attributions(doc)
    roster = RosterBuilder(doc)
    cluster_of = [roster.add(i, a) for i, a in enumerate(atts)]
    built = roster.sources()
    id_of = {id(c): s.id for c, s in built}
    quotes: list[Quote] = []
    quote_ids: dict[str, list[str]] = {}
    for index, (att, cluster) in enumerate(zip(atts, cluster_of)):
        source_id = id_of.get(id(cluster)) if cluster is not None else None
        speaker = doc[att.source[0] : att.source[1]].text if att.source else None
        for start, end in att.content:
            qid = f"q{len(quotes) + 1}"
            quotes.append(
                Quote(
                    id=qid,
                    text=text[start:end],
                    type=att.kind,
                    source_id=source_id,
                    cue=att.cue_text,
                    start=start,
                    end=end,
                    speaker=speaker,
                    cue_start=att.cue[0] if att.cue else None,
                    cue_end=att.cue[1] if att.cue else None,
                    speaker_unresolved=index in roster.unresolved,
                )
            )
            if source_id:
                quote_ids.setdefault(source_id, []).append(qid)
    sources = [dataclasses.replace(s, quote_ids=tuple(quote_ids.get(s.id, ()))) for _, s in built]
    return QuoteResult(quotes=quotes, sources=sources, sourcing=sourcing_summary(quotes, sources))


def sourcing_summary(quotes: list[Quote], sources: list[Source]) -> dict[str, Any]:
    """Counts a reader wants at a glance: how many sources, how many unnamed, by role."""
    anonymous = {s.id for s in sources if s.anonymous}
    n = len(sources)
    quoted = anon_quoted = 0
    for q in quotes:
        if q.type == "indirect" or not q.source_id:
            continue
        words = len(_WORD.findall(q.text))
        quoted += words
        if q.source_id in anonymous:
            anon_quoted += words
    by_role = Counter(s.role for s in sources)
    return {
        "n_sources": n,
        "n_named": n - len(anonymous),
        "n_anonymous": len(anonymous),
        "share_anonymous": round(len(anonymous) / n, 3) if n else 0.0,
        "share_quoted_words_anonymous": round(anon_quoted / quoted, 3) if quoted else 0.0,
        "n_quotes": len(quotes),
        "n_direct": sum(q.type == "direct" for q in quotes),
        "by_role": {role: by_role[role] for role in ROLES if by_role[role]},
        "roster": [
            {"id": s.id, "name": s.name, "anonymous": s.anonymous, "role": s.role, "n_quotes": len(s.quote_ids)}
            for s in sources
        ],
    }


def run(ctx: Context) -> None:
    result = analyze_quotes(ctx.doc)
    ctx.out["quotes"] = result.quotes
    ctx.out["sources"] = result.sources
    ctx.out["sourcing"] = result.sourcing


STAGE = Stage(name="quotes", func=run, requires=("doc",), assigns=("quotes", "sources", "sourcing"))
