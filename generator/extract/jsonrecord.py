"""JSON scraper records: our own shape plus news-please and trafilatura field names."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from generator.errors import ExtractionError
from generator.extract.body import clean_body, drop_leading_title
from generator.extract.fields import Dated, Fields
from generator.extract.htmlmeta import suffix_site
from generator.extract.keywords import split_tags
from generator.extract.text import paragraphs_from_lines
from generator.extract.times import Stamp, parse_timestamp

# Field names by meaning, first match wins: ours, then news-please, then trafilatura.
TEXT_KEYS = ("text", "maintext", "raw_text")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "source_url", "canonical_url", "source")
DATE_KEYS = ("published", "date_publish", "datePublished", "date")
AUTHOR_KEYS = ("authors", "author")
SOURCE_KEYS = ("source", "sitename", "source-hostname", "source_domain", "hostname")
# news-please's full <title>, whose suffix names the site ("Headline - Site").
PAGE_TITLE_KEYS = ("title_page",)
LANGUAGE_KEYS = ("language", "lang")
# The publisher's tags: a list of strings or one separated string.
TAG_KEYS = ("tags", "keywords")

# Separators between names in an "author" string: "A; B", "A, B", "A and B".
# A UTF-16 surrogate on its own: a JSON escape can carry one, UTF-8 cannot store it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
AUTHOR_SEP = re.compile(r"\s*(?:;|,|\band\b|&)\s*")
# A URL-looking value (trafilatura's "source" is a URL, ours is a site name).
URL_LIKE = re.compile(r"^https?://", re.IGNORECASE)


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    """Return the first non-empty string among the record's keys."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _authors(record: Mapping[str, Any]) -> tuple[str, ...]:
    """Return authors from a list (of strings or {"name": ...}) or a separated string."""
    for key in AUTHOR_KEYS:
        value = record.get(key)
        if isinstance(value, list):
            names = [v.get("name") if isinstance(v, dict) else v for v in value]
            return tuple(n.strip() for n in names if isinstance(n, str) and n.strip())
        if isinstance(value, str) and value.strip():
            return tuple(n for n in AUTHOR_SEP.split(value.strip()) if n)
    return ()


def load_record(text: str) -> Mapping[str, Any]:
    """Return the JSON object in text, or raise with what is wrong with it."""
    try:
        data = json.loads(text, object_pairs_hook=_without_surrogates)
    except json.JSONDecodeError as exc:
        raise ExtractionError(f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc
    if isinstance(data, list):
        raise ExtractionError("JSON array: expected one record (an object) per file")
    if not isinstance(data, dict):
        raise ExtractionError("JSON value is not an object with a 'text' field")
    return data


def parse_record(text: str, boilerplate: frozenset[str] = frozenset()) -> Fields:
    """Return the fields of one JSON scraper record."""
    record = load_record(text)
    body_text = _first(record, TEXT_KEYS)
    if body_text is None:
        raise ExtractionError("JSON record has no 'text' field")
    url = next((v for k in URL_KEYS if (v := _first(record, (k,))) and URL_LIKE.match(v)), None)
    site = next(
        (v for k in SOURCE_KEYS if (v := _first(record, (k,))) and not URL_LIKE.match(v)), None
    )
    title = _first(record, TITLE_KEYS)
    named = suffix_site(_first(record, PAGE_TITLE_KEYS), title)
    # A name from the page title beats a bare domain ("www.example.com").
    source = named if named and (site is None or "." in site) else site
    date = _first(record, DATE_KEYS)
    lines = drop_leading_title(paragraphs_from_lines(body_text), title)
    return Fields(
        body=clean_body(lines, boilerplate),
        title=title,
        url=url,
        source=source,
        dated=Dated(_stamp(date), "JSON record"),
        authors=_authors(record),
        language=_first(record, LANGUAGE_KEYS),
        tags=tuple(tag for key in TAG_KEYS for tag in split_tags(record.get(key))),
    )


def _stamp(value: str | None) -> Stamp | None:
    """Return the record's time; one that does not parse is absent, not a failed record."""
    try:
        return parse_timestamp(value) if value else None
    except ExtractionError:
        return None


def _without_surrogates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Replace lone surrogates, which JSON escapes can carry ("\\ud800") but UTF-8 cannot."""

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            return LONE_SURROGATE.sub("\ufffd", value)
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    return {fix(k): fix(v) for k, v in pairs}
