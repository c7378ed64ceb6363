"""Render the site's feeds: RSS 2.0 and JSON Feed 1.1 of the latest articles and of the digests.

Feeds are generated files at the root of docs/ that MkDocs copies verbatim. XML is built with
ElementTree, so scraped text is escaped by the library. Output is deterministic: no "now";
the newest article's time stands in for the build time. Links are absolute when the site's
URL is configured (`site.url`), otherwise relative to the feed file (readers resolve them
against the feed's own address, which the RSS spec does not promise: configure `site.url`).
"""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import urlsplit, urlunsplit

from generator.config.settings import SiteSettings
from generator.render.context import Entry
from generator.render.html import clean, esc, page_url, safe_http_url

FEED_ITEMS = 50  # articles in the latest-articles feeds
FEED_DAYS = 30  # days in the digest feeds
# At the site root: Material fetches "sitemap.xml" next to every <link rel="alternate">,
# and only the root has one (a feeds/ folder would cost a 404 on every page view).
RSS_ARTICLES = "rss.xml"
JSON_ARTICLES = "feed.json"
RSS_DIGESTS = "digests.xml"
JSON_DIGESTS = "digests.json"
FEED_FILES = (RSS_ARTICLES, JSON_ARTICLES, RSS_DIGESTS, JSON_DIGESTS)
# RSS 2.0 has no per-item language; Dublin Core's dc:language is the element readers know.
DC = "http://purl.org/dc/elements/1.1/"
ET.register_namespace("dc", DC)


@dataclass(frozen=True)
class FeedItem:
    """One item as both feed formats need it."""

    id: str  # stable: the article id or "digest-YYYY-MM-DD"
    title: str
    page: str  # docs-relative Markdown path of the item's page
    summary: str
    tags: tuple[str, ...]
    published: str | None  # ISO 8601 with offset, or None when the zone is unknown
    language: str | None = None  # the item's own language (an article's), when it has one
    source: str | None = None  # the publisher (an article's source)
    authors: tuple[str, ...] = ()
    original: str | None = None  # the publisher's page of the article (safe http(s) URL)


@dataclass(frozen=True)
class Feed:
    """One feed: its own path, title and items, newest first."""

    path: str
    title: str
    description: str
    home: str  # docs-relative page the feed belongs to
    items: tuple[FeedItem, ...]


def permalink(site: SiteSettings, feed_path: str, page: str) -> str:
    """Return a page's link as the feed at `feed_path` gives it: absolute when site.url is set."""
    if site.url:
        return site.url.rstrip("/") + "/" + page_url(page)
    path, _, fragment = page.partition("#")  # a retired article's archive entry
    target = "/" + page_url(path)
    relative = posixpath.relpath(target, "/" + posixpath.dirname(feed_path))
    relative = relative if relative.endswith("/") else relative + "/"
    return relative + (f"#{fragment}" if fragment else "")


def feed_url(site: SiteSettings, path: str) -> str:
    """Return the feed file's own URL (absolute when site.url is set, else site-relative)."""
    return (site.url.rstrip("/") + "/" if site.url else "/") + path


def article_item(entry: Entry) -> FeedItem:
    """Return the feed item of one article."""
    published = entry.article.published
    summary = " ".join(entry.summary_texts())
    return FeedItem(
        id=entry.article.id,
        title=entry.title,
        page=entry.page,
        summary=summary or entry.title,
        tags=entry.tags,
        published=published.iso if published else None,
        language=entry.article.language or None,
        source=entry.article.source,
        authors=entry.article.authors,
        original=safe_http_url(entry.article.url),
    )


def digest_item(day: str, page: str, entries: Sequence[Entry]) -> FeedItem:
    """Return the feed item of one day's digest: its headlines as the summary."""
    ordered = sorted(entries, key=lambda e: e.sort_key, reverse=True)
    times = [
        e.article.published.iso for e in ordered if e.article.published and e.article.published.iso
    ]
    newest = max(times, key=datetime.fromisoformat) if times else None
    headlines = "; ".join(e.title for e in ordered)
    tags = tuple(sorted({t for e in ordered for t in e.tags[:2]}, key=str.casefold))[:8]
    count = f"{len(ordered)} stor{'y' if len(ordered) == 1 else 'ies'}"
    return FeedItem(
        id=f"digest-{day}",
        title=f"Digest for {day} ({count})",
        page=page,
        summary=headlines,
        tags=tags,
        published=newest,
    )


