"""Page paths for articles: date + short hash of the id + a bounded ASCII slug.

The hash makes paths unique; the slug only helps humans, so it may be empty. Paths can never
climb out of their folder, start with a dot, or hit a reserved file name.
"""

from __future__ import annotations

import re
import unicodedata

SLUG_WORDS_MAX = 60  # characters of title words kept in a slug
# Anything that is not a lower-case ASCII letter or digit becomes a separator.
NON_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


def slugify(text: str, limit: int = SLUG_WORDS_MAX) -> str:
    """Return a lower-case ASCII slug of at most `limit` characters (possibly empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = NON_SLUG_CHARS.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug.strip("-")


def article_page(article_id: str, day: str | None, title: str) -> str:
    """Return the docs-relative Markdown path of an article page."""
    folder = f"articles/{day[:4]}/{day[5:7]}" if day else "articles/undated"
    stem = "-".join(part for part in (day, article_id[:8], slugify(title)) if part)
    return f"{folder}/{stem}.md"


def name_page(folder: str, name: str, key: str) -> str:
    """Return the page path for a named listing (tag or source), unique via a short hash."""
    slug = slugify(name, 40)
    return f"{folder}/{slug + '-' if slug else ''}{key[:6]}.md"
