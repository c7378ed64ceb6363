"""Read XML sitemaps: a sitemap index, a urlset, and Google News sitemap metadata."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import lxml.etree  # type: ignore[import-untyped, unused-ignore]

from generator.errors import FetchError
from generator.fetch.feeds import iso_datetime
from generator.model import FeedEntry


@dataclass(frozen=True)
class SitemapPage:
    """One page a sitemap lists, with the date and news title it gives."""

    url: str
    modified: str | None = None  # ISO 8601 with offset: news publication date, else lastmod
    entry: FeedEntry | None = None  # Google News title and date


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: pages (urlset) or child sitemaps (sitemap index)."""

    pages: tuple[SitemapPage, ...] = ()
    children: tuple[str, ...] = ()


def _local(tag: object) -> str:
    """Return an element's tag without its namespace."""
    return str(tag).rsplit("}", 1)[-1]


def _child_text(element: lxml.etree._Element, *path: str) -> str | None:
    """Return the text of the first descendant along local-name path, or None."""
    current = element
    for name in path:
        found = next((c for c in current if _local(c.tag) == name), None)
        if found is None:
            return None
        current = found
    return (current.text or "").strip() or None


def _absolute(url: str | None, base: str) -> str | None:
    """Return an absolute http(s) URL, or None."""
    if not url:
        return None
    joined = urljoin(base, url)
    return joined if urlsplit(joined).scheme in ("http", "https") else None


def _page(element: lxml.etree._Element, base: str) -> SitemapPage | None:
    """Return one <url> element as a page (None when it has no usable <loc>)."""
    url = _absolute(_child_text(element, "loc"), base)
    if url is None:
        return None
    title = _child_text(element, "news", "title")
    published = iso_datetime(_child_text(element, "news", "publication_date"))
    modified = published or iso_datetime(_child_text(element, "lastmod"))
    entry = FeedEntry(title=title, url=url, published=published) if title or published else None
    return SitemapPage(url, modified, entry)


def newest_first(pages: list[SitemapPage]) -> tuple[SitemapPage, ...]:
    """Order pages newest first; undated pages keep their order after the dated ones."""

    def key(indexed: tuple[int, SitemapPage]) -> tuple[int, float, int]:
        index, page = indexed
        if page.modified is None:
            return (1, 0.0, index)
        return (0, -datetime.fromisoformat(page.modified).timestamp(), index)

    return tuple(page for _, page in sorted(enumerate(pages), key=key))


def parse_sitemap(content: bytes, base: str) -> Sitemap:
    """Return a sitemap's pages newest first, or a sitemap index's child sitemaps."""
    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = lxml.etree.fromstring(content, parser)
    except lxml.etree.XMLSyntaxError as error:
        raise FetchError(f"{base}: malformed sitemap: {error}") from error
    if _local(root.tag) == "sitemapindex":
        children = (
            _absolute(_child_text(c, "loc"), base) for c in root if _local(c.tag) == "sitemap"
        )
        return Sitemap(children=tuple(c for c in children if c))
    if _local(root.tag) != "urlset":
        raise FetchError(f"{base}: not a sitemap (root element <{_local(root.tag)}>)")
    pages = (_page(c, base) for c in root if _local(c.tag) == "url")
    return Sitemap(pages=newest_first([p for p in pages if p is not None]))
