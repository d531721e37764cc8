"""Fetching a URL (stub)."""

from __future__ import annotations

from ..errors import FetchError
from ..models import Document
from ..settings import Settings


def fetch_url(url: str, *, settings: Settings) -> Document:
    raise FetchError("URL fetching is not implemented yet", source=url)
