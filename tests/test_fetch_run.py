"""Fetch runs against a real HTTP server on 127.0.0.1: feeds, sitemaps, state, isolation."""

from __future__ import annotations

import io
import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fetchserver import FetchServer, Reply, Seen

from generator.fetch.health import load_health
from generator.fetch.report import FetchReport
from generator.fetch.run import run_fetch
from generator.fetch.sources import FetchSettings, parse_sources
from generator.model import RawInput

FIXED_NOW = datetime(2025, 8, 20, 1, 2, 3, tzinfo=UTC)
PAGE = Reply(body=b"<html><head><title>A page</title></head><body><p>Text.</p></body></html>")


@dataclass
class Store:
    """A dict-backed store: accept only adds, as the real one must."""

    items: dict[str, RawInput] = field(default_factory=dict)

    def is_known_url(self, url: str) -> bool:
        return url in self.items

    def accept(self, raw: RawInput) -> str:
        assert raw.url is not None
        if raw.url in self.items:
            return "unchanged"
        self.items[raw.url] = raw
        return "new"


def settings(**overrides: float) -> FetchSettings:
    """Return settings shrunk for tests (tiny delays, short deadlines, 1 MB cap)."""
    values: dict[str, float] = {
        "delay": 0.01,
        "connect_timeout": 2.0,
        "read_timeout": 1.0,
        "response_deadline": 2.0,
        "run_deadline": 20.0,
        "max_bytes": 1_000_000,
        "retries": 2,
        "backoff": 0.01,
        "retry_after_cap": 1.0,
        "workers": 4,
        **overrides,
    }
    return FetchSettings(contact="https://example.org/newsdigest", **values)  # type: ignore[arg-type]


def fetch(
    server: FetchServer,
    entries: list[dict[str, object]],
    store: Store,
    state: Path,
    **overrides: float,
) -> tuple[FetchReport, float]:
    """Run a fetch of sources on the server (allow_private set); return report and seconds."""
    sources = parse_sources([{"allow_private": True, **e} for e in entries], "test.yml")
    started = time.monotonic()
    report = run_fetch(
        sources,
        settings(**overrides),
        state,
        store.is_known_url,
        store.accept,
        clock=lambda: FIXED_NOW,
    )
    return report, time.monotonic() - started


def test_rss_feed_full_page_fills_raw_input(server: FetchServer, tmp_path: Path) -> None:
    server.fixture("rss.xml", "application/rss+xml")
    server.routes["/news/lighthouse"] = PAGE
    server.routes["/news/ferry"] = PAGE
    store = Store()
    report, seconds = fetch(
        server,
        [
            {
                "name": "Gazette",
                "feed": server.url("/rss.xml"),
                "timezone": "Asia/Taipei",
                "language": "en",
                "exclude": ["/sport/"],
                "tags": ["Local"],
            }
        ],
        store,
        tmp_path,
    )
    assert report.exit_status == 0 and seconds < 6
    assert (report.source("Gazette").new, report.source("Gazette").unchanged) == (2, 0)
    raw = store.items[server.url("/news/lighthouse")]
    assert raw.content == PAGE.body and raw.content_type == "text/html; charset=utf-8"
    assert raw.fetched_at == "2025-08-20T01:02:03+00:00"
    assert (raw.source, raw.timezone, raw.language) == ("Gazette", "Asia/Taipei", "en")
    assert raw.feed_entry is not None
    assert raw.feed_entry.title == "Lighthouse keeper retires after forty winters"
    assert raw.feed_entry.published == "2025-08-19T15:12:00+08:00"
    assert raw.feed_entry.authors == ("Mira Solberg",)
    assert raw.feed_entry.tags == ("Harbour", "Local")
    assert server.url("/sport/skip-me") not in store.items
    agents = {seen.headers["user-agent"] for seen in server.log}
    assert agents == {"newsdigest/0.1.0 (+https://example.org/newsdigest)"}


