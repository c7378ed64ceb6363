"""Read feeds (RSS 0.9x/1.0/2.0 and Atom with feedparser, JSON Feed with json) into items.

Also finds a site's feed from its home page's `<link rel="alternate">`.
"""

from __future__ import annotations

import email.utils
import json
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.etree  # type: ignore[import-untyped, unused-ignore]
import lxml.html  # type: ignore[import-untyped, unused-ignore]

from generator.errors import FetchError
from generator.fetch.body import media_type
from generator.model import FeedEntry

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/rdf+xml",
        "application/json",
    }
)
JSON_FEED_VERSION = "https://jsonfeed.org/version/"
# Elements after which feed HTML content starts a new paragraph.
BLOCKS = ("p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr")
# A blank line (possibly holding spaces) between two paragraphs.
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class FeedItem:
    """One feed item: the article URL, what the feed said, and its text when it gave one."""

    url: str
    entry: FeedEntry
    text: str | None = None  # plain text of the feed's content, for full_page: false


def html_to_text(markup: str) -> str:
    """Return the paragraphs of an HTML fragment as plain text, one blank line between."""
    if "<" not in markup:
        return "\n\n".join(" ".join(p.split()) for p in PARAGRAPH_BREAK.split(markup) if p.strip())
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*BLOCKS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    return "\n\n".join(" ".join(p.split()) for p in PARAGRAPH_BREAK.split(text) if p.strip())


def iso_datetime(value: object) -> str | None:
    """Return an RFC 822 or ISO 8601 date as ISO 8601 with its offset; None without offset."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    parsed: datetime | None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
    if parsed.tzinfo is None:
        return None  # a wall-clock time without zone: the extractor decides, never "UTC"
    return parsed.isoformat()


def _absolute(url: object, base: str) -> str | None:
    """Return an absolute http(s) URL, or None when the value is not one."""
    if not isinstance(url, str) or not url.strip():
        return None
    joined = urljoin(base, url.strip())
    return joined if urlsplit(joined).scheme in ("http", "https") else None


def _names(values: object) -> tuple[str, ...]:
    """Return author names from a list of {name: ...} mappings."""
    if not isinstance(values, list):
        return ()
    names = [str(v.get("name", "")).strip() for v in values if isinstance(v, dict)]
    return tuple(n for n in names if n)


def _json_feed(content: bytes, base: str) -> tuple[FeedItem, ...]:
    """Return the items of a JSON Feed (versions 1 and 1.1)."""
    try:
        data = json.loads(content)
    except ValueError as error:
        raise FetchError(f"{base}: malformed JSON Feed: {error}") from error
    if (
        not isinstance(data, dict)
        or not str(data.get("version", "")).startswith(JSON_FEED_VERSION)
        or not isinstance(data.get("items"), list)
    ):
        raise FetchError(f"{base}: not a JSON Feed (no version or items)")
    items = []
    for raw in data["items"]:
        if not isinstance(raw, dict):
            continue
        url = _absolute(raw.get("url") or raw.get("external_url") or raw.get("id"), base)
        if url is None:
            continue
        authors = _names(raw.get("authors")) or _names([raw.get("author")])
        html = raw.get("content_html")
        text = raw.get("content_text")
        body = (
            html_to_text(html)
            if isinstance(html, str) and html.strip()
            else html_to_text(text)
            if isinstance(text, str)
            else ""
        )
        tags = tuple(str(t) for t in raw.get("tags", []) if isinstance(t, str | int))
        summary = raw.get("summary")
        entry = FeedEntry(
            title=str(raw["title"]) if raw.get("title") else None,
            url=url,
            published=iso_datetime(raw.get("date_published")),
            authors=authors,
            summary=html_to_text(summary) if isinstance(summary, str) else None,
            tags=tags,
        )
        items.append(FeedItem(url, entry, body or None))
    return tuple(items)


def _feedparser_item(raw: feedparser.FeedParserDict, base: str) -> FeedItem | None:
    """Return one RSS or Atom entry as a FeedItem (None when it names no article URL)."""
    url = _absolute(raw.get("link") or raw.get("id"), base)
    if url is None:
        return None
    authors = _names(raw.get("authors"))
    if not authors and raw.get("author"):
        authors = (str(raw["author"]),)
    contents = raw.get("content") or []
    html = str(contents[0].get("value", "")) if contents else ""
    summary = html_to_text(str(raw.get("summary", ""))) or None
    tags = tuple(str(t.get("term")) for t in raw.get("tags", []) if t.get("term"))
    entry = FeedEntry(
        title=str(raw["title"]).strip() if raw.get("title") else None,
        url=url,
        published=iso_datetime(raw.get("published") or raw.get("updated")),
        authors=authors,
        summary=summary,
        tags=tags,
    )
    return FeedItem(url, entry, html_to_text(html) or summary)


def parse_feed(content: bytes, content_type: str | None, base: str) -> tuple[FeedItem, ...]:
    """Return a feed's items in feed order; raise FetchError for what is not a feed."""
    kind = media_type(content_type)
    if kind in ("application/feed+json", "application/json") or content.lstrip().startswith(b"{"):
        return _json_feed(content, base)
    headers = {"content-location": base}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(content, response_headers=headers, sanitize_html=True)
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise FetchError(f"{base}: malformed or not a feed: {reason}")
    items = (_feedparser_item(raw, base) for raw in parsed.entries)
    return tuple(item for item in items if item is not None)


def discover_feed(content: bytes, base: str) -> str:
    """Return the first feed a home page links with `<link rel="alternate">`."""
    try:
        document = lxml.html.document_fromstring(content)
    except (lxml.etree.ParserError, ValueError) as error:
        raise FetchError(f"{base}: home page is not HTML: {error}") from error
    bases = document.xpath("//base/@href")
    page_base = urljoin(base, str(bases[0])) if bases else base
    for link in document.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        url = _absolute(link.get("href"), page_base)
        if "alternate" in rel and kind in FEED_TYPES and url:
            return url
    raise FetchError(f'{base}: no <link rel="alternate"> to an RSS, Atom or JSON feed')
