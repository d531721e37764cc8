"""Reader stub for disqus input; implemented under the foundation issue."""

from __future__ import annotations

from ..errors import UnsupportedFormat
from ..models import Document
from ..settings import Settings


def read(text: str, *, origin: str, settings: Settings) -> Document:
    raise UnsupportedFormat("the disqus reader is not implemented yet", source=origin)
