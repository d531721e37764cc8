"""Comments inside a comment section whose items do not call themselves comments.

Many hand-built and forum-style pages name the *section* (``id="comments"``, ``class="comment-list"``,
``class="discussion"``, ``class="user-comments"``) but not the items in it (``<li class="entry">``,
``<div class="post">``, plain ``<div>``). Inside such a section, a run of at least two sibling
elements of the same shape, each carrying a byline (a ``<time>``, a written date, or an author
marker) and mostly its own words rather than link text, is read as a list of comments.

Only used when the markup pass (:mod:`.comments_html`) finds nothing, so it never competes with
the richer readers. A related-articles list in the same section is refused by the link-text rule:
its items are headlines, which are links.
"""

from __future__ import annotations

import re

from lxml import etree

from .comments_html import _DENY_PREFIX, FoundComment, read_comment, section_is_elsewhere
from .html_chrome import clean_author
from .html_text import classes, element_text, iso_from_text, tag_of

_SECTION = re.compile(
    r"^(?:(?P<prefix>[a-z0-9]+)[-_])?(?:comments|comment[-_]?list|comments[-_](?:list|area|section|wrap|wrapper|container)"
    r"|commentlist|kommentare|commentaires|comentarios|discussion|reader[-_]?comments|user[-_]?comments"
    r"|leserbriefe|leserkommentare)$"
)
# Class tokens that differ between siblings of one list: zebra stripes, positions, numbered ids.
_VARYING = re.compile(r"^(?:odd|even|alt|first|last|thread-\w+|depth-\d+|.*\d.*)$")
_AUTHOR_CLASS = re.compile(r"author|autor|user|name|nick|poster|byline|fn$|vcard")
_ITEM_TAGS = {"li", "div", "article", "section", "dl", "tr", "blockquote"}
_MIN_WORDS = 4
_MIN_ITEMS = 2


def _is_section(node: etree._Element) -> bool:
    for token in [*classes(node), (node.get("id") or "").lower()]:
        match = _SECTION.match(token)
        # "show-comments", "no-comments", "load-comments": buttons and counters, not the section
        if match and match.group("prefix") not in _DENY_PREFIX:
            return True
    return False


def _shape(node: etree._Element) -> tuple[str, str]:
    return tag_of(node), " ".join(sorted(t for t in classes(node) if not _VARYING.match(t)))


def _link_share(node: etree._Element, text: str) -> float:
    linked = sum(len(" ".join(element_text(a).split())) for a in node.iter("a"))
    return linked / max(1, len(" ".join(text.split())))


def _has_byline(node: etree._Element, text: str) -> bool:
    if node.find(".//time") is not None or node.find(".//cite") is not None:
        return True
    if any(_AUTHOR_CLASS.search(t) for n in node.iter() if isinstance(n.tag, str) for t in classes(n)):
        return True
    head = text.split("\n")[:3]
    return any(iso_from_text(line) for line in head)


def _looks_like_comment(node: etree._Element) -> bool:
    if any(tag_of(n) in ("form", "textarea", "input", "select") for n in node.iter()):
        return False  # a comment form, its guidelines and its name box: the section's chrome
    text = element_text(node)
    if len(text.split()) < _MIN_WORDS:
        return False
    # Headlines in a related list are links; a comment's words are mostly its own.
    return _link_share(node, text) < 0.5 and _has_byline(node, text)


def _items(section: etree._Element) -> list[etree._Element]:
    """The longest run of same-shaped, comment-like siblings anywhere inside the section."""
    best: list[etree._Element] = []
    for parent in section.iter():
        if not isinstance(parent.tag, str):
            continue
        groups: dict[tuple[str, str], list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and tag_of(child) in _ITEM_TAGS:
                groups.setdefault(_shape(child), []).append(child)
        for group in groups.values():
            if len(group) <= len(best) or len(group) < _MIN_ITEMS:
                continue
            liked = [n for n in group if _looks_like_comment(n)]
            # Most of the run must look like comments: one odd item (a notice) may sit among them.
            if len(liked) >= _MIN_ITEMS and len(liked) * 3 >= len(group) * 2:
                best = liked
    return best


def _with_byline(comment: FoundComment, node: etree._Element) -> FoundComment:
    """Name and time from the item's first line ("Gwen Ashby 12.04.2025, 18:03") when no markup named them."""
    head = element_text(node).split("\n", 1)[0].strip()
    if not head or comment.text.startswith(head) or len(head) > 120:
        return comment
    comment.posted = comment.posted or iso_from_text(head)
    if comment.author is None and comment.posted:
        comment.author = clean_author(head)
    return comment


def section_comments(root: etree._Element) -> list[FoundComment]:
    """Comments read from the item runs of the page's comment sections, outermost sections first."""
    found: list[FoundComment] = []
    # The elements themselves, not id(): lxml frees a proxy nobody holds, and a later element's
    # proxy can reuse its address, so an id() set skipped sections that were never read.
    taken: set[etree._Element] = set()
    for section in root.iter():
        if not isinstance(section.tag, str) or section in taken or not _is_section(section):
            continue
        if section_is_elsewhere(section):
            continue
        items = _items(section)
        for node in section.iter():
            taken.add(node)  # inner sections ("comment-list" in "comments") are already read
        for node in items:
            comment = read_comment(node, len(taken) + len(found))
            if comment is not None and comment.text:
                found.append(_with_byline(comment, node))
    return found
