"""Reader comments in a page's markup, which trafilatura flattens into one block of text.

One structural pass covers the common families:

- schema.org ``Comment`` in microdata (``itemprop`` author, text, dateCreated), nested for replies;
- WordPress comment lists (``li.comment`` with ``ul.children``, ``.comment-author .fn``,
  ``time[datetime]``, ``.comment-content``);
- comment plugins and themes: wpDiscuz (``.wc-comment``), Disqus's no-script markup, Blogger,
  and the generic ``div.comment`` / ``article.comment`` with a ``.comment-body``.

A *candidate* is an element that names itself a comment, by class (``comment``, ``wc-comment``,
``comment-item``...), by id (``comment-123``) or by ``itemtype``. Themes wrap one comment in
several candidates (WordPress: ``li#comment-1 > article#div-comment-1``), so a candidate with
no text of its own, outside the candidates inside it, is a *wrapper*: it stands for the first
comment inside it, which is what a reply nested deeper in the wrapper answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .html_chrome import clean_author, is_notice, is_placeholder, strip_header_lines, trim_trailers
from .html_text import classes, element_text, iso_from_attr, iso_from_text, tag_of

_COMMENT_WORD = r"(?:comment|kommentar|commentaire|comentario|commento|leserbrief)"
_NODE_CLASS = re.compile(
    rf"^(?:(?P<prefix>[a-z0-9]+)[-_]{{0,2}})?{_COMMENT_WORD}"
    r"(?:[-_]{0,2}(?:item|entry|card|box|wrap|wrapper|container|single|article|block|inner|holder|row|unit"
    r"|main|node|post)|s[-_]{0,2}(?:item|entry))?$"
)
_DENY_PREFIX = {
    "add", "post", "leave", "write", "new", "no", "show", "hide", "toggle", "load", "more", "view", "open",
    "close", "count", "submit", "cancel", "reply", "recent", "latest", "last", "your", "my", "edit", "has",
    "with", "allow", "enable", "disable", "num", "total", "fb", "facebook", "disqus", "dsq", "icon", "ico",
    "link", "btn", "button", "form", "top", "go", "to", "rss", "feed", "nav",
    "category", "cat", "tag", "tags", "format",  # WordPress post classes: "category-kommentar"
}
_NODE_ID = re.compile(rf"^(?:li-|div-|wc-comm-|article-|dsq-)?{_COMMENT_WORD}[-_]?\d+(?:_\d+)?$", re.I)
_MICRODATA = re.compile(r"schema\.org/(?:Comment|UserComments)$", re.I)
_PREFIXED = re.compile(rf"^.*?{_COMMENT_WORD}")
# Parts of class names (split at - and _, with any "comment" prefix cut off: "commentText" -> "text").
_CONTENT_WORDS = {"content", "text", "body", "message", "msg", "copy", "txt", "entry", "description", "desc"}
_META_WORDS = {
    "author", "autor", "meta", "metadata", "date", "datetime", "time", "timestamp", "avatar", "gravatar",
    "reply", "replies", "antwort", "antworten", "action", "actions", "footer", "header", "head", "vote",
    "votes", "voting", "like", "likes", "share", "report", "edit", "permalink", "rating", "badge", "flag",
    "tools", "links", "link", "user", "username", "userinfo", "profile", "name", "fn", "vcard", "says",
    "count", "number", "button", "btn", "title", "heading", "nav", "form", "info", "details", "toolbar",
    "menu", "signature", "posted", "byline", "icon", "img", "image", "photo", "pic", "published", "created",
    "datum", "options", "controls", "social", "moderation", "awaiting", "status", "label", "screen",
    "reader", "sr", "visually", "hidden", "only", "secondary", "note", "notes", "policy",
}
_AUTHOR_WORDS = {"fn", "author", "autor", "username", "nickname", "commenter", "nick", "name", "user"}
_AUTHOR_ENDINGS = ("author", "autor", "username", "nickname", "commenter")
_AUTHOR_SKIP = {"avatar", "img", "image", "photo", "pic", "gravatar", "link", "says", "meta", "info", "url"}
_DATE_CLASS = re.compile(r"date|time|meta|posted|published|created|datum")
_DEPTH_CLASS = re.compile(r"^(?:depth|level|comment-level|wc_comment_level|comment-depth)[-_]?(\d+)$")
_EXCLUDED_TAGS = {"textarea", "template", "script", "style", "head", "select", "pre", "code"}
# A comment is a block: links, buttons and labels named "comment" are buttons and teasers.
_NOT_BLOCK_TAGS = {
    "a", "button", "label", "input", "img", "time", "abbr", "option", "span", "small", "i", "b", "ul", "ol", "nav",
}
_EXCLUDED_IDS = re.compile(r"^(?:respond|reply-title|commentform|comment-form)$", re.I)
_EXCLUDED_CLASS = {"comment-respond", "comment-form", "comment-form-comment", "comments-closed"}
# Pingbacks and trackbacks sit in the comment list (WordPress: li.pingback) but quote another site's post.
_LINKBACK_CLASS = {"pingback", "trackback", "comment-type-pingback", "comment-type-trackback"}
# Widgets listing the latest comments across a site quote other articles' threads, not this one's.
_ELSEWHERE_TOKENS = {"sidebar", "widget-area", "recentcomments", "widget_recent_comments"}
_ELSEWHERE_WITH_COMMENT = {"recent", "latest", "newest", "most", "popular"}


def _elsewhere(token: str) -> bool:
    """"widget_recent_comments", "sidebar", "jcomments-latest"; not "content-sidebar-wrap", "last-comment"."""
    if token in _ELSEWHERE_TOKENS:
        return True
    parts = [p for p in re.split(r"[-_]+", token) if p]
    return any(p in _ELSEWHERE_WITH_COMMENT for p in parts) and any("comment" in p for p in parts)

# Drupal's field wrappers say the field's data type and how its label shows ("field-type-text-long",
# "field-label-hidden"): nothing about the comment, and "hidden" must not make the body look like chrome.
_FIELD_OTHER = re.compile(r"^field[-_]{1,2}(?:type|label)[-_]")


def _words(token: str) -> list[str]:
    if _FIELD_OTHER.match(token):
        return []
    out = []
    for part in re.split(r"[-_]+", token):
        if not part:
            continue
        cut = _PREFIXED.sub("", part)
        out.append(cut or part)
    return out


def _has_word(node: etree._Element, words: set[str]) -> bool:
    return any(w in words for token in classes(node) for w in _words(token))


@dataclass
class FoundComment:
    """A comment as found in markup; ``key``/``parent`` are page-local keys, not report ids."""

    key: str
    text: str
    author: str | None = None
    posted: str | None = None
    parent: str | None = None


def _is_candidate(node: etree._Element) -> bool:
    itemtype = node.get("itemtype")
    if itemtype and _MICRODATA.search(itemtype.strip()):
        return True
    ident = node.get("id")
    if ident and _NODE_ID.match(ident):
        return True
    for token in classes(node):
        match = _NODE_CLASS.match(token)
        if match and match.group("prefix") not in _DENY_PREFIX:
            return True
    return False


def _excluded(node: etree._Element) -> bool:
    """Comment forms, templates and scripts hold comment-like class names but no comments.

    A ``<form>`` ancestor alone does not exclude: ASP.NET pages wrap the whole page in one.
    """
    if tag_of(node) in _NOT_BLOCK_TAGS:
        return True
    return section_is_elsewhere(node)


def section_is_elsewhere(node: etree._Element) -> bool:
    """Inside a form, template, script or a widget of other pages' comments (itself or an ancestor)."""
    current = node
    while current is not None:
        if tag_of(current) not in ("body", "html") and any(
            _elsewhere(t) for t in [*classes(current), (current.get("id") or "").lower()]
        ):
            return True
        if tag_of(current) in _EXCLUDED_TAGS:
            return True
        ident = current.get("id")
        if ident and _EXCLUDED_IDS.match(ident):
            return True
        if _EXCLUDED_CLASS.intersection(classes(current)) or _LINKBACK_CLASS.intersection(classes(current)):
            return True
        current = current.getparent()
    return False


