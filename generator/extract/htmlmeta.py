"""Metadata of a saved HTML page: JSON-LD, OpenGraph, meta tags, canonical link, <time>."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import lxml.etree  # type: ignore[import-untyped, unused-ignore]

from generator.extract.keywords import split_tags
from generator.extract.markup import Element, text_of

# Schema.org types whose properties describe the article itself.
ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "ReportageNews",
        "AnalysisNewsArticle",
        "BlogPosting",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
        "BackgroundNewsArticle",
        "LiveBlogPosting",
        "Report",
    }
)
# Meta names/properties that hold a publication date, with the signal each one is reported as.
DATE_META = (
    ("article:published_time", "meta article:published_time"),
    ("og:published_time", "meta og:published_time"),
    ("date", "meta date"),
    ("pubdate", "meta pubdate"),
    ("publishdate", "meta publishdate"),
    ("dc.date", "meta dc.date"),
    ("dc.date.issued", "meta dc.date.issued"),
    ("dcterms.created", "meta dcterms.created"),
    ("sailthru.date", "meta sailthru.date"),
)
# Meta names holding the publisher's comma-separated keywords.
KEYWORD_META = ("news_keywords", "keywords")
# Separators between a headline and the site name in <title>: "Headline | Site".
TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
# class/id values of elements that show the publication time ("timestamp", "article-date").
DATE_CLASS = re.compile(
    r"(?:^|[-_ ])(?:date|time|timestamp|published|pubdate|dateline|posted)"
    r"(?:$|[-_ ])",
    re.IGNORECASE,
)
# One of DATE_CLASS's words anywhere: a quick test before DATE_CLASS decides.
DATE_WORD = re.compile(r"date|time|published|posted", re.IGNORECASE)
# The values of a multi-valued attribute such as class or rel.
ATTRIBUTE_VALUE = re.compile(r"\S+")
# Separators between a published and an updated time shown on one line.
PART_SEP = re.compile(r"\s+[|·•]\s+")
# Longest site-name suffix (in words) dropped from a title when no site name is known.
MAX_SUFFIX_WORDS = 4
# The elements page_meta reads, gathered in one walk of the tree (one walk per tag was slower).
META_ELEMENTS = ("html", "title", "meta", "link", "script", "time")


@dataclass(frozen=True)
class PageMeta:
    """What a page's markup says about the article."""

    title: str | None = None
    url: str | None = None
    site: str | None = None
    dates: tuple[tuple[str, str], ...] = ()  # (signal, value), best first
    authors: tuple[str, ...] = ()
    language: str | None = None
    tags: tuple[str, ...] = ()  # the publisher's keywords, uncleaned (see extract.keywords)


def visible_lines(root: Element) -> list[str]:
    """Return the page's text as lines, one per block (for site names in notices)."""
    body = next(root.iter("body"), None)
    text = text_of(body, "\n", strip=True) if body is not None else ""
    return [line for line in text.split("\n") if line]


def _jsonld_nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Yield every object in a JSON-LD value, descending into lists and @graph."""
    if isinstance(value, list):
        for item in value:
            yield from _jsonld_nodes(item)
    elif isinstance(value, dict):
        yield value
        yield from _jsonld_nodes(value.get("@graph", []))


def jsonld_articles(scripts: Iterable[Element]) -> list[dict[str, Any]]:
    """Return every JSON-LD object typed as an article in scripts, in page order."""
    found: list[dict[str, Any]] = []
    for script in scripts:
        if script.get("type") != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue  # a broken block on the page; other blocks may still describe the article
        for node in _jsonld_nodes(data):
            types = node.get("@type", [])
            types = {types} if isinstance(types, str) else set(types)
            if types & ARTICLE_TYPES:
                found.append(node)
    return found


def _names(value: Any) -> tuple[str, ...]:
    """Return person names from a JSON-LD author value: string, object or list of them."""
    items = value if isinstance(value, list) else [value]
    names = [i.get("name") if isinstance(i, dict) else i for i in items]
    return tuple(n.strip() for n in names if isinstance(n, str) and n.strip())


def _text(value: Any) -> str | None:
    """Return a stripped non-empty string, else None."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def _meta_tags(metas: Iterable[Element]) -> list[tuple[tuple[str, ...], str | None]]:
    """Return each <meta>'s property, name and itemprop (lower case) with its content."""
    return [
        (
            tuple(str(tag.get(a) or "").strip().lower() for a in ("property", "name", "itemprop")),
            _text(tag.get("content")),
        )
        for tag in metas
    ]


