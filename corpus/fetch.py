"""Fetch a web page or a feed over HTTP, refusing what must not be fetched.

A URL typed by an admin, or found in a feed, is fetched by the server that runs whosaid, so it
must not reach what only that server can reach (server-side request forgery): a private
network, the machine itself, a cloud's metadata service. So every connection is checked where
it is made: the host's name is resolved, *every* address it resolves to must be a public one
(``ipaddress``'s ``is_global``), and the connection goes to the address that was checked, not
to a second lookup the name's owner could answer differently. Redirects are followed by hand,
at most ``MAX_REDIRECTS``, each new URL checked the same way. ``WHOSAID_FETCH_ALLOWED_HOSTS``
names hosts (``host`` or ``host:port``) that may be private, e.g. an intranet news server.

Beyond that: http and https only, a connect/read timeout and a deadline for the whole body,
a size cap (the article file limit) enforced while reading, and the content type checked.

Errors (one line each, fit to show)::

    FetchError          base (a CorpusError)
    ├── FetchRefused    the URL is not one whosaid fetches (scheme, private address); says
    │                   which setting allows it where one does
    └── FetchFailed     unreachable, timed out, an HTTP error, not the expected type, too large
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from corpus.errors import CorpusError
from corpus.settings import CorpusSettings

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml", "application/atom+xml", "application/rdf+xml",
        "application/feed+json", "application/xml", "text/xml", "application/x-rss+xml",
        # Many servers send feeds as plain text or an unlabelled byte stream.
        "text/plain", "application/octet-stream",
    }
)  # fmt: skip
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_USER_AGENT = "whosaid/0.1 (news quote index; +https://github.com/)"
_ALLOW_SETTING = "WHOSAID_FETCH_ALLOWED_HOSTS"

Resolver = Callable[[str, int], list[str]]


class FetchError(CorpusError):
    """A URL that could not be fetched; ``str()`` is one line naming it and the reason."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


class FetchRefused(FetchError):
    """The URL is not one whosaid may fetch (scheme, or an address that is not public)."""


class FetchFailed(FetchError):
    """The URL was allowed but did not give a usable answer."""


class NotModified(Exception):
    """The server says the resource is unchanged since the validators sent (HTTP 304)."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a fetch brought back: the final URL, the body and its validators."""

    url: str  # the URL the body came from, after redirects
    content: bytes
    content_type: str
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None


def system_resolver(host: str, port: int) -> list[str]:
    """Return every address a host name resolves to (the system's resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Which hosts may be fetched, and how: the guard every connection passes.

    Args:
        allowed_hosts: ``host`` or ``host:port`` entries that may resolve to private
            addresses (lower case). Everything else must resolve to public addresses only.
        timeout: Seconds to connect, and between two reads.
        deadline: Seconds for a whole response, body included (a slow drip ends too).
        max_bytes: The largest body read.
        resolver: Name resolution (the system's; tests pass their own).
    """

    allowed_hosts: frozenset[str] = frozenset()
    timeout: float = 10.0
    deadline: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    resolver: Resolver = field(default=system_resolver)

    def allows_private(self, host: str, port: int) -> bool:
        """Return whether a host is named by the allowlist (with or without its port)."""
        host = host.lower().strip("[]")
        return host in self.allowed_hosts or f"{host}:{port}" in self.allowed_hosts

    def address(self, url: str, host: str, port: int) -> str:
        """Resolve a host and return the address to connect to, once every one is checked.

        Raises:
            FetchRefused: An address is not public and the host is not allowed.
            FetchFailed: The name does not resolve.
        """
        try:
            addresses = self.resolver(host.strip("[]"), port)
        except (OSError, UnicodeError) as exc:
            raise FetchFailed(url, f"cannot resolve {host} ({_reason(exc)})") from None
        if not addresses:
            raise FetchFailed(url, f"cannot resolve {host}")
        if self.allows_private(host, port):
            return addresses[0]
        for address in addresses:
            kind = _not_public(address)
            if kind is not None:
                named = host if host.strip("[]") == address else f"{host} is {address},"
                raise FetchRefused(
                    url,
                    f"refused: {named} a {kind} address; set "
                    f"{_ALLOW_SETTING}={host} (or {host}:{port}) to allow it",
                )
        return addresses[0]


def policy_of(settings: CorpusSettings) -> FetchPolicy:
    """Return the fetch policy the settings describe (the body cap is the file limit)."""
    return FetchPolicy(
        allowed_hosts=parse_allowed_hosts(settings.fetch_allowed_hosts),
        timeout=settings.fetch_timeout,
        deadline=settings.fetch_timeout * 6,
        # The page is saved with a line of provenance in front: both fit the file limit.
        max_bytes=max(settings.max_file_bytes - 4096, 1),
    )


def parse_allowed_hosts(value: str | Iterable[str] | None) -> frozenset[str]:
    """Read ``WHOSAID_FETCH_ALLOWED_HOSTS``: comma-separated ``host`` or ``host:port``."""
    parts = value.split(",") if isinstance(value, str) else list(value or [])
    return frozenset(part.strip().lower() for part in parts if part.strip())


