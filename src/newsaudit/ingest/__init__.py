"""Readers: turn whatever the user has into a :class:`~newsaudit.models.Document`.

The reader is chosen by sniffing the content, not only the file name. Every
reader is ``read(text: str, *, origin: str, settings: Settings) -> Document``.
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
from pathlib import Path

from ..errors import InputError, InputTooLarge, UnsupportedFormat
from ..models import Diagnostic, Document
from ..settings import Settings, load_settings
from .decode import GZIP_MAGIC, decode_bytes, gunzip_capped
from .sniff import sniff
from .threadmatch import ThreadTarget

READERS: dict[str, str] = {
    "text": "newsaudit.ingest.text:read",
    "html": "newsaudit.ingest.html:read",
    "json": "newsaudit.ingest.jsondoc:read",
    "disqus": "newsaudit.ingest.disqus:read",
    "wxr": "newsaudit.ingest.wxr:read",
    "reddit": "newsaudit.ingest.reddit:read",
    "hn": "newsaudit.ingest.hn:read",
}

# readers of exports that can hold several threads: they take a ThreadTarget to find the article's
THREAD_READERS = frozenset({"disqus", "wxr", "reddit", "hn"})

__all__ = ["READERS", "THREAD_READERS", "ThreadTarget", "read_bytes", "read_input", "read_path", "sniff", "combine"]


def _reader(kind: str):
    module, _, attr = READERS[kind].partition(":")
    return getattr(importlib.import_module(module), attr)


def read_bytes(data: bytes, *, origin: str, settings: Settings | None = None, kind: str | None = None,
               target: ThreadTarget | None = None) -> Document:
    """Read raw bytes: check size, decode, sniff the kind, hand to its reader.

    ``target``: the article a comment export is read for; its thread is picked by URL or title.
    """
    settings = settings or load_settings()
    cap = settings.ingest.max_bytes
    if len(data) > cap:
        raise InputTooLarge(f"input is {len(data):,} bytes, over the {cap:,}-byte cap (set ingest.max_bytes)", source=origin)
    if data.startswith(GZIP_MAGIC):  # a saved page.html.gz, an export.xml.gz, gzip on stdin or an upload
        data = gunzip_capped(data, cap=cap, origin=origin)
        name = origin[:-3] if origin.lower().endswith(".gz") else origin
    else:
        name = origin
    text = decode_bytes(data, origin=origin)
    if not text.strip():
        raise InputError("input is empty", source=origin)
    kind = kind or sniff(text, name=name)
    if kind == "unknown-xml":
        from .xmlsafe import parse_xml

        parse_xml(text, origin=origin)  # an XML bomb or XXE is named as such, not as "unknown format"
    if kind not in READERS:
        raise UnsupportedFormat(
            f"unknown input format {kind!r}; expected a news page (HTML or text), newsaudit JSON, "
            "or a Disqus, WordPress, Reddit or Hacker News comment export",
            source=origin,
        )
    extra = {"target": target} if target is not None and kind in THREAD_READERS else {}
    document = _reader(kind)(text, origin=origin, settings=settings, **extra)
    return dataclasses.replace(document, input_kind=document.input_kind or kind, origin=document.origin or origin)


def read_path(path: str | Path, *, settings: Settings | None = None, kind: str | None = None,
              target: ThreadTarget | None = None) -> Document:
    settings = settings or load_settings()
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", source=str(path))
    if p.is_dir():
        raise InputError("is a folder, not a file (use `newsaudit batch` for folders)", source=str(path))
    size = p.stat().st_size
    if size > settings.ingest.max_bytes:
        raise InputTooLarge(
            f"file is {size:,} bytes, over the {settings.ingest.max_bytes:,}-byte cap (set ingest.max_bytes)",
            source=str(path),
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", source=str(path)) from None
    return read_bytes(data, origin=str(path), settings=settings, kind=kind, target=target)


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def read_input(
    source: str | Path,
    *,
    settings: Settings | None = None,
    comments: str | Path | None = None,
    kind: str | None = None,
    target: ThreadTarget | None = None,
) -> Document:
    """Read a path, a URL or ``-`` (stdin); optionally merge a separate comment export,
    taking from it the thread of the article read (its URL, else its title)."""
    settings = settings or load_settings()
    value = str(source)
    if value == "-":
        data = sys.stdin.buffer.read(settings.ingest.max_bytes + 1)
        document = read_bytes(data, origin="<stdin>", settings=settings, kind=kind, target=target)
    elif _is_url(value):
        from .fetch import fetch_url

        document = fetch_url(value, settings=settings, target=target)
    else:
        document = read_path(value, settings=settings, kind=kind, target=target)
    if comments is not None:
        extra = read_input(comments, settings=settings, target=ThreadTarget.for_document(document))
        document = combine(document, extra)
    return document


def combine(article: Document, export: Document) -> Document:
    """An article with the comments of a separate export. The export's comments win."""
    diagnostics = list(article.diagnostics) + list(export.diagnostics)
    if article.comments:
        diagnostics.append(
            Diagnostic(
                level="info",
                code="comments-replaced",
                message=f"{len(article.comments)} comments found on the page were replaced by "
                f"{len(export.comments)} from {export.origin}",
                stage="ingest",
            )
        )
    return dataclasses.replace(article, comments=export.comments, diagnostics=tuple(diagnostics))
