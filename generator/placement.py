"""Where and when the site shows an article: page path, day in the newsroom's zone, sort key.

Pure, and below both the store index (which caches these per record) and render (which
lays pages out by them), so neither has to import the other.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import replace
from datetime import datetime

from generator import slugs
from generator.model import Analysis, Article, Entry

# Years the site shows: 0001 and 9999 are placeholders ("no date" in some CMSs), and a time
# near either end cannot be moved into every zone (OverflowError).
SHOWN_YEARS = range(1000, 9999)
# Offsets real zones use (UTC-12 to UTC+14); a larger one is a broken signal.
MAX_OFFSET_SECONDS = 14 * 3600


def moment_of(stamp: str | None, timezone: str) -> datetime | None:
    """Return an ISO time as an aware moment in `timezone`, or None when the site cannot show
    it: unparseable, without an offset, an impossible offset, or a year out of SHOWN_YEARS."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
        offset = moment.utcoffset()
        if offset is None or abs(offset.total_seconds()) > MAX_OFFSET_SECONDS:
            return None
        shown = moment.astimezone(zoneinfo.ZoneInfo(timezone))
    except (ValueError, OverflowError, zoneinfo.ZoneInfoNotFoundError):
        return None
    # range membership is arithmetic; a set of the range was built on every call (0.25 ms)
    return shown if moment.year in SHOWN_YEARS and shown.year in SHOWN_YEARS else None


def local_of(stamp: str) -> datetime | None:
    """Return a wall-clock time without offset, or None when the site cannot show it."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment if moment.tzinfo is None and moment.year in SHOWN_YEARS else None


def shown_article(article: Article) -> Article:
    """Return the article with times the site cannot show treated as absent (not guessed)."""
    published, fetched = article.published, article.fetched_at
    if published is not None and not (
        moment_of(published.iso, "UTC") if published.iso else local_of(published.local)
    ):
        published = None
    if fetched is not None and moment_of(fetched, "UTC") is None:
        fetched = None
    if (published, fetched) == (article.published, article.fetched_at):
        return article
    return replace(article, published=published, fetched_at=fetched)


def site_day(article: Article, timezone: str) -> str | None:
    """Return the article's day in the newsroom's zone (its own local day when zone unknown).

    Times the site cannot show count as absent (see shown_article).
    """
    published = article.published
    if published and published.iso:
        moment = moment_of(published.iso, timezone)
        if moment is not None:
            return moment.date().isoformat()
    elif published and local_of(published.local):
        return published.local[:10]
    fetched = moment_of(article.fetched_at, timezone)
    return fetched.date().isoformat() if fetched else None


def sort_key(article: Article) -> str:
    """Return a key that orders articles by time (UTC when known), then id for ties."""
    published = article.published
    moment = moment_of(published.iso, "UTC") if published and published.iso else None
    if moment is not None:
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%S")
    elif published and not published.iso and local_of(published.local):
        stamp = published.local
    else:
        stamp = (article.fetched_at or "") if moment_of(article.fetched_at, "UTC") else ""
    return f"{stamp}|{article.id}"


def make_entry(article: Article, analysis: Analysis, timezone: str) -> Entry:
    """Return the Entry of an analysed article (times the site cannot show left out)."""
    article = shown_article(article)
    day = site_day(article, timezone)
    return Entry(
        article=article,
        analysis=analysis,
        page=slugs.article_page(article.id, day, article.title),
        day=day,
        sort_key=sort_key(article),
        zone=timezone,
    )
