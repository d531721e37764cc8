"""What every comment-export reader shares: picking one thread, tidying parents, timestamps.

Policy for exports holding several threads (a whole Disqus forum, a WordPress site, a
Hacker News search): one report is about one article, so the reader keeps ONE thread.
``ingest.thread`` in the settings, when set, picks it: a thread's id, link or title,
exactly. Otherwise, when the export comes with an article (``analyze PAGE --comments
EXPORT``), it is the thread whose link is the article's URL, else the one whose title is
the article's title (see :mod:`.threadmatch`); an export of several threads where none
matches is an error, since reading another article's comments would be a wrong report.
An export read on its own gives the thread with the most kept comments (the first on a
tie). An ``info`` diagnostic names the threads left out.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..errors import InputError
from ..models import Article, Comment, Diagnostic
from ..settings import Settings
from .threadmatch import ThreadTarget, normalise_url, printable, titles_of

__all__ = ["Thread", "ThreadTarget", "choose_thread", "settle_parents", "max_depth", "iso_from_epoch", "iso_datetime", "info", "plural",
           "as_str", "as_list", "as_id"]


@dataclass
class Thread:
    """One article's worth of an export, while it is being read."""

    key: str  # the export's own thread id
    title: str = ""
    link: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    text: str = ""
    comments: list[Comment] = field(default_factory=list)

    def article(self) -> Article:
        return Article(title=self.title, url=self.link or None, published=self.published,
                       authors=self.authors, text=self.text)

    def label(self) -> str:
        return f"{self.title or self.link or self.key!s} ({plural(len(self.comments), 'comment')})"


def plural(count: int, word: str) -> str:
    if count == 1:
        return f"{count} {word}"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return f"{count} {word[:-1]}ies"
    return f"{count} {word}s"


def info(code: str, message: str, *, level: str = "info") -> Diagnostic:
    return Diagnostic(level=level, code=code, message=message, stage="ingest")


def choose_thread(threads: list[Thread], *, settings: Settings, origin: str, what: str,
                  target: ThreadTarget | None = None) -> tuple[Thread, list[Diagnostic]]:
    """The thread to report on, and diagnostics saying why it and naming the ones left out."""
    if not threads:
        raise InputError(f"the {what} export holds no threads", source=origin)
    notes: list[Diagnostic] = []
    wanted = settings.ingest.thread
    if wanted:
        for thread in threads:
            if wanted in (thread.key, thread.link, thread.title):
                chosen = thread
                break
        else:
            names = "; ".join(_listed(t) for t in threads[:5])
            raise InputError(f"no thread matches ingest.thread={wanted!r}; the export holds {names}", source=origin)
    elif target is not None:
        chosen, how = _matching(threads, target)
        if chosen is None:
            if len(threads) > 1:
                raise InputError(_no_match(threads, target, what), source=origin)
            chosen, how = threads[0], "it is the only thread in the export"
        notes.append(info("export-thread-matched", f"read the {what} thread {chosen.label()}: {how}"))
    else:
        chosen = max(threads, key=lambda t: len(t.comments))  # max keeps the first on a tie
    others = [t for t in threads if t is not chosen and t.comments]
    if others:
        shown = "; ".join(t.label() for t in others[:10])
        more = f" and {len(others) - 10} more" if len(others) > 10 else ""
        notes.append(info(
            "export-other-threads",
            f"the {what} export holds {len(others) + 1} threads with comments; read {chosen.label()}, "
            f"left out {shown}{more} (set ingest.thread to a thread's id, link or title to pick another)",
        ))
    return chosen, notes


def _matching(threads: list[Thread], target: ThreadTarget) -> tuple[Thread | None, str]:
    """The article's thread by URL, else by title; among several (a Disqus forum often holds
    one thread per http/https or www copy of a page) the one with the most comments."""
    urls = target.url_keys()
    by_url = [t for t in threads if normalise_url(t.link) in urls] if urls else []
    if by_url:
        return max(by_url, key=lambda t: len(t.comments)), "its link matches the article's URL"
    titles = target.title_keys()
    by_title = [t for t in threads if titles & set(titles_of(t.title))] if titles else []
    if by_title:
        return max(by_title, key=lambda t: len(t.comments)), "its title matches the article's title"
    return None, ""


def _listed(thread: Thread) -> str:
    name = printable(thread.title or thread.link or thread.key)
    return f"{name!r} (id {printable(thread.key, limit=40)}, {plural(len(thread.comments), 'comment')})"


def _no_match(threads: list[Thread], target: ThreadTarget, what: str) -> str:
    ranked = sorted(threads, key=lambda t: -len(t.comments))
    shown = "; ".join(_listed(t) for t in ranked[:5])
    more = f" and {len(threads) - 5} more" if len(threads) > 5 else ""
    return (f"the {what} export holds {len(threads)} threads and none matches the article's {target.describe()}; "
            f"choose one with the ingest.thread setting (a thread's id, link or title; in a settings file "
            f"given with --config: [ingest] thread = \"ID\"): {shown}{more}")


def settle_parents(comments: list[Comment], *, what: str) -> tuple[list[Comment], list[Diagnostic]]:
    """Replies whose parent is not in the kept set become top-level, and we say how many.

    A parent goes missing when it was spam or unapproved and left out, or when the export
    is a fragment of a larger thread. Pointing at an id no report holds would break the
    reply tree downstream.
    """
    known = {c.id for c in comments}
    fixed: list[Comment] = []
    lost = 0
    for comment in comments:
        if comment.parent_id is not None and (comment.parent_id not in known or comment.parent_id == comment.id):
            lost += 1
            comment = dataclasses.replace(comment, parent_id=None)
        fixed.append(comment)
    notes = []
    if lost:
        notes.append(info(
            "export-orphan-replies",
            f"{lost} {what} {'reply points' if lost == 1 else 'replies point'} at a comment not in the export; "
            "read as top-level comments",
        ))
    return fixed, notes


def max_depth(comments: list[Comment] | tuple[Comment, ...]) -> int:
    """Longest parent chain (0 when every comment is top-level); cycles are cut."""
    parent = {c.id: c.parent_id for c in comments}
    best = 0
    for cid in parent:
        depth, seen, node = 0, {cid}, parent[cid]
        while node is not None and node in parent and node not in seen:
            seen.add(node)
            depth += 1
            node = parent[node]
        best = max(best, depth)
    return best


def as_str(value: object) -> str:
    """A JSON field that should be a string; anything else (null, number, list) reads as ''."""
    return value if isinstance(value, str) else ""


def as_list(value: object) -> list:
    return value if isinstance(value, list) else []


def as_id(value: object) -> str | None:
    """An id from JSON: a non-empty string or an integer (booleans and floats are not ids)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def iso_from_epoch(value: object) -> str | None:
    """Unix seconds (int, float or numeric string) to an ISO UTC datetime."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        seconds = float(value)
        return datetime.fromtimestamp(seconds, UTC).isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def iso_datetime(value: str | None, *, utc: bool = True) -> str | None:
    """An export's timestamp as ISO 8601 (UTC when the value has or implies no zone)."""
    if not value:
        return None
    text = value.strip()
    if not text or text.startswith("0000-00-00"):
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            from email.utils import parsedate_to_datetime

            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None and utc:
        parsed = parsed.replace(tzinfo=UTC)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return parsed.isoformat()