def newest_time(items: Sequence[FeedItem]) -> datetime | None:
    """Return the newest item time: the feed's deterministic build time."""
    times = [datetime.fromisoformat(i.published) for i in items if i.published]
    return max(times) if times else None


def rss(feed: Feed, site: SiteSettings) -> str:
    """Return the feed as an RSS 2.0 document."""
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    _text(channel, "title", feed.title)
    _text(channel, "link", permalink(site, feed.path, feed.home))
    _text(channel, "description", feed.description)
    _text(channel, "language", site.language)
    _text(channel, "generator", "newsdigest")
    built = newest_time(feed.items)
    if built is not None:
        _text(channel, "lastBuildDate", format_datetime(built))
    for item in feed.items:
        node = ET.SubElement(channel, "item")
        _text(node, "title", item.title)
        _text(node, "link", permalink(site, feed.path, item.page))
        # Readers take <description> as HTML: escape it, so scraped markup stays text.
        _text(node, "description", esc(item.summary))
        for tag in item.tags:
            _text(node, "category", tag)
        ET.SubElement(node, "guid", {"isPermaLink": "false"}).text = clean(item.id)
        if item.published:
            _text(node, "pubDate", format_datetime(datetime.fromisoformat(item.published)))
        if item.language:
            _text(node, f"{{{DC}}}language", item.language)
        _credits(node, item)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _credits(node: ET.Element, item: FeedItem) -> None:
    """Add who wrote and who published an RSS item: dc:creator per author, and <source>,
    which RSS gives a URL: the publisher's site (its feed is not known here)."""
    for author in item.authors:
        _text(node, f"{{{DC}}}creator", author)
    if item.source and item.original:
        parts = urlsplit(item.original)
        home = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
        ET.SubElement(node, "source", {"url": home}).text = clean(item.source)


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = clean(text)


def json_feed(feed: Feed, site: SiteSettings) -> str:
    """Return the feed as a JSON Feed 1.1 document."""
    items = []
    for item in feed.items:
        data: dict[str, object] = {
            "id": item.id,
            "url": permalink(site, feed.path, item.page),
            "title": clean(item.title),
            "summary": clean(item.summary),
            "content_text": clean(item.summary),
            "tags": [clean(t) for t in item.tags],
        }
        if item.published:
            data["date_published"] = item.published
        if item.language:
            data["language"] = clean(item.language)
        if item.authors:
            data["authors"] = [{"name": clean(a)} for a in item.authors]
        if item.original:
            data["external_url"] = item.original  # the publisher's page: the original
        if item.source:  # JSON Feed has no publisher field: an extension (underscore) says it
            data["_newsdigest"] = {"source": clean(item.source)}
        items.append(data)
    document: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": permalink(site, feed.path, feed.home),
        "feed_url": feed_url(site, feed.path),
        "description": feed.description,
        "language": site.language,
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def render_feeds(
    entries: Sequence[Entry],
    days: Mapping[str, Sequence[Entry]],
    day_pages: Mapping[str, str],
    site: SiteSettings,
) -> dict[str, str]:
    """Return the four feed files: latest articles and daily digests, RSS and JSON."""
    latest = sorted(entries, key=lambda e: e.sort_key, reverse=True)[:FEED_ITEMS]
    articles = tuple(article_item(e) for e in latest)
    digests = tuple(
        digest_item(d, day_pages[d], days[d]) for d in sorted(days, reverse=True)[:FEED_DAYS]
    )
    pages = {}
    for rss_path, json_path, title, items in (
        (RSS_ARTICLES, JSON_ARTICLES, f"{site.title}: latest articles", articles),
        (RSS_DIGESTS, JSON_DIGESTS, f"{site.title}: daily digests", digests),
    ):
        for path, writer in ((rss_path, rss), (json_path, json_feed)):
            feed = Feed(
                path=path, title=title, description=site.description, home="index.md", items=items
            )
            pages[path] = writer(feed, site)
    return pages
