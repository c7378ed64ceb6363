"""Times as readers see them: the source's own clock on its page, the site's zone in listings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from projects import new_project, run_cli

from generator.config.load import load_config
from generator.fetch.health import save_health
from generator.model import Analysis, Article, Entry, Health, Published
from generator.pipeline import generate
from generator.placement import make_entry
from generator.render.article import meta_line
from generator.render.freshness import last_success, updated_line
from generator.render.labels import labels_for
from generator.render.times import both_times, own_time, site_time, stamp

EN = labels_for("en")
ZH = labels_for("zh-Hant")
FETCHED = "2026-12-07T23:17:00+00:00"
CRANE_RECORD = {
    "title": "Tarnmouth harbour crane stands idle after cable fault",
    "url": "https://gazette.example/news/tarnmouth-crane",
    "published": "2026-12-07T18:00:00+00:00",
    "source": "Tarn Gazette",
    "text": "The main crane at Tarnmouth harbour stood idle on Monday after a cable fault, the "
    "harbour board said.\n\nTwo container ships waited at anchor while engineers worked.",
}


def wire(iso: str | None, local: str = "2026-03-10T09:00:00", zone: str = "UTC") -> Entry:
    """Return a fictional wire report published at `iso` (None: local time only)."""
    article = Article(
        id="beef" * 3,
        title="Harbour crane stands idle",
        text="The crane at Pier 4 stood idle for a day.",
        source="Lindhaven Wire",
        published=Published(iso=iso, local=iso[:19] if iso else local, signal="test"),
    )
    return make_entry(article, Analysis(sentences=(), summary=(), tags=()), zone)


@pytest.mark.parametrize(
    "iso,zone,site,both",
    [
        # a +08:00 report read in a London site, winter: the site's clock is on the day before
        (
            "2026-12-08T06:05:00+08:00",
            "Europe/London",
            "7 Dec 2026, 22:05 GMT",
            "8 Dec 2026, 06:05 UTC+08:00 (7 Dec 2026, 22:05 GMT)",
        ),
        # same day: only the time of day is repeated
        (
            "2026-12-08T20:05:00+08:00",
            "Europe/London",
            "8 Dec 2026, 12:05 GMT",
            "8 Dec 2026, 20:05 UTC+08:00 (12:05 GMT)",
        ),
        # last minute of GMT, first of BST (clocks go forward at 01:00 UTC on 29 March 2026)
        (
            "2026-03-29T08:59:00+08:00",
            "Europe/London",
            "29 Mar 2026, 00:59 GMT",
            "29 Mar 2026, 08:59 UTC+08:00 (00:59 GMT)",
        ),
        (
            "2026-03-29T09:00:00+08:00",
            "Europe/London",
            "29 Mar 2026, 02:00 BST",
            "29 Mar 2026, 09:00 UTC+08:00 (02:00 BST)",
        ),
        # the repeated hour when clocks go back (25 October 2026): the zone tells them apart
        (
            "2026-10-25T00:30:00+00:00",
            "Europe/London",
            "25 Oct 2026, 01:30 BST",
            "25 Oct 2026, 00:30 UTC+00:00 (01:30 BST)",
        ),
        ("2026-10-25T01:30:00+00:00", "Europe/London", "25 Oct 2026, 01:30 GMT", None),
        # the source's clock is the site's: one reading only
        ("2026-07-01T10:00:00+01:00", "Europe/London", "1 Jul 2026, 10:00 BST", None),
        # a zone whose abbreviation tzdata gives as a number reads as an offset
        (
            "2026-07-01T10:00:00+00:00",
            "Asia/Dubai",
            "1 Jul 2026, 14:00 UTC+04:00",
            "1 Jul 2026, 10:00 UTC+00:00 (14:00 UTC+04:00)",
        ),
    ],
)
def test_site_and_source_clocks(iso: str, zone: str, site: str, both: str | None) -> None:
    article = wire(iso, zone=zone).article
    assert site_time(article, zone, EN) == site
    assert both_times(article, zone, EN) == (both or own_time(article, EN))


@pytest.mark.parametrize(
    "iso,shown,title",
    [
        ("2026-12-08T06:05:00+08:00", "22:05 GMT", "8 Dec 2026, 06:05 UTC+08:00"),
        ("2026-12-07T22:05:00+00:00", "22:05 GMT", None),  # same clock: nothing to hover
    ],
)
def test_listing_time_is_the_site_zone_with_the_source_time_on_hover(
    iso: str, shown: str, title: str | None
) -> None:
    time = BeautifulSoup(stamp(wire(iso, zone="Europe/London"), same_day=True), "lxml").time
    assert time is not None
    assert (time.get_text(), time.get("title"), time["datetime"]) == (shown, title, iso)


def test_time_without_offset_is_never_moved_into_the_site_zone() -> None:
    entry = wire(None, local="2026-03-10T09:00:00", zone="Europe/London")
    assert (
        site_time(entry.article, entry.zone, EN) == "10 Mar 2026, 09:00 (local time, zone unknown)"
    )
    assert site_time(entry.article, entry.zone, EN, clock=True).startswith("09:00 (local time")
    assert "title=" not in stamp(entry, same_day=False)


def test_article_page_shows_both_clocks_in_the_page_language() -> None:
    entry = wire("2026-12-08T06:05:00+08:00", zone="Europe/London")
    time = BeautifulSoup(meta_line(entry, ZH), "lxml").time
    assert time is not None
    assert time.get_text() == "2026年12月8日 06:05 UTC+08:00（2026年12月7日 22:05 GMT）"
    assert time["title"] == time.get_text()  # newsdigest.js makes the text relative, not this
    assert time["datetime"] == "2026-12-08T06:05:00+08:00"  # the ISO keeps its own offset


@pytest.mark.parametrize(
    "health,expected",
    [
        ({}, None),  # a site built from files
        ({"a": Health(last_error="HTTP 500")}, None),  # never fetched successfully
        (
            {
                "a": Health(last_success="2026-12-07T21:00:00+00:00"),
                "b": Health(last_success="2026-12-08T05:30:00+08:00"),  # 21:30 UTC
                "c": Health(last_success=None, last_error="timeout"),
            },
            "2026-12-08T05:30:00+08:00",
        ),
    ],
)
def test_last_success_is_the_newest_fetch_of_any_source(
    health: dict[str, Health], expected: str | None
) -> None:
    assert last_success(health) == expected


@pytest.mark.parametrize(
    "fetched,every,limit,said",
    [
        (None, 60, None, "7 Dec 2026, 18:00 GMT"),  # no fetch health: no notice at all
        ("2026-12-07T23:10:00+00:00", 60, "7200", "7 Dec 2026, 23:10 GMT"),
        ("2026-12-07T23:10:00+00:00", 90, "10800", "7 Dec 2026, 23:10 GMT"),
        ("2026-12-07T23:10:00+00:00", 45, "5400", "7 Dec 2026, 23:10 GMT"),
    ],
)
def test_stale_notice_comes_from_fetch_health(
    fetched: str | None, every: int, limit: str | None, said: str
) -> None:
    quiet = wire("2026-12-07T18:00:00+00:00", zone="Europe/London")  # a quiet source's last
    line = BeautifulSoup(updated_line([quiet], "Europe/London", fetched, every), "lxml")
    when = line.select_one("p.nd-updated time")
    assert when is not None and when.get_text() == said
    assert when["datetime"] == (fetched or "2026-12-07T18:00:00+00:00")
    notice = line.select_one(".nd-stale")
    if limit is None:
        assert notice is None
    else:
        assert notice is not None and notice.has_attr("hidden")
        assert (notice["data-nd-stale-after"], notice["data-nd-since"]) == (limit, fetched)
        hours = int(limit) // 3600
        assert (f"{hours} hours" if int(limit) % 3600 == 0 else f"{int(limit) // 60} minutes") in (
            notice.get_text()
        )


def test_no_time_at_all_gives_no_updated_line() -> None:
    assert updated_line([], "UTC") == ""


@pytest.mark.parametrize("health", [{}, {"Tarn Gazette": Health(last_success=FETCHED)}])
def test_home_page_reads_the_fetch_health_of_the_project(
    tmp_path: Path, health: dict[str, Health]
) -> None:
    root = new_project(tmp_path / "project")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "crane.json").write_text(json.dumps(CRANE_RECORD), encoding="utf-8")
    assert run_cli("add", str(inbox), project=root).returncode == 0
    config = load_config(root)
    save_health(config.paths.state, health)
    generate(config)
    home = BeautifulSoup((root / "docs" / "index.md").read_text("utf-8"), "lxml")
    notice = home.select_one("p.nd-stale")
    if health:
        assert notice is not None and notice["data-nd-since"] == FETCHED
    else:
        assert notice is None
