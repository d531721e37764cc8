"""Small helpers shared by the HTML readers: classes, block-aware text, dates in attributes and text."""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

from .text import find_date

_BLOCK_TAGS = {
    "p", "div", "blockquote", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
    "section", "article", "header", "footer", "dl", "dt", "dd", "figure", "figcaption", "aside", "main",
    "address", "details", "summary", "hr", "form", "fieldset", "nav",
}
_SKIP_TAGS = {
    "script", "style", "noscript", "template", "button", "textarea", "select", "input", "svg", "iframe",
    "object", "embed", "canvas", "head", "title", "meta", "link",
}
_PARA = "\x00"  # paragraph break marker while collecting; NUL never survives in page text


def tag_of(node: etree._Element) -> str:
    tag = node.tag
    return tag.lower() if isinstance(tag, str) else ""


def classes(node: etree._Element) -> list[str]:
    return (node.get("class") or "").lower().split()


def element_text(root: etree._Element, *, skip: set[int] | frozenset[int] = frozenset()) -> str:
    """The text of ``root`` with paragraphs as blank lines; subtrees whose ``id()`` is in ``skip`` left out.

    Scripts, styles, buttons and form fields never count as text.
    """
    out: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, node in walker:
        tag = tag_of(node)
        if event == "start":
            if not tag or tag in _SKIP_TAGS or id(node) in skip or node.get("hidden") is not None:
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                out.append(_PARA)
            elif tag == "br":
                out.append("\n")
            if node.text:
                out.append(node.text)
        else:
            if tag in _BLOCK_TAGS and tag and id(node) not in skip:
                out.append(_PARA)
            if node is not root and node.tail:
                out.append(node.tail)
    return tidy("".join(out))


def tidy(text: str) -> str:
    """Collapse spaces inside lines, keep single line breaks, one blank line between paragraphs."""
    paragraphs = []
    for chunk in text.replace("\r", "").split(_PARA):
        lines = [" ".join(line.split()) for line in chunk.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


_ISO = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
_DOTTED = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d\d)\b(?:[^\d]{0,12}(\d{1,2})[:.](\d\d))?")


def iso_from_attr(value: str | None) -> str | None:
    """An ISO date or datetime from a ``datetime``/``content`` attribute, as written (offset kept)."""
    if not value:
        return None
    match = _ISO.match(value)
    if not match:
        return None
    day, clock, zone = match.groups()
    try:
        datetime.fromisoformat(day)
    except ValueError:
        return None
    if not clock:
        return day
    zone = "+00:00" if zone == "Z" else (f"{zone[:3]}:{zone[-2:]}" if zone else "")
    return f"{day}T{clock}{zone}"


# Month names of the languages comment sections most often come in, beyond English (see text.find_date).
_MONTH_NAMES = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
_NAMED = re.compile(
    r"\b(\d{1,2})\.?\s+(?:de\s+)?(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?,?\s+(?:de\s+)?"
    r"((?:19|20)\d\d)\b(?:[^\d]{0,12}(\d{1,2})[:.h](\d\d))?",
    re.I,
)


def iso_from_text(text: str | None) -> str | None:
    """A date (and time) written out in a comment's header: English month names or 13.05.2019 forms."""
    if not text or len(text) > 120:
        return None
    found = find_date(text, with_time=True)
    if found:
        return found
    match = _DOTTED.search(text)
    if match:
        day, month, year, hour, minute = match.groups()
    else:
        match = _NAMED.search(text)
        if not match:
            return None
        day, name, year, hour, minute = match.groups()
        month = str(_MONTH_NAMES[name.lower()])
    try:
        value = datetime(int(year), int(month), int(day))
    except ValueError:
        return None
    iso = value.date().isoformat()
    if hour and int(hour) < 24 and int(minute) < 60:
        iso += f"T{int(hour):02d}:{minute}"
    return iso
