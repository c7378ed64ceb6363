"""A defensive HTTP client: checked addresses, robots.txt, redirects, retries, caps, deadlines.

Each request resolves the host once, checks the address (guard.py), and connects to that
very address with urllib3's connection class (no second lookup, no proxy from the
environment); the peer address is checked again after connect. A watchdog timer shuts the
socket at the response deadline, so a server trickling bytes cannot hold a worker.
"""

from __future__ import annotations

import email.utils
import http.client
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3.exceptions
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.response import BaseHTTPResponse

from generator.errors import ConnectionFailed, FetchDeferred, FetchError
from generator.fetch.body import check_media_type, inflater_for, looks_binary
from generator.fetch.gate import HostGate
from generator.fetch.guard import ALLOWED_SCHEMES, pick_address
from generator.fetch.robots import RobotsBook
from generator.fetch.sources import FetchSettings

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 502, 503, 504})
CHUNK = 16 * 1024
PRODUCT_TOKEN = "newsdigest"

# Errors that mean the connection broke (retried), as opposed to a refused response.
CONNECTION_ERRORS = (OSError, http.client.HTTPException, urllib3.exceptions.HTTPError)

# (URL, private origins) -> crawl delay; raises FetchError when the URL is refused.
Permit = Callable[[str, frozenset[tuple[str, int]]], float | None]


@dataclass(frozen=True)
class Response:
    """A finished response: final URL, status, lower-cased headers and the decoded body."""

    url: str
    status: int
    headers: Mapping[str, str]
    content: bytes = b""

    @property
    def content_type(self) -> str | None:
        """Return the Content-Type header, if any."""
        return self.headers.get("content-type")


@dataclass(frozen=True)
class Target:
    """Where one request goes and which private origins its source allows."""

    url: str
    private_origins: frozenset[tuple[str, int]]
    document: bool = True  # False for robots.txt: any type, no sniffing


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Return the wait a Retry-After header asks for (seconds or an HTTP date)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _host_header(host: str, port: int, scheme: str) -> str:
    """Return the Host header for a host and port."""
    shown = f"[{host}]" if ":" in host else host
    default = 443 if scheme == "https" else 80
    return shown if port == default else f"{shown}:{port}"


def _abort(connection: HTTPConnection, aborted: threading.Event) -> None:
    """Shut the connection's socket when the response deadline passes."""
    aborted.set()
    sock = connection.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            return  # already closed: the reader has finished or failed on its own


