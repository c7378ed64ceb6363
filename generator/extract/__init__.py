"""Extraction stage: turn one RawInput (HTML, text dump or JSON record) into an Article.

Pure functions only: the bytes and their metadata go in, an Article or a named error comes out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from generator.errors import ExtractionError
from generator.extract.decode import check_not_binary, decode
from generator.extract.fields import Dated, Fields, build_article
from generator.extract.html import parse_html
from generator.extract.jsonrecord import parse_record
from generator.extract.text import clean_line
from generator.extract.textdump import parse_dump
from generator.model import Article, RawInput

Kind = Literal["html", "text", "json"]

# Markup that makes a document HTML even without a leading "<": doctype or a structural tag.
HTML_MARKER = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|main|p|div|meta|title)\b", re.IGNORECASE
)

# The first character that is not a BOM or white space a page may start with.
FIRST_CONTENT = re.compile("[^\ufeff \t\r\n]")


@dataclass(frozen=True)
class ExtractContext:
    """What extraction may know beyond the bytes: the source's repeated lines, a default zone."""

    boilerplate_lines: frozenset[str] = frozenset()  # lines repeated across dumps of the source
    default_timezone: str | None = None  # site-wide fallback zone (IANA), from config
    now: datetime | None = None  # bounds dates of inputs without a fetch time; None: the clock


def _kind_of_text(text: str) -> Kind:
    """Return the kind of decoded text by its first characters and markup."""
    start = FIRST_CONTENT.search(text)  # as text.lstrip(...), without copying the whole page
    head = text[start.start() : start.start() + 2048] if start else ""
    if head[:1] in "{[":
        return "json"
    if head.startswith("<") or HTML_MARKER.search(head):
        return "html"
    return "text"


def detect_kind(content: bytes) -> Kind:
    """Return whether content is an HTML page, a text dump or a JSON record, from the bytes."""
    check_not_binary(content)
    return _kind_of_text(decode(content))


def extract(raw: RawInput, context: ExtractContext = ExtractContext()) -> Article:
    """Return the Article held in raw, or raise ExtractionError with a reason to act on."""
    text = decode(raw.content, raw.content_type)
    kind = _kind_of_text(text)
    latest = latest_date(raw.fetched_at, context.now)
    if kind == "json":
        fields = parse_record(text, context.boilerplate_lines)
    elif kind == "html":
        fields = parse_html(text, raw.url, latest, context.boilerplate_lines)
    else:
        fields = _dump_fields(text, context.boilerplate_lines)
    return build_article(fields, raw, context.default_timezone, latest)


def latest_date(fetched_at: str | None, now: datetime | None) -> datetime:
    """Return the latest moment a publication time may have: fetch time, else now."""
    try:
        fetched = datetime.fromisoformat(fetched_at) if fetched_at else None
    except ValueError:
        fetched = None  # a malformed fetch time bounds nothing; fall back to the clock
    moment = fetched or now or datetime.now(UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _dump_fields(text: str, boilerplate: frozenset[str]) -> Fields:
    """Return the fields of a plain-text page dump."""
    dump = parse_dump(text, boilerplate)
    if not dump.body.paragraphs:
        raise ExtractionError("no article text found in the text dump")
    return Fields(
        body=dump.body,
        title=dump.title,
        source=dump.site,
        dated=Dated(dump.stamp, "text date line"),
        tags=dump.tags,
    )


def repeated_lines(
    texts: Sequence[str],
    min_share: float = 0.5,
    min_count: int = 3,
) -> frozenset[str]:
    """Return lines found in many dumps of one source: its furniture, whatever the site.

    A line counts once per dump; it is repeated when it appears in at least `min_count`
    dumps and in at least `min_share` of them. Fewer than `min_count` dumps yield nothing.
    """
    if len(texts) < min_count:
        return frozenset()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({line for raw in text.split("\n") if (line := clean_line(raw))})
    needed = max(min_count, math.ceil(min_share * len(texts)))
    return frozenset(line for line, count in counts.items() if count >= needed)


__all__ = ["ExtractContext", "Kind", "detect_kind", "extract", "repeated_lines"]
