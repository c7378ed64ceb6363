"""The demo site in headless Chromium: reading, clicking through, searching, theming."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def soup_of(project: Path, url_path: str) -> BeautifulSoup:
    """Return the parsed built page at a site path like "digest/2026-03-10/"."""
    return BeautifulSoup((project / "site" / url_path / "index.html").read_text("utf-8"), "lxml")


def latest_day(project: Path) -> str:
    """Return the newest digest day among the generated pages."""
    days = [p.stem for p in (project / "docs" / "digest").glob("????-??-??.md")]
    return max(days)


def shot(page: Any, name: str) -> None:
    """Save a full-page screenshot for a human to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_home_shows_the_latest_days_stories(page: Any, site_url: str, demo_project: Path) -> None:
    day = latest_day(demo_project)
    expected = [
        a.get_text() for a in soup_of(demo_project, f"digest/{day}").select("a.nd-story-title")
    ]
    page.goto(site_url)
    shown = page.locator("article a.nd-story-title").all_inner_texts()
    assert expected and set(expected) <= set(shown)
    assert page.locator("h2.nd-latest a").inner_text().endswith(day[:4])
    shot(page, "home")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "home-phone")


def test_click_through_to_an_article(page: Any, site_url: str, demo_project: Path) -> None:
    page.goto(site_url)
    links = page.locator("article a.nd-story-title")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    # an article with a fact box and a summary sentence listed (not only marked in the text)
    with_facts = next(
        i
        for i, h in enumerate(hrefs)
        if soup_of(demo_project, h).select_one(".nd-facts")
        and soup_of(demo_project, h).select_one("ol.nd-summary a")
    )
    links.nth(with_facts).click()
    page.wait_for_load_state()
    assert page.locator("ol.nd-summary li").count() >= 1
    assert page.locator(".nd-facts li.nd-fact").count() >= 1
    assert len(page.locator(".nd-text").inner_text()) > 200
    shot(page, "article")
    first = page.locator("ol.nd-summary a").first
    target = first.get_attribute("href")
    first.click()
    assert page.url.endswith(target)


@pytest.mark.parametrize(
    "query,title_part",
    [
        ("snowpack", "snowpack"),  # an English word
        ("Quist", "snowpack"),  # a person's name in romanised form (an author)
        ("林文秀", "離島客輪"),  # a Chinese name, segmented by Pagefind's extended build
        ("渡輪", "淡水渡輪"),  # a Chinese word
        ("小豆島", "水素燃料電池船"),  # a Japanese place name
    ],
)
def test_search_finds_the_article(page: Any, site_url: str, query: str, title_part: str) -> None:
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    results = page.locator(".md-search-result__item h1")
    # The page language's results come first, then every language's (search.js).
    results.filter(has_text=title_part).first.wait_for(timeout=15_000)
    titles = [t.casefold() for t in results.all_inner_texts()]
    assert any(title_part.casefold() in t for t in titles[:3]), titles
    if query == "林文秀":
        shot(page, "search-cjk")
    elif query == "snowpack":
        shot(page, "search")


def test_tag_page_lists_its_articles(page: Any, site_url: str, demo_project: Path) -> None:
    page.goto(site_url + "tags/")
    top = page.locator("ul.nd-index a").first
    tag, count = top.inner_text(), int(page.locator("ul.nd-index .nd-count").first.inner_text())
    top.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == f"Tag: {tag}"
    listed = page.locator("a.nd-story-title").all_inner_texts()
    tagged = [
        re.sub(r"\s+", " ", s.select_one("h1").get_text())
        for s in (
            BeautifulSoup(p.read_text("utf-8"), "lxml")
            for p in (demo_project / "site" / "articles").rglob("index.html")
        )
        if tag in [a.get_text() for a in s.select("p.nd-tags a")]
    ]
    assert len(listed) == count == len(tagged)
    assert sorted(listed) == sorted(tagged)


def test_dark_palette_toggle(page: Any, site_url: str) -> None:
    page.goto(site_url)
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") != scheme
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    shot(page, "home-dark")
