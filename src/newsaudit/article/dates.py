"""Find date expressions in text and normalise them against a publication date.

A plain-function normaliser (no dateparser, no downloads): regular expressions
for the shapes news text uses ("May 3", "on March 23", "in 2006", "since 2010",
"last week", "two years ago", "Tuesday"), each resolved against the anchor
(``article.published``). A value is ISO truncated to its granularity: ``2019``,
``2019-05``, ``2019-05-03``, ``2019-W19`` (week), ``199`` (decade, the 1990s).

Where a day or month comes without a year, the year is chosen so the date lies
nearest the anchor, leaning to the past for past-tense sentences and to the
future for future ones: a news report's "May 3" is almost always the closest May 3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "fifty": 50, "a couple of": 2, "a few": 3,
}

# Full month names always; abbreviations only with a dot or before a day number, and
# "May"/"March" only capitalised: "may" the modal and "march" the verb are far commoner.
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?P<num>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|a couple of|a few)"
_UNIT = r"(?P<unit>day|week|month|year|decade|century)s?"
_REL = r"(?P<rel>last|next|this|past|coming|previous|following)"
_NOT_NUMBER_AFTER = r"(?![\d,.]\d|\s*(?:%|per\s*cent|percent))"

# Ordered most specific first: a later pattern never overlaps an earlier match.
# Patterns with month names stay case-sensitive so "may" and "march" the verbs are not dates.
_I = re.IGNORECASE
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}\b")),
    ("dmy", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:\s*,\s*|\s+){_YEAR}\b")),
    ("my", re.compile(rf"\b(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Ee]nd of|[Bb]eginning of)[\s-]*)?{_MONTH}"
                      rf"(?:\s+of|\s*,)?\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b{_NOT_NUMBER_AFTER}")),
    ("dm", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}\b")),
    ("relative_word", re.compile(r"\b(?P<word>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)"
                                 r"|last night|the day before yesterday|the day after tomorrow)\b", _I)),
    ("rel_part", re.compile(r"\b(?P<part>earlier|later) (?:this|in the) (?P<unit>week|month|year)\b", _I)),
    ("rel_weekday", re.compile(rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?{_WEEKDAY}\b")),
    ("ago", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b", _I)),
    ("rel_unit", re.compile(rf"\b{_REL}\s+(?P<unit>week|weekend|month|year|decade)\b", _I)),
    ("rel_month", re.compile(rf"\b(?P<prep>[Ii]n|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id-?|[Ss]ince|[Uu]ntil|"
                             rf"[Bb]y|[Dd]uring|[Ee]nd of|[Bb]eginning of)\s+{_MONTH}\b(?!\s+\d)")),
    ("decade", re.compile(r"\b(?:the\s+)?(?P<decade>1[6-9]\d0|20[0-9]0)'?s\b", _I)),
    ("year", re.compile(rf"(?<![\d$£€.,/-])(?:(?P<prep>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|of|[Dd]uring|[Bb]efore|"
                        rf"[Aa]fter|fiscal|[Ee]arly|[Ll]ate)\s+)?\b{_YEAR}\b{_NOT_NUMBER_AFTER}(?!-\d)")),
)


@dataclass(frozen=True)
class DateValue:
    """A normalised date: ISO text truncated to ``granularity``, and its first day."""

    iso: str
    granularity: str
    first_day: date


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in text, with its value."""

    text: str
    start: int
    end: int
    value: DateValue


