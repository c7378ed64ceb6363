"""Render the whole site's generated pages from analysed articles (pure: no I/O)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..notes import NOTES_GENERATED_FOLDER, NoteSet
from ..related import profile, related_ids
from ..settings import SiteSettings
from ..slugs import name_page
from .article import render_article
from .context import Entry, key_hash
from .feeds import FEED_FILES, render_feeds
from .listings import (
    digest_path,
    render_archive,
    render_digest,
    render_home,
    render_index,
    render_named_listing,
    render_week,
    week_of,
    week_path,
)

GENERATED_FOLDERS = ("articles", "digest", "tags", "sources", "archive",
                     NOTES_GENERATED_FOLDER)
GENERATED_FILES = ("index.md", *FEED_FILES)


@dataclass(frozen=True)
class Named:
    """The tag or source listings: name -> page, use counts, and members per name."""

    kind: str  # "tag" or "source"
    pages: Mapping[str, str]
    counts: Counter[str]
    members: Mapping[str, Sequence[Entry]]


def with_related(entries: Sequence[Entry]) -> list[Entry]:
    """Return the entries with their related-coverage ids filled in."""
    related = related_ids([profile(e.article.id, e.title, e.tags, e.sort_key) for e in entries])
    return [replace(e, related=related[e.article.id]) for e in entries]


def named(kind: str, entries: Sequence[Entry]) -> Named:
    """Group entries by tag or by source, each name with its page path."""
    members: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        names = e.tags if kind == "tag" else ((e.article.source,) if e.article.source else ())
        for name in dict.fromkeys(names):
            members[name].append(e)
    folder = "tags" if kind == "tag" else "sources"
    pages = {name: name_page(folder, name, key_hash(name)) for name in sorted(members)}
    counts = Counter({name: len(group) for name, group in members.items()})
    return Named(kind, pages, counts, dict(sorted(members.items())))


def render_site(entries: Sequence[Entry], site: SiteSettings,
                notes: NoteSet = NoteSet()) -> dict[str, str]:  # noqa: B008 (frozen, empty)
    """Return every generated page as docs-relative path -> text (Markdown, feeds)."""
    hidden = notes.hidden()
    shown = [e for e in sorted(entries, key=lambda e: e.article.id) if e.article.id not in hidden]
    shown = with_related(shown)
    by_id = {e.article.id: e for e in shown}
    tags = named("tag", shown)
    pages = {e.page: render_article(e, tags.pages, by_id, notes.for_article(e.article.id, e.page))
             for e in shown}
    pages.update(_day_pages(shown, site, tags.pages, notes))
    pages.update(_named_pages(tags, tags.pages, site, notes))
    pages.update(_named_pages(named("source", shown), tags.pages, site, NoteSet()))
    pages.update(notes.index_pages({e.article.id: e.page for e in shown}, tags.pages))
    return dict(sorted(pages.items()))


def _day_pages(entries: Sequence[Entry], site: SiteSettings, tag_pages: Mapping[str, str],
               notes: NoteSet) -> dict[str, str]:
    """Return the home page, daily and weekly digests, the archive and the feeds."""
    by_day: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.day:
            by_day[e.day].append(e)
    days = sorted(by_day, reverse=True)
    pages = {}
    for i, day in enumerate(days):
        older = days[i + 1] if i + 1 < len(days) else None
        newer = days[i - 1] if i > 0 else None
        path = digest_path(day)
        pages[path] = render_digest(day, by_day[day], tag_pages, (older, newer),
                                    notes.for_day(day, path))
    pages.update(_week_pages(days, by_day, tag_pages))
    by_id = {e.article.id: e for e in entries}
    picks = [by_id[i] for i in dict.fromkeys(notes.picks()) if i in by_id]
    pages["index.md"] = render_home(site, days, by_day, tag_pages, picks=picks,
                                    picks_notes=notes.for_home("index.md") if picks else "")
    months: dict[str, dict[str, int]] = defaultdict(dict)
    for day in days:
        months[day[:7]][day] = len(by_day[day])
    pages.update(render_archive(months))
    pages.update(render_feeds(entries, by_day, {d: digest_path(d) for d in days}, site))
    return pages


def _week_pages(days: Sequence[str], by_day: Mapping[str, Sequence[Entry]],
                tag_pages: Mapping[str, str]) -> dict[str, str]:
    """Return one roll-up page per ISO week that has stories."""
    weeks: dict[str, list[str]] = defaultdict(list)
    for day in days:
        weeks[week_of(day)].append(day)
    order = sorted(weeks, reverse=True)
    pages = {}
    for i, week in enumerate(order):
        older = order[i + 1] if i + 1 < len(order) else None
        newer = order[i - 1] if i > 0 else None
        pages[week_path(week)] = render_week(week, weeks[week], by_day, tag_pages,
                                             (older, newer))
    return pages


def _named_pages(group: Named, tag_pages: Mapping[str, str], site: SiteSettings,
                 notes: NoteSet) -> dict[str, str]:
    """Return every listing page of one kind plus its index, sorted by use."""
    pages: dict[str, str] = {}
    for name, members in group.members.items():
        path = group.pages[name]
        note = notes.for_tag(name, path) if group.kind == "tag" else ""
        pages.update(render_named_listing(group.kind, name, path, members,
                                          tag_pages=tag_pages, size=site.items_per_page,
                                          notes_html=note))
    folder = "tags" if group.kind == "tag" else "sources"
    ordered = sorted(group.counts.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))
    title = "Tags" if group.kind == "tag" else "Sources"
    pages.update(render_index(group.kind, title, f"{folder}/index.md",
                              [(n, group.pages[n], c) for n, c in ordered],
                              site.items_per_page))
    return pages
