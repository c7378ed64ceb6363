"""Hostile and impolite servers on 127.0.0.1: each case is refused or bounded, store untouched."""

from __future__ import annotations

import gzip
import itertools
import time
import tracemalloc
from pathlib import Path

import brotli
import pytest
from fetchserver import FetchServer, Reply
from test_fetch_run import PAGE, Store, fetch, settings

from generator.fetch.run import run_fetch
from generator.fetch.sources import parse_sources

BOMB_SIZE = 30_000_000  # decompressed; the tests' cap is 1 MB


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    spaces = b" " * BOMB_SIZE
    return {"gzip": gzip.compress(spaces, 9), "br": brotli.compress(spaces, quality=5)}


def html(body: bytes, *headers: tuple[str, str]) -> Reply:
    return Reply(body=body, headers=(("Content-Type", "text/html"), *headers))


def redirect(location: str) -> Reply:
    return Reply(302, b"", headers=(("Location", location),))


def one_url(
    server: FetchServer, store: Store, tmp_path: Path, path: str = "/article", **overrides: float
) -> tuple[str, float]:
    """Fetch one article URL; return the failure reason ('' when stored) and seconds taken."""
    report, seconds = fetch(
        server, [{"name": "S", "urls": [server.url(path)]}], store, tmp_path, **overrides
    )
    failures = report.source("S").failures
    return (failures[0].reason if failures else report.source("S").error or ""), seconds


