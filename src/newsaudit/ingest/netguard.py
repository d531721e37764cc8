"""Which addresses a fetch may connect to, enforced at the moment of connecting.

Checking a URL's host and then letting the HTTP client resolve it again leaves a gap:
a DNS server that answers with a public address the first time and 127.0.0.1 the
second (rebinding) gets the request through. So the guarded transport resolves the
name itself, refuses it when ANY answer is not allowed, and connects to the very
addresses it checked. The URL keeps its host name, so the ``Host`` header and the TLS
server name (SNI, certificate check) are still the name's, not the address's.

With the guard on, proxies from the environment are not used: a proxy would resolve
the name itself, out of the guard's sight.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

import httpcore
import httpx

from ..errors import BlockedURL, ConfigError, FetchError
from ..settings import Settings

log = logging.getLogger(__name__)

__all__ = ["AddressPolicy", "check_public_url", "guarded_transport", "host_and_port"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_HINT = "set ingest.allow_private_urls to fetch from your own network"


def host_and_port(url: str) -> tuple[str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"not a valid URL ({exc})", source=url) from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or 'no scheme'}", source=url)
    if not parts.hostname:
        raise FetchError("the URL has no host", source=url)
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def resolve(host: str, port: int, *, source: str | None) -> list[IPAddress]:
    """Every address ``host`` resolves to (an IP literal is its own answer)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc})", source=source) from None
    found: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])  # drop an IPv6 zone index
        if address not in found:
            found.append(address)
    if not found:
        raise FetchError(f"cannot resolve host {host!r} (no addresses)", source=source)
    return found


def _kind(ip: IPAddress) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address carried inside IPv6 (mapped, or 6to4's 2002::/16, which Python 3.11 calls
        # global) is judged as that IPv4 address; fec0::/10 is deprecated but still routed locally.
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is not None:
            return _kind(inner)
        if ip.is_site_local:
            return "site-local"
    # most specific first: 169.254/16 and 0.0.0.0 are also "private" to ipaddress
    for label, flag in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                        ("multicast", ip.is_multicast), ("unspecified", ip.is_unspecified),
                        ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if flag:
            return label
    if not ip.is_global:  # shared address space (100.64/10) and other non-routable blocks
        return "non-public"
    return None


def _networks(values: object) -> tuple[IPNetwork, ...]:
    if not isinstance(values, (list, tuple)):
        raise ConfigError(f"ingest.allowed_networks must be a list of networks such as \"10.1.0.0/16\", not {values!r}")
    networks = []
    for value in values:
        try:
            if not isinstance(value, str):  # ip_network(7) would read as 0.0.0.7
                raise TypeError(value)
            networks.append(ipaddress.ip_network(value, strict=False))
        except (TypeError, ValueError):
            raise ConfigError(f"ingest.allowed_networks: {value!r} is not an IP network such as \"10.1.0.0/16\"") from None
    return tuple(networks)


class AddressPolicy:
    """Public addresses pass; others only with ``allow_private_urls`` or inside ``allowed_networks``."""

    def __init__(self, settings: Settings) -> None:
        self.allow_all = bool(settings.ingest.allow_private_urls)
        self.networks = _networks(settings.ingest.allowed_networks)

    def refusal(self, ip: IPAddress) -> str | None:
        """Why ``ip`` may not be connected to, or None."""
        if self.allow_all:
            return None
        kind = _kind(ip)
        if kind is None:
            return None
        plain = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped else ip
        if any(plain.version == net.version and plain in net for net in self.networks):
            return None
        return kind

    def addresses(self, host: str, port: int, *, source: str | None) -> list[IPAddress]:
        """Resolve ``host`` once; every answer must pass, else the whole name is refused."""
        found = resolve(host, port, source=source)
        for ip in found:
            kind = self.refusal(ip)
            if kind:
                raise BlockedURL(f"refused: {host} resolves to {ip}, a {kind} address ({_HINT})", source=source)
        return found


def check_public_url(url: str, *, settings: Settings) -> None:
    """Refuse a URL whose host resolves to an address that is not public, unless allowed.

    An early check with a clear message; the guarded transport checks again at connect time.
    """
    host, port = host_and_port(url)
    policy = AddressPolicy(settings)
    if not policy.allow_all:
        policy.addresses(host, port, source=url)


class _GuardedBackend(httpcore.NetworkBackend):
    """httpcore's own socket backend, handed only addresses the policy has checked."""

    def __init__(self, policy: AddressPolicy) -> None:
        self._policy = policy
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        # source=None: the fetcher adds the URL, which this layer does not see
        addresses = self._policy.addresses(host, port, source=None)
        failure: Exception | None = None
        for ip in addresses:
            try:
                stream = self._inner.connect_tcp(str(ip), port, timeout=timeout, local_address=local_address,
                                                 socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            peer = stream.get_extra_info("server_addr")
            if peer and ipaddress.ip_address(peer[0].split("%", 1)[0]) != ip:  # belt and braces
                stream.close()
                raise BlockedURL(f"refused: connected to {peer[0]}, not the checked address {ip}")
            log.debug("connected to %s (%s) port %d", host, ip, port)
            return stream
        raise failure or httpcore.ConnectError(f"no address to connect to for {host}")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        raise BlockedURL("refused: Unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def guarded_transport(settings: Settings) -> httpx.HTTPTransport:
    """An httpx transport that connects only to addresses the settings allow."""
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx 0.28 (pinned) has no public hook for the network backend: rebuild its pool with ours
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        network_backend=_GuardedBackend(AddressPolicy(settings)),
    )
    return transport