def _own_nodes(node: etree._Element, nested: set[int]) -> list[etree._Element]:
    """The elements inside ``node`` that belong to it, not to a comment nested in it."""
    own = []
    walker = etree.iterwalk(node, events=("start",))
    for _, child in walker:
        if child is node:
            continue
        if id(child) in nested:
            walker.skip_subtree()
            continue
        if isinstance(child.tag, str):
            own.append(child)
    return own


def _first(nodes: list[etree._Element], test) -> etree._Element | None:  # noqa: ANN001
    return next((n for n in nodes if test(n)), None)


def _content_rank(node: etree._Element) -> int:
    """0: not the comment's text; 3: itemprop text; 2: a comment-named text class; 1: a generic one."""
    prop = (node.get("itemprop") or "").lower()
    if prop in ("text", "commenttext", "reviewbody"):
        return 3
    if prop == "comment" and node.get("itemscope") is None:
        return 3  # the comment's value itself, as Drupal's RDF mapping marks the body field
    if _has_word(node, _META_WORDS):
        return 0
    best = 0
    for token in classes(node):
        if any(w in _CONTENT_WORDS for w in _words(token)):
            best = max(best, 2 if re.search(_COMMENT_WORD, token) else 1)
    return best


def _content_of(nodes: list[etree._Element]) -> etree._Element | None:
    ranked = [(r, i) for i, n in enumerate(nodes) if (r := _content_rank(n))]
    if not ranked:
        return None
    top = max(r for r, _ in ranked)
    return nodes[next(i for r, i in ranked if r == top)]


