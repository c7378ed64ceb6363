"""What rendering needs per article, computed once: page path, day, display fields."""

from __future__ import annotations

import hashlib
import zoneinfo
from dataclasses import dataclass
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


def site_day(article: Article, timezone: str) -> str | None:
    """Return the article's day in the newsroom's zone (its own local day when zone unknown)."""
    published = article.published
    if published and published.iso:
        moment = datetime.fromisoformat(published.iso)
        return moment.astimezone(zoneinfo.ZoneInfo(timezone)).date().isoformat()
    if published:
        return published.local[:10]
    if article.fetched_at:
        moment = datetime.fromisoformat(article.fetched_at)
        return moment.astimezone(zoneinfo.ZoneInfo(timezone)).date().isoformat()
    return None


def sort_key(article: Article) -> str:
    """Return a key that orders articles by time (UTC when known), then id for ties."""
    published = article.published
    if published and published.iso:
        moment = datetime.fromisoformat(published.iso).astimezone(zoneinfo.ZoneInfo("UTC"))
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%S")
    elif published:
        stamp = published.local
    else:
        stamp = article.fetched_at or ""
    return f"{stamp}|{article.id}"


def make_entry(article: Article, analysis: Analysis, timezone: str) -> Entry:
    """Return the Entry of an analysed article."""
    day = site_day(article, timezone)
    return Entry(article=article, analysis=analysis,
                 page=slugs.article_page(article.id, day, article.title),
                 day=day, sort_key=sort_key(article))
