"""Saved HTML pages: main text through trafilatura, metadata from the page's markup.

trafilatura settings: comments, tables, images, links and formatting are off, because each
adds text that is not the story (comment threads, data tables, captions, link lists,
Markdown marks that rendering would have to escape). favor_precision is off: on the
trafilatura evaluation set it lowered F1 (see the report in the extraction tests' docs).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import trafilatura
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

from generator.errors import ExtractionError
from generator.extract.body import clean_body, drop_leading_title
from generator.extract.fields import Fields
from generator.extract.htmlmeta import PageMeta, page_meta, strip_site_suffix
from generator.extract.textdump import site_name
from generator.extract.times import Stamp, parse_date_line, parse_timestamp

# Settings passed to trafilatura for every page; see the module docstring for why.
TRAFILATURA_SETTINGS: Mapping[str, Any] = MappingProxyType({
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "favor_precision": False,
    "with_metadata": True,
    # Standfirsts ("dek"), bylines and captions sit inside articles but are not story text.
    "prune_xpath": ["//*[contains(concat(' ', normalize-space(@class), ' '), ' dek ')]",
                    "//*[contains(@class, 'standfirst')]", "//figcaption"],
})


def main_text(text: str, url: str | None = None) -> tuple[str, Any]:
    """Return trafilatura's main text (one paragraph per line) and its metadata document."""
    document = trafilatura.bare_extraction(text, url=url, **TRAFILATURA_SETTINGS)
    body = getattr(document, "text", None) or ""
    if not body.strip():
        raise ExtractionError("no article body found")
    return body, document


def _stamp(meta: PageMeta, document: Any) -> tuple[Stamp | None, str]:
    """Return the first parseable publication time and its signal (markup, then htmldate)."""
    # A date-class element with a clock time beats htmldate (which gives only a day); a
    # day-only element comes after it: on the htmldate set that order is the more accurate.
    timed = [line for line in meta.date_lines if (s := parse_date_line(line)) and not s.date_only]
    candidates = [*meta.dates, *(("page date line", line) for line in timed)]
    if getattr(document, "date", None):
        candidates.append(("trafilatura/htmldate", str(document.date)))
    candidates += [("page date line", line) for line in meta.date_lines]
    for signal, value in candidates:
        try:
            return parse_timestamp(value), signal
        except ExtractionError:
            continue  # a malformed value; the next signal may still be usable
    return None, ""


def parse_soup(text: str) -> BeautifulSoup:
    """Return the parsed page; XHTML served as HTML is expected here, so its warning is muted."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(text, "lxml")


def parse_html(text: str, url: str | None, boilerplate: frozenset[str] = frozenset()) -> Fields:
    """Return the fields of a saved HTML page."""
    meta = page_meta(parse_soup(text), url)
    body, document = main_text(text, meta.url or url)
    stamp, signal = _stamp(meta, document)
    site = meta.site or getattr(document, "sitename", None) or site_name(meta.lines)
    fallback_title = getattr(document, "title", None)
    fallback_author = getattr(document, "author", None) or ""
    cleaned = clean_body(drop_leading_title(body.split("\n"), meta.title), boilerplate)
    if not cleaned.paragraphs:
        raise ExtractionError("no article body found")
    title = meta.title or (strip_site_suffix(fallback_title, site) if fallback_title else None)
    return Fields(
        body=cleaned,
        title=title,
        url=meta.url,
        source=site,
        stamp=stamp,
        stamp_signal=signal,
        authors=meta.authors or tuple(a.strip() for a in fallback_author.split(";") if a.strip()),
        language=meta.language,
    )
