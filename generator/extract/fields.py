"""Turn what one input kind found into an Article, with the rules every kind shares."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from generator.errors import ExtractionError
from generator.extract.authors import clean_authors
from generator.extract.body import Body
from generator.extract.keywords import merge_tags
from generator.extract.text import (
    clean_line,
    detect_language,
    join_paragraphs,
    language_tag,
    unescape_entities,
)
from generator.extract.times import (
    Stamp,
    city_zone,
    first_plausible,
    language_zone,
    plausible,
    resolve,
    tld_zone,
)
from generator.ids import article_id
from generator.model import Article, Published, RawInput

# The first sentence of a paragraph, used as a title of last resort.
FIRST_SENTENCE = re.compile(r"^.{10,}?[.!?。！？](?=\s|$)")
# Longest fallback title taken from the text, and the mark of a cut.
MAX_FALLBACK_TITLE = 120
ELLIPSIS = "…"


@dataclass(frozen=True)
class Dated:
    """A publication time an input gave, the signal it came from, and perhaps a clock time.

    `clock` is another signal's fuller time for the same day (see `times.with_clock`). The
    reader must see that same day: a UTC time that the article's own zone would move to the
    day before or after is shown in its own offset instead.
    """

    stamp: Stamp | None = None
    signal: str = ""
    clock: Stamp | None = None
    clock_signal: str = ""


@dataclass(frozen=True)
class Fields:
    """What one input kind found, before the shared rules decide the Article."""

    body: Body
    title: str | None = None
    url: str | None = None
    source: str | None = None
    dated: Dated = Dated()
    authors: tuple[str, ...] = ()
    language: str | None = None
    tags: tuple[str, ...] = ()  # the publisher's own keywords, uncleaned


def _title(fields: Fields, raw: RawInput, text: str) -> str:
    """Return the page's title, else the feed's, else the text's first sentence (shortened)."""
    feed = raw.feed_entry.title if raw.feed_entry else None
    title = clean_line(unescape_entities(fields.title or feed or ""))
    if title:
        return title
    first = text.split("\n\n", 1)[0]
    match = FIRST_SENTENCE.match(first)
    return shorten(match.group(0) if match else first, MAX_FALLBACK_TITLE)


def shorten(text: str, width: int) -> str:
    """Return text cut at a word boundary to at most width characters, "…" marking the cut.

    Text without spaces there (Chinese, Japanese) is cut between characters.
    """
    if len(text) <= width:
        return text
    short = textwrap.shorten(text, width, placeholder=ELLIPSIS)
    if short == ELLIPSIS or len(short) < width // 2:  # no word boundary early enough
        short = text[: width - 1].rstrip() + ELLIPSIS
    return short


def _source(fields: Fields, raw: RawInput, url: str | None) -> str | None:
    """Return the configured source, else site name with the dateline's agency, else host.

    A Latin-script agency ("CNA") is appended to a site name that lacks it: "Focus Taiwan
    (CNA)". CJK agency names are abbreviations of the site name and are not appended.
    """
    if raw.source:
        return raw.source
    agency = fields.body.dateline.agency if fields.body.dateline else None
    site = clean_line(unescape_entities(fields.source)) if fields.source else None
    if site and agency and agency.isascii() and agency.casefold() not in site.casefold():
        return f"{site} ({agency})"
    if site or agency:
        return site or agency
    host = urlsplit(url or "").hostname
    return host.removeprefix("www.") if host else None


def _published(
    fields: Fields,
    raw: RawInput,
    url: str | None,
    language: str,
    *,
    default_zone: str | None,
    latest: datetime,
) -> Published | None:
    """Return the publication time with its zone chosen by the documented precedence.

    The input's own time comes first, then the feed's; one out of range is absent.
    """
    dated = fields.dated
    stamp, signal = (
        (dated.stamp, dated.signal)
        if dated.stamp and plausible(dated.stamp, latest)
        else (None, "")
    )
    if stamp is None and raw.feed_entry and raw.feed_entry.published:
        stamp, signal = first_plausible([("feed entry", raw.feed_entry.published)], latest)
    if stamp is None:
        return None
    dateline = fields.body.dateline.dateline if fields.body.dateline else None
    zones = (
        ("source config", raw.timezone),
        ("dateline city", city_zone(dateline)),
        ("site country domain", tld_zone(url)),
        ("article language", language_zone(language)),
        ("site default", default_zone),
    )
    if dated.clock is not None and stamp is dated.stamp:
        timed = resolve(dated.clock, dated.clock_signal, zones)
        if timed.local[:10] != stamp.wall.date().isoformat():
            # Shown in the article's zone it would fall on another day: keep its own offset.
            timed = resolve(dated.clock, dated.clock_signal, ())
        return timed
    return resolve(stamp, signal, zones)


def build_article(
    fields: Fields, raw: RawInput, default_zone: str | None, latest: datetime
) -> Article:
    """Return the Article for fields found in raw, or raise when no text is left.

    `latest` is the latest moment a publication time may have (fetch time, else now).
    """
    text = join_paragraphs(fields.body.paragraphs)
    if not text:
        raise ExtractionError("no article text left after removing page furniture")
    feed = raw.feed_entry
    url = fields.url or raw.url or (feed.url if feed else None)
    title = _title(fields, raw, text)
    authors = fields.authors or fields.body.authors or (feed.authors if feed else ())
    language = (
        language_tag(raw.language)
        or language_tag(fields.language)
        or detect_language(f"{title}\n{text}")
    )
    return Article(
        id=article_id(url, text),
        title=title,
        text=text,
        url=url,
        source=_source(fields, raw, url),
        published=_published(fields, raw, url, language, default_zone=default_zone, latest=latest),
        authors=clean_authors(authors),
        dateline=fields.body.dateline.dateline if fields.body.dateline else None,
        language=language,
        origin=raw.origin,
        fetched_at=raw.fetched_at,
        feed_tags=merge_tags(feed.tags if feed else (), fields.tags),
    )
