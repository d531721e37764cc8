"""Decide which reader a text belongs to, from its content first and its name second.

Returns a key of ``READERS`` ("text", "html", "json", "disqus", "wxr", "reddit",
"hn") or "unknown-json" / "unknown-xml" for structured input no reader knows. The
sniffer never raises: a malformed JSON text goes to the JSON reader, which says where
it breaks, and XML is looked at by its root element only (no parsing, so nothing in
it can expand).
"""

from __future__ import annotations

import json
import re
from typing import Any

_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|article|div|p)\b", re.I)
# What may come before an XML root: a declaration, processing instructions, comments,
# a DOCTYPE with or without an internal subset.
_PROLOG = re.compile(r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>)", re.S | re.I)
_ROOT = re.compile(r"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_STORY_TYPES = ("story", "comment", "poll", "job", "pollopt")


def _reddit_thing(value: Any) -> bool:
    return isinstance(value, dict) and value.get("kind") in ("Listing", "t1", "t3", "more")


def _morechildren(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("json"), dict) and "data" in value["json"]


def _hn_item(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    if "reply" in value and "url" in value:  # a recorded Algolia response
        return True
    if isinstance(value.get("hits"), list):
        return True
    if "children" in value and "author" in value:  # Algolia item tree
        return True
    return "id" in value and (value.get("type") in _STORY_TYPES or "by" in value or "kids" in value)


def _json_kind(text: str) -> str:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return "json"  # let the JSON reader explain what is malformed
    if isinstance(data, dict):
        if "article" in data:
            return "json"
        if _reddit_thing(data) or _morechildren(data):
            return "reddit"
        if _hn_item(data):
            return "hn"
    if isinstance(data, list) and data:
        first = data[0]
        if _reddit_thing(first) or _morechildren(first):
            return "reddit"
        if _hn_item(first):
            return "hn"
    return "unknown-json"


def _xml_root(text: str) -> tuple[str, str] | None:
    """(prefix, local name) of the root element, or None when the text is not XML-shaped."""
    position = 0
    while True:
        match = _PROLOG.match(text, position)
        if not match or match.end() == position:
            break
        position = match.end()
    root = _ROOT.match(text, position)
    if not root:
        return None
    return (root.group(1) or "").rstrip(":"), root.group(2)


def _xml_kind(text: str) -> str:
    found = _xml_root(text[:200_000])
    name = found[1].lower() if found else ""
    head = text[:20_000]
    if name == "disqus":
        return "disqus"
    if name == "rss" and ("wordpress.org/export" in head or "<wp:" in head):
        return "wxr"
    if name == "html" or _HTML.search(head[:4096]):
        return "html"
    return "unknown-xml"


def sniff(text: str, *, name: str = "") -> str:
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")):
        return _json_kind(text)
    lowered = head[:200].lower()
    if lowered.startswith("<?xml") or (lowered.startswith("<!doctype") and not lowered.startswith("<!doctype html")):
        return _xml_kind(text.lstrip("\ufeff \t\r\n"))
    if lowered.startswith(("<rss", "<disqus")):
        return _xml_kind(text.lstrip("\ufeff \t\r\n"))
    if _HTML.search(head) or re.search(r"<\s*html\b", text[:20000], re.I):
        return "html"
    if name.lower().endswith((".html", ".htm")) and "<" in head:
        return "html"
    return "text"
