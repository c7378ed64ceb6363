"""The `sources:` list, the `fetch:` mapping and shard selection: checked before any request."""

from __future__ import annotations

import pytest

from generator.errors import ConfigError
from generator.fetch.sources import (
    parse_fetch_settings,
    parse_shard,
    parse_sources,
    select_shard,
    select_source,
)

FEED = "https://news.example/feed.xml"


@pytest.mark.parametrize(
    ("entry", "key", "expected"),
    [
        ({"feed": FEED}, "sources[0].name", "non-empty source name"),
        ({"name": "A"}, "sources[0]", "exactly one of feed, urls, sitemap, home"),
        ({"name": "A", "local": "yes"}, "sources[0]", "exactly one of feed, urls, sitemap, home"),
        ({"name": "A", "feed": FEED, "sitemap": FEED}, "sources[0]", "exactly one of"),
        ({"name": "A", "feed": "ftp://x/feed"}, "sources[0].feed", "http or https URL"),
        (
            {"name": "A", "urls": [FEED, "file:///etc/passwd"]},
            "sources[0].urls[1]",
            "http or https",
        ),
        ({"name": "A", "urls": "not-a-list"}, "sources[0].urls[0]", "http or https"),
        (
            {"name": "A", "feed": FEED, "timezone": "Mars/Olympus"},
            "sources[0].timezone",
            "IANA time zone",
        ),
        (
            {"name": "A", "feed": FEED, "include": ["("]},
            "sources[0].include",
            "valid regular expression",
        ),
        ({"name": "A", "feed": FEED, "exclude": [3]}, "sources[0].exclude", "list of non-empty"),
        ({"name": "A", "feed": FEED, "max_items": 0}, "sources[0].max_items", "positive integer"),
        ({"name": "A", "feed": FEED, "max_items": "ten"}, "sources[0].max_items", "positive"),
        ({"name": "A", "feed": FEED, "full_page": "yes"}, "sources[0].full_page", "true or false"),
        ({"name": "A", "feed": FEED, "allow_private": 1}, "sources[0].allow_private", "true or"),
        (
            {"name": "A", "feed": FEED, "allow_hosts": ["localhost"]},
            "sources[0].allow_hosts[0]",
            "'host:port'",
        ),
        ({"name": "A", "feed": FEED, "fead": FEED}, "sources[0].fead", "one of"),
        ("just a string", "sources[0]", "a mapping"),
    ],
)
def test_bad_source_names_file_key_and_expectation(entry: object, key: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_sources([entry], "newsdigest.yml")
    message = str(caught.value)
    assert message.startswith(f"newsdigest.yml: {key}: expected") and expected in message


def test_duplicate_names_are_refused() -> None:
    with pytest.raises(ConfigError, match=r"sources\[1\].name: expected a unique name"):
        parse_sources([{"name": "A", "feed": FEED}, {"name": "A", "home": FEED}], "n.yml")


def test_good_source_has_defaults_and_values() -> None:
    (source,) = parse_sources(
        [
            {
                "name": " CNA ",
                "feed": FEED,
                "timezone": "Asia/Taipei",
                "language": "en",
                "include": ["/news/"],
                "exclude": ["/video/"],
                "tags": ["Taiwan"],
            }
        ],
        "n.yml",
    )
    assert (source.name, source.kind, source.locations) == ("CNA", "feed", (FEED,))
    assert (source.max_items, source.full_page, source.allow_private) == (30, True, False)
    assert source.wants("https://news.example/news/1")
    assert not source.wants("https://news.example/video/news/1")
    assert not source.wants("https://news.example/sport/1")
    assert source.private_origins() == frozenset()


def test_allow_private_covers_only_the_sources_own_origins() -> None:
    (source,) = parse_sources(
        [
            {
                "name": "L",
                "urls": ["http://127.0.0.1:8001/a", "http://localhost/b"],
                "allow_private": True,
                "allow_hosts": ["127.0.0.1:9000"],
            }
        ],
        "n.yml",
    )
    assert source.private_origins() == {("127.0.0.1", 8001), ("localhost", 80), ("127.0.0.1", 9000)}


@pytest.mark.parametrize(
    ("data", "key", "expected"),
    [
        (None, "fetch", "contact"),
        ({}, "fetch.contact", "http or https URL"),
        ({"contact": "mailto:me@example.org"}, "fetch.contact", "http or https URL"),
        ({"contact": FEED, "delay": -1}, "fetch.delay", "positive number"),
        ({"contact": FEED, "delay": True}, "fetch.delay", "positive number"),
        ({"contact": FEED, "max_bytes": 1.5}, "fetch.max_bytes", "positive integer"),
        ({"contact": FEED, "retries": -1}, "fetch.retries", "non-negative integer"),
        ({"contact": FEED, "speed": 3}, "fetch.speed", "one of contact"),
    ],
)
def test_bad_fetch_settings(data: object, key: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_fetch_settings(data, "newsdigest.yml")
    assert str(caught.value).startswith(f"newsdigest.yml: {key}: expected")
    assert expected in str(caught.value)


def test_fetch_settings_defaults_and_user_agent() -> None:
    settings = parse_fetch_settings(
        {"contact": "https://example.org/nd", "retries": 0, "delay": 0.5}, "n.yml"
    )
    assert (settings.delay, settings.retries, settings.max_redirects) == (0.5, 0, 5)
    assert settings.retry_after_cap == 60 and settings.workers == 4
    assert settings.user_agent == "newsdigest/0.1.0 (+https://example.org/nd)"


NAMES = [f"source-{n}" for n in range(40)]


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_shards_partition_the_sources(count: int) -> None:
    sources = parse_sources([{"name": n, "feed": FEED} for n in NAMES], "n.yml")
    shards = [select_shard(sources, (i, count)) for i in range(1, count + 1)]
    names = sorted(s.name for shard in shards for s in shard)
    assert names == sorted(NAMES)
    assert shards == [
        select_shard(tuple(reversed(sources)), (i, count))[::-1] for i in range(1, count + 1)
    ]
    if count > 1:
        assert all(shards)  # 40 names spread over up to 7 shards leave none empty


@pytest.mark.parametrize(("text", "expected"), [("1/2", (1, 2)), (" 3 / 3 ", (3, 3))])
def test_parse_shard(text: str, expected: tuple[int, int]) -> None:
    assert parse_shard(text) == expected


@pytest.mark.parametrize("text", ["0/2", "3/2", "a/b", "1", "-1/2"])
def test_bad_shard_is_a_usage_error(text: str) -> None:
    with pytest.raises(ConfigError, match="--shard"):
        parse_shard(text)


def test_select_source_by_name() -> None:
    sources = parse_sources([{"name": "A", "feed": FEED}, {"name": "B", "feed": FEED}], "n.yml")
    assert [s.name for s in select_source(sources, "B")] == ["B"]
    with pytest.raises(ConfigError, match="no source named 'C'"):
        select_source(sources, "C")
