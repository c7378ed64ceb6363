"""The built demo site's files: every internal link resolves, feeds parse, heads are right."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

FEEDS = [("rss.xml", "rss20"), ("digests.xml", "rss20")]


def html_pages(site: Path) -> list[Path]:
    """Return every built HTML page."""
    return sorted(site.rglob("*.html"))


def target_of(page: Path, href: str, site: Path) -> tuple[Path, str]:
    """Return the file a relative href points to and its fragment."""
    parts = urlsplit(href)
    path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def test_every_internal_link_and_anchor_resolves(demo_project: Path) -> None:
    site = demo_project / "site"
    broken = []
    ids: dict[Path, set[str]] = {}
    for page in html_pages(site):
        if page.name == "404.html":
            continue
        for a in BeautifulSoup(page.read_text("utf-8"), "lxml").select("a[href]"):
            href = str(a["href"])
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            path, fragment = target_of(page, href, site)
            if not path.exists():
                broken.append(f"{page.relative_to(site)}: {href}")
                continue
            if fragment and path.suffix == ".html":
                if path not in ids:
                    soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
                    ids[path] = {str(t["id"]) for t in soup.select("[id]")}
                if fragment not in ids[path]:
                    broken.append(f"{page.relative_to(site)}: {href} (no anchor)")
    assert broken == []


@pytest.mark.parametrize("name,version", FEEDS)
def test_feeds_parse_and_carry_the_articles(demo_project: Path, name: str, version: str) -> None:
    site = demo_project / "site"
    parsed = feedparser.parse((site / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version.startswith(version)
    assert parsed.entries
    pages = {p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}
    for entry in parsed.entries:
        assert entry.title and entry.summary and entry.tags
        path = urlsplit(entry.link).path.lstrip("/")
        kind = "digest/" if name.startswith("digests") else "articles/"
        assert path.startswith(kind) and path in pages  # never a tag or archive page


def test_article_head_has_language_social_meta_and_feeds(demo_project: Path) -> None:
    site = demo_project / "site"
    for page in (site / "articles").rglob("index.html"):
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        language = soup.select_one(".nd-text")["lang"]
        assert soup.html["lang"] == language
        assert soup.select_one('meta[property="og:type"]')["content"] == "article"
        title = soup.select_one("h1").get_text()
        assert soup.select_one('meta[property="og:title"]')["content"] == title
        assert soup.select_one('link[rel="canonical"]')["href"].startswith("https://")
        assert len(soup.select('link[rel~="alternate"]')) == 4
        # exactly rel="alternate" would make Material fetch sitemap.xml per feed (issue 21)
        assert not soup.select('link[rel="alternate"]')


LISTINGS = ("tags/", "digest/", "archive/", "sources/")


def test_search_indexes_articles_and_stories_not_listings(demo_project: Path) -> None:
    site = demo_project / "site"
    indexed: dict[str, int] = {}
    for page in html_pages(site):
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        bodies = soup.select("[data-pagefind-body]")
        where = page.relative_to(site).as_posix()
        if where.startswith(("articles/", "stories/")) and where != "stories/index.html":
            assert len(bodies) == 1 and bodies[0].select_one(".nd-text, h1"), where
        if where.startswith(LISTINGS) or where == "index.html":
            assert bodies == [], where
        if bodies:
            language = soup.html["lang"].lower()
            indexed[language] = indexed.get(language, 0) + 1
    manifest = json.loads((site / "pagefind" / "shards.json").read_text("utf-8"))
    counted: dict[str, int] = {}
    for languages in manifest["shards"].values():  # the index is kept in shards
        for language, count in languages.items():
            counted[language] = counted.get(language, 0) + count["page_count"]
    # One index per page language, holding exactly the pages marked for indexing.
    assert counted == indexed
    # Chinese pages are tagged zh-hant or zh-hans from their characters (issue 21).
    assert {"en", "ja"} <= set(indexed)
    assert any(language.startswith("zh") for language in indexed)


@pytest.mark.parametrize("name,kind", [("feed.json", "articles/"), ("digests.json", "digest/")])
def test_json_feeds_have_the_required_fields(demo_project: Path, name: str, kind: str) -> None:
    # The installed feedparser (6.0) does not read JSON Feed: check the 1.1 spec's fields.
    site = demo_project / "site"
    feed = json.loads((site / name).read_text("utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"]
    assert feed["items"]
    ids = [item["id"] for item in feed["items"]]
    assert len(set(ids)) == len(ids)
    for item in feed["items"]:
        assert isinstance(item["id"], str)
        assert item.get("content_text") or item.get("content_html")
        assert item["summary"] and item["tags"]
        path = urlsplit(item["url"]).path.lstrip("/")
        assert path.startswith(kind) and (site / path / "index.html").exists()
