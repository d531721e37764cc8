"""Comment bodies as plain text: HTML fragments from exports and APIs, tags out, paragraphs kept.

Uses the standard library's tolerant ``html.parser`` (never an XML parser: these are
fragments, often unclosed, like Hacker News's ``<p>`` separators).
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_BLOCK = {
    "p", "div", "blockquote", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tr", "section", "article", "header", "footer", "hr", "dl", "dt", "dd", "figure",
}
_SKIP = {"script", "style", "template", "noscript"}
_BREAK = "\x00P\x00"  # paragraph marker, cannot occur in text (NULs are stripped first)
_LINE = "\x00N\x00"  # a hard line break (<br>, a newline inside <pre>)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.parts.append(_LINE)
        elif tag in _BLOCK:
            self.parts.append(_BREAK)
            if tag == "pre":
                self.pre += 1

    def handle_startendtag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag == "br":
            self.parts.append(_LINE)
        elif tag in _BLOCK:
            self.parts.append(_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append(_BREAK)
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre:
            # keep code layout: newlines become hard line breaks
            self.parts.append(data.replace("\n", _LINE))
        else:
            self.parts.append(data)


def _tidy(paragraph: str, *, keep_newlines: bool) -> str:
    # In HTML a raw newline is just a space; only <br> (or <pre>) breaks a line.
    paragraph = paragraph.replace("\n", _LINE if keep_newlines else " ")
    lines = (" ".join(line.split()) for line in paragraph.split(_LINE))
    return "\n".join(line for line in lines if line)


def html_to_text(fragment: str | None, *, keep_newlines: bool = False) -> str:
    """Plain text of an HTML fragment: entities unescaped, tags stripped, paragraphs ``\\n\\n``.

    ``keep_newlines`` treats raw newlines as line breaks (WordPress stores comments that
    way); otherwise they are ordinary whitespace, as in HTML. A blank line always ends a
    paragraph.
    """
    if not fragment:
        return ""
    fragment = fragment.replace("\x00", "")
    if "<" not in fragment and "&" not in fragment:
        raw = fragment
    else:
        collector = _Collector()
        collector.feed(fragment)
        collector.close()
        raw = "".join(collector.parts)
    if keep_newlines:
        raw = raw.replace("\r\n", "\n")
    raw = re.sub(r"\n[ \t]*\n", _BREAK, raw)
    paragraphs = (_tidy(p, keep_newlines=keep_newlines) for p in raw.split(_BREAK))
    return "\n\n".join(p for p in paragraphs if p)


def unescape_markup(text: str) -> str:
    """Reddit's non-raw JSON escapes only ``& < >``; undo exactly those (and any other entity)."""
    return unescape(text) if "&" in text else text
