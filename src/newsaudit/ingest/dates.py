"""Publication dates given by users or pages, normalised to ISO."""

from __future__ import annotations

from datetime import date, datetime

from ..errors import InputError


def parse_published(value: str, *, source: str | None = None) -> str:
    """``YYYY-MM-DD`` (or a full ISO datetime) to ``YYYY-MM-DD``; anything else is an error."""
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise InputError(f"not a date: {value!r} (use YYYY-MM-DD)", source=source) from None
