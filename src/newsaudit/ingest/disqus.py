"""Disqus XML export: ``<thread dsq:id>`` elements, then ``<post dsq:id>`` elements pointing at them.

Deleted posts are kept, marked ``deleted`` with their text emptied, so replies to
them keep their place in the tree. Spam is left out, and a diagnostic says how much.
Posts naming a thread the export does not hold are orphans: left out, and counted.
An export of a whole forum holds many threads; see :mod:`.threads` for which one is read.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ..errors import InputError
from ..models import Comment, Document
from ..settings import Settings
from .plaintext import html_to_text
from .threads import Thread, ThreadTarget, choose_thread, info, iso_datetime, plural, settle_parents
from .xmlsafe import attr, children, first, local, parse_xml, text_of


def _flag(element: Element, name: str) -> bool:
    return text_of(element, name).lower() == "true"


def _author(post: Element) -> str | None:
    author = first(post, "author")
    name = text_of(author, "name") or text_of(author, "username")
    return name or None


def read(text: str, *, origin: str, settings: Settings, target: ThreadTarget | None = None) -> Document:
    root = parse_xml(text, origin=origin)
    if local(root.tag) != "disqus":
        raise InputError(f"not a Disqus export (the root element is <{local(root.tag)}>)", source=origin)

    threads: dict[str, Thread] = {}
    for element in children(root, "thread"):
        key = attr(element, "id")
        if key is None or key in threads:
            continue
        link = text_of(element, "link") or None
        threads[key] = Thread(
            key=key,
            title=html_to_text(text_of(element, "title")),
            link=link,
            published=iso_datetime(text_of(element, "createdAt")),
            # <thread><author> is whoever opened the thread (often the site account), not a byline
        )

    spam = orphans = 0
    for post in children(root, "post"):
        pid = attr(post, "id")
        if pid is None:
            continue
        if _flag(post, "isSpam"):
            spam += 1
            continue
        thread = threads.get(attr(first(post, "thread"), "id") or "")
        if thread is None:
            orphans += 1
            continue
        is_deleted = _flag(post, "isDeleted")
        thread.comments.append(
            Comment(
                id=pid,
                author=None if is_deleted else _author(post),
                text="" if is_deleted else html_to_text(text_of(post, "message")),
                parent_id=attr(first(post, "parent"), "id"),
                posted=iso_datetime(text_of(post, "createdAt")),
                deleted=is_deleted,
            )
        )

    chosen, notes = choose_thread(list(threads.values()), settings=settings, origin=origin, what="Disqus", target=target)
    comments, parent_notes = settle_parents(chosen.comments, what="Disqus")
    notes += parent_notes
    if spam:
        notes.append(info("export-spam-skipped", f"{plural(spam, 'post')} marked as spam left out"))
    if orphans:
        notes.append(info("export-orphans-skipped",
                          f"{plural(orphans, 'post')} naming a thread the export does not hold left out"))
    kept_deleted = sum(c.deleted for c in comments)
    if kept_deleted:
        notes.append(info("export-deleted-kept",
                          f"{plural(kept_deleted, 'deleted post')} kept as deleted (no text) to hold the reply tree"))
    return Document(article=chosen.article(), comments=tuple(comments), diagnostics=tuple(notes),
                    input_kind="disqus", origin=origin)