def _author_of(nodes: list[etree._Element]) -> tuple[str | None, etree._Element | None]:
    def by_prop(n: etree._Element) -> bool:
        return (n.get("itemprop") or "").lower() in ("author", "creator")

    def by_class(n: etree._Element) -> bool:
        words = [w for t in classes(n) for w in _words(t)]
        # camelCase names lose their case in classes(): "listAuthor" -> "listauthor"
        named = any(w in _AUTHOR_WORDS or w.endswith(_AUTHOR_ENDINGS) for w in words)
        return named and not any(w in _AUTHOR_SKIP for w in words)

    tests = (by_prop, lambda n: "fn" in classes(n), by_class, lambda n: tag_of(n) == "cite")
    node = None
    for test in tests:
        node = _first(nodes, test)
        if node is not None:
            break
    if node is None:
        return None, None
    named = node.find(".//*[@itemprop='name']")
    if named is None:
        named = next((n for n in node.iter() if "fn" in classes(n) and n is not node), None)
    source = named if named is not None else node
    value = source.get("content") if tag_of(source) == "meta" else None
    raw = value or element_text(source)
    if "\n" in raw:  # a header block: the name is its first line
        raw = raw.split("\n", 1)[0]
    return clean_author(raw), node


def _posted_of(nodes: list[etree._Element]) -> str | None:
    for node in nodes:
        prop = (node.get("itemprop") or "").lower()
        if tag_of(node) == "time" or prop in ("datecreated", "datepublished", "commenttime", "datemodified"):
            value = iso_from_attr(node.get("datetime") or node.get("content"))
            if value:
                return value
            value = iso_from_text(element_text(node))
            if value:
                return value
    for node in nodes:
        if any(_DATE_CLASS.search(t) for t in classes(node)):
            value = iso_from_attr(node.get("title")) or iso_from_text(element_text(node))
            if value:
                return value
    return None


def _depth(node: etree._Element) -> int | None:
    for token in classes(node):
        match = _DEPTH_CLASS.match(token)
        if match:
            return int(match.group(1))
    return None


def _signature(node: etree._Element) -> tuple[str, str]:
    return tag_of(node), " ".join(sorted(t for t in classes(node) if _NODE_CLASS.match(t)))


_TITLE_CLASS = re.compile(rf"^{_COMMENT_WORD}[-_]{{0,2}}(?:title|titel|subject|headline|heading)$")


def _title_of(nodes: list[etree._Element], content: etree._Element, skip: set[int], author: str | None) -> str:
    """A title the commenter gave the comment, set above its text and outside it (``<h5>``, ``.comment-title``)."""
    for node in nodes:
        if node is content:
            return ""
        if tag_of(node) not in ("h2", "h3", "h4", "h5", "h6") and not any(_TITLE_CLASS.match(t) for t in classes(node)):
            continue
        up, hidden = node, False
        while up is not None and not hidden:
            hidden = id(up) in skip and not any(_TITLE_CLASS.match(t) for t in classes(up))
            up = up.getparent()
        title = " ".join(element_text(node).split())
        # A heading holding the name or a date is the comment's header, not its title.
        if hidden or not title or len(title) > 200 or is_placeholder(title) or iso_from_text(title):
            continue
        if author and author.lower() in title.lower():
            continue
        return title
    return ""


def _is_form(nodes: list[etree._Element]) -> bool:
    for node in nodes:
        tag = tag_of(node)
        if tag == "textarea" or (tag == "input" and (node.get("type") or "text").lower() in ("text", "email")):
            return True
    return False


def _read_candidate(node: etree._Element, nested: set[int], index: int) -> FoundComment | None:
    own = _own_nodes(node, nested)
    has_form = _is_form(own)
    author, author_node = _author_of(own)
    content = _content_of(own)
    keep: set[int] = set()  # the content's ancestors hold the text, so they are never skipped
    if content is not None:
        up = content
        while up is not None and up is not node:
            keep.add(id(up))
            up = up.getparent()
    skip = set(nested)
    for child in own:
        if id(child) in keep or child.find(".//p") is not None:
            continue
        if child is author_node or _has_word(child, _META_WORDS) or tag_of(child) in ("form", "label", "fieldset"):
            skip.add(id(child))
    links = [n for n in own if tag_of(n) == "a" and id(n) not in skip]
    text = element_text(node, skip=skip)
    if len(links) == 1 and text and " ".join(element_text(links[0]).split()) == " ".join(text.split()):
        return None  # a teaser linking to a comment elsewhere ("Letzte Kommentare")
    if content is not None:
        inside = element_text(content, skip=skip)
        # A generic "text"/"copy" class is often a button row ("text-right"): it must hold most of the text.
        if _content_rank(content) > 1 or len(inside) >= 0.5 * len(text):
            title = _title_of(own, content, skip, author)
            text = f"{title}\n\n{inside}" if title and inside else inside
    if is_placeholder(text):  # before trimming button words: "Leave a reply" must not become "Leave a"
        return None
    text = strip_header_lines(trim_trailers(text), author)
    if author and text == author:
        text = ""
    if text and is_placeholder(text):
        return None
    posted = _posted_of(own)
    if text and not author and not posted and is_notice(text):
        return None
    if has_form and (len(text) < 80 or re.search(r"\*\s*$", text, re.M)):
        return None  # a comment form's labels ("Name *", "Your comment"), not a comment with a reply box
    return FoundComment(key=node.get("id") or f"html-{index}", text=text, author=author, posted=posted)