@pytest.mark.parametrize(
    ("fixture", "content_type", "url", "title", "text"),
    [
        (
            "atom.xml",
            "application/atom+xml",
            "/valley/pears",
            "Orchard cooperative reports record pear harvest",
            "The cooperative weighed 412 tonnes of pears this season.\n\n"
            "Its chair, Ana Brook, thanked the pickers.",
        ),
        (
            "feed.json",
            "application/feed+json",
            "/plateau/observatory",
            "Observatory opens its dome to schoolchildren",
            "Forty pupils looked at Saturn through the old refractor.\n\n"
            "The director, Lio Fenn, said more visits would follow.",
        ),
        (
            "feed.json",
            "application/feed+json",
            "/plateau/market",
            "Night market returns",
            "Stalls will open every Friday in September.",
        ),
    ],
)
def test_feed_content_becomes_json_record_without_page_fetch(  # noqa: PLR0917 - table
    server: FetchServer,
    tmp_path: Path,
    fixture: str,
    content_type: str,
    url: str,
    title: str,
    text: str,
) -> None:
    server.fixture(fixture, content_type)
    store = Store()
    report, _ = fetch(
        server,
        [{"name": "F", "feed": server.url(f"/{fixture}"), "full_page": False}],
        store,
        tmp_path,
    )
    assert report.exit_status == 0 and report.source("F").new == 2
    raw = store.items[server.url(url)]
    record = json.loads(raw.content)
    assert (record["title"], record["text"], record["url"]) == (title, text, server.url(url))
    assert record["source"] == "F" and raw.content_type == "application/json"
    assert server.paths() == ["/robots.txt", f"/{fixture}"]  # no article page requested


@pytest.mark.parametrize(
    "fixture,error",
    [
        ("malformed.xml", "malformed or not a feed"),
        ("rss.xml", "HTTP 500"),
    ],
)
def test_failing_source_is_isolated_and_store_untouched(
    server: FetchServer, tmp_path: Path, fixture: str, error: str
) -> None:
    server.fixture(fixture, "application/rss+xml", path="/bad.xml")
    if error == "HTTP 500":
        server.routes["/bad.xml"] = Reply(500, b"oops")
    server.fixture("atom.xml", "application/atom+xml")
    server.routes["/valley/pears"] = PAGE
    server.routes["/valley/bridge"] = PAGE
    before = RawInput(origin="old", content=b"kept", url=server.url("/old"))
    store = Store({before.url or "": before})
    report, _ = fetch(
        server,
        [
            {"name": "Bad", "feed": server.url("/bad.xml")},
            {"name": "Good", "feed": server.url("/atom.xml")},
        ],
        store,
        tmp_path,
    )
    assert report.exit_status == 1
    assert error in (report.source("Bad").error or "")
    assert report.source("Good").new == 2 and not report.source("Good").failed
    assert store.items[server.url("/old")] is before and len(store.items) == 3
    health = load_health(tmp_path)
    assert health["Bad"].consecutive_failures == 1 and health["Good"].consecutive_failures == 0


def test_empty_feed_changes_nothing(server: FetchServer, tmp_path: Path) -> None:
    server.fixture("empty.xml", "application/rss+xml")
    before = RawInput(origin="old", content=b"kept", url=server.url("/old"))
    store = Store({server.url("/old"): before})
    report, _ = fetch(
        server, [{"name": "Quiet", "feed": server.url("/empty.xml")}], store, tmp_path
    )
    assert report.exit_status == 0 and report.source("Quiet").items == 0
    assert store.items == {server.url("/old"): before}


def test_sitemap_index_and_news_sitemap(server: FetchServer, tmp_path: Path) -> None:
    for name in ("sitemap-index.xml", "sitemap.xml", "news-sitemap.xml"):
        server.fixture(name, "application/xml")
    for path in ("/site/older", "/site/newer", "/site/council"):
        server.routes[path] = PAGE
    store = Store()
    report, _ = fetch(
        server,
        [{"name": "Hill", "sitemap": server.url("/sitemap-index.xml"), "max_items": 2}],
        store,
        tmp_path,
    )
    assert report.exit_status == 0 and report.source("Hill").new == 2
    # Newest first: the news item (19 Aug 15:12 +08:00) and the newer page (19 Aug 10:00 UTC).
    assert set(store.items) == {server.url("/site/council"), server.url("/site/newer")}
    entry = store.items[server.url("/site/council")].feed_entry
    assert entry is not None and entry.title == "Council approves new footbridge"
    assert entry.published == "2025-08-19T15:12:00+08:00"


