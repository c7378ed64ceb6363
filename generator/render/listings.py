"""Render listing pages: home, daily digests, tags, sources and the archive."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import groupby

from .article import GENERATED_NOTICE, reader_time
from .context import Entry
from .frontmatter import front_matter
from .html import esc, link

LISTING_HIDE = {"search": {"exclude": True}}  # listings repeat articles: keep search on articles


def story_item(from_page: str, entry: Entry, tag_pages: Mapping[str, str],
               summary_sentences: int = 2) -> str:
    """Return one story in a listing: title, source, local time, short summary, tags."""
    article = entry.article
    source = f'<span class="nd-source">{esc(article.source)}</span> · ' if article.source else ""
    summary = " ".join(s.text for s in entry.analysis.summary_sentences()[:summary_sentences])
    tags = " ".join(link(from_page, tag_pages[t], t) for t in entry.tags[:4] if t in tag_pages)
    return (f'<li class="nd-story"><strong>{link(from_page, entry.page, entry.title)}</strong>'
            f'<br><small>{source}{esc(reader_time(article))}</small>'
            + (f'<br><span class="nd-story-summary">{esc(summary)}</span>' if summary else "")
            + (f'<br><span class="nd-tags">{tags}</span>' if tags else "") + "</li>")


def grouped_stories(from_page: str, entries: Sequence[Entry],
                    tag_pages: Mapping[str, str]) -> str:
    """Return stories grouped by source, sources in name order, newest story first."""
    def source_of(entry: Entry) -> str:
        return entry.article.source or "Other sources"

    ordered = sorted(entries, key=lambda e: (source_of(e).casefold(), _desc(e.sort_key)))
    blocks = []
    for source, group in groupby(ordered, key=source_of):
        items = "".join(story_item(from_page, e, tag_pages) for e in group)
        blocks.append(f'<h2 class="nd-group">{esc(source)}</h2><ul class="nd-stories">{items}</ul>')
    return "\n\n".join(blocks)


def _desc(key: str) -> tuple[int, ...]:
    """Invert a string key so that sorting ascending gives newest first."""
    return tuple(-ord(ch) for ch in key)


def page(title: str, kind: str, blocks: Sequence[str], exclude_search: bool = True) -> str:
    """Return a generated listing page with front matter and the generated notice."""
    meta: dict[str, object] = {"title": title, "newsdigest": {"kind": kind}}
    if exclude_search:
        meta["search"] = {"exclude": True}
    body = [front_matter(meta), GENERATED_NOTICE, *[b for b in blocks if b]]
    return "\n\n".join(body) + "\n"


def digest_path(day: str) -> str:
    """Return the docs path of a day's digest."""
    return f"digest/{day}.md"


def render_digest(day: str, entries: Sequence[Entry], tag_pages: Mapping[str, str],
                  neighbours: tuple[str | None, str | None], notes_html: str = "") -> str:
    """Return the digest page of one day."""
    path = digest_path(day)
    older, newer = neighbours
    nav = " · ".join(
        x for x in (link(path, digest_path(older), f"← {older}") if older else "",
                    link(path, digest_path(newer), f"{newer} →") if newer else "") if x)
    count = f"<p>{len(entries)} stor{'y' if len(entries) == 1 else 'ies'}.</p>"
    return page(f"Digest for {day}", "digest",
                [f"# Digest for {day}", notes_html, count,
                 grouped_stories(path, entries, tag_pages),
                 f'<p class="nd-pager">{nav}</p>' if nav else ""])


def render_home(site_title: str, days: Sequence[str], by_day: Mapping[str, Sequence[Entry]],
                tag_pages: Mapping[str, str], home_days: int, picks_html: str = "") -> str:
    """Return the home page: picks, the latest day's digest, links to previous days."""
    if not days:
        return page(site_title, "home", [f"# {esc(site_title)}", "No articles yet."], False)
    latest = days[0]
    previous = "".join(f"<li>{link('index.md', digest_path(d), d)} "
                       f"({len(by_day[d])})</li>" for d in days[1:home_days])
    blocks = [f'<h1>{esc(site_title)}</h1>', picks_html,
              f"<h2>Latest: {link('index.md', digest_path(latest), latest)}</h2>",
              grouped_stories("index.md", by_day[latest], tag_pages).replace("<h2", "<h3")
              .replace("</h2>", "</h3>"),
              f'<h2>Previous days</h2><ul class="nd-days">{previous}</ul>' if previous else "",
              f"<p>{link('index.md', 'archive/index.md', 'Full archive')}</p>"]
    return page(site_title, "home", blocks, exclude_search=True)


def paginate(items: Sequence[str], size: int) -> list[Sequence[str]]:
    """Split listing items into pages of at most `size` (always at least one page)."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def render_named_listing(kind: str, name: str, path: str, entries: Sequence[Entry],
                         tag_pages: Mapping[str, str], size: int,
                         notes_html: str = "") -> dict[str, str]:
    """Return the pages of one tag or source listing, paginated, newest first."""
    ordered = sorted(entries, key=lambda e: _desc(e.sort_key))
    paths = [path] + [path.removesuffix(".md") + f"-p{n}.md"
                      for n in range(2, len(paginate(ordered, size)) + 1)]
    pages = {}
    for number, (chunk_path, chunk) in enumerate(
            zip(paths, paginate(ordered, size), strict=True), start=1):
        items = "".join(story_item(chunk_path, e, tag_pages, 1) for e in chunk)
        pager = " · ".join(link(chunk_path, p, f"page {n}") if p != chunk_path else f"page {n}"
                           for n, p in enumerate(paths, start=1)) if len(paths) > 1 else ""
        label = "Tag" if kind == "tag" else "Source"
        pages[chunk_path] = page(f"{label}: {name}", kind, [
            f'<h1>{label}: {esc(name)}</h1>', notes_html if number == 1 else "",
            f"<p>{len(ordered)} article{'s' if len(ordered) != 1 else ''}.</p>",
            f'<ul class="nd-stories">{items}</ul>',
            f'<p class="nd-pager">{pager}</p>' if pager else ""])
    return pages


def render_index(kind: str, title: str, path: str, counts: Sequence[tuple[str, str, int]]) -> str:
    """Return an index of tags or sources: (name, page, count), ordered as given."""
    items = "".join(f"<li>{link(path, target, name)} <small>({count})</small></li>"
                    for name, target, count in counts)
    return page(title, kind, [f"# {title}", f'<ul class="nd-index">{items}</ul>'])


def render_archive(months: Mapping[str, Mapping[str, int]]) -> dict[str, str]:
    """Return the archive index and one page per month listing its days."""
    pages = {}
    index_items = []
    for month in sorted(months, reverse=True):
        days = months[month]
        path = f"archive/{month}.md"
        items = "".join(f"<li>{link(path, digest_path(d), d)} ({days[d]})</li>"
                        for d in sorted(days, reverse=True))
        pages[path] = page(f"Archive: {month}", "archive",
                           [f"# Archive: {month}", f'<ul class="nd-days">{items}</ul>'])
        index_items.append(f"<li>{link('archive/index.md', path, month)} "
                           f"({sum(days.values())})</li>")
    pages["archive/index.md"] = page("Archive", "archive",
                                     ["# Archive", f'<ul>{"".join(index_items)}</ul>'])
    return pages
