"""Render listing pages: home, daily and weekly digests, tags, sources and the archive."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from generator.config.settings import SiteSettings
from generator.render.article import GENERATED_NOTICE
from generator.render.context import Entry
from generator.render.freshness import updated_line
from generator.render.frontmatter import front_matter
from generator.render.html import esc, link
from generator.render.stories import StoryItems
from generator.render.storyfirst import rank, story_first
from generator.render.times import MONTHS

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
T = TypeVar("T")
INDEX_PAGE_FACTOR = 4  # tag and source indexes hold this many times a listing page


def day_label(day: str) -> str:
    """Return a reader's label for a YYYY-MM-DD day, e.g. "Tue 10 Mar 2026"."""
    d = date.fromisoformat(day)
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"


def month_label(month: str) -> str:
    """Return a reader's label for a YYYY-MM month, e.g. "March 2026"."""
    return f"{MONTH_NAMES[int(month[5:7]) - 1]} {month[:4]}"


def week_of(day: str) -> str:
    """Return the ISO week of a day as YYYY-Www."""
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def digest_path(day: str) -> str:
    """Return the docs path of a day's digest."""
    return f"digest/{day}.md"


def archive_day_path(day: str) -> str:
    """Return the docs path of a day's archive page of retired articles (render.archive)."""
    return f"archive/{day[:7]}/{day[8:10]}.md"


def week_path(week: str) -> str:
    """Return the docs path of a week's roll-up."""
    return f"digest/week-{week}.md"


def ranked_stories(
    from_page: str, entries: Sequence[Entry], stories: StoryItems, summary_sentences: int = 2
) -> str:
    """Return entries as stories ranked by coverage, then recency (storyfirst.rank)."""
    found = rank(entries, stories.story_of, stories.by_id, newest_first)
    return story_first(from_page, found, stories, summary_sentences, same_day=True)


def story_count(entries: Sequence[Entry], stories: StoryItems) -> int:
    """Return how many stories the entries make (a story of several articles counts once)."""
    return len(
        {(s.id if (s := stories.story_of.get(e.article.id)) else e.article.id) for e in entries}
    )


# Maps each ASCII character to its mirror image, so that an ascending sort of translated
# time stamps (which are ASCII ISO text) is a descending sort of the stamps themselves.
_MIRROR = {code: chr(0x7F - code) for code in range(0x80)}


def newest_first(entry: Entry) -> tuple[str, str]:
    """Return a key that sorts entries newest first (ties broken by id, ascending).

    Cheap on purpose (one C-level translate): every listing of every run sorts by it.
    """
    stamp, _, article_id = entry.sort_key.partition("|")
    return stamp.ljust(19).translate(_MIRROR), article_id


def page(title: str, kind: str, blocks: Sequence[str], description: str = "") -> str:
    """Return a generated listing page (kept out of search) with the generated notice."""
    meta: dict[str, object] = {
        "title": title,
        "newsdigest": {"kind": kind},
        "search": {"exclude": True},
    }
    if description:
        meta["description"] = description
    body = [front_matter(meta), GENERATED_NOTICE, *[b for b in blocks if b]]
    return "\n\n".join(body) + "\n"


def pager(
    path: str, older: tuple[str, str] | None, newer: tuple[str, str] | None, middle: str = ""
) -> str:
    """Return a previous/next bar: each side is (target page, label) or absent."""
    parts = [
        link(path, older[0], f"← {older[1]}") if older else "<span></span>",
        middle,
        link(path, newer[0], f"{newer[1]} →") if newer else "<span></span>",
    ]
    return '<nav class="nd-pager">' + "".join(parts) + "</nav>"


def count_label(count: int, noun: str = "story") -> str:
    """Return "1 story" / "3 stories" / "5 days" style counts."""
    consonant_y = noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u")
    plural = noun[:-1] + "ies" if consonant_y else noun + "s"
    return f"{count} {noun if count == 1 else plural}"


