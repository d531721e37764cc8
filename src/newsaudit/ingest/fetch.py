"""Fetching a URL: httpx with timeouts, a redirect limit, a size cap and a content-type check.

Redirects are followed by hand so that every hop passes :func:`check_public_url`
first. The guard refuses hosts that resolve to loopback, private, link-local,
multicast or reserved addresses unless ``ingest.allow_private_urls`` is set (or the
address is in ``ingest.allowed_networks``): a server (the web app) must not be turned
into a probe of its own network. The CLI sets the flag, since a local user can reach
their own intranet anyway.

The early check alone would not do: httpx would resolve the name again to connect, and
a DNS server answering differently the second time (rebinding) would slip through. So
the client's transport (:mod:`.netguard`) resolves, checks and connects to the checked
address itself, on every hop.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import time
import zlib
from collections.abc import Iterator

import httpx

from ..errors import BlockedURL, FetchError
from ..models import Diagnostic, Document
from ..settings import Settings
from .netguard import check_public_url, guarded_transport
from .threadmatch import ThreadTarget

log = logging.getLogger(__name__)

__all__ = ["fetch_url", "check_public_url", "ACCEPTED_TYPES"]

ACCEPTED_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "text/plain", "application/json", "text/json",
    "application/xml", "text/xml", "application/rss+xml",
})
_REDIRECTS = {301, 302, 303, 307, 308}
_ACCEPT = "text/html,application/xhtml+xml,application/json;q=0.9,application/xml;q=0.9,text/plain;q=0.8"


def _media_type(response: httpx.Response) -> tuple[str, str | None]:
    header = response.headers.get("content-type", "")
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ")
    return media.strip().lower(), charset


def _check_type(media: str, url: str) -> None:
    if not media or media in ACCEPTED_TYPES or media.endswith(("+xml", "+json")):
        return
    raise FetchError(f"serves {media}, not a web page, text or comment export", source=url)


class _Unpacker:
    """Undoes a response's Content-Encoding (gzip or deflate) a bounded piece at a time.

    httpx's own decoder unpacks each network chunk whole before the byte cap is looked at, so a
    small compressed chunk could take a thousand times its size in memory; here no call returns
    more than the room left under the cap plus one byte.
    """

    def __init__(self, encoding: str, url: str) -> None:
        name = encoding.strip().lower()
        self._url = url
        self._deflate = name == "deflate"
        if name in ("", "identity"):
            self._z = None
        elif name in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif name == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise FetchError(f"served with content encoding {name!r}, which newsaudit cannot unpack", source=url)
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        """The bytes ``data`` unpacks to, stopping once there are more than ``room``."""
        if self._z is None:
            return data
        try:
            if self._deflate and not self._started and data:
                self._started = True
                if data[0] & 0x0F != 8:  # no zlib header: a raw deflate stream, as some servers send
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._z.decompress(data, room + 1)
            while self._z.unconsumed_tail and len(out) <= room:
                out += self._z.decompress(self._z.unconsumed_tail, room + 1 - len(out))
        except zlib.error as exc:
            raise FetchError(f"cannot unpack the response ({exc})", source=self._url) from None
        return out


def _read_capped(response: httpx.Response, *, url: str, cap: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FetchError(f"response is {int(declared):,} bytes, over the {cap:,}-byte cap (set ingest.max_bytes)",
                         source=url)
    unpacker = _Unpacker(response.headers.get("content-encoding", ""), url)
    chunks: list[bytes] = []
    size = 0
    for raw in response.iter_raw():
        chunk = unpacker.feed(raw, cap - size)
        size += len(chunk)
        if size > cap:
            raise FetchError(f"response is over the {cap:,}-byte cap (set ingest.max_bytes)", source=url)
        if time.monotonic() > deadline:
            raise FetchError("timed out while reading the response", source=url)
        chunks.append(chunk)
    return b"".join(chunks)


def _transcode(data: bytes, charset: str | None) -> bytes:
    """Honour the header's charset: the decoder only sees the bytes, so hand it UTF-8."""
    if not charset:
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return data  # let the decoder look for a declaration or guess


@contextlib.contextmanager
def _stream(client: httpx.Client, url: str) -> Iterator[httpx.Response]:
    try:
        with client.stream("GET", url) as response:
            yield response
    except BlockedURL as exc:
        if exc.source:
            raise
        # refused at connect time, where only the host is known: name the URL, as the early check does
        raise BlockedURL(str(exc), source=url) from None


def _download(url: str, *, settings: Settings) -> tuple[bytes, str, str | None, int]:
    """(body, final URL, header charset, redirects followed)."""
    timeout = settings.ingest.fetch_timeout
    deadline = time.monotonic() + timeout
    # only the encodings _Unpacker reads; httpx would otherwise offer br and zstd when installed
    headers = {"User-Agent": settings.ingest.user_agent, "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"}
    current = url
    options: dict = {"timeout": httpx.Timeout(timeout), "follow_redirects": False, "headers": headers}
    if not settings.ingest.allow_private_urls:
        options["transport"] = guarded_transport(settings)
    with httpx.Client(**options) as client:
        for hop in range(settings.ingest.max_redirects + 1):
            check_public_url(current, settings=settings)
            with _stream(client, current) as response:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {response.status_code} redirect without a Location", source=url)
                    current = str(response.url.join(location))
                    log.debug("redirect %d: %s", hop + 1, current)
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip(), source=url)
                media, charset = _media_type(response)
                _check_type(media, url)
                data = _read_capped(response, url=url, cap=settings.ingest.max_bytes, deadline=deadline)
                return data, str(response.url), charset, hop
    raise FetchError(f"more than {settings.ingest.max_redirects} redirects (set ingest.max_redirects)", source=url)


def fetch_url(url: str, *, settings: Settings, target: ThreadTarget | None = None) -> Document:
    """Fetch ``url`` and read it with the reader its content calls for (``target``: see ``read_bytes``)."""
    from . import read_bytes  # late: the package imports this module lazily too

    try:
        data, final, charset, hops = _download(url, settings=settings)
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {settings.ingest.fetch_timeout:g} s", source=url) from None
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect ({_reason(exc)})", source=url) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(f"not a fetchable URL ({exc})", source=url) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"fetch failed ({_reason(exc)})", source=url) from None
    document = read_bytes(_transcode(data, charset), origin=url, settings=settings, target=target)
    article = document.article
    if not article.url:
        article = dataclasses.replace(article, url=final)
    notes = list(document.diagnostics)
    if hops:
        notes.append(Diagnostic(level="info", code="fetch-redirected", stage="ingest",
                                message=f"followed {hops} redirect{'s' if hops > 1 else ''} to {final}"))
    return dataclasses.replace(document, article=article, diagnostics=tuple(notes), origin=url)


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
