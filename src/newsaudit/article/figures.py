"""Stage: the ledger of figures.

Every figure in the body (and captions): money ("$9 billion"), counts ("around 100
troops"), ranges ("between 120 and 140"), percentages, quantities ("20 million
tons") and durations ("20 years"), with its value, unit, whether it is approximate,
and the source whose quote holds it (None: the paper's own voice).

Numbers are found with a regular expression over the text; spaCy's parse names
the counted noun. Dates ("in 2006", "May 3") are left to the timeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Iterable

from ..models import Figure, Quote
from ..pipeline import Context, Stage
from .dates import find_dates, parse_anchor
from .numbers import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    MEASURE_UNITS,
    TIME_UNITS,
    VAGUE,
    approximate_before,
    parse_number,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_WORDNUM = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|"
            r"eight|nine))?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
            r"sixteen|seventeen|eighteen|nineteen|a dozen|dozens|hundreds|thousands|millions|billions")
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:bn|mn|tn|k|m|b)?(?![\w])|\b(?:{_WORDNUM})\b"
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion|trillion|bn|mn|m)\b)?"
_CUR = r"(?:US\$|C\$|A\$|GB£|\$|£|€|¥|₽|₹|USD\s|EUR\s|GBP\s)"
ATOM = re.compile(
    rf"(?<![\w.,/$£€¥])(?<![A-Za-z]-)(?P<cur>{_CUR})?\s?(?P<num>{_NUM}){{scale}}(?P<pct>\s?(?:%|per\s?cent\b|percent\b))?"
    .replace("{scale}", rf"(?P<scale>{_SCALE})"),
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and|or)\s*$", re.IGNORECASE)
# "for a decade", "in a year": a duration of one unit, written without a number.
_ONE_DURATION = re.compile(r"\b(?:for|over|within|in|after|about|nearly|almost|more than)\s+(?:a|an|one)\s+"
                           r"(?P<unit>decade|year|month|week|day|century|hour|fortnight)\b(?!\s+ago)", re.IGNORECASE)
_HYPHEN_DURATION = re.compile(rf"(?P<num>\d+|{_WORDNUM})-(?P<unit>second|minute|hour|day|week|month|year|decade)"
                              r"(?:-long|-old)?\b", re.IGNORECASE)


@dataclass
class _Atom:
    start: int
    end: int
    value: float
    scale: float
    currency: str | None
    percent: bool
    vague: bool


def _atoms(text: str) -> list[_Atom]:
    out = []
    for m in ATOM.finditer(text):
        words = [m.group("num")] + (m.group("scale") or "").split()
        value = parse_number(words)
        base = parse_number([m.group("num")])
        if value is None or not base:
            continue
        cur = m.group("cur")
        currency = CURRENCY_SYMBOLS.get(cur.strip().lower().replace("gb£", "£")) if cur else None
        vague = m.group("num").lower() in VAGUE or m.group("num").lower() == "dozens"
        out.append(_Atom(m.start(), m.end(), value, value / base, currency, bool(m.group("pct")), vague))
    return out


def _group(text: str, atoms: list[_Atom]) -> list[tuple[_Atom, _Atom | None, str | None]]:
    """Pair atoms into ranges: "between 120 and 140", "5 to 10", "$5-6 billion"."""
    groups: list[tuple[_Atom, _Atom | None, str | None]] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        before = text[max(0, a.start - 9): a.start].lower()
        opener = "between" if before.rstrip().endswith("between") else "from" if before.rstrip().endswith("from") else None
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            join = text[a.end: b.start]
            word = join.strip().lower()
            ok = bool(_RANGE_JOIN.match(join)) and _compatible(a, b)
            if word == "to" and opener is None and (a.percent or a.currency or a.scale > 1):
                ok = False  # "rose 43% to 1.4bn", "$5 billion to Ukraine": a change or a target, not a range
            if word == "and" and opener != "between":
                ok = False
            if word == "or":
                ok = ok and b.start - a.end < 6
            if ok:
                groups.append((a, b, opener))
                i += 2
                continue
        groups.append((a, None, opener))
        i += 1
    return groups


def _compatible(a: _Atom, b: _Atom) -> bool:
    """Two numbers can bound one range only if they measure alike (5% and 7%, not 5% and $7)."""
    if a.percent and not b.percent:
        return False
    if a.currency and b.currency and a.currency != b.currency:
        return False
    return not (b.currency and not a.currency)


def _unit_after(doc: "Doc", end: int, n_chars: int) -> tuple[str | None, int]:
    """The noun a number counts ("troops", "tons", "years"), and where it ends; (None, end) if none.

    ``n_chars`` is ``len(doc.text)``, passed in because spaCy rebuilds ``doc.text`` on every access.
    """
    span = doc.char_span(end, n_chars, alignment_mode="expand") if end < n_chars else None
    if span is None:
        return None, end
    for k, tok in enumerate(span[:5]):
        low = tok.lower_
        if k == 0 and low in ("of",):
            continue
        if low in CURRENCY_WORDS or low in TIME_UNITS or low in MEASURE_UNITS:
            return tok.text, tok.idx + len(tok.text)
        if (tok.pos_ in ("ADJ", "NOUN", "PROPN") and tok.dep_ in ("amod", "compound", "nmod")
                and tok.head.i > tok.i and tok.head.pos_ == "NOUN" and not tok.head.text.isupper()):
            continue  # a modifier: "offshore gas" in "two offshore gas fields"
        if tok.text.isupper() and len(tok.text) > 1:
            return None, end  # "CREDIT", "AFP": a photo credit or an acronym, not a unit
        if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and k > 0):
            return tok.text, tok.idx + len(tok.text)
        return None, end
    return None, end


def _kind(unit: str | None, atom: _Atom) -> str:
    if atom.currency or (unit and unit.lower() in CURRENCY_WORDS):
        return "money"
    if atom.percent:
        return "percent"
    if unit and unit.lower() in TIME_UNITS:
        return "duration"
    if unit and unit.lower() in MEASURE_UNITS:
        return "quantity"
    return "count"


def _quote_source(start: int, end: int, quotes: Iterable[Quote]) -> str | None:
    for q in quotes:
        if q.source_id and q.start < end and start < q.end:
            return q.source_id
    return None


def find_figures(doc: "Doc", *, published: str | None = None, quotes: Iterable[Quote] = (),
                 caption_index: int | None = None) -> list[Figure]:
    """All figures in ``doc`` in text order. Offsets into ``doc.text`` (0 for captions)."""
    text = doc.text
    quotes = list(quotes)
    # Only the spans matter here: without a publication date, "April 30" still is a date, not a count.
    anchor = parse_anchor(published) or date(2000, 1, 1)
    dates = [(d.start, d.end) for d in find_dates(text, anchor)]
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for m in _ONE_DURATION.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in dates):
            continue
        taken.append(m.span())
        unit = m.group("unit").lower()
        figures.append(_figure(text, m.start(), m.end(), m.start(), value=1.0, value_max=None,
                               unit="centuries" if unit == "century" else unit + "s", kind="duration",
                               approximate=bool(re.match(r"(?:about|nearly|almost|more than)\b", m.group(0), re.I)),
                               quotes=quotes, caption_index=caption_index))
    for m in _HYPHEN_DURATION.finditer(text):
        value = parse_number([m.group("num")])
        if value is None or any(m.start() < e and s < m.end() for s, e in taken):
            continue
        taken.append(m.span())
        figures.append(_figure(text, m.start(), m.end(), m.start(), value=value, value_max=None,
                               unit=m.group("unit").lower() + "s", kind="duration", approximate=False,
                               quotes=quotes, caption_index=caption_index))
    for a, b, opener in _group(text, _atoms(text)):
        last = b or a
        if any(a.start < e and s < last.end for s, e in dates + taken):
            continue
        unit, unit_end = (None, last.end) if (last.percent or (last.currency and not b)) else _unit_after(doc, last.end, len(text))
        if unit and unit.lower() == "ago" or text[unit_end: unit_end + 4].lower() == " ago":
            continue
        if a.currency and b and not b.currency:
            b.currency = a.currency
        kind = _kind(unit, last)
        if kind == "count" and unit is None and not b:
            continue  # a bare number ("the 787", "rate of 15") says too little to ledger
        if kind == "count" and a.value == 1 and not b:
            continue
        # "$5-6 billion": the scale written once belongs to both ends
        value = a.value * last.scale if b and a.scale == 1 and last.scale > 1 else a.value
        lead_start = text.rfind(opener, 0, a.start) if opener and b else a.start
        prefix = text[max(0, lead_start - 25): lead_start]
        cue = approximate_before(prefix)
        shown_start = lead_start - (len(prefix) - prefix.lower().rfind(cue)) if cue else lead_start
        figures.append(_figure(
            text, shown_start, max(unit_end, last.end), a.start, value=value,
            value_max=last.value if b else None,
            unit=(a.currency or last.currency) if kind == "money" and (a.currency or last.currency) else
            (CURRENCY_WORDS.get(unit.lower()) if kind == "money" and unit else ("%" if kind == "percent" else unit)),
            kind="range" if b else kind, approximate=bool(cue) or a.vague, quotes=quotes, caption_index=caption_index,
        ))
    figures.sort(key=lambda f: (f.start, f.text))
    return figures


def _figure(text: str, start: int, end: int, anchor: int, *, value: float, value_max: float | None,
            unit: str | None, kind: str, approximate: bool, quotes: list[Quote],
            caption_index: int | None) -> Figure:
    in_caption = caption_index is not None
    return Figure(
        text=text[start:end].strip(),
        value=value,
        unit=unit,
        source_id=None if in_caption else _quote_source(anchor, end, quotes),
        start=0 if in_caption else start,
        end=0 if in_caption else end,
        kind=kind,
        approximate=approximate,
        value_max=value_max,
        caption_index=caption_index,
    )


def run(ctx: Context) -> None:
    published = ctx.article.published
    figures = find_figures(ctx.doc, published=published, quotes=ctx.out.get("quotes", ()))
    for i, cap in enumerate(ctx.caption_docs()):
        figures.extend(find_figures(cap, published=published, caption_index=i))
    ctx.out["figures"] = figures


STAGE = Stage(name="figures", func=run, requires=("doc", "quotes"), assigns=("figures",))
