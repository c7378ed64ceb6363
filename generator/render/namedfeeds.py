"""Render a feed per tag and per source, and feeds.opml listing every feed of the site.

A tag's or source's feeds sit next to its listing page (tags/x-<hash>.md gets
tags/x-<hash>.xml and tags/x-<hash>.json) and are linked from that page only: a
<link rel="alternate"> on every page would make Material fetch a sitemap per view (issue 21).
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator.config.settings import SiteSettings
from generator.render.context import Entry
from generator.render.feeds import (
    FEED_ITEMS,
    JSON_ARTICLES,
    JSON_DIGESTS,
    RSS_ARTICLES,
    RSS_DIGESTS,
    Feed,
    article_item,
    feed_url,
    json_feed,
    permalink,
    rss,
)
from generator.render.html import clean, esc, page_url

OPML_FILE = "feeds.opml"
# Per kind, only the most used names get feeds: with the site's newest FEED_ITEMS each, the
# files stay bounded however many one-off tags a large archive has.
MAX_NAMED_FEEDS = 1000
KIND_LABEL = {"tag": "Tag", "source": "Source"}


@dataclass(frozen=True)
class FeedRef:
    """One feed of the site as feeds.opml lists it."""

    title: str
    rss: str  # docs-relative path of the RSS file
    json: str  # docs-relative path of the JSON Feed file
    home: str  # docs-relative page the feed belongs to


def feed_paths(page: str) -> tuple[str, str]:
    """Return the (RSS, JSON Feed) paths of a listing page's feeds, beside the page."""
    stem = page.removesuffix(".md")
    return f"{stem}.xml", f"{stem}.json"


def names_with_feeds(counts: Counter[str], minimum: int, limit: int = MAX_NAMED_FEEDS) -> list[str]:
    """Return the names used at least `minimum` times, the `limit` most used, in name order."""
    used = [(n, c) for n, c in counts.items() if c >= max(1, minimum)]
    used.sort(key=lambda nc: (-nc[1], nc[0].casefold(), nc[0]))
    return sorted((n for n, _ in used[:limit]), key=lambda n: (n.casefold(), n))


def named_ref(kind: str, name: str, page: str, site: SiteSettings) -> FeedRef:
    """Return the feed reference of one tag or source."""
    rss_path, json_path = feed_paths(page)
    return FeedRef(f"{site.title}: {KIND_LABEL[kind].lower()} {name}", rss_path, json_path, page)


def render_named_feeds(ref: FeedRef, newest: Sequence[Entry], site: SiteSettings) -> dict[str, str]:
    """Return the RSS and JSON Feed files of one tag or source: its newest articles."""
    items = tuple(article_item(e) for e in newest[:FEED_ITEMS])
    pages = {}
    for path, writer in ((ref.rss, rss), (ref.json, json_feed)):
        feed = Feed(
            path=path, title=ref.title, description=site.description, home=ref.home, items=items
        )
        pages[path] = writer(feed, site)
    return pages


def feed_links(page: str, ref: FeedRef) -> str:
    """Return the "follow" line of a listing page: links to its own two feeds."""
    base = "/" + page_url(page)

    def rel(path: str) -> str:
        return posixpath.relpath("/" + path, base)

    return (
        f'<p class="nd-feeds">Follow: <a href="{esc(rel(ref.rss))}" type="application/'
        f'rss+xml">RSS</a> · <a href="{esc(rel(ref.json))}" type="application/feed+json">'
        "JSON Feed</a></p>"
    )


def site_refs(site: SiteSettings) -> list[FeedRef]:
    """Return the site-wide feeds (latest articles and daily digests)."""
    return [
        FeedRef(f"{site.title}: latest articles", RSS_ARTICLES, JSON_ARTICLES, "index.md"),
        FeedRef(f"{site.title}: daily digests", RSS_DIGESTS, JSON_DIGESTS, "index.md"),
    ]


def render_opml(refs: Sequence[FeedRef], site: SiteSettings) -> str:
    """Return feeds.opml: every feed of the site (RSS), so a reader subscribes at once."""
    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = clean(f"{site.title}: feeds")
    body = ET.SubElement(root, "body")
    for ref in refs:
        ET.SubElement(
            body,
            "outline",
            {
                "type": "rss",
                "text": clean(ref.title),
                "title": clean(ref.title),
                "xmlUrl": feed_url(site, ref.rss),
                "htmlUrl": permalink(site, OPML_FILE, ref.home),
            },
        )
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"
