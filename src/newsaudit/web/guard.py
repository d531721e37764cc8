"""One ASGI middleware for the app's perimeter: allowed Host names, the request size cap,
and security headers.

When the server listens on loopback, requests must name a loopback host: a web page
elsewhere cannot then reach the app through a rebinding DNS name (the browser would
send that name as Host). Every response gets a Content-Security-Policy that allows
only the app's own scripts and styles, so even a missed escape could not run code.
"""

from __future__ import annotations

from typing import Callable
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# "testserver" is the Host of Starlette's test client; no DNS name can produce it.
LOCAL_NAMES = LOOPBACK | {"testserver"}

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def host_name(header: str) -> str:
    """The host of a Host header, without port or IPv6 brackets, lower case."""
    try:
        return (urlsplit("//" + header).hostname or "").lower()
    except ValueError:
        return ""


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` once a body streams past the cap; the app's handler renders it."""

    def __init__(self) -> None:
        super().__init__(status_code=413, detail="request body too large")


class Guard:
    def __init__(self, app: ASGIApp, *, host: str = "127.0.0.1", max_body: int | None = None,
                 too_large: Callable[[Request], Response] | None = None) -> None:
        self.app = app
        self.check_host = host_name(host) in LOOPBACK or host in LOOPBACK
        self.max_body = max_body
        self.too_large = too_large or (lambda request: PlainTextResponse("request body too large", 413))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.check_host:
            header = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if host_name(header) not in LOCAL_NAMES:
                response = PlainTextResponse("invalid Host header: this server answers only to localhost", 400)
                await response(scope, receive, send)
                return

        if self.max_body is not None:
            length = dict(scope.get("headers") or []).get(b"content-length", b"")
            if length.isdigit() and int(length) > self.max_body:
                # Refused before a byte of the body is read; the declared size is enough.
                await self._send(self.too_large(Request(scope)), scope, receive, send)
                return
            receive = self._limited(receive)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "content-security-policy" not in headers:
                    headers["Content-Security-Policy"] = CSP
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _limited(self, receive: Receive) -> Receive:
        """``receive`` that counts body bytes (chunked uploads declare no length) and stops at the cap."""
        seen = 0
        cap = self.max_body or 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise BodyTooLarge()
            return message

        return limited

    async def _send(self, response: Response, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CSP)
                headers["Connection"] = "close"  # the unread body must not be taken for the next request
            await send(message)

        await response(scope, receive, with_headers)