def _meta(tags: list[tuple[tuple[str, ...], str | None]], key: str) -> str | None:
    """Return the content of the first <meta property|name|itemprop=key> that has one."""
    return next((content for names, content in tags if key in names and content), None)


def _publisher_tags(
    tags: list[tuple[tuple[str, ...], str | None]],
    node: dict[str, Any],
) -> tuple[str, ...]:
    """Return the page's own tags: JSON-LD keywords, every article:tag, meta keywords."""
    found = split_tags(node.get("keywords"))
    found += [content for names, content in tags if content and "article:tag" in names]
    for key in KEYWORD_META:
        found += split_tags(_meta(tags, key))
    return tuple(found)


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


def page_date_lines(root: Element) -> list[str]:
    """Return the text of date-bearing elements (class or id naming a date), split at "|" / "·"."""
    by_class: list[Element] = []
    by_id: list[Element] = []
    for tag in root.iter(lxml.etree.Element):
        classes, ident = tag.get("class"), tag.get("id")
        if classes is not None and DATE_WORD.search(classes) and _names_date(classes, True):
            by_class.append(tag)
        if ident is not None and DATE_WORD.search(ident) and _names_date(ident, False):
            by_id.append(tag)
    found: list[str] = []
    for tag in [*by_class, *by_id]:
        found.extend(part.strip() for part in PART_SEP.split(text_of(tag, " ", strip=True)))
    return [part for part in found if part]


def _names_date(value: str, several: bool) -> bool:
    """Return True when an attribute (class: `several` values) names a date.

    As Beautiful Soup matches a pattern against a class: any one value, else all of them
    joined by spaces.
    """
    if not several:
        return DATE_CLASS.search(value) is not None
    values = ATTRIBUTE_VALUE.findall(value)
    if any(DATE_CLASS.search(v) for v in values):
        return True
    return len(values) != 1 and DATE_CLASS.search(" ".join(values)) is not None


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


def _attr(tag: Element | None, name: str) -> str | None:
    """Return a tag's attribute as text, or None when the tag or attribute is missing."""
    return _text(tag.get(name)) if tag is not None else None


def _canonical(links: Iterable[Element]) -> str | None:
    """Return the href of the first <link rel="canonical"> of links."""
    for link in links:
        if "canonical" in (r.lower() for r in ATTRIBUTE_VALUE.findall(link.get("rel") or "")):
            return _attr(link, "href")
    return None


def _elements(root: Element) -> dict[str, list[Element]]:
    """Return the page's META_ELEMENTS by tag, each list in document order."""
    found: dict[str, list[Element]] = {tag: [] for tag in META_ELEMENTS}
    for element in root.iter(*META_ELEMENTS):
        found[element.tag].append(element)
    return found


def page_meta(root: Element, base_url: str | None) -> PageMeta:
    """Return the metadata a page's markup declares, by the documented precedence."""
    elements = _elements(root)
    nodes = jsonld_articles(elements["script"])
    node = nodes[0] if nodes else {}
    tags = _meta_tags(elements["meta"])
    publisher = node.get("publisher")
    site = (_text(publisher.get("name")) if isinstance(publisher, dict) else None) or _meta(
        tags, "og:site_name"
    )
    title_tag = next(iter(elements["title"]), None)
    page_title = _text(text_of(title_tag)) if title_tag is not None else None
    title = _text(node.get("headline")) or _meta(tags, "og:title") or page_title
    site = site or suffix_site(page_title, strip_site_suffix(title or "", None))
    og_url = _meta(tags, "og:url")
    base = base_url or _absolute(og_url, None)  # a relative canonical resolves against these
    urls = (_absolute(u, base) for u in (_canonical(elements["link"]), og_url, _jsonld_url(node)))
    # Every article block's date, in page order: a later block may hold the clock time.
    dates = [("json-ld", d) for n in nodes if (d := _text(n.get("datePublished")))]
    dates += [(signal, d) for key, signal in DATE_META if (d := _meta(tags, key))]
    dates += [
        ("html <time datetime>", d)
        for d in [_attr(next(iter(elements["time"]), None), "datetime")]
        if d
    ]
    meta_authors = (_meta(tags, "article:author"), _meta(tags, "author"))
    authors = (
        _names(node.get("author"))
        or tuple(a for a in meta_authors if a and not a.lower().startswith("http"))[:1]
    )
    return PageMeta(
        title=strip_site_suffix(title, site) if title else None,
        url=next((u for u in urls if u), None),
        site=site,
        dates=tuple(dates),
        authors=authors,
        language=_attr(next(iter(elements["html"]), None), "lang"),
        tags=_publisher_tags(tags, node),
    )