def render_digest(
    day: str,
    entries: Sequence[Entry],
    stories: StoryItems,
    neighbours: tuple[str | None, str | None],
    notes_html: str = "",
) -> str:
    """Return the digest page of one day."""
    path = digest_path(day)
    older, newer = neighbours
    week = week_of(day)
    bar = pager(
        path,
        (digest_path(older), day_label(older)) if older else None,
        (digest_path(newer), day_label(newer)) if newer else None,
        link(path, week_path(week), f"Week {week}"),
    )
    return page(
        f"Digest for {day_label(day)}",
        "digest",
        [
            f"# {day_label(day)}",
            f'<p class="nd-lede">{_counts(entries, stories)} in the digest for {day}, '
            "most reported first.</p>",
            notes_html,
            ranked_stories(path, entries, stories),
            bar,
        ],
    )


def _counts(entries: Sequence[Entry], stories: StoryItems) -> str:
    """Return "3 stories" or "3 stories from 5 articles" when some stories hold several."""
    count = story_count(entries, stories)
    label = count_label(count)
    articles = count_label(len(entries), "article")
    return label if count == len(entries) else f"{label} from {articles}"


def render_week(
    week: str,
    days: Sequence[str],
    by_day: Mapping[str, Sequence[Entry]],
    stories: StoryItems,
    neighbours: tuple[str | None, str | None],
) -> str:
    """Return a week's roll-up: the week's stories ranked by coverage, then recency."""
    path = week_path(week)
    entries = [e for d in days for e in by_day[d]]
    found = rank(entries, stories.story_of, stories.by_id, newest_first)
    day_links = " · ".join(link(path, digest_path(d), day_label(d)) for d in sorted(days))
    blocks = [
        f"# Week {week}",
        f'<p class="nd-lede">{_counts(entries, stories)} over '
        f"{count_label(len(days), 'day')}, most reported first.</p>",
        f'<p class="nd-more">Days: {day_links}</p>',
        story_first(path, found, stories, 1),
    ]
    older, newer = neighbours
    blocks.append(
        pager(
            path,
            (week_path(older), f"Week {older}") if older else None,
            (week_path(newer), f"Week {newer}") if newer else None,
        )
    )
    return page(f"Week {week}", "week", blocks)


def render_home(
    site: SiteSettings,
    days: Sequence[str],
    by_day: Mapping[str, Sequence[Entry]],
    stories: StoryItems,
    *,
    picks: Sequence[Entry] = (),
    picks_notes: str = "",
    watched: str = "",
    fetched: str | None = None,
) -> str:
    """Return the home page: editors' picks, the latest day's digest, links to previous days.

    `fetched`: the last successful fetch (fetch health), None for a site built from files.
    """
    here, site_title, description = "index.md", site.title, site.description
    head = [
        f'<h1 class="nd-home-title">{esc(site_title)}</h1>',
        f'<p class="nd-lede">{esc(description)}</p>',
    ]
    if picks:
        head.append(
            '<h2 class="nd-picks-title">Editors\' picks</h2>' + stories.story_list(here, picks, 1)
        )
        head.append(picks_notes)
    if not days:
        return page(site_title, "home", [*head, "<p>No articles yet.</p>"], description)
    latest = days[0]
    previous = "".join(
        f"<li>{link(here, digest_path(d), day_label(d))} "
        f"<small>{count_label(len(by_day[d]))}</small></li>"
        for d in days[1 : site.home_days]
    )
    blocks = [
        *head,
        updated_line(
            (e for d in days for e in by_day[d]), site.timezone, fetched, site.fetch_every
        ),
        f'<h2 class="nd-latest">{link(here, digest_path(latest), day_label(latest))}'
        f" <small>{_counts(by_day[latest], stories)}</small></h2>",
        ranked_stories(here, by_day[latest], stories),
        '<h2>Previous days</h2><ul class="nd-days">' + previous + "</ul>" if previous else "",
        f'<p class="nd-more">{link(here, week_path(week_of(latest)), "This week")} · '
        f"{link(here, 'archive/index.md', 'Full archive')}</p>",
        watched,
    ]  # watch rules' block (render/watchpages.py), when rules are set
    return page(site_title, "home", blocks, description)


