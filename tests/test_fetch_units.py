"""Pure pieces of fetch: address guard, robots.txt rules, bodies, feeds, health page, state."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import brotli
import pytest
from bs4 import BeautifulSoup
from markdown import markdown

from generator.errors import ConfigError, FetchError
from generator.fetch.body import check_media_type, inflater_for, looks_binary
from generator.fetch.feeds import html_to_text, iso_datetime, parse_feed
from generator.fetch.guard import is_public_address
from generator.fetch.health import update_health
from generator.fetch.http import retry_after_seconds
from generator.fetch.report import FetchReport, SourceReport
from generator.fetch.robots import parse_robots
from generator.fetch.sitemaps import parse_sitemap
from generator.fetch.state import load_json, write_json_atomic
from generator.model import Health, Problem
from generator.render.status import render_sources_status


@pytest.mark.parametrize(
    ("ip", "public"),
    [
        ("93.184.216.34", True),
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("::ffff:8.8.8.8", True),
        ("127.0.0.1", False),
        ("127.255.0.9", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.251", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("192.0.2.10", False),
        ("198.18.0.1", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("fd12:3456::1", False),
        ("ff02::1", False),
        ("2001:db8::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("::ffff:169.254.169.254", False),
        ("64:ff9b::7f00:1", False),
        ("2002:7f00:1::1", False),
        ("fec0::1", False),
        ("[::1]", False),
        ("localhost", False),
        ("not an ip", False),
        ("", False),
    ],
)
def test_is_public_address(ip: str, public: bool) -> None:
    assert is_public_address(ip) is public


ROBOTS = """
# comment
User-agent: Googlebot
Disallow: /

User-agent: newsdigest
User-agent: otherbot
Disallow: /private/
Allow: /private/open/
Disallow: /*.pdf$
Disallow: /search?
Crawl-delay: 2.5

User-agent: *
Disallow: /
"""


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/news/1", True),
        ("/private/x", False),
        ("/private/open/x", True),
        ("/files/a.pdf", False),
        ("/files/a.pdf?x=1", True),
        ("/search?q=1", False),
        ("/search", True),
        ("/robots.txt", True),
    ],
)
def test_robots_rules_for_our_group(path: str, allowed: bool) -> None:
    robots = parse_robots(ROBOTS, "newsdigest")
    assert robots.allows(path) is allowed
    assert robots.crawl_delay == 2.5


@pytest.mark.parametrize(
    ("text", "path", "allowed"),
    [
        ("User-agent: *\nDisallow: /\n", "/a", False),
        ("User-agent: *\nDisallow:\n", "/a", True),
        ("User-agent: *\nDisallow: /a\nAllow: /a\n", "/a", True),  # tie: allow wins
        ("User-agent: NewsDigest\nDisallow: /x\n", "/x/y", False),  # case ignored
        ("User-agent: newsdigest-beta\nDisallow: /\n", "/a", True),  # another product
        ("User-agent: *\nDisallow: /\n\nUser-agent: newsdigest\nDisallow:\n", "/a", True),
        ("User-agent: *\nDisallow: /a\n\nUser-agent: newsdigest\nAllow: /\n", "/a", True),
        ("User-agent: *\nDisallow: /café\n", "/caf%C3%A9", False),  # escapes compare equal
        ("User-agent: *\nDisallow: /*/print$\n", "/2026/a/print", False),
        ("User-agent: *\nDisallow: /*/print$\n", "/2026/a/print/x", True),
        ("User-agent: other\nDisallow: /\n", "/a", True),  # no group for us, no * group
        ("", "/a", True),
        ("garbage without colons\n\x00\n", "/a", True),
    ],
)
def test_robots_group_selection_and_precedence(text: str, path: str, allowed: bool) -> None:
    assert parse_robots(text, "newsdigest").allows(path) is allowed


