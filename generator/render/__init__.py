"""Render the whole site's generated pages from analysed articles (pure: no I/O)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..settings import SiteSettings
from ..related import profile, related_ids
from .article import render_article
from .context import Entry, key_hash
from .listings import render_archive, render_digest, render_home, render_index, \
    render_named_listing

GENERATED_FOLDERS = ("articles", "digest", "tags", "sources", "archive")
GENERATED_FILES = ("index.md",)


def with_related(entries: Sequence[Entry]) -> list[Entry]:
    """Return the entries with their related-coverage ids filled in."""
    related = related_ids([profile(e.article.id, e.title, e.tags, e.sort_key) for e in entries])
    return [replace(e, related=related[e.article.id]) for e in entries]


def name_pages(names: Sequence[str], folder: str) -> dict[str, str]:
    """Return name -> page path for tags or sources."""
    from ..slugs import name_page
    return {name: name_page(folder, name, key_hash(name)) for name in sorted(set(names))}


def render_site(entries: Sequence[Entry], site: SiteSettings) -> dict[str, str]:
    """Return every generated page as docs-relative path -> Markdown."""
    entries = with_related(sorted(entries, key=lambda e: e.article.id))
    by_id = {e.article.id: e for e in entries}
    tag_counts = Counter(t for e in entries for t in e.tags)
    tag_pages = name_pages(list(tag_counts), "tags")
    pages = {e.page: render_article(e, tag_pages, by_id) for e in entries}
    pages.update(_day_pages(entries, site, tag_pages))
    pages.update(_named_pages("tag", entries, tag_pages, tag_counts, site))
    source_counts = Counter(e.article.source for e in entries if e.article.source)
    source_pages = name_pages(list(source_counts), "sources")
    pages.update(_named_pages("source", entries, source_pages, source_counts, site, tag_pages))
    return dict(sorted(pages.items()))


def _day_pages(entries: Sequence[Entry], site: SiteSettings,
               tag_pages: Mapping[str, str]) -> dict[str, str]:
    by_day: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.day:
            by_day[e.day].append(e)
    days = sorted(by_day, reverse=True)
    pages = {}
    for i, day in enumerate(days):
        older = days[i + 1] if i + 1 < len(days) else None
        newer = days[i - 1] if i > 0 else None
        pages[f"digest/{day}.md"] = render_digest(day, by_day[day], tag_pages, (older, newer))
    pages["index.md"] = render_home(site.title, days, by_day, tag_pages, site.home_days)
    months: dict[str, dict[str, int]] = defaultdict(dict)
    for day in days:
        months[day[:7]][day] = len(by_day[day])
    pages.update(render_archive(months))
    return pages


def _named_pages(kind: str, entries: Sequence[Entry], paths: Mapping[str, str],
                 counts: Counter[str], site: SiteSettings,
                 tag_pages: Mapping[str, str] | None = None) -> dict[str, str]:
    tag_pages = paths if tag_pages is None else tag_pages
    members: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        names = e.tags if kind == "tag" else ((e.article.source,) if e.article.source else ())
        for name in names:
            members[name].append(e)
    pages: dict[str, str] = {}
    for name in sorted(members):
        pages.update(render_named_listing(kind, name, paths[name], members[name], tag_pages,
                                          site.items_per_page))
    folder = "tags" if kind == "tag" else "sources"
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    title = "Tags" if kind == "tag" else "Sources"
    pages[f"{folder}/index.md"] = render_index(kind, title, f"{folder}/index.md",
                                               [(n, paths[n], c) for n, c in ordered])
    return pages
