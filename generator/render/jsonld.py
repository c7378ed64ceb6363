"""Describe an article page as schema.org `NewsArticle` structured data (JSON-LD).

The data travels in the page's front matter; the theme (generator/theme/main.html) prints it
with Jinja's `tojson`, which writes JSON with every non-ASCII character escaped and `<`, `>`,
`&` and `'` as \\u escapes, so no scraped string can close the <script> block or break it
with U+2028/U+2029. The page's own address is added there, from MkDocs's site_url.
"""

from __future__ import annotations

from generator.render.context import Entry
from generator.render.html import safe_http_url


def article_jsonld(entry: Entry) -> dict[str, object]:
    """Return the NewsArticle object of an article page (without its own URL)."""
    article = entry.article
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "inLanguage": article.language,
    }
    description = " ".join(entry.summary_texts())
    if description:
        data["description"] = description
    iso = article.published.iso if article.published else None
    if iso:  # only a time with its offset: a bare local time would be read as UTC
        data["datePublished"] = iso
        data["dateModified"] = iso  # no later version is known
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    if article.source:
        data["publisher"] = {"@type": "Organization", "name": article.source}
    original = safe_http_url(article.url)
    if original:
        data["isBasedOn"] = original
    if entry.tags:
        data["keywords"] = list(entry.tags)
    return data