def test_full_page_false_still_fetches_pages_without_feed_text(
    server: FetchServer, tmp_path: Path
) -> None:
    server.fixture("news-sitemap.xml", "application/xml")
    server.routes["/site/council"] = PAGE
    store = Store()
    report, _ = fetch(
        server,
        [{"name": "N", "sitemap": server.url("/news-sitemap.xml"), "full_page": False}],
        store,
        tmp_path,
    )
    assert report.exit_status == 0
    assert store.items[server.url("/site/council")].content == PAGE.body


def test_home_page_feed_discovery(server: FetchServer, tmp_path: Path) -> None:
    server.fixture("home.html", "text/html; charset=utf-8", path="/")
    server.fixture("rss.xml", "application/rss+xml")
    store = Store()
    report, _ = fetch(
        server,
        [{"name": "Home", "home": server.url("/"), "full_page": False, "max_items": 1}],
        store,
        tmp_path,
    )
    assert report.exit_status == 0 and list(store.items) == [server.url("/news/lighthouse")]


def test_etag_304_second_run_is_unchanged(server: FetchServer, tmp_path: Path) -> None:
    body = (
        (Path(__file__).parent / "fixtures/fetch/atom.xml")
        .read_bytes()
        .replace(b"BASE", server.base.encode())
    )

    def feed(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(304, b"", headers=(("ETag", '"v1"'),))
        return Reply(
            body=body, headers=(("Content-Type", "application/atom+xml"), ("ETag", '"v1"'))
        )

    server.routes["/atom.xml"] = feed
    server.routes["/valley/pears"] = PAGE
    server.routes["/valley/bridge"] = PAGE
    store = Store()
    entries: list[dict[str, object]] = [{"name": "V", "feed": server.url("/atom.xml")}]
    first, _ = fetch(server, entries, store, tmp_path)
    server.log.clear()
    second, _ = fetch(server, entries, store, tmp_path)
    assert first.source("V").new == 2 and second.source("V").not_modified
    assert second.source("V").items == 0 and second.exit_status == 0
    assert server.paths() == ["/robots.txt", "/atom.xml"]
    saved = json.loads((tmp_path / "http-cache.json").read_text())
    assert saved[server.url("/atom.xml")] == {"etag": '"v1"'}


def test_known_urls_are_not_fetched_again(server: FetchServer, tmp_path: Path) -> None:
    server.routes["/a"] = PAGE
    server.routes["/b"] = PAGE
    old = RawInput(origin="old", content=b"kept", url=server.url("/a"))
    store = Store({server.url("/a"): old})
    report, _ = fetch(
        server, [{"name": "U", "urls": [server.url("/a"), server.url("/b")]}], store, tmp_path
    )
    assert (report.source("U").new, report.source("U").unchanged) == (1, 1)
    assert "/a" not in server.paths() and store.items[server.url("/a")] is old


@pytest.mark.parametrize(
    "tty,expected",
    [
        (True, ["P: new {a}", "P: new {b}"]),
        (False, ["P: 2 new, 0 unchanged, 0 failed"]),
    ],
)
def test_progress_per_item_on_terminal_per_source_in_logs(
    server: FetchServer, tmp_path: Path, tty: bool, expected: list[str]
) -> None:
    server.routes["/a"] = PAGE
    server.routes["/b"] = PAGE

    class Output(io.StringIO):
        def isatty(self) -> bool:
            return tty

    output = Output()
    store = Store()
    sources = parse_sources(
        [{"name": "P", "urls": [server.url("/a"), server.url("/b")], "allow_private": True}],
        "test.yml",
    )
    run_fetch(
        sources,
        settings(),
        tmp_path,
        store.is_known_url,
        store.accept,
        output,
        clock=lambda: FIXED_NOW,
    )
    wanted = [line.format(a=server.url("/a"), b=server.url("/b")) for line in expected]
    assert output.getvalue().splitlines() == wanted
