"""The only way scraped text reaches a page: escaped into a small fixed set of HTML elements.

Scraped strings are never written as Markdown. Raw HTML blocks are left alone by
Python-Markdown, so escaping them with `html.escape` is enough to keep every Markdown
construct (links, admonitions, attribute lists, snippets, emphasis runs) inert.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from urllib.parse import urlsplit

# Bidi controls (ALM, LRM, RLM, embeddings, overrides, isolates) and zero-width characters
# (ZWSP, ZWNJ, ZWJ, word joiner, invisible operators, BOM, Mongolian vowel separator): they
# can disguise text and break slugs.
INVISIBLE_CHARS = re.compile(
    "[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# C0/C1 control characters other than tab, LF and CR, lone surrogates (a JSON record can
# carry them; they cannot be written as UTF-8) and the non-characters U+FFFE/U+FFFF: none is
# valid in HTML text or YAML.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Line breaks (CR LF, CR, LF): written as a character reference so that escaped text is
# always one line and can never end or split the raw HTML block it sits in.
LINE_BREAK = re.compile("\r\n?|\n")


# Either of the above: what clean() removes, in one pass.
UNWANTED_CHARS = re.compile(f"{INVISIBLE_CHARS.pattern}|{CONTROL_CHARS.pattern}")
# Distinct page paths whose URL segments are remembered (every page of a large site).
PATH_CACHE = 65_536
# Any character esc() would change: most strings (names, tags, many titles) have none.
ESCAPED_CHARS = re.compile(f"{UNWANTED_CHARS.pattern}|[&<>\"'\r\n]")


def clean(text: str) -> str:
    """Strip invisible and control characters that have no place in a page."""
    return UNWANTED_CHARS.sub("", text)


def esc(text: str) -> str:
    """Escape text for HTML element content or a quoted attribute value, on one line."""
    if ESCAPED_CHARS.search(text) is None:
        return text  # the common case, and every page escapes a few hundred strings
    escaped = html.escape(clean(text), quote=True)
    if "\n" not in escaped and "\r" not in escaped:
        return escaped  # most escaped text is one line with quotes: two scans beat a regex
    return LINE_BREAK.sub("&#10;", escaped)


def safe_http_url(url: str | None) -> str | None:
    """Return the URL when it is an absolute http(s) URL with a host, else None."""
    if not url:
        return None
    candidate = clean(url).strip()
    if any(ch.isspace() for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return candidate


def page_url(path: str) -> str:
    """Return the site-relative URL of a docs-relative Markdown path (directory URLs); a
    path may end in `#anchor` (a retired article's archive entry, generator.retention)."""
    if "#" in path:
        path, _, fragment = path.partition("#")
        return page_url(path) + "#" + fragment
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def href(from_path: str, to_path: str, anchor: str = "") -> str:
    """Return a relative link from one generated page to another, as a built site needs it
    (`to_path` may end in `#anchor`, as a retired article's page does)."""
    if "#" in to_path:
        to_path, _, anchor = to_path.partition("#")
    to, start = url_segments(to_path), url_segments(from_path)
    if to is None or start is None:
        relative = posixpath.relpath("/" + page_url(to_path), "/" + page_url(from_path))
    elif to and start and to[0] != start[0]:  # other sections: most links, made the short way
        return "../" * len(start) + "/".join(to) + (f"/#{anchor}" if anchor else "/")
    else:
        common = 0
        for mine, theirs in zip(to, start, strict=False):
            if mine != theirs:
                break
            common += 1
        relative = "/".join([".."] * (len(start) - common) + list(to[common:])) or "."
    if relative == ".":
        relative = "./"
    elif not relative.endswith("/"):
        relative += "/"
    return relative + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=PATH_CACHE)
def url_segments(path: str) -> tuple[str, ...] | None:
    """Return the segments of a page's URL; None when one is "." or ".." (relpath's case).

    Remembered per path: a listing links every story and tag from the same page, and a
    story or tag is linked from many pages. A link to a page whose URL does not start with
    these segments is the same from every page of this URL folder (segments[:-1]).
    """
    segments = tuple(part for part in page_url(path).split("/") if part)
    return None if "." in segments or ".." in segments else segments


def link(from_path: str, to_path: str, text: str, anchor: str = "") -> str:
    """Return an <a> element to another generated page with escaped text."""
    return f'<a href="{esc(href(from_path, to_path, anchor))}">{esc(text)}</a>'


def external_link(url: str | None, text: str) -> str:
    """Return a link to an outside http(s) URL, or the escaped text alone when unsafe."""
    safe = safe_http_url(url)
    if safe is None:
        return esc(text)
    return f'<a href="{esc(safe)}" rel="nofollow noopener noreferrer">{esc(text)}</a>'
