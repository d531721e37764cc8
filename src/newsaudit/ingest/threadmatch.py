"""Finding the article's own thread in a comment export of many.

``newsaudit analyze PAGE --comments EXPORT``: the export (a whole Disqus forum, a
WordPress site) usually holds many threads, and the right one is the thread whose link
is the article's URL. URLs are compared after normalising what differs between copies
of the same page: scheme, ``www.``, letter case of the host, default ports, a trailing
slash, tracking parameters and the fragment. Failing that, titles are compared after
normalising case, punctuation, quotes and a trailing `` | Site name``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from ..models import Document

__all__ = ["ThreadTarget", "normalise_url", "normalise_title", "printable", "titles_of"]

# Query parameters that say where a reader came from, not which page it is.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "__hs")
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid",
                       "_ga", "_gl", "ref_src", "ref_url", "cmpid", "ocid", "smid", "smtyp", "share", "at_medium",
                       "at_campaign", "ito", "cmp", "spm", "s_cid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
# a title's site suffix: "Headline | The Gazette", "Headline - The Gazette", "Headline — Gazette"
_SITE_SUFFIX = re.compile(r"\s+[|\-\u2013\u2014\u00b7]\s+[^|\-\u2013\u2014\u00b7]{1,60}$")


def normalise_url(url: str | None) -> str | None:
    """``host/path?query`` with the differences between copies of one page taken out; None if not http(s)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if port and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = re.sub(r"/+$", "", parts.path) or ""
    kept = sorted((key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
                  if not _is_tracking(key))
    query = f"?{urlencode(kept)}" if kept else ""
    return f"{host}{path}{query}"


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING or key.startswith(_TRACKING_PREFIXES)


def normalise_title(title: str | None, *, drop_site: bool = False) -> str:
    """Case, quotes, dashes, punctuation and spacing taken out; optionally a trailing site name."""
    if not title:
        return ""
    text = unicodedata.normalize("NFKC", title).strip()
    if drop_site:
        text = _SITE_SUFFIX.sub("", text)
    text = text.casefold()
    text = "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text)
    return " ".join(text.split())


def printable(text: str, *, limit: int = 80) -> str:
    """Export text fit for a one-line terminal message: no control or format characters, cut short."""
    clean = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)
    clean = " ".join(clean.split())
    return clean if len(clean) <= limit else clean[: limit - 1] + "\u2026"


@dataclass(frozen=True, kw_only=True)
class ThreadTarget:
    """What the article says about itself, to find its thread in an export."""

    urls: tuple[str, ...] = ()
    title: str = ""

    @classmethod
    def for_document(cls, document: Document) -> ThreadTarget:
        # the page's canonical URL (the readers put it in article.url), then the URL it was fetched from
        urls = [u for u in (document.article.url, document.origin) if u and normalise_url(u)]
        return cls(urls=tuple(dict.fromkeys(urls)), title=document.article.title or "")

    def url_keys(self) -> set[str]:
        return {key for key in map(normalise_url, self.urls) if key}

    def title_keys(self) -> set[str]:
        return {key for key in (normalise_title(self.title), normalise_title(self.title, drop_site=True)) if key}

    def describe(self) -> str:
        said = []
        if self.urls:
            said.append(f"URL ({printable(self.urls[0])})")
        if self.title:
            said.append(f"title ({printable(self.title)!r})")
        return " or ".join(said) if said else "URL or title (the page gave neither)"


def titles_of(title: str) -> Iterable[str]:
    """A thread title's keys, with and without a site suffix."""
    for key in (normalise_title(title), normalise_title(title, drop_site=True)):
        if key:
            yield key
