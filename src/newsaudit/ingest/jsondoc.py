"""newsaudit's own JSON: an input document, or a report read back."""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..models import Article, Comment, Document, Report
from ..settings import Settings
from .decode import load_json

_ARTICLE_KEYS = {"title", "url", "site", "published", "authors", "text", "captions", "language"}


def _article(data: Any, origin: str) -> Article:
    if not isinstance(data, dict):
        raise InputError('"article" must be an object with at least "text"', source=origin)
    if not isinstance(data.get("text", ""), str) or not isinstance(data.get("title", ""), str):
        raise InputError('"article.text" and "article.title" must be strings', source=origin)
    known = {k: v for k, v in data.items() if k in _ARTICLE_KEYS}
    for key in ("authors", "captions"):
        value = known.get(key)
        if isinstance(value, str):
            known[key] = (value,)
        elif value is not None and not isinstance(value, (list, tuple)):
            raise InputError(f'"article.{key}" must be a list of strings', source=origin)
    return Article.from_dict(known)


def _comment(data: Any, index: int, origin: str) -> Comment:
    if not isinstance(data, dict) or not isinstance(data.get("text", ""), str):
        raise InputError(f"comment {index} must be an object with a text string", source=origin)
    cid = data.get("id")
    parent = data.get("parent_id")
    return Comment(
        id=str(cid) if cid is not None else f"c{index + 1}",
        author=data.get("author"),
        text=data.get("text", ""),
        parent_id=str(parent) if parent is not None else None,
        posted=data.get("posted"),
        deleted=bool(data.get("deleted", False)),
    )


def read(text: str, *, origin: str, settings: Settings) -> Document:
    data = load_json(text, origin=origin)
    if not isinstance(data, dict) or "article" not in data:
        raise InputError('JSON input needs an "article" object (see docs/json.md)', source=origin)
    if "schema_version" in data:
        try:
            return Report.from_dict(data).document()
        except (TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"not a valid newsaudit report ({exc})", source=origin) from None
    comments = data.get("comments") or []
    if not isinstance(comments, list):
        raise InputError('"comments" must be a list', source=origin)
    return Document(
        article=_article(data["article"], origin),
        comments=tuple(_comment(c, i, origin) for i, c in enumerate(comments)),
        input_kind="json",
    )