@pytest.mark.parametrize(
    "case,expected",
    [
        ("trickle", "response deadline exceeded"),
        ("oversized", "larger than 1000000 bytes"),
        ("gzip", "larger than 1000000 bytes"),
        ("br", "larger than 1000000 bytes"),
        ("loop", "more than 5 redirects"),
        ("file", "only http and https"),
        ("binary", "binary content"),
        ("pdf", "content type application/pdf"),
        ("image", "content type image/png"),
        ("robots-disallowed", "disallowed by robots.txt"),
        ("redirect-to-disallowed", "disallowed by robots.txt"),
        ("server-error", "HTTP 500"),
        ("not-found", "HTTP 404"),
    ],
)
def test_hostile_responses_are_refused_within_bounds(
    server: FetchServer, tmp_path: Path, bombs: dict[str, bytes], case: str, expected: str
) -> None:
    replies = {
        "trickle": Reply(body=b"<html>" + b"x" * 40, trickle=0.5),
        "oversized": html(b"<p>" + b"a" * 1_500_000),
        "gzip": html(bombs["gzip"], ("Content-Encoding", "gzip")),
        "br": html(bombs["br"], ("Content-Encoding", "br")),
        "loop": redirect("/article"),
        "file": redirect("file:///etc/passwd"),
        "binary": html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64),
        "pdf": Reply(body=b"%PDF-1.4 fake", headers=(("Content-Type", "application/pdf"),)),
        "image": Reply(body=b"GIF89a", headers=(("Content-Type", "image/png"),)),
        "robots-disallowed": PAGE,
        "redirect-to-disallowed": redirect("/private/page"),
        "server-error": Reply(500, b"broken"),
        "not-found": Reply(404, b"gone"),
    }
    server.routes["/article"] = replies[case]
    server.routes["/private/page"] = PAGE
    robots = b"User-agent: *\nDisallow: /private/\n"
    if case == "robots-disallowed":
        robots += b"User-agent: newsdigest\nDisallow: /article\n"
    server.routes["/robots.txt"] = Reply(body=robots, headers=(("Content-Type", "text/plain"),))
    store = Store()
    reason, seconds = one_url(server, store, tmp_path)
    assert expected in reason
    assert seconds < 6 and store.items == {}
    assert "/private/page" not in server.paths()
    if case == "robots-disallowed":
        assert "/article" not in server.paths()


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_bombs_are_never_decompressed_past_the_cap(
    server: FetchServer, tmp_path: Path, bombs: dict[str, bytes], coding: str
) -> None:
    server.routes["/article"] = html(bombs[coding], ("Content-Encoding", coding))
    tracemalloc.start()
    try:
        reason, _ = one_url(server, Store(), tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "larger than 1000000 bytes" in reason
    assert peak < 8_000_000  # the 30 MB body was never held, only about the 1 MB cap


def test_server_errors_are_not_retried(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/article"] = Reply(500, b"broken")
    one_url(server, Store(), tmp_path)
    assert server.paths().count("/article") == 1


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_retryable_statuses_then_success(server: FetchServer, tmp_path: Path, status: int) -> None:
    answers = iter([Reply(status, b"busy"), Reply(status, b"busy"), PAGE])
    server.routes["/article"] = lambda _seen: next(answers)
    store = Store()
    reason, seconds = one_url(server, store, tmp_path)
    assert reason == "" and list(store.items) == [server.url("/article")]
    assert server.paths().count("/article") == 3 and seconds < 6


def test_retries_are_bounded(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/article"] = Reply(503, b"busy")
    reason, _ = one_url(server, Store(), tmp_path)
    assert "HTTP 503 after 2 retries" in reason
    assert server.paths().count("/article") == 3


def test_small_retry_after_is_honoured(server: FetchServer, tmp_path: Path) -> None:
    answers = iter([Reply(429, b"", headers=(("Retry-After", "1"),)), PAGE])
    server.routes["/article"] = lambda _seen: next(answers)
    store = Store()
    reason, _ = one_url(server, store, tmp_path, backoff=0.001)
    hits = [seen.at for seen in server.log if seen.path == "/article"]
    assert reason == "" and len(hits) == 2 and hits[1] - hits[0] >= 0.95


def test_large_retry_after_defers_the_source(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/article"] = Reply(429, b"", headers=(("Retry-After", "3600"),))
    store = Store()
    report, seconds = fetch(
        server, [{"name": "S", "urls": [server.url("/article")]}], store, tmp_path
    )
    source = report.source("S")
    assert source.deferred is not None and "Retry-After 3600s" in source.deferred
    assert report.exit_status == 0 and seconds < 6 and store.items == {}
    assert server.paths().count("/article") == 1


@pytest.mark.parametrize(
    "robots,expected",
    [
        (Reply(500, b"down"), "robots.txt of"),
        (Reply(503, b"down"), "robots.txt of"),
    ],
)
def test_unreachable_robots_skips_the_host(
    server: FetchServer, tmp_path: Path, robots: Reply, expected: str
) -> None:
    server.routes["/robots.txt"] = robots
    server.routes["/article"] = PAGE
    store = Store()
    reason, _ = one_url(server, store, tmp_path)
    assert expected in reason and "skipped" in reason
    assert "/article" not in server.paths() and store.items == {}


def test_missing_robots_allows_everything(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/article"] = PAGE
    store = Store()
    reason, _ = one_url(server, store, tmp_path)
    assert reason == "" and server.paths() == ["/robots.txt", "/article"]


def test_crawl_delay_spaces_requests(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/robots.txt"] = Reply(
        body=b"User-agent: *\nCrawl-delay: 0.5\n", headers=(("Content-Type", "text/plain"),)
    )
    for path in ("/a", "/b", "/c"):
        server.routes[path] = PAGE
    store = Store()
    fetch(
        server,
        [{"name": "S", "urls": [server.url(p) for p in ("/a", "/b", "/c")]}],
        store,
        tmp_path,
    )
    times = [seen.at for seen in server.log if seen.path != "/robots.txt"]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(store.items) == 3 and len(gaps) == 2 and min(gaps) >= 0.45


def test_redirect_to_another_loopback_port_is_refused(
    server: FetchServer, other: FetchServer, tmp_path: Path
) -> None:
    other.routes["/elsewhere"] = PAGE
    server.routes["/article"] = redirect(other.url("/elsewhere"))
    store = Store()
    reason, _ = one_url(server, store, tmp_path)
    assert "non-public address 127.0.0.1 not allowed" in reason
    assert other.log == [] and store.items == {}


def test_allow_hosts_admits_a_named_loopback_port(
    server: FetchServer, other: FetchServer, tmp_path: Path
) -> None:
    other.routes["/elsewhere"] = PAGE
    server.routes["/article"] = redirect(other.url("/elsewhere"))
    store = Store()
    report, _ = fetch(
        server,
        [
            {
                "name": "S",
                "urls": [server.url("/article")],
                "allow_hosts": [f"127.0.0.1:{other.port}"],
            }
        ],
        store,
        tmp_path,
    )
    assert report.exit_status == 0 and list(store.items) == [other.url("/elsewhere")]


def test_private_address_refused_without_allow_private(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/article"] = PAGE
    store = Store()
    sources = parse_sources([{"name": "S", "urls": [server.url("/article")]}], "t.yml")
    report = run_fetch(sources, settings(), tmp_path, store.is_known_url, store.accept)
    assert "non-public address" in report.source("S").failures[0].reason
    assert server.log == [] and store.items == {}


def test_refused_connection_fails_fast(tmp_path: Path) -> None:
    gone = FetchServer()
    gone.start()
    url = gone.url("/article")
    gone.stop()  # the port is closed now: connections are refused
    store = Store()
    sources = parse_sources([{"name": "S", "urls": [url], "allow_private": True}], "t.yml")
    started = time.monotonic()
    report = run_fetch(sources, settings(), tmp_path, store.is_known_url, store.accept)
    assert "robots.txt" in report.source("S").failures[0].reason
    assert time.monotonic() - started < 6 and store.items == {}


def test_run_deadline_bounds_a_run_of_stalling_hosts(tmp_path: Path) -> None:
    servers = [FetchServer() for _ in range(3)]
    for stalling in servers:
        stalling.start()
        for n in range(4):
            stalling.routes[f"/a{n}"] = Reply(body=b"<p>late</p>", stall=1.2)
    try:
        entries: list[dict[str, object]] = [
            {"name": f"S{i}", "urls": [s.url(f"/a{n}") for n in range(4)]}
            for i, s in enumerate(servers)
        ]
        store = Store()
        report, seconds = fetch(
            servers[0], entries, store, tmp_path, run_deadline=1.5, response_deadline=1.0
        )
    finally:
        for stalling in servers:
            stalling.stop()
    assert seconds < 6 and store.items == {}
    assert all(s.deferred or s.failed for s in report.sources)