def parse_anchor(published: str | None) -> date | None:
    """``YYYY-MM-DD`` (or an ISO datetime) to a date; None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _day_value(d: date) -> DateValue:
    return DateValue(d.isoformat(), "day", d)


def _month_value(year: int, month: int) -> DateValue:
    return DateValue(f"{year:04d}-{month:02d}", "month", date(year, month, 1))


def _year_value(year: int) -> DateValue:
    return DateValue(f"{year:04d}", "year", date(year, 1, 1))


def _week_value(d: date) -> DateValue:
    iso = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return DateValue(f"{iso.year:04d}-W{iso.week:02d}", "week", monday)


def _decade_value(year: int) -> DateValue:
    start = year - year % 10
    return DateValue(f"{start // 10:03d}", "decade", date(max(start, 1), 1, 1))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _closest(candidates: list[date], anchor: date, tense: str | None) -> date:
    """Pick among same-day-of-year candidates the one a reader would mean."""
    if tense == "past":
        past = [c for c in candidates if c <= anchor]
        if past and (anchor - max(past)).days <= 300:
            return max(past)
    elif tense == "future":
        future = [c for c in candidates if c >= anchor]
        if future and (min(future) - anchor).days <= 300:
            return min(future)
    return min(candidates, key=lambda c: abs((c - anchor).days))


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _count(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def _resolve(name: str, m: re.Match[str], anchor: date | None, tense: str | None) -> DateValue | None:
    g = m.groupdict()
    if name == "iso":
        d = _safe_date(int(g["year"]), int(g["m"]), int(g["d"]))
        return _day_value(d) if d else None
    if name in ("mdy", "dmy"):
        d = _safe_date(int(g["year"]), _month_number(g["month"]), int(g["day"]))
        return _day_value(d) if d else None
    if name == "my":
        return _month_value(int(g["year"]), _month_number(g["month"]))
    if name == "decade":
        return _decade_value(int(g["decade"]))
    if name == "year":
        return _year_value(int(g["year"]))
    if anchor is None:
        return None  # everything below needs the publication date
    if name in ("md", "dm"):
        month, day = _month_number(g["month"]), int(g["day"])
        cands = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))]
        return _day_value(_closest(cands, anchor, tense)) if cands else None
    if name == "rel_month":
        month = _month_number(g["month"])
        prep = g["prep"].lower().rstrip("-")
        firsts = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        this_month = date(anchor.year, anchor.month, 1)
        if prep in ("last", "since"):
            pick = max(f for f in firsts if f < this_month) if prep == "last" else _closest(firsts, this_month, "past")
        elif prep in ("next", "until", "by"):
            pick = min(f for f in firsts if f > this_month) if prep == "next" else _closest(firsts, this_month, "future")
        elif prep == "this":
            pick = date(anchor.year, month, 1)
        else:
            pick = _closest(firsts, this_month, tense)
        return _month_value(pick.year, pick.month)
    if name == "relative_word":
        word = g["word"].lower()
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
                 "the day after tomorrow": 2}.get(word, 0)
        return _day_value(anchor + timedelta(days=shift))
    if name == "rel_part":
        return _unit_value(g["unit"].lower(), anchor)
    if name == "rel_weekday":
        target = WEEKDAYS[g["weekday"].lower()]
        rel = (g.get("rel") or "").lower()
        back = (anchor.weekday() - target) % 7
        ahead = (target - anchor.weekday()) % 7
        if rel == "last":
            return _day_value(anchor - timedelta(days=back or 7))
        if rel == "next":
            return _day_value(anchor + timedelta(days=ahead or 7))
        if tense == "future" or (rel == "this" and tense != "past"):
            return _day_value(anchor + timedelta(days=ahead))
        return _day_value(anchor - timedelta(days=back))
    if name == "ago":
        n = _count(g["num"])
        if n is None:
            return None
        unit = g["unit"].lower()
        if unit == "day":
            return _day_value(anchor - timedelta(days=n))
        if unit == "week":
            return _week_value(anchor - timedelta(weeks=n))
        if unit == "month":
            d = anchor - relativedelta(months=n)
            return _month_value(d.year, d.month)
        if unit == "year":
            return _year_value(anchor.year - n)
        if unit == "decade":
            return _decade_value(anchor.year - 10 * n)
        return None
    if name == "rel_unit":
        rel, unit = g["rel"].lower(), g["unit"].lower()
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
        if unit in ("week", "weekend"):
            return _week_value(anchor + timedelta(weeks=step))
        if unit == "month":
            d = anchor + relativedelta(months=step)
            return _month_value(d.year, d.month)
        if unit == "year":
            return _year_value(anchor.year + step)
        if unit == "decade":
            return _decade_value(anchor.year + 10 * step) if step else _decade_value(anchor.year)
    return None


def _unit_value(unit: str, anchor: date) -> DateValue:
    if unit == "week":
        return _week_value(anchor)
    if unit == "month":
        return _month_value(anchor.year, anchor.month)
    return _year_value(anchor.year)


def find_dates(text: str, anchor: date | None, *, tense_at=None) -> list[DateMatch]:  # noqa: ANN001
    """All date expressions in ``text`` with their values, in text order, never overlapping.

    ``tense_at(offset) -> "past" | "future" | None`` says the tense around an offset;
    it decides the year of "May 3" and the week of "Tuesday" when they are ambiguous.
    """
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    for name, rx in PATTERNS:
        for m in rx.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if name == "year" and not _plausible_year(text, m):
                continue
            tense = tense_at(start) if tense_at else None
            value = _resolve(name, m, anchor, tense)
            if value is None:
                continue
            start, surface = _trim_preposition(name, m)
            taken.append((m.start(), end))
            found.append(DateMatch(text=surface, start=start, end=end, value=value))
    found.sort(key=lambda d: d.start)
    return found


_LEADING = re.compile(r"^(?:in|since|by|until|from|of|during|before|after|fiscal|on|last|next|this|early|late|"
                      r"end of|beginning of|mid-?)\s*", re.IGNORECASE)
_KEEP_LEADING = {"rel_month", "rel_unit", "rel_weekday", "rel_part"}


def _trim_preposition(name: str, m: re.Match[str]) -> tuple[int, str]:
    """Drop a leading preposition ("in 2006" -> "2006") but keep "last week" whole."""
    surface = m.group(0)
    if name in _KEEP_LEADING:
        prep = (m.groupdict().get("prep") or "").lower()
        if prep not in ("in", "since", "until", "by", "during"):
            return m.start(), surface
    lead = _LEADING.match(surface)
    if lead and name in ("year", "rel_month", "my"):
        return m.start() + lead.end(), surface[lead.end():]
    return m.start(), surface


def _plausible_year(text: str, m: re.Match[str]) -> bool:
    """A bare four-digit number is a year unless it reads as a count ("2000 troops")."""
    if m.group("prep"):
        return True
    after = text[m.end(): m.end() + 20]
    if re.match(r"\s+(?:[a-z]+\s+)?(?:troops|people|soldiers|jobs|workers|employees|units|cars|planes|"
                r"aircraft|dollars|tons|tonnes|barrels|miles|kilometres|kilometers|km|metres|meters|feet|"
                r"votes|seats|members|cases|deaths|copies|shares|pounds|euros|yen)\b", after):
        return False
    before = text[max(0, m.start() - 12): m.start()]
    if re.search(r"(?:No\.|number|#|\$|US|£|€)\s*$", before):
        return False
    return True
