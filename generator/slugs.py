"""Page paths for articles: date + the article id (a hash of its URL) + a bounded ASCII slug.

The id makes paths unique (two articles share a path only if they share an id, and the store
keeps one record per id); the slug only helps humans, so it may be empty. Every path part
starts with a digit or a hex digit and holds only [a-z0-9-], so paths can never climb out
of their folder, start with a dot, hit a reserved file name (CON, NUL, COM1, index...) or
exceed 255 bytes, whatever the title, day or id say.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SLUG_WORDS_MAX = 60  # characters of title words kept in a slug
# Anything that is not a lower-case ASCII letter or digit becomes a separator.
NON_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
# A day as the site names it; anything else (from a damaged record) counts as undated.
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# An id as the store makes it: lower-case hex (see ids.ID_LENGTH).
HEX_ID = re.compile(r"[0-9a-f]{1,64}")
PAGE_ID_LENGTH = 12
NAME_KEY_LENGTH = 10


def slugify(text: str, limit: int = SLUG_WORDS_MAX) -> str:
    """Return a lower-case ASCII slug of at most `limit` characters (possibly empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = NON_SLUG_CHARS.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug.strip("-")


def page_id(article_id: str) -> str:
    """Return the id as a path part: itself when it is hex, else a hash of it."""
    if HEX_ID.fullmatch(article_id):
        return article_id[:PAGE_ID_LENGTH]
    return hashlib.sha256(article_id.encode("utf-8", "replace")).hexdigest()[:PAGE_ID_LENGTH]


def article_page(article_id: str, day: str | None, title: str) -> str:
    """Return the docs-relative Markdown path of an article page."""
    day = day if day and DAY.fullmatch(day) else None
    folder = f"articles/{day[:4]}/{day[5:7]}" if day else "articles/undated"
    stem = "-".join(part for part in (day, page_id(article_id), slugify(title)) if part)
    return f"{folder}/{stem}.md"


def name_page(folder: str, name: str, key: str) -> str:
    """Return the page path for a named listing (tag or source), unique via a short hash.

    Ten hex digits (40 bits) keep two different names of a large site from sharing a page.
    """
    slug = slugify(name, 40)
    return f"{folder}/{slug + '-' if slug else ''}{page_id(key)[:NAME_KEY_LENGTH]}.md"
