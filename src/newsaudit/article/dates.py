"""Find date expressions in text and normalise them against a publication date.

A plain-function normaliser (no dateparser, no downloads): regular expressions
for the shapes news text uses ("May 3", "on March 23", "in 2006", "since 2010",
"last week", "two years ago", "Tuesday"), each resolved against the anchor
(``article.published``). A value is ISO truncated to its granularity: ``2019``,
``2019-05``, ``2019-05-03``, ``2019-W19`` (week), ``2019-Q3`` (calendar quarter),
``199`` (decade, the 1990s). "The following day" and "two days later" count from
the last day written before them, never from the publication date.

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
_QUARTER = r"(?P<quarter>first|second|third|fourth|final|1st|2nd|3rd|4th)"
QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}
_NOT_NUMBER_AFTER = r"(?![\d,.]\d|\s*(?:%|per\s*cent|percent))"

# Ordered most specific first: a later pattern never overlaps an earlier match.
# Patterns with month names stay case-sensitive so "may" and "march" the verbs are not dates.
_I = re.IGNORECASE
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}\b")),
    ("dmy", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:\s*,\s*|\s+){_YEAR}\b")),
    ("quarter", re.compile(rf"\b(?:(?P<fiscal>[Ff]iscal)\s+)?(?:[Tt]he\s+)?(?:(?P<fiscal2>fiscal)\s+)?"
                           rf"{_QUARTER}[\s-]quarter\b(?!-)"
                           rf"(?:(?:\s+of)?\s+{_YEAR}\b|\s+of\s+(?P<qrel>this|last|next)\s+year)?")),
    ("my", re.compile(rf"\b(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Ee]nd of|[Bb]eginning of)[\s-]*)?{_MONTH}"
                      rf"(?:\s+of|\s*,)?\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b{_NOT_NUMBER_AFTER}")),
    ("dm", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}\b")),
    ("relative_word", re.compile(r"\b(?P<word>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)"
                                 r"|last night|the day before yesterday|the day after tomorrow)\b", _I)),
    ("from_previous", re.compile(r"\b(?P<prev>(?:the|on the)\s+(?P<dir1>following|next|previous)\s+day"
                                 r"|the\s+day\s+(?P<dir2>before|after)(?!\s+\w)"
                                 rf"|{_NUM}\s+days?\s+(?P<dir3>later|earlier))\b(?!\s+than)", _I)),
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
    if name == "quarter":
        return _quarter_value(g, anchor, tense)
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


def _quarter_value(g: dict, anchor: date | None, tense: str | None) -> DateValue | None:
    """"the third quarter of 2009" -> 2009-Q3; without a year, the nearest such quarter.

    A company's fiscal quarter need not be the calendar's, so "fiscal third quarter"
    is left undated rather than guessed.
    """
    if g.get("fiscal") or g.get("fiscal2"):
        return None
    q = QUARTERS[g["quarter"].lower()]
    if g.get("year"):
        year = int(g["year"])
    elif anchor is None:
        return None
    elif g.get("qrel"):
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[g["qrel"].lower()]
    else:
        firsts = [date(y, 3 * q - 2, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        this_quarter = date(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 1)
        year = _closest(firsts, this_quarter, tense).year
    return DateValue(f"{year:04d}-Q{q}", "quarter", date(year, 3 * q - 2, 1))


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
    pending: list[re.Match[str]] = []
    for name, rx in PATTERNS:
        for m in rx.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if name == "year" and not _plausible_year(text, m):
                continue
            if name == "from_previous":
                pending.append(m)  # counted from the day written before it, once all are known
                taken.append((start, end))
                continue
            if name == "relative_word" and _generic_time_word(text, m):
                continue
            tense = tense_at(start) if tense_at else None
            value = _resolve(name, m, anchor, tense)
            if value is None:
                continue
            start, surface = _trim_preposition(name, m)
            taken.append((m.start(), end))
            found.append(DateMatch(text=surface, start=start, end=end, value=value))
    for m in pending:  # in text order, so "the next day ... two days later" chains
        value = _from_previous(m, found)
        if value is not None:
            found.append(DateMatch(text=m.group(0), start=m.start(), end=m.end(), value=value))
    found.sort(key=lambda d: d.start)
    return found


def _from_previous(m: re.Match[str], found: list[DateMatch]) -> DateValue | None:
    """"the following day", "two days later": counted from the last day written before it.

    Without a written day to count from, nothing is guessed: the publication date is
    not what "the next day" is measured from.
    """
    before = [d for d in found if d.end <= m.start() and d.value.granularity == "day"]
    if not before:
        return None
    ref = max(before, key=lambda d: d.start).value.first_day
    g = m.groupdict()
    if g.get("dir3"):
        n = _count(g["num"])
        if n is None:
            return None
        return _day_value(ref + timedelta(days=n if g["dir3"].lower() == "later" else -n))
    direction = (g.get("dir1") or g.get("dir2") or "").lower()
    return _day_value(ref + timedelta(days=-1 if direction in ("previous", "before") else 1))


def _generic_time_word(text: str, m: re.Match[str]) -> bool:
    """"the cars of tomorrow", "the leaders of tomorrow": the future in general, not a day."""
    before = text[max(0, m.start() - 30): m.start()]
    return m.group("word").lower() == "tomorrow" and bool(re.search(r"\b[a-z]+s?\s+of\s+$", before))


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


_SAME = r"(?:the\s+)?(?:same\s+(?:period|month|quarter|time)\s+)?(?:(?:of|in|as)\s+)?"
_BASELINE_BEFORE = re.compile(
    # "compared to last year", "than in 2008", "versus the same period of 2009"
    rf"(?:\b(?:compared\s+(?:to|with)|versus|vs\.?|than)\s+{_SAME}"
    # "from" only after a change in a figure: "up 43% from a year earlier", "down from 14% a year ago"
    rf"|\d\s*(?:%|percent|per\s+cent)[^.;:]{{0,40}}?\bfrom\s+{_SAME}"
    r"|\bfrom\s+[\d.,]+\s*(?:%|percent|per\s+cent)\s+"
    r"|\bthe\s+same\s+(?:period|month|quarter|time)\s+(?:of\s+|in\s+)?)$",
    re.IGNORECASE,
)


def is_comparison_baseline(text: str, match: DateMatch) -> bool:
    """True for the date a figure is compared against, not a date anything happened on.

    "sales rose 43% compared to the same period last year", "down from 14% a year ago",
    "dropped 42% from the previous year". A range ("from 2009 to 2011") and a date the
    sentence goes on to narrate ("from 2008, when it posted a loss") are kept.
    """
    before = text[max(0, match.start - 60): match.start]
    # the trimmed preposition of "in 2008" / "of 2008" is still in the text before the match
    if not _BASELINE_BEFORE.search(before):
        return False
    after = text[match.end: match.end + 20]
    return not re.match(r"\s*(?:to|until|through|till|-|–)\s|,?\s+when\b", after)
