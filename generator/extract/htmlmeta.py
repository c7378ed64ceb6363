"""Metadata of a saved HTML page: JSON-LD, OpenGraph, meta tags, canonical link, <time>."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

# Schema.org types whose properties describe the article itself.
ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNews", "AnalysisNewsArticle",
                           "BlogPosting", "OpinionNewsArticle", "ReviewNewsArticle",
                           "BackgroundNewsArticle", "LiveBlogPosting", "Report"})
# Meta names/properties that hold a publication date, with the signal each one is reported as.
DATE_META = (("article:published_time", "meta article:published_time"),
             ("og:published_time", "meta og:published_time"), ("date", "meta date"),
             ("pubdate", "meta pubdate"), ("publishdate", "meta publishdate"),
             ("dc.date", "meta dc.date"), ("dc.date.issued", "meta dc.date.issued"),
             ("dcterms.created", "meta dcterms.created"), ("sailthru.date", "meta sailthru.date"))
# Separators between a headline and the site name in <title>: "Headline | Site".
TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
# class/id values of elements that show the publication time ("timestamp", "article-date").
DATE_CLASS = re.compile(r"(?:^|[-_ ])(?:date|time|timestamp|published|pubdate|dateline|posted)"
                        r"(?:$|[-_ ])", re.IGNORECASE)
# Separators between a published and an updated time shown on one line.
PART_SEP = re.compile(r"\s+[|·•]\s+")
# Longest site-name suffix (in words) dropped from a title when no site name is known.
MAX_SUFFIX_WORDS = 4


@dataclass(frozen=True)
class PageMeta:
    """What a page's markup says about the article."""

    title: str | None = None
    url: str | None = None
    site: str | None = None
    dates: tuple[tuple[str, str], ...] = ()  # (signal, value), best first
    authors: tuple[str, ...] = ()
    language: str | None = None
    date_lines: tuple[str, ...] = ()  # texts of date-bearing elements, tried after the markup
    lines: tuple[str, ...] = ()  # visible text lines, where notices may name the site


def visible_lines(soup: BeautifulSoup) -> list[str]:
    """Return the page's text as lines, one per block (for site names in notices)."""
    body = soup.find("body")
    text = body.get_text("\n", strip=True) if isinstance(body, Tag) else ""
    return [line for line in text.split("\n") if line]


def _jsonld_nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Yield every object in a JSON-LD value, descending into lists and @graph."""
    if isinstance(value, list):
        for item in value:
            yield from _jsonld_nodes(item)
    elif isinstance(value, dict):
        yield value
        yield from _jsonld_nodes(value.get("@graph", []))


def jsonld_article(soup: BeautifulSoup) -> dict[str, Any]:
    """Return the first JSON-LD object typed as an article, or an empty dict."""
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.get_text())
        except json.JSONDecodeError:
            continue  # a broken block on the page; other blocks may still describe the article
        for node in _jsonld_nodes(data):
            types = node.get("@type", [])
            types = {types} if isinstance(types, str) else set(types)
            if types & ARTICLE_TYPES:
                return node
    return {}


def _names(value: Any) -> tuple[str, ...]:
    """Return person names from a JSON-LD author value: string, object or list of them."""
    items = value if isinstance(value, list) else [value]
    names = [i.get("name") if isinstance(i, dict) else i for i in items]
    return tuple(n.strip() for n in names if isinstance(n, str) and n.strip())


def _text(value: Any) -> str | None:
    """Return a stripped non-empty string, else None."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def _meta(soup: BeautifulSoup, key: str) -> str | None:
    """Return the content of <meta property|name|itemprop=key> (case-insensitive)."""
    for tag in soup.find_all("meta"):
        names = (str(tag.get(a) or "").strip().lower() for a in ("property", "name", "itemprop"))
        if key in names and (content := _text(tag.get("content"))):
            return content
    return None


