"""Word lists shipped as package data: ``lexicons/<lang>/<name>.txt``.

One entry a line; ``#`` starts a comment (a whole line or the rest of one);
blank lines are skipped. Entries keep their case as written: callers decide
whether to lower-case. Loading is cached, so stages can call these per document.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..errors import NewsauditError

__all__ = ["load_lexicon", "load_lexicon_set", "lexicon_path"]


def lexicon_path(name: str, lang: str = "en"):
    """The packaged file for lexicon ``name`` (without ``.txt``)."""
    return resources.files(__package__).joinpath(lang, f"{name}.txt")


@lru_cache(maxsize=None)
def load_lexicon(name: str, lang: str = "en") -> tuple[str, ...]:
    """The entries of a lexicon, in file order, without comments or duplicates.

    Returns a tuple (immutable, so the cached value cannot be changed by a caller).
    Raises :class:`NewsauditError` when no such lexicon is packaged.
    """
    path = lexicon_path(name, lang)
    try:
        raw = path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise NewsauditError(
            f"lexicon {lang}/{name}.txt not found in the newsaudit package; "
            "check the name or reinstall the package"
        ) from exc
    seen: dict[str, None] = {}
    for line in raw.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            seen.setdefault(entry, None)
    return tuple(seen)


@lru_cache(maxsize=None)
def load_lexicon_set(name: str, lang: str = "en", *, lower: bool = True) -> frozenset[str]:
    """The entries as a frozenset, lower-cased by default, for fast membership tests."""
    entries = load_lexicon(name, lang)
    return frozenset(e.lower() for e in entries) if lower else frozenset(entries)