def paginate(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """Split listing items into pages of at most `size` (always at least one page)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def page_paths(path: str, count: int) -> list[str]:
    """Return the paths of a listing's pages: the first keeps `path`, then -p2, -p3, ..."""
    stem = path.removesuffix(".md")
    return [path] + [f"{stem}-p{n}.md" for n in range(2, count + 1)]


def page_bar(paths: Sequence[str], current: str) -> str:
    """Return the page-number bar of a paginated listing (empty for a single page)."""
    if len(paths) < 2:
        return ""
    parts = [
        link(current, p, str(n)) if p != current else f"<strong>{n}</strong>"
        for n, p in enumerate(paths, start=1)
    ]
    return '<nav class="nd-pages">Page ' + " ".join(parts) + "</nav>"


@dataclass(frozen=True)
class ListingPage:
    """One page of a tag or source listing: its path, stories (newest first), neighbours."""

    path: str
    number: int  # archive page number, 1 = oldest; 0 for the front page
    entries: tuple[Entry, ...]
    older: str | None  # the next older archive page
    newer: str | None  # the next newer archive page, or the front page; None on the front page


def archive_path(path: str, number: int) -> str:
    """Return the path of a listing's archive page: tags/x-<hash>-p1.md is the oldest."""
    return f"{path.removesuffix('.md')}-p{number}.md"


def listing_plan(path: str, entries: Sequence[Entry], size: int) -> list[ListingPage]:
    """Cut a listing into archive pages of `size` from its oldest end, then the front page.

    Cutting from the oldest end keeps every archive page's stories (and so its text) fixed
    while new stories arrive: they land on the front page, which holds the newest full chunk
    plus the remainder, until a further full chunk rolls over into a new archive page.
    """
    return cut_listing(path, sorted(entries, key=newest_first), size)


def cut_listing(path: str, newest: Sequence[Entry], size: int) -> list[ListingPage]:
    """Return listing_plan's pages for entries already sorted newest first."""
    if size < 1:
        raise ValueError(f"{path}: listing page size must be at least 1, not {size}")
    oldest = newest[::-1]
    count = max(1, len(oldest) // size)  # pages, the front page included
    cuts = [oldest[i * size : (i + 1) * size] for i in range(count - 1)]
    cuts.append(oldest[(count - 1) * size :])
    paths = [archive_path(path, n) for n in range(1, count)] + [path]
    return [
        ListingPage(
            paths[i],
            i + 1 if i + 1 < count else 0,
            tuple(cut[::-1]),
            paths[i - 1] if i else None,
            paths[i + 1] if i + 1 < count else None,
        )
        for i, cut in enumerate(cuts)
    ]


def date_range(entries: Sequence[Entry]) -> str:
    """Return the days a page's stories span, e.g. "Sun 1 Mar 2026 – Fri 20 Mar 2026"."""
    days = sorted(e.day for e in entries if e.day)
    if not days:
        return "undated stories"
    if days[0] == days[-1]:
        return day_label(days[0])
    return f"{day_label(days[0])} – {day_label(days[-1])}"


def render_listing_front(
    kind: str,
    name: str,
    front: ListingPage,
    archive: Sequence[str],
    *,
    stories: StoryItems,
    total: int,
    notes_html: str = "",
) -> str:
    """Return a listing's front page: its count, newest stories and links to the archive."""
    title = f"{'Tag' if kind == 'tag' else 'Source'}: {name}"
    lede = count_label(total, "article")
    if archive:
        lede += f"; the newest {len(front.entries)} are here, older ones on archive pages"
    links = " ".join(link(front.path, p, str(n)) for n, p in enumerate(archive, start=1))
    return page(
        title,
        kind,
        [
            f"<h1>{esc(title)}</h1>",
            notes_html,
            f'<p class="nd-lede">{lede}.</p>',
            stories.story_list(front.path, front.entries, 1),
            pager(front.path, (front.older, "Older stories"), None) if front.older else "",
            f'<nav class="nd-pages">Archive pages {links}</nav>' if archive else "",
        ],
    )


def render_listing_archive(
    kind: str, name: str, front: str, part: ListingPage, stories: StoryItems
) -> str:
    """Return one archive page of a listing: fixed stories, no total, links to neighbours."""
    label = f"{'Tag' if kind == 'tag' else 'Source'}: {name}"
    title = f"{label} — archive page {part.number}"
    newer = part.newer or front
    return page(
        title,
        kind,
        [
            f"<h1>{esc(title)}</h1>",
            f'<p class="nd-lede">Stories from {esc(date_range(part.entries))}, newest first.</p>',
            stories.story_list(part.path, part.entries, 1),
            pager(
                part.path,
                (part.older, "Older stories") if part.older else None,
                (newer, "Latest stories" if newer == front else "Newer stories"),
                "" if newer == front else link(part.path, front, label),
            ),
        ],
    )


def render_named_listing(
    kind: str,
    name: str,
    path: str,
    entries: Sequence[Entry],
    *,
    tag_pages: Mapping[str, str],
    size: int,
    notes_html: str = "",
) -> dict[str, str]:
    """Return every page of one tag or source listing: the archive pages and the front page."""
    plan, stories = listing_plan(path, entries, size), StoryItems(tag_pages)
    archive = [p.path for p in plan if p.number]
    pages = {p.path: render_listing_archive(kind, name, path, p, stories) for p in plan if p.number}
    pages[path] = render_listing_front(
        kind, name, plan[-1], archive, stories=stories, total=len(entries), notes_html=notes_html
    )
    return pages


def render_index(
    kind: str, title: str, path: str, counts: Sequence[tuple[str, str, int]], size: int
) -> dict[str, str]:
    """Return an index of tags or sources, (name, page, count) in the given order, paginated."""
    chunks = paginate(counts, size * INDEX_PAGE_FACTOR)
    paths = page_paths(path, len(chunks))
    pages = {}
    for chunk_path, chunk in zip(paths, chunks, strict=True):
        items = "".join(
            f'<li>{link(chunk_path, target, name)} <span class="nd-count">{count}</span></li>'
            for name, target, count in chunk
        )
        pages[chunk_path] = page(
            title,
            kind,
            [
                f"# {title}",
                f'<p class="nd-lede">{len(counts)} in all, most used first.</p>',
                f'<ul class="nd-index">{items}</ul>',
                page_bar(paths, chunk_path),
            ],
        )
    return pages


def render_archive(
    months: Mapping[str, Mapping[str, int]], archived: Sequence[str] = ()
) -> dict[str, str]:
    """Return the archive index and one page per month listing its days and weeks (and, for
    days whose articles retired, their archive page: generator.render.archive)."""
    pages = {}
    index_items = []
    retired = frozenset(archived)
    for month in sorted(months, reverse=True):
        days = months[month]
        path = f"archive/{month}.md"
        items = "".join(
            f"<li>{link(path, digest_path(d), day_label(d))} "
            f"<small>{count_label(days[d])}</small>"
            + (f" · {link(path, archive_day_path(d), 'archived articles')}" if d in retired else "")
            + "</li>"
            for d in sorted(days, reverse=True)
        )
        weeks = sorted({week_of(d) for d in days}, reverse=True)
        week_links = " · ".join(link(path, week_path(w), w) for w in weeks)
        pages[path] = page(
            f"Archive: {month_label(month)}",
            "archive",
            [
                f"# {month_label(month)}",
                f'<ul class="nd-days">{items}</ul>',
                f'<p class="nd-more">Weeks: {week_links}</p>',
            ],
        )
        index_items.append(
            f"<li>{link('archive/index.md', path, month_label(month))} "
            f"<small>{count_label(sum(days.values()))}</small></li>"
        )
    pages["archive/index.md"] = page(
        "Archive",
        "archive",
        [
            "# Archive",
            '<ul class="nd-days">' + "".join(index_items) + "</ul>"
            if index_items
            else "<p>No articles yet.</p>",
        ],
    )
    return pages
