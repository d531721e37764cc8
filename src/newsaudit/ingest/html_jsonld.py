"""What a page says about itself outside its visible text: JSON-LD comments and script-loaded threads."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from lxml import etree, html

from .comments_html import FoundComment, is_placeholder
from .decode import mend_surrogates
from .html_text import element_text, iso_from_attr

log = logging.getLogger(__name__)

_MAX_JSONLD = 2_000_000  # characters in one script block; more is not metadata


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1] for v in values if v}


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())[:80]
    return None


def _plain(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    if "<" in value and ">" in value:
        try:
            return element_text(html.fragment_fromstring(value, create_parent="div"))
        except (etree.ParserError, ValueError):
            pass
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", value) if p.strip())


def _walk(obj: Any, parent: str | None, out: list[FoundComment], depth: int = 0) -> None:
    if depth > 50:
        return
    if isinstance(obj, list):
        for item in obj:
            _walk(item, parent, out, depth + 1)
        return
    if not isinstance(obj, dict):
        return
    key = parent
    if "Comment" in _types(obj):
        text = _plain(obj.get("text") or obj.get("commentText") or obj.get("description"))
        if text and not is_placeholder(text):
            key = str(obj.get("@id") or obj.get("url") or f"ld-{len(out)}")
            posted = iso_from_attr(str(obj.get("dateCreated") or obj.get("datePublished") or ""))
            out.append(FoundComment(key=key, text=text, author=_name(obj.get("author")), posted=posted,
                                    parent=parent))
    for name, value in obj.items():
        if name in ("comment", "comments", "@graph", "hasPart", "mainEntity", "itemListElement", "item"):
            _walk(value, key, out, depth + 1)


def jsonld_comments(root: etree._Element) -> list[FoundComment]:
    """``Comment`` objects in the page's JSON-LD, replies (nested ``comment`` arrays) pointing at their parent."""
    out: list[FoundComment] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw or len(raw) > _MAX_JSONLD or "Comment" not in raw:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            log.debug("unreadable JSON-LD block skipped")
            continue
        _walk(mend_surrogates(data), None, out)
    seen: set[str] = set()
    for comment in out:  # the same @id twice would make parents ambiguous
        if comment.key in seen:
            comment.key = f"{comment.key}#{len(seen)}"
        seen.add(comment.key)
    return out


# Comment systems that fill the thread in with JavaScript, each with markers of its embed code
# (plain lower-case substrings: a page is megabytes, and a dozen regexes over it cost more than parsing).
_SCRIPT_SYSTEMS: list[tuple[str, tuple[str, ...]]] = [
    ("Disqus", ("id=\"disqus_thread", "id='disqus_thread", "disqus.com/embed.js", ".disqus.com/")),
    ("Facebook comments", ("fb-comments", "facebook.com/plugins/comments")),
    ("Coral Talk", ("coral-talk", "coraltalk", "coralproject", "coral_embed", "coral-embed", "coral_thread")),
    ("Viafoura", ("viafoura", "vf-conversations", "<vf-")),
    ("OpenWeb (Spot.IM)", ("spot.im", "spotim", "data-spot-im", "openweb.com")),
    ("Livefyre", ("livefyre",)),
    ("Commento", ("commento.io", "commento-root", "commento/js")),
    ("Hyvor Talk", ("hyvor-talk", "talk.hyvor")),
    ("GraphComment", ("graphcomment",)),
    ("Insticator", ("insticator",)),
    ("utterances", ("utteranc.es",)),
    ("giscus", ("giscus.app",)),
    ("IntenseDebate", ("intensedebate",)),
    ("Remark42", ("remark42",)),
]


def script_comment_systems(raw_html: str) -> list[str]:
    """Names of the comment systems the page loads by script, in the order listed above."""
    page = raw_html[:5_000_000].lower()
    return [name for name, markers in _SCRIPT_SYSTEMS if any(m in page for m in markers)]