@pytest.mark.parametrize(
    ("text", "delay"),
    [
        ("User-agent: *\nCrawl-delay: 3\n", 3.0),
        ("User-agent: *\nCrawl-delay: 3\n\nUser-agent: newsdigest\nCrawl-delay: 0.5\n", 0.5),
        ("User-agent: newsdigest\nCrawl-delay: soon\n", None),
        ("User-agent: newsdigest\nCrawl-delay: -4\n", None),
        ("User-agent: otherbot\nCrawl-delay: 9\n", None),
        ("", None),
    ],
)
def test_robots_crawl_delay_of_our_group(text: str, delay: float | None) -> None:
    assert parse_robots(text, "newsdigest").crawl_delay == delay


NOW = datetime(2025, 8, 19, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Tue, 19 Aug 2025 12:01:00 GMT", 60.0),
        ("Tue, 19 Aug 2025 11:00:00 GMT", 0.0),
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after(value: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, NOW) == seconds


@pytest.mark.parametrize(
    ("coding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("br", brotli.compress),
        ("identity", bytes),
    ],
)
def test_inflaters_stop_at_the_limit(coding: str, compress: Callable[[bytes], bytes]) -> None:
    data = b"<p>" + b"word " * 200_000
    packed = compress(data)
    inflater = inflater_for(coding)
    first = inflater.feed(packed, 1000 if coding != "identity" else len(packed))
    if coding == "identity":
        assert first == data
    else:
        assert 1000 <= len(first) < 70_000 and data.startswith(first)


def test_unknown_content_encoding_is_refused() -> None:
    with pytest.raises(FetchError, match="unsupported Content-Encoding"):
        inflater_for("compress")


@pytest.mark.parametrize(
    ("content_type", "ok"),
    [
        ("text/html; charset=big5", True),
        ("application/rss+xml", True),
        ("application/vnd.custom+xml", True),
        ("application/feed+json", True),
        (None, True),
        ("application/pdf", False),
        ("image/png", False),
        ("application/octet-stream", False),
        ("text/javascript", False),
    ],
)
def test_media_type_allow_list(content_type: str | None, ok: bool) -> None:
    if ok:
        check_media_type(content_type)
    else:
        with pytest.raises(FetchError, match="content type"):
            check_media_type(content_type)


@pytest.mark.parametrize(
    ("head", "binary"),
    [
        (b"<html>", False),
        ("<p>café</p>".encode("cp1252"), False),
        (b"\xff\xfe<\x00h\x00", False),
        (b"\x89PNG\r\n\x1a\n\x00", True),
        (b"%PDF-1.4\n\x01", True),
        (b"PK\x03\x04", True),
    ],
)
def test_binary_sniff(head: bytes, binary: bool) -> None:
    assert looks_binary(head) is binary


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("Tue, 19 Aug 2025 15:12:00 +0800", "2025-08-19T15:12:00+08:00"),
        ("Tue, 19 Aug 2025 07:12:00 GMT", "2025-08-19T07:12:00+00:00"),
        ("2025-08-19T15:12:00+08:00", "2025-08-19T15:12:00+08:00"),
        ("2025-08-19T07:12:00Z", "2025-08-19T07:12:00+00:00"),
        ("2025-08-19T15:12:00", None),  # no offset: never silently UTC
        ("Tue, 19 Aug 2025 15:12:00 -0000", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_datetime_keeps_offsets(value: str | None, iso: str | None) -> None:
    assert iso_datetime(value) == iso


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One.</p><p>Two <b>bold</b>.</p>", "One.\n\nTwo bold."),
        ("Plain   text.\n\nSecond.", "Plain text.\n\nSecond."),
        ("<div>A<br>B</div>", "A B"),
        ("", ""),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


@pytest.mark.parametrize(
    ("content", "content_type", "error"),
    [
        (b"<html><body>Not a feed</body></html>", "text/html", "not a feed"),
        (b'{"items": []}', "application/json", "not a JSON Feed"),
        (b"{broken json", "application/feed+json", "malformed JSON Feed"),
        (b"", "application/rss+xml", "not a feed"),
    ],
)
def test_parse_feed_refuses_what_is_not_a_feed(
    content: bytes, content_type: str, error: str
) -> None:
    with pytest.raises(FetchError, match=error):
        parse_feed(content, content_type, "http://127.0.0.1/feed")


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"<urlset><url><loc>", "malformed sitemap"),
        (b"<html/>", "not a sitemap"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>', ""),
    ],
)
def test_parse_sitemap_edges(content: bytes, error: str) -> None:
    if error:
        with pytest.raises(FetchError, match=error):
            parse_sitemap(content, "http://127.0.0.1/s.xml")
    else:  # entities are not expanded, so the page has no usable location
        assert parse_sitemap(content, "http://127.0.0.1/s.xml").pages == ()


