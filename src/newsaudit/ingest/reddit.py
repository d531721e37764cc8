"""Reddit thread JSON: ``[Listing(t3 submission), Listing(t1 comments with nested replies)]``.

Also read: a single Listing, a bare list of things, and the ``/api/morechildren``
response shape (``{"json": {"data": {"things": [...]}}}``, alone or as a list of them).

Deleted and removed comments are kept, marked ``deleted`` with their text emptied, so
their replies keep their place. An author shown as ``[deleted]`` with the text still
there is an account deleted after posting: the comment stays a normal comment with no
author. "Load more" stubs (kind ``more``) are not comments; a diagnostic counts them.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..models import Article, Comment, Document
from ..settings import Settings
from .decode import load_json
from .plaintext import html_to_text, unescape_markup
from .threads import Thread, ThreadTarget, as_id, as_str, choose_thread, info, iso_from_epoch, plural, settle_parents

_GONE = {"[deleted]", "[removed]"}
_SITE = "https://www.reddit.com"


def _strip_kind(fullname: Any) -> tuple[str, str | None]:
    """``t1_abc`` -> ("t1", "abc")."""
    if not isinstance(fullname, str) or not fullname.strip():
        return "", None
    kind, sep, rest = fullname.partition("_")
    return (kind, rest) if sep else ("", fullname)


def _body(data: dict[str, Any]) -> str:
    html = as_str(data.get("body_html"))
    if html.strip():
        if html.lstrip().startswith("&lt;"):  # a response fetched without raw_json=1
            html = unescape_markup(html)
        return html_to_text(html)
    return unescape_markup(as_str(data.get("body"))).strip()


class _Walk:
    """Collects comments depth-first from any mix of listings, things and reply trees."""

    def __init__(self) -> None:
        self.comments: list[tuple[str | None, Comment]] = []  # (link id, comment)
        self.submissions: list[dict[str, Any]] = []
        self.stubs = 0
        self.hidden = 0  # comments a stub stands for
        self.seen: set[str] = set()

    def things(self, value: Any, parent: str | None = None) -> None:
        if isinstance(value, list):
            for item in value:
                self.things(item, parent)
            return
        if not isinstance(value, dict):
            return
        kind = value.get("kind")
        data = value.get("data")
        if "json" in value and isinstance(value["json"], dict):  # morechildren response
            inner = value["json"].get("data")
            self.things(inner.get("things") if isinstance(inner, dict) else None, parent)
        elif kind == "Listing" and isinstance(data, dict):
            self.things(data.get("children") or [], parent)
        elif kind == "t3" and isinstance(data, dict):
            self.submissions.append(data)
        elif kind == "more" and isinstance(data, dict):
            self.stubs += 1
            count = data.get("count")
            self.hidden += count if isinstance(count, int) and not isinstance(count, bool) and count > 0 else 0
        elif kind == "t1" and isinstance(data, dict):
            self.comment(data, parent)

    def comment(self, data: dict[str, Any], parent: str | None) -> None:
        cid = as_id(data.get("id")) or _strip_kind(data.get("name"))[1]
        if not cid or cid in self.seen:
            return
        self.seen.add(cid)
        parent_kind, parent_id = _strip_kind(data.get("parent_id"))
        if parent_kind == "t3":
            parent_id = None
        elif parent_id is None:
            parent_id = parent
        author = as_str(data.get("author"))
        gone = as_str(data.get("body")).strip() in _GONE
        self.comments.append((
            _strip_kind(data.get("link_id"))[1],
            Comment(
                id=cid,
                author=None if not author or author in _GONE else author,
                text="" if gone else _body(data),
                parent_id=parent_id,
                posted=iso_from_epoch(data.get("created_utc")),
                deleted=gone,
            ),
        ))
        replies = data.get("replies")
        if isinstance(replies, dict):
            self.things(replies, cid)


def _thread_for(submission: dict[str, Any]) -> Thread:
    is_self = submission.get("is_self") is True
    url = as_str(submission.get("url")) or as_str(submission.get("permalink"))
    if url.startswith("/"):
        url = _SITE + url
    text = ""
    if is_self:
        text = html_to_text(unescape_markup(as_str(submission.get("selftext_html")))) or unescape_markup(
            as_str(submission.get("selftext")))
    author = as_str(submission.get("author"))
    return Thread(
        key=as_id(submission.get("id")) or "",
        title=unescape_markup(as_str(submission.get("title"))),
        link=url or None,
        # a link post's own date and poster are not the linked article's; keep them only for self posts
        published=iso_from_epoch(submission.get("created_utc")) if is_self else None,
        authors=(author,) if is_self and author and author not in _GONE else (),
        text=text.strip(),
    )


def read(text: str, *, origin: str, settings: Settings, target: ThreadTarget | None = None) -> Document:
    walk = _Walk()
    try:
        walk.things(load_json(text, origin=origin))
    except RecursionError:
        raise InputError("replies nested too deeply to read", source=origin) from None
    if not walk.comments and not walk.submissions:
        raise InputError("not a Reddit thread: no submission (t3) or comment (t1) found", source=origin)

    threads: dict[str, Thread] = {}
    for submission in walk.submissions:
        thread = _thread_for(submission)
        threads.setdefault(thread.key, thread)
    for link, comment in walk.comments:
        key = link or (next(iter(threads)) if threads else "")
        thread = threads.get(key)
        if thread is None:
            thread = threads[key] = Thread(key=key, link=f"{_SITE}/comments/{key}/" if key else None)
        thread.comments.append(comment)

    chosen, notes = choose_thread(list(threads.values()), settings=settings, origin=origin, what="Reddit", target=target)
    comments, parent_notes = settle_parents(chosen.comments, what="Reddit")
    notes += parent_notes
    gone = sum(c.deleted for c in comments)
    if gone:
        notes.append(info("export-deleted-kept",
                          f"{plural(gone, 'deleted or removed comment')} kept as deleted (no text)"))
    if walk.stubs:
        stubs = plural(walk.stubs, '"load more" stub')
        hidden = f" (they stand for {plural(walk.hidden, 'further comment')} not in this file)" if walk.hidden else ""
        notes.append(info("export-more-skipped", f"{stubs} skipped, not comments{hidden}"))
    declared = next((s.get("num_comments") for s in walk.submissions if as_id(s.get("id")) == chosen.key), None)
    if isinstance(declared, int) and not isinstance(declared, bool) and declared > len(comments):
        notes.append(info("export-partial-thread",
                          f"the thread reports {declared} comments; this file holds {len(comments)}"))
    article = chosen.article() if chosen.title or chosen.text else Article(url=chosen.link)
    return Document(article=article, comments=tuple(comments), diagnostics=tuple(notes),
                    input_kind="reddit", origin=origin)
