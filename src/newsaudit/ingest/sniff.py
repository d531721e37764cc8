"""Decide which reader a text belongs to, from its content first and its name second."""

from __future__ import annotations

import json
import re

_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|article|div|p)\b", re.I)


def _json_kind(text: str) -> str | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return "json"  # let the JSON reader explain what is malformed
    if isinstance(data, dict):
        if "article" in data:
            return "json"
        if data.get("kind") == "Listing" or data.get("kind") == "t3":
            return "reddit"
        if "hits" in data and isinstance(data["hits"], list) or "children" in data and "author" in data:
            return "hn"
        if {"by", "type"} & set(data) and ("kids" in data or data.get("type") in ("story", "comment")):
            return "hn"
        if "reply" in data and "url" in data:
            return "hn"
    if isinstance(data, list) and data:
        first = data[0]
        if isinstance(first, dict):
            if first.get("kind") == "Listing":
                return "reddit"
            if first.get("type") in ("story", "comment", "poll") or "by" in first:
                return "hn"
            if "reply" in first and "url" in first:
                return "hn"
    return "unknown-json"


def sniff(text: str, *, name: str = "") -> str:
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")):
        return _json_kind(text)
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<disqus"):
        if "disqus.com" in head or "<disqus" in head:
            return "disqus"
        if "wordpress.org/export" in text[:20000] or "<wp:" in text[:20000]:
            return "wxr"
        if _HTML.search(head):
            return "html"
        return "unknown-xml"
    if _HTML.search(head) or re.search(r"<\s*html\b", text[:20000], re.I):
        return "html"
    lowered = name.lower()
    if lowered.endswith((".html", ".htm")) and "<" in head:
        return "html"
    return "text"
