"""Plain-text page capture (stub: title line and body). The full reader is part of the foundation issue."""

from __future__ import annotations

from ..models import Article, Document
from ..settings import Settings


def read(text: str, *, origin: str, settings: Settings) -> Document:
    lines = text.strip().splitlines()
    title = lines[0].strip() if lines else ""
    body = "\n\n".join(p.strip() for p in "\n".join(lines[1:]).split("\n\n") if p.strip())
    return Document(article=Article(title=title, text=body), input_kind="text")
