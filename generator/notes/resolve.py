"""Find the article a note names: by id, by the article's URL, or by its page's path or URL."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import urlsplit

from generator.ids import canonical_url
from generator.model import Entry
from generator.notes.parse import ARTICLE_ID, HTTP_URL

# The articles/... part of a page path or page URL ("/site/articles/2026/03/x/" too).
PAGE_PART = re.compile(r"(?:^|/)(articles/.+)$")


@dataclass(frozen=True)
class ArticleIndex:
    """Lookup tables from every way of naming an article to its id."""

    by_url: Mapping[str, str]
    by_page: Mapping[str, str]
    ids: frozenset[str]


def index_articles(entries: Sequence[Entry]) -> ArticleIndex:
    """Return the lookup tables for the analysed articles."""
    return index_rows([(e.article.id, e.article.url, e.page) for e in entries])


def index_rows(rows: Sequence[tuple[str, str | None, str]]) -> ArticleIndex:
    """Return the lookup tables from (id, URL, page path) rows (the smallest id wins a URL)."""
    by_url: dict[str, str] = {}
    for article_id, url, _ in sorted(rows, reverse=True):
        if url:
            by_url[canonical_url(url)] = article_id
    return ArticleIndex(
        MappingProxyType(by_url),
        MappingProxyType({p: i for i, _, p in rows}),
        frozenset(i for i, _, _ in rows),
    )


def page_key(value: str) -> str | None:
    """Return the docs path (articles/....md) a page path or page URL names, if any."""
    path = urlsplit(value).path if HTTP_URL.match(value) else value.split("#", maxsplit=1)[0]
    match = PAGE_PART.search(path.strip())
    if match is None:
        return None
    page = match.group(1)
    page = page.removesuffix("index.html").removesuffix("/")
    return page if page.endswith(".md") else page + ".md"


def resolve_article(value: str, index: ArticleIndex) -> str | None:
    """Return the id of the article `value` names, or None when no stored article matches."""
    lowered = value.strip().lower()
    if ARTICLE_ID.match(lowered):
        return lowered if lowered in index.ids else None
    if HTTP_URL.match(value.strip()):
        found = index.by_url.get(canonical_url(value))
        if found is not None:
            return found
    page = page_key(value)
    return index.by_page.get(page) if page else None
