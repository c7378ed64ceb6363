"""What rendering needs per article, computed once: page path, day, display fields."""

from __future__ import annotations

import hashlib
import zoneinfo
from dataclasses import dataclass, replace
from datetime import datetime

from .. import slugs
from ..model import Analysis, Article


@dataclass(frozen=True)
class EditorChanges:
    """Fields of an article that editors' notes replaced; the page says it was edited."""

    fields: tuple[str, ...]  # "title", "summary", "tags" (page order)
    title: str | None = None
    summary: tuple[str, ...] | None = None  # the editor's summary, shown as written
    tags: tuple[str, ...] | None = None
    original_title: str | None = None  # set when the title was replaced
    notes: tuple[str, ...] = ()  # docs paths of the notes that made the changes


@dataclass(frozen=True)
class Entry:
    """One article as the site shows it."""

    article: Article
    analysis: Analysis
    page: str  # docs-relative Markdown path
    day: str | None  # YYYY-MM-DD in the newsroom's zone, None when undated
    sort_key: str  # newest first when sorted descending
    related: tuple[str, ...] = ()  # ids of related articles, best first
    story_why: tuple[str, ...] = ()  # why its story groups it with other articles
    story: str | None = None  # docs path of its story's page, when the story has one
    editor: EditorChanges | None = None  # what editors' notes replaced (generator.notes)

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def tags(self) -> tuple[str, ...]:
        return self.analysis.tags

    def summary_texts(self) -> tuple[str, ...]:
        """Return the summary as shown: an editor's override, else the extracted sentences."""
        if self.editor is not None and self.editor.summary is not None:
            return self.editor.summary
        return tuple(s.text for s in self.analysis.summary_sentences())


def key_hash(name: str) -> str:
    """Return a stable short hash naming a tag or source page."""
    return hashlib.sha256(name.casefold().encode("utf-8")).hexdigest()


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
    return shown if {moment.year, shown.year} <= set(SHOWN_YEARS) else None


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
            moment_of(published.iso, "UTC") if published.iso else local_of(published.local)):
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
    return Entry(article=article, analysis=analysis,
                 page=slugs.article_page(article.id, day, article.title),
                 day=day, sort_key=sort_key(article))