class SafeClient:
    """GET documents politely and defensively for one run."""

    def __init__(self, settings: FetchSettings, gate: HostGate) -> None:
        """Keep the settings, the per-host gate and this run's robots.txt answers."""
        self.settings = settings
        self.gate = gate
        self.robots = RobotsBook(self._fetch_robots, PRODUCT_TOKEN)

    def get(self, target: Target, validators: Mapping[str, str] | None = None) -> Response:
        """Return the 200 or 304 response for a URL, following at most max_redirects."""
        return self._follow(target, dict(validators or {}), self._robots_permit)

    def _robots_permit(self, url: str, private_origins: frozenset[tuple[str, int]]) -> float | None:
        """Refuse a URL robots.txt disallows; return the host's crawl delay."""
        robots = self.robots.rules_for(url, private_origins)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if not robots.allows(path):
            raise FetchError(f"{url}: disallowed by robots.txt")
        return robots.crawl_delay

    def _fetch_robots(
        self, url: str, private_origins: frozenset[tuple[str, int]]
    ) -> tuple[int, bytes]:
        """Fetch robots.txt itself: redirects followed, any status returned."""
        target = Target(url, private_origins, document=False)
        response = self._follow(target, {}, lambda _url, _origins: None, final=True)
        return response.status, response.content

    def _follow(
        self, target: Target, extra: dict[str, str], permit: Permit, final: bool = False
    ) -> Response:
        """Request the URL and each redirect, re-checking scheme, address and robots each hop."""
        url = target.url
        for _hop in range(self.settings.max_redirects + 1):
            if urlsplit(url).scheme not in ALLOWED_SCHEMES:
                raise FetchError(f"{url}: only http and https URLs are fetched")
            delay = max(self.settings.delay, permit(url, target.private_origins) or 0.0)
            response = self._retrying(
                Target(url, target.private_origins, target.document), extra, delay
            )
            if response.status in REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"{url}: redirect without Location")
                url, extra = urljoin(url, location.strip()), {}
                continue
            if response.status in (200, 304) or final:
                return response
            raise FetchError(f"{url}: HTTP {response.status}")
        raise FetchError(f"{target.url}: more than {self.settings.max_redirects} redirects")

    def _retrying(self, target: Target, extra: dict[str, str], delay: float) -> Response:
        """Send one request, retrying connection errors, 429, 502, 503 and 504 with backoff."""
        settings = self.settings
        for attempt in range(settings.retries + 1):
            backoff = settings.backoff * 2**attempt
            try:
                response = self._once(target, extra, delay)
            except ConnectionFailed as error:
                if attempt == settings.retries:
                    raise FetchError(f"{target.url}: {error}") from error
                self.gate.pause(backoff, f"retrying {target.url}")
                continue
            if response.status not in RETRY_STATUSES:
                return response
            wait = retry_after_seconds(response.headers.get("retry-after"), datetime.now(UTC))
            if wait is not None and wait > settings.retry_after_cap:
                raise FetchDeferred(
                    f"{target.url}: HTTP {response.status} with Retry-After "
                    f"{wait:.0f}s over the {settings.retry_after_cap:.0f}s cap"
                )
            if attempt == settings.retries:
                raise FetchError(
                    f"{target.url}: HTTP {response.status} after {settings.retries} retries"
                )
            self.gate.pause(max(wait or 0.0, backoff), f"retrying {target.url}")
        raise FetchError(f"{target.url}: no attempt made")  # only when retries < 0

    def _once(self, target: Target, extra: dict[str, str], delay: float) -> Response:
        """Resolve, check and connect to one address, then exchange one request."""
        parts = urlsplit(target.url)
        host = parts.hostname or ""
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise FetchError(f"{target.url}: bad port") from error
        ip = pick_address(host, port, target.private_origins)
        headers = {
            "Host": _host_header(host, port, parts.scheme),
            "User-Agent": self.settings.user_agent,
            "Accept-Encoding": "gzip, deflate, br",
            "Accept": "text/html, application/xhtml+xml, application/xml;q=0.9, "
            "application/feed+json, application/json;q=0.8, */*;q=0.1",
            **extra,
        }
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        with self.gate.turn(f"{host}:{port}", delay):
            connection = self._connect(parts.scheme, ip, port, host)
            return self._exchange(connection, target, path, headers)

    def _connect(self, scheme: str, ip: str, port: int, host: str) -> HTTPConnection:
        """Return an unopened connection pinned to the checked address."""
        timeout = self.settings.connect_timeout
        if scheme == "https":
            return HTTPSConnection(
                ip,
                port,
                timeout=timeout,
                server_hostname=host,
                assert_hostname=host,
                ca_certs=certifi.where(),
            )
        return HTTPConnection(ip, port, timeout=timeout)

    def _exchange(
        self, connection: HTTPConnection, target: Target, path: str, headers: dict[str, str]
    ) -> Response:
        """Send the request and read the answer before the response deadline."""
        deadline = min(time.monotonic() + self.settings.response_deadline, self.gate.run_deadline)
        aborted = threading.Event()
        watchdog = threading.Timer(
            max(0.0, deadline - time.monotonic()), _abort, (connection, aborted)
        )
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.connect()
            _check_peer(connection, target.url)
            if connection.sock is not None:
                connection.sock.settimeout(self.settings.read_timeout)
            connection.request(
                "GET", path, headers=headers, preload_content=False, decode_content=False
            )
            answer = connection.getresponse()
            fields = {k.lower(): v for k, v in answer.headers.items()}
            content = b""
            if answer.status == 200:
                content = self._body(answer, fields, target, deadline, aborted)
            return Response(target.url, answer.status, fields, content)
        except CONNECTION_ERRORS as error:
            if aborted.is_set():
                raise FetchError(f"{target.url}: response deadline exceeded") from error
            raise ConnectionFailed(f"{type(error).__name__}: {error}") from error
        finally:
            watchdog.cancel()
            connection.close()

    def _body(
        self,
        answer: BaseHTTPResponse,
        fields: Mapping[str, str],
        target: Target,
        deadline: float,
        aborted: threading.Event,
    ) -> bytes:
        """Read the body, decompressing as it comes, within the size cap and the deadline."""
        if target.document:
            check_media_type(fields.get("content-type"))
        inflater = inflater_for(fields.get("content-encoding"))
        cap = self.settings.max_bytes
        body = bytearray()
        while True:
            if aborted.is_set() or time.monotonic() > deadline:
                raise FetchError(f"{target.url}: response deadline exceeded")
            chunk = answer.read1(CHUNK, decode_content=False)
            if not chunk:
                break
            body += inflater.feed(chunk, cap - len(body) + 1)
            if len(body) > cap:
                raise FetchError(f"{target.url}: body larger than {cap} bytes (decompressed)")
        if aborted.is_set():
            raise FetchError(f"{target.url}: response deadline exceeded")
        if target.document and looks_binary(bytes(body[:1024])):
            raise FetchError(f"{target.url}: binary content is not a document")
        return bytes(body)


def _check_peer(connection: HTTPConnection, url: str) -> None:
    """Refuse to send anything unless the socket is connected to the address we checked."""
    sock = connection.sock
    if sock is None:
        raise ConnectionFailed(f"{url}: not connected")
    peer = ipaddress.ip_address(str(sock.getpeername()[0]).split("%")[0])
    if peer != ipaddress.ip_address(connection.host.strip("[]")):
        raise FetchError(f"{url}: connected to {peer}, not the checked address")
