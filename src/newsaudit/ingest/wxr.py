"""WordPress eXtended RSS (WXR 1.0 to 1.2): ``<item>`` posts holding ``<wp:comment>`` elements.

Only approved reader comments are kept. Pending, spam and trashed comments are left
out, and so are pingbacks and trackbacks (notices that another site linked here, not
something a reader wrote); a diagnostic counts each. WXR carries the post itself, so
the article gets its title, link, date, author and body text too. An export of a whole
site holds many posts; see :mod:`.threads` for which one is read.
"""

from __future__ import annotations

from collections import Counter
from xml.etree.ElementTree import Element

from ..errors import InputError
from ..models import Comment, Document
from ..settings import Settings
from .plaintext import html_to_text
from .threads import Thread, ThreadTarget, choose_thread, info, iso_datetime, plural, settle_parents
from .xmlsafe import children, first, local, parse_xml, text_of

WP = "wordpress.org/export/"  # namespace marker shared by every WXR version
_READER_TYPES = {"", "comment"}


def _wp(element: Element | None, name: str) -> str:
    return text_of(element, name, ns=WP)


def _display_names(channel: Element) -> dict[str, str]:
    """Author login -> display name, from the ``<wp:author>`` list at the top of the export."""
    names = {}
    for author in children(channel, "author", ns=WP):
        login = _wp(author, "author_login")
        shown = _wp(author, "author_display_name")
        if login and shown:
            names[login] = shown
    return names


def _comment_date(comment: Element) -> str | None:
    gmt = iso_datetime(_wp(comment, "comment_date_gmt"))
    # comment_date is the site's local time with no zone; keep it naive rather than mislabel it UTC
    return gmt or iso_datetime(_wp(comment, "comment_date"), utc=False)


def read(text: str, *, origin: str, settings: Settings, target: ThreadTarget | None = None) -> Document:
    root = parse_xml(text, origin=origin)
    channel = first(root, "channel")
    if local(root.tag) != "rss" or channel is None:
        raise InputError(f"not a WordPress WXR export (the root element is <{local(root.tag)}>)", source=origin)
    names = _display_names(channel)

    threads: list[Thread] = []
    skipped: dict[str, Counter[str]] = {}
    for index, item in enumerate(children(channel, "item")):
        creator = text_of(item, "creator")
        published = iso_datetime(_wp(item, "post_date_gmt")) or iso_datetime(text_of(item, "pubDate"))
        thread = Thread(
            key=_wp(item, "post_id") or text_of(item, "link") or f"item-{index + 1}",
            title=html_to_text(text_of(item, "title")),
            link=text_of(item, "link") or None,
            published=published,
            authors=(names.get(creator, creator),) if creator else (),
            text=html_to_text(text_of(item, "encoded", ns="purl.org/rss/1.0/modules/content"), keep_newlines=True),
        )
        left_out = skipped.setdefault(thread.key, Counter())
        for comment in children(item, "comment", ns=WP):
            kind = _wp(comment, "comment_type").lower()
            approved = _wp(comment, "comment_approved").lower()
            if kind not in _READER_TYPES:
                left_out[kind] += 1
                continue
            if approved not in ("1", "approve", "approved"):
                left_out[{"0": "pending", "": "pending", "hold": "pending"}.get(approved, approved)] += 1
                continue
            cid = _wp(comment, "comment_id")
            if not cid:
                continue
            parent = _wp(comment, "comment_parent")
            thread.comments.append(
                Comment(
                    id=cid,
                    author=html_to_text(_wp(comment, "comment_author")) or None,
                    text=html_to_text(_wp(comment, "comment_content"), keep_newlines=True),
                    parent_id=parent if parent not in ("", "0") else None,
                    posted=_comment_date(comment),
                )
            )
        threads.append(thread)

    chosen, notes = choose_thread(threads, settings=settings, origin=origin, what="WordPress", target=target)
    comments, parent_notes = settle_parents(chosen.comments, what="WordPress")
    notes += parent_notes
    left_out = skipped.get(chosen.key)
    if left_out:
        parts = ", ".join(plural(n, kind) for kind, n in sorted(left_out.items()))
        notes.append(info("export-comments-skipped",
                          f"left out of this post's comments (not approved reader comments): {parts}"))
    return Document(article=chosen.article(), comments=tuple(comments), diagnostics=tuple(notes),
                    input_kind="wxr", origin=origin)