def report(name: str, **fields: object) -> FetchReport:
    return FetchReport((SourceReport(name, **fields),))  # type: ignore[arg-type]


def test_health_counts_failures_and_resets_on_success() -> None:
    failing = report("A", error="feed unreachable")
    health = update_health({}, failing, "2025-08-18T00:00:00+00:00")
    health = update_health(health, failing, "2025-08-19T06:00:00+00:00")
    assert health["A"].consecutive_failures == 2
    assert health["A"].first_failure_at == "2025-08-18T00:00:00+00:00"
    assert health["A"].last_error_at == "2025-08-19T06:00:00+00:00"
    healed = update_health(health, report("A", new=3), "2025-08-20T00:00:00+00:00")
    assert healed["A"].consecutive_failures == 0 and healed["A"].first_failure_at is None
    assert healed["A"].last_error == "feed unreachable" and healed["A"].items_last_run == 3
    only_items = report("A", failures=(Problem("u", "HTTP 500"),))
    assert update_health({}, only_items, "2025-08-20T00:00:00+00:00")["A"].last_error == "HTTP 500"
    deferred = update_health(healed, report("A", deferred="later"), "2025-08-21T00:00:00+00:00")
    assert deferred == healed


HOSTILE = "<script>alert(1)</script> | **bold** [link](javascript:x) `code`"


@pytest.mark.parametrize(
    ("first_failure", "warned"),
    [
        ("2025-08-18T11:00:00+00:00", True),  # 25 hours
        ("2025-08-19T00:00:00+00:00", False),  # 12 hours
    ],
)
def test_status_page_warns_after_a_day_and_escapes(first_failure: str, warned: bool) -> None:
    health = {
        HOSTILE: Health(
            last_error=HOSTILE,
            last_error_at="2025-08-19T11:00:00+00:00",
            consecutive_failures=4,
            first_failure_at=first_failure,
        ),
        "Fine": Health(last_success="2025-08-19T11:00:00+00:00", items_last_run=7),
    }
    page = render_sources_status(health, "2025-08-19T12:00:00+00:00")
    assert page == render_sources_status(
        dict(reversed(health.items())), "2025-08-19T12:00:00+00:00"
    )
    assert ('!!! warning "Sources failing for over a day"' in page) is warned
    rendered = BeautifulSoup(markdown(page, extensions=["tables", "admonition"]), "html.parser")
    assert rendered.find("script") is None and rendered.find("strong", string="bold") is None
    assert rendered.find("a") is None and rendered.find("code") is None
    rows = rendered.select("table tr")
    assert len(rows) == 3 and all(len(r.find_all(["td", "th"])) == 5 for r in rows)
    assert "<script>alert(1)</script>" in rendered.get_text()  # shown as text, not markup


def test_atomic_state_write_round_trip_and_corruption(tmp_path: Path) -> None:
    path = tmp_path / "state" / "health.json"
    write_json_atomic(path, {"b": 1, "a": "ü"})
    assert load_json(path) == {"a": "ü", "b": 1}
    assert [p.name for p in path.parent.iterdir()] == ["health.json"]  # no temp file left
    assert path.read_text().startswith('{\n  "a"')
    path.write_text("{half")
    with pytest.raises(ConfigError, match="corrupt fetch state"):
        load_json(path)
    assert load_json(tmp_path / "missing.json") == {}
