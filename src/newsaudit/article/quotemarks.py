"""Quotation spans in raw text: straight and curly marks, quotes left open across paragraphs.

Works on characters, not tokens, so it never depends on how spaCy split a sentence.
A quotation is returned with its marks included (PolNeAR's content spans include them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> the marks that may close it.
_PAIRS = {"\u201c": "\u201d\"", "\u00ab": "\u00bb", "\u2018": "\u2019", '"': '"\u201d'}
_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-/:;,") | {""}
_WORD = re.compile(r"[\w'\u2019-]+")
# A quotation ending in one of these before its closing mark reads as speech, not a title.
_SPEECH_END = set(",.?!:;\u2026")


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # offset of the opening mark
    end: int  # offset just past the closing mark (or the paragraph end when left open)
    closed: bool  # False when the paragraph ended first (a continued quotation)
    single: bool  # opened with a single mark

    def inner(self, text: str) -> str:
        return text[self.start + 1 : self.end - (1 if self.closed else 0)].strip("'`")

    def n_words(self, text: str) -> int:
        return len(_WORD.findall(self.inner(text)))

    def speechlike(self, text: str) -> bool:
        """Long enough, or punctuated like speech: not a scare quote or a title."""
        inner = self.inner(text).rstrip()
        words = self.n_words(text)
        if words >= 8:
            return True
        # Three words and a full stop is as often a title ("Meet the Press.") as speech.
        if words >= 3 and inner and inner[-1] in _SPEECH_END and (words >= 4 or inner[-1] != "."):
            return True
        return not self.closed and words >= 3


def _paragraph_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


_DOUBLED = re.compile(r"''|``")


def _curl_doubled(text: str) -> str:
    """Doubled marks (''...'' in some newspapers, ``...'' in PTB text) as curly ones, same length."""

    def fix(m: re.Match) -> str:
        i = m.start()
        prev = text[i - 1] if i else ""
        nxt = text[i + 2] if i + 2 < len(text) else ""
        opening = m.group() == "``" or (prev in _OPEN_BEFORE or prev == "\n") and nxt and not nxt.isspace()
        return "\u201c'" if opening else "'\u201d"

    return _DOUBLED.sub(fix, text)


def _typed_as_closer(text: str, j: int) -> bool:
    """An opening curly mark glued to the word before it and followed by a space or stop."""
    before = text[j - 1] if j else " "
    after = text[j + 1] if j + 1 < len(text) else ""
    return not before.isspace() and (not after or after.isspace() or after in ",.;:")


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every top-level quotation in ``text``; inner quotations of another kind are skipped."""
    if "''" in text or "``" in text:
        text = _curl_doubled(text)
    spans: list[QuoteSpan] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in _PAIRS:
            i += 1
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if ch in "\"\u2018" and (prev not in _OPEN_BEFORE or not nxt or nxt.isspace()):
            i += 1  # a straight mark or apostrophe that cannot open here
            continue
        closers = _PAIRS[ch]
        para_end = _paragraph_end(text, i)
        j = i + 1
        close = -1
        depth = 0  # curly quotations nested inside a straight one
        while j < para_end:
            c = text[j]
            if ch == '"' and c == "\u201c":
                depth += 1
            elif depth and c == "\u201d":
                depth -= 1
            elif ch == "\u201c" and c == "\u201c" and _typed_as_closer(text, j):
                close = j  # '"...a fascist?\u201c he asked': a closing mark typed as an opening one
                break
            elif c in closers:
                after = text[j + 1] if j + 1 < n else ""
                # A single closing mark followed by a letter is an apostrophe ("it's").
                if not (ch == "\u2018" and after.isalpha()):
                    close = j
                    break
            j += 1
        if close >= 0:
            if close - i > 1:
                spans.append(QuoteSpan(i, close + 1, True, ch == "\u2018"))
            i = close + 1
        else:
            if ch != "\u2018" and para_end - i > 2:
                spans.append(QuoteSpan(i, para_end, False, False))
            i = para_end if ch != "\u2018" else i + 1
    return spans
