"""Reading numbers as written in news text: "9", "1,500", "20.1", "two", "20 million", "1.4bn".

Plain functions, no spaCy: :mod:`newsaudit.article.figures` finds the figures in a
parsed text and calls these to turn their words into values.
"""

from __future__ import annotations

import re

WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "a dozen": 12, "half": 0.5,
}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "crore": 1e7,
}
# Plural scale words used alone read as vague magnitudes: "hundreds of", "millions of".
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}

CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "usd": "USD", "c$": "CAD", "a$": "AUD", "£": "GBP", "gbp": "GBP", "€": "EUR",
    "eur": "EUR", "¥": "JPY", "₽": "RUB", "₹": "INR",
}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "rupee": "INR", "rupees": "INR", "bolivar": "VES", "bolivars": "VES",
    "peso": "MXN", "pesos": "MXN", "francs": "CHF", "franc": "CHF",
}
TIME_UNITS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "decade", "decades", "century", "centuries",
}
MEASURE_UNITS = {
    "ton", "tons", "tonne", "tonnes", "barrel", "barrels", "bpd", "kg", "kilograms", "kilogram", "grams",
    "pounds-weight", "km", "kilometres", "kilometers", "kilometre", "kilometer", "mile", "miles", "metre",
    "metres", "meter", "meters", "feet", "foot", "acres", "acre", "hectares", "hectare", "gallons", "litres",
    "liters", "megawatts", "mw", "gigawatts", "gw", "kwh", "degrees", "cubic", "square", "sq", "mph",
    "kph", "knots", "inches", "cm", "mm", "lbs", "ounces", "oz",
}
APPROXIMATORS = (
    "about", "around", "roughly", "approximately", "some", "nearly", "almost", "more than", "over",
    "up to", "at least", "at most", "fewer than", "less than", "an estimated", "estimated", "close to",
    "upwards of", "as many as", "as much as", "as few as", "under", "just over", "just under", "circa",
    "c.", "~", "or so", "roughly", "perhaps", "maybe", "an approximate", "in excess of", "tens of",
)

_DIGITS = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?P<suffix>k|m|mn|bn|b|tn)?$", re.IGNORECASE)


def parse_token(word: str) -> float | None:
    """One token's value: "1,500" -> 1500, "20.1" -> 20.1, "1.4bn" -> 1.4e9, "two" -> 2."""
    w = word.strip().lower()
    m = _DIGITS.match(w)
    if m:
        value = float(m.group("num").replace(",", "") + (m.group("frac") or ""))
        if m.group("suffix"):
            value *= SCALES[m.group("suffix").lower()]
        return value
    if w in WORDS:
        return float(WORDS[w])
    if "-" in w:  # "twenty-five"
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in WORDS and parts[1] in WORDS and WORDS[parts[0]] >= 20:
            return float(WORDS[parts[0]] + WORDS[parts[1]])
    return None


def parse_number(words: list[str]) -> float | None:
    """A run of number words: ["20", "million"] -> 2e7, ["two", "hundred"] -> 200, ["1.4", "bn"] -> 1.4e9."""
    total = 0.0
    current: float | None = None
    for word in words:
        w = word.lower().strip()
        if w in ("and", "a", "an") and current is None and total == 0:
            continue
        if w == "and":
            continue
        if w in SCALES and current is not None:
            scale = SCALES[w]
            if scale >= 1e3:
                total += current * scale
                current = None
            else:
                current *= scale
            continue
        if w in VAGUE and current is None:
            current = float(VAGUE[w])
            continue
        value = parse_token(w)
        if value is None:
            return None
        current = value if current is None else current + value
    if current is not None:
        total += current
    if current is None and total == 0:
        return None
    return total


def approximate_before(prefix: str) -> str | None:
    """The approximator ending ``prefix`` ("about", "more than", ...), if any."""
    tail = " ".join(prefix.lower().split()[-3:])
    for cue in sorted(APPROXIMATORS, key=len, reverse=True):
        if tail == cue or tail.endswith(" " + cue):
            return cue
    return None