def _not_public(address: str) -> str | None:
    """Name the kind of a non-public address ("loopback", "private"…), or None if public."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return "unreadable"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    for kind, test in (
        ("loopback", ip.is_loopback),
        ("link-local (cloud metadata)", ip.is_link_local),
        ("private", ip.is_private),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
    ):
        if test:
            return kind
    return None if ip.is_global else "non-public"


class _GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses the policy checked.

    The check sits where the connection is made, so a name that resolves to a public address
    for a first lookup and a private one for the next (DNS rebinding) cannot slip through.
    """

    def __init__(self, policy: FetchPolicy) -> None:
        self._policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = self._policy.address(f"{host}:{port}", host, port)
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle takes tens of milliseconds: once per process, not per page.
    return httpx.create_ssl_context(trust_env=False)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over the guarded backend; no proxy from the environment."""

    def __init__(self, policy: FetchPolicy) -> None:
        super().__init__(verify=_ssl_context(), trust_env=False, retries=0)
        # httpx builds its pool without a way to pass a backend; the same pool with ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=_ssl_context(),
            max_connections=4,
            max_keepalive_connections=4,
            network_backend=_GuardedBackend(policy),
        )


class Fetcher:
    """Fetches URLs under one policy, over one connection pool; use it as a context manager.

    Args:
        policy: Which hosts may be reached, timeouts and the size cap.
        transport: Replaces the guarded transport (tests only).
    """

    def __init__(self, policy: FetchPolicy, *, transport: httpx.BaseTransport | None = None):
        self.policy = policy
        self._client = httpx.Client(
            transport=transport or GuardedTransport(policy),
            timeout=httpx.Timeout(policy.timeout),
            follow_redirects=False,
            trust_env=False,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def get(
        self,
        url: str,
        *,
        accept: Collection[str] = HTML_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """Fetch a URL, following at most ``MAX_REDIRECTS`` redirects, each one checked.

        Args:
            url: An http or https URL.
            accept: The content types wanted; anything else fails.
            etag, last_modified: Validators of a copy already held (conditional request).

        Raises:
            NotModified: The validators still hold (304).
            FetchRefused: The URL or a redirect is not one whosaid fetches.
            FetchFailed: Unreachable, timed out, an HTTP error, an unwanted type, too large.
        """
        accepted = ", ".join(sorted(accept)) + ", */*;q=0.1"
        headers = {"User-Agent": _USER_AGENT, "Accept": accepted}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            target = _checked(current, self.policy, original=url)
            response = _get(self._client, target, headers, self.policy)
            if isinstance(response, str):
                current = response
                continue
            return _result(url, target, response, accept)
        raise FetchFailed(url, f"more than {MAX_REDIRECTS} redirects")


def fetch(
    url: str,
    *,
    policy: FetchPolicy,
    accept: Collection[str] = HTML_TYPES,
    etag: str | None = None,
    last_modified: str | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """Fetch one URL (see :meth:`Fetcher.get`)."""
    with Fetcher(policy, transport=transport) as fetcher:
        return fetcher.get(url, accept=accept, etag=etag, last_modified=last_modified)


@dataclass(frozen=True, slots=True)
class _Response:
    status: int
    headers: httpx.Headers
    body: bytes


def _checked(url: str, policy: FetchPolicy, *, original: str) -> str:
    """Refuse a URL whosaid never fetches; resolve and check its host before any request."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        shown = parts.scheme or "no scheme"
        raise FetchRefused(original, f"refused: only http and https URLs are fetched ({shown})")
    if not parts.hostname:
        raise FetchRefused(original, "refused: the URL names no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchRefused(original, "refused: the URL's port is not a number") from None
    try:
        policy.address(original, parts.hostname, port)
    except FetchRefused as exc:
        where = "" if url == original else f" (redirected to {url})"
        raise FetchRefused(original, exc.reason + where) from None
    return url


def _get(
    client: httpx.Client, url: str, headers: dict[str, str], policy: FetchPolicy
) -> _Response | str:
    """Send one GET; return the response read within the limits, or a redirect's target."""
    started = time.monotonic()
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code in _REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise FetchFailed(url, f"a redirect ({response.status_code}) with no target")
                return str(urljoin(url, location.strip()))
            if response.status_code == 304:
                raise NotModified
            if response.status_code >= 400:
                raise FetchFailed(url, f"the server answered {response.status_code}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > policy.max_bytes:
                raise FetchFailed(url, _too_large(int(declared), policy.max_bytes))
            body = bytearray()
            for piece in response.iter_bytes():
                body += piece
                if len(body) > policy.max_bytes:
                    raise FetchFailed(url, _too_large(None, policy.max_bytes))
                if time.monotonic() - started > policy.deadline:
                    raise FetchFailed(url, f"timed out after {policy.deadline:g} s")
            return _Response(response.status_code, response.headers, bytes(body))
    except FetchError as exc:  # the guard refused at connection time, or a check above
        raise type(exc)(url, exc.reason) from None
    except httpx.TimeoutException:
        raise FetchFailed(url, f"timed out after {policy.timeout:g} s") from None
    except httpx.TransportError as exc:
        raise FetchFailed(url, f"unreachable ({_reason(exc)})") from None


def _result(original: str, url: str, response: _Response, accept: Collection[str]) -> Fetched:
    content_type, charset = _content_type(response.headers.get("content-type", ""))
    if content_type and content_type not in accept:
        raise FetchFailed(original, f"not a page whosaid reads ({content_type})")
    if not response.body.strip():
        raise FetchFailed(original, "the server sent an empty body")
    return Fetched(
        url=url,
        content=response.body,
        content_type=content_type,
        charset=charset,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _content_type(header: str) -> tuple[str, str | None]:
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return kind.strip().lower(), charset


def _too_large(size: int | None, limit: int) -> str:
    shown = f"{size:,} bytes" if size is not None else "larger than that"
    return f"too large ({shown}; the limit is {limit:,} bytes, WHOSAID_MAX_FILE_MB)"


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"
