"""Hacker News: Algolia items (nested ``children``), Algolia search hits, and the official item API.

Every shape is first flattened into one kind of node (id, type, author, text, parent,
story, time, flags), then grouped by story. The official API's ``kids`` are only ids: a
story item alone has no comments to read, and a diagnostic says so. Deleted comments
are kept, marked ``deleted`` with no text or author; dead ones (killed by moderators or
flags) are treated the same way, since their text is hidden on the site. Recorded API
responses (``{"url": ..., "reply": ...}``, as test fixtures store them) are unwrapped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..models import Comment, Document
from ..settings import Settings
from .decode import load_json
from .plaintext import html_to_text
from .threads import (Thread, ThreadTarget, as_id, as_list, as_str, choose_thread, info, iso_datetime, iso_from_epoch, plural,
                      settle_parents)

_SITE = "https://news.ycombinator.com/item?id="
_STORY_TYPES = {"story", "poll", "job"}


@dataclass
class _Node:
    id: str
    type: str
    author: str | None
    text: str
    parent: str | None
    story: str | None
    posted: str | None
    deleted: bool = False
    dead: bool = False
    title: str = ""
    url: str | None = None
    kids: int = 0
    descendants: int | None = None


def _posted(item: dict[str, Any]) -> str | None:
    for key in ("time", "created_at_i"):
        value = item.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return iso_from_epoch(value)
    return iso_datetime(as_str(item.get("created_at")))


def _type(item: dict[str, Any], *, has_parent: bool) -> str:
    kind = item.get("type")
    if isinstance(kind, str) and kind:
        return kind
    tags = [t for t in as_list(item.get("_tags")) if isinstance(t, str)]
    for tag in ("comment", "story", "poll", "pollopt", "job"):
        if tag in tags:
            return tag
    if item.get("comment_text") is not None or has_parent:
        return "comment"
    return "story"


class _Collect:
    def __init__(self) -> None:
        self.nodes: dict[str, _Node] = {}

    def value(self, value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                self.value(item)
        elif isinstance(value, dict):
            if "reply" in value and "url" in value:  # a recorded API response
                self.value(value["reply"])
            elif isinstance(value.get("hits"), list):  # Algolia search
                for hit in value["hits"]:
                    self.item(hit, None)
            elif "id" in value or "objectID" in value:
                self.item(value, None)

    def item(self, item: Any, tree_parent: str | None) -> None:
        if not isinstance(item, dict):
            return
        nid = as_id(item.get("id")) or as_id(item.get("objectID"))
        if nid is None or "username" in item and "karma" in item:  # a user profile, not an item
            return
        parent = as_id(item.get("parent")) or as_id(item.get("parent_id")) or tree_parent
        kind = _type(item, has_parent=parent is not None)
        text = item.get("text")
        if not isinstance(text, str):
            text = item.get("comment_text") if kind == "comment" else item.get("story_text")
        author = as_str(item.get("by")) or as_str(item.get("author"))
        children = item.get("children")
        deleted = item.get("deleted") is True or (kind == "comment" and not author and not as_str(text))
        descendants = item.get("descendants")
        node = _Node(
            id=nid,
            type=kind,
            author=author or None,
            text=as_str(text),
            parent=parent,
            story=as_id(item.get("story_id")),
            posted=_posted(item),
            deleted=deleted,
            dead=item.get("dead") is True,
            title=as_str(item.get("title")) or as_str(item.get("story_title")),
            url=as_str(item.get("url")) or as_str(item.get("story_url")) or None,
            kids=len(as_list(item.get("kids"))) if not isinstance(children, list) else 0,
            descendants=descendants if isinstance(descendants, int) and not isinstance(descendants, bool) else None,
        )
        if kind in _STORY_TYPES and node.parent == node.story:
            node.parent = None
        self.nodes.setdefault(nid, node)
        if isinstance(children, list):
            for child in children:
                self.item(child, nid)

    def story_of(self, node: _Node) -> str:
        """The story a comment belongs to: its story id, else the top of its parent chain."""
        if node.story:
            return node.story
        seen = {node.id}
        current = node
        while current.parent is not None:
            above = self.nodes.get(current.parent)
            if above is None or above.id in seen:
                return current.parent
            if above.type in _STORY_TYPES:
                return above.id
            if above.story:
                return above.story
            seen.add(above.id)
            current = above
        return current.id


def read(text: str, *, origin: str, settings: Settings, target: ThreadTarget | None = None) -> Document:
    data = load_json(text, origin=origin)
    collect = _Collect()
    try:
        collect.value(data)
    except RecursionError:
        raise InputError("replies nested too deeply to read", source=origin) from None
    if not collect.nodes:
        raise InputError("not a Hacker News export: no items with an id found", source=origin)

    threads: dict[str, Thread] = {}
    stories = {n.id: n for n in collect.nodes.values() if n.type in _STORY_TYPES}
    for story in stories.values():
        threads[story.id] = Thread(
            key=story.id, title=html_to_text(story.title), link=story.url or _SITE + story.id,
            published=story.posted, authors=(story.author,) if story.author else (),
            text=html_to_text(story.text),
        )
    dead = 0
    for node in collect.nodes.values():
        if node.type != "comment":
            continue  # poll options are ballot lines, not comments
        key = collect.story_of(node)
        thread = threads.get(key)
        if thread is None:
            title = next((n.title for n in collect.nodes.values() if n.story == key and n.title), "")
            thread = threads[key] = Thread(key=key, title=html_to_text(title), link=_SITE + key)
        gone = node.deleted or node.dead
        dead += node.dead and not node.deleted
        thread.comments.append(Comment(
            id=node.id,
            author=None if gone else node.author,
            text="" if gone else html_to_text(node.text),
            parent_id=None if node.parent == key else node.parent,
            posted=node.posted,
            deleted=gone,
        ))

    chosen, notes = choose_thread(list(threads.values()), settings=settings, origin=origin, what="Hacker News", target=target)
    comments, parent_notes = settle_parents(chosen.comments, what="Hacker News")
    notes += parent_notes
    gone = sum(c.deleted for c in comments)
    if gone:
        notes.append(info("export-deleted-kept",
                          f"{plural(gone, 'deleted or dead comment')} kept as deleted (no text)"
                          + (f", {dead} of them dead (killed by moderators or flags)" if dead else "")))
    story = stories.get(chosen.key)
    if story is not None and not comments and story.kids:
        notes.append(info("export-kids-only", f"the item lists {plural(story.kids, 'reply')} by id only "
                          "(the official API's kids); add those items to the file to read them", level="warning"))
    elif story is not None and story.descendants and story.descendants > len(comments):
        notes.append(info("export-partial-thread",
                          f"the story reports {story.descendants} comments; this file holds {len(comments)}"))
    return Document(article=chosen.article(), comments=tuple(comments), diagnostics=tuple(notes),
                    input_kind="hn", origin=origin)