def strip_site_suffix(title: str, site: str | None) -> str:
    """Return a title without a trailing " | Site Name" (or leading "Site Name | ")."""
    parts = TITLE_SEP.split(title.strip())
    if len(parts) < 2:
        return title.strip()
    if site and parts[-1].casefold() == site.casefold():
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    if site and parts[0].casefold() == site.casefold():
        return parts[1] if len(parts) == 2 else title.strip()
    last = parts[-1]
    if " | " in title and len(last.split()) <= MAX_SUFFIX_WORDS and len(parts[0]) > len(last):
        return title.rsplit(" | ", 1)[0].strip()
    return title.strip()


def suffix_site(page_title: str | None, headline: str | None) -> str | None:
    """Return the site name a page title adds after its headline ("Headline | Site")."""
    if not page_title or not headline:
        return None
    parts = TITLE_SEP.split(page_title.strip())
    if len(parts) >= 2 and parts[0].casefold() == headline.strip().casefold():
        return parts[-1]
    return None


def page_date_lines(soup: BeautifulSoup) -> list[str]:
    """Return the text of date-bearing elements (class or id naming a date), split at "|" / "·"."""
    found: list[str] = []
    tags = [*soup.find_all(class_=DATE_CLASS), *soup.find_all(id=DATE_CLASS)]
    for tag in tags:
        found.extend(part.strip() for part in PART_SEP.split(tag.get_text(" ", strip=True)))
    return [part for part in found if part]


def _jsonld_url(node: dict[str, Any]) -> str | None:
    """Return the article URL from JSON-LD url or mainEntityOfPage."""
    entity = node.get("mainEntityOfPage")
    entity_id = entity.get("@id") if isinstance(entity, dict) else entity
    return _text(node.get("url")) or _text(entity_id)


def _absolute(url: str | None, base: str | None) -> str | None:
    """Return url made absolute against base; None when it cannot be."""
    if not url:
        return None
    joined = urljoin(base, url) if base else url
    return joined if joined.lower().startswith(("http://", "https://")) else None


def _attr(tag: Any, name: str) -> str | None:
    """Return a tag's attribute as text, or None when the tag or attribute is missing."""
    return _text(tag.get(name)) if isinstance(tag, Tag) else None


def _canonical(soup: BeautifulSoup) -> str | None:
    """Return the href of <link rel="canonical">."""
    for link in soup.find_all("link"):
        rel: Any = link.get("rel") or []
        rels = [rel] if isinstance(rel, str) else [str(r) for r in rel]
        if "canonical" in (r.lower() for r in rels):
            return _attr(link, "href")
    return None


def page_meta(soup: BeautifulSoup, base_url: str | None) -> PageMeta:
    """Return the metadata a page's markup declares, by the documented precedence."""
    node = jsonld_article(soup)
    publisher = node.get("publisher")
    site = (_text(publisher.get("name")) if isinstance(publisher, dict) else None) \
        or _meta(soup, "og:site_name")
    title_tag = soup.find("title")
    page_title = _text(title_tag.get_text()) if title_tag else None
    title = _text(node.get("headline")) or _meta(soup, "og:title") or page_title
    site = site or suffix_site(page_title, strip_site_suffix(title or "", None))
    og_url = _meta(soup, "og:url")
    base = base_url or _absolute(og_url, None)  # a relative canonical resolves against these
    urls = (_absolute(u, base) for u in (_canonical(soup), og_url, _jsonld_url(node)))
    dates = [("json-ld", d) for d in [_text(node.get("datePublished"))] if d]
    dates += [(signal, d) for key, signal in DATE_META if (d := _meta(soup, key))]
    dates += [("html <time datetime>", d) for d in [_attr(soup.find("time"), "datetime")] if d]
    meta_authors = (_meta(soup, "article:author"), _meta(soup, "author"))
    authors = _names(node.get("author")) or tuple(
        a for a in meta_authors if a and not a.lower().startswith("http"))[:1]
    return PageMeta(
        title=strip_site_suffix(title, site) if title else None,
        url=next((u for u in urls if u), None), site=site, dates=tuple(dates), authors=authors,
        language=_attr(soup.find("html"), "lang"), date_lines=tuple(page_date_lines(soup)),
        lines=tuple(visible_lines(soup)),
    )