def read_comment(node: etree._Element, index: int) -> FoundComment | None:
    """One element read as a single comment (no comments nested in it), or None for chrome."""
    return _read_candidate(node, set(), index)


_CONTAINER_IDS = {"comments", "comment", "comment-section", "comments-section", "disqus_thread", "respond"}


def _is_container(node: etree._Element, children: list[etree._Element]) -> bool:
    """A comment section named like a comment ("page__comment", "comment-wrapper"): its own text is chrome.

    A comment with replies nests candidates shaped like itself (li.comment in li.comment), or holds its
    own body (li > article.comment-body); a section holds a run of candidates shaped unlike itself.
    """
    if (node.get("id") or "").lower() in _CONTAINER_IDS or tag_of(node) in ("main", "body"):
        return True
    if len(children) < 2:
        return False
    first = _signature(children[0])
    return first != _signature(node) and all(_signature(c) == first for c in children)


def find_comments(root: etree._Element) -> list[FoundComment]:
    """Comments in the page's markup, in page order, with parents where the markup nests them."""
    candidates = [n for n in root.iter() if isinstance(n.tag, str) and _is_candidate(n) and not _excluded(n)]
    if not candidates:
        return []
    is_candidate = {id(n) for n in candidates}
    owner: dict[int, etree._Element | None] = {}  # nearest candidate ancestor
    for node in candidates:
        parent = node.getparent()
        while parent is not None and id(parent) not in is_candidate:
            parent = parent.getparent()
        owner[id(node)] = parent
    inner: dict[int, list[etree._Element]] = {id(n): [] for n in candidates}
    for node in candidates:
        up = owner[id(node)]
        if up is not None:
            inner[id(up)].append(node)

    found: dict[int, FoundComment] = {}
    inherited: dict[int, FoundComment] = {}
    for index, node in enumerate(candidates):
        children = inner[id(node)]
        if _is_container(node, children):
            continue
        comment = _read_candidate(node, {id(n) for n in children}, index)
        if comment is None:
            continue
        if children and (not comment.text or (
            _signature(children[0]) != _signature(node) and len(comment.text) < 100
        )):
            # A wrapper, bare or with a profile box beside the comment it wraps ("dabei seit 2016"):
            # its name and time go to that comment, its text nowhere.
            inherited[id(children[0])] = comment
            continue
        if not comment.text:
            continue
        donor = inherited.get(id(node))
        if donor is not None:
            comment.author = comment.author or donor.author
            comment.posted = comment.posted or donor.posted
        found[id(node)] = comment

    def stands_for(node: etree._Element) -> FoundComment | None:
        """The comment a candidate stands for: itself, or for a wrapper its first inner comment."""
        if id(node) in found:
            return found[id(node)]
        children = inner[id(node)]
        if not children:
            return None
        first, rest = children[0], children[1:]
        if rest and all(_signature(r) == _signature(first) for r in rest):
            return None  # a list of comments, not one comment's wrapper
        return stands_for(first)

    ordered = [n for n in candidates if id(n) in found]
    keys_seen: set[str] = set()
    by_depth: dict[int, FoundComment] = {}
    for node in ordered:
        comment = found[id(node)]
        if comment.key in keys_seen:
            comment.key = f"{comment.key}-{len(keys_seen)}"
        keys_seen.add(comment.key)
        up = owner[id(node)]
        while up is not None:
            target = stands_for(up)
            if target is not None and target is not comment:
                comment.parent = target.key
                break
            up = owner[id(up)]
        depth = _depth(node)
        if depth is None:
            wrapper = owner[id(node)]
            depth = _depth(wrapper) if wrapper is not None and stands_for(wrapper) is comment else None
        if depth is not None:
            if comment.parent is None and depth > 1 and depth - 1 in by_depth:
                comment.parent = by_depth[depth - 1].key  # a flat list that marks replies by depth class
            by_depth[depth] = comment
            for deeper in [d for d in by_depth if d > depth]:
                del by_depth[deeper]
    return [found[id(n)] for n in ordered]
