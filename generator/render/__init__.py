"""Render the whole site's generated pages from analysed articles (pure: no I/O)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from generator.config.settings import SiteSettings
from generator.model import EntryLoader, Page, ProfileSource
from generator.notes import NoteSet
from generator.render.archive import retire, retired_pages
from generator.render.context import Entry, key_hash
from generator.render.feeds import FEED_FILES, FEED_ITEMS, render_feeds
from generator.render.listings import (
    INDEX_PAGE_FACTOR,
    cut_listing,
    digest_path,
    newest_first,
    page_paths,
    paginate,
    render_home,
    week_of,
    week_path,
)
from generator.render.namedfeeds import (
    OPML_FILE,
    FeedRef,
    feed_links,
    named_ref,
    names_with_feeds,
    render_opml,
    site_refs,
)
from generator.render.notes import (
    NOTES_GENERATED_FOLDER,
    article_notes,
    day_notes,
    home_notes,
    notes_index_pages,
    tag_notes,
)
from generator.render.pagekeys import Lazy, story_digests
from generator.render.pagetypes import (
    ArchivePages,
    ArticlePage,
    DigestPage,
    IndexPages,
    ListingArchivePage,
    ListingFrontPage,
    NamedFeeds,
    StoryPage,
    WeekPage,
)
from generator.render.stories import StoryItems
from generator.render.storyfeeds import story_feeds
from generator.render.storypage import StoryView, shown_stories
from generator.render.tagplan import with_site_tags
from generator.render.watchpages import WATCH_FOLDER, watch_site, watch_titles
from generator.retention import retired_ids
from generator.slugs import name_page
from generator.stories.related import related_of_sources
from generator.watch.rules import WatchRule

GENERATED_FOLDERS = (
    "articles",
    "stories",
    "digest",
    "tags",
    "sources",
    "archive",
    NOTES_GENERATED_FOLDER,
    WATCH_FOLDER,
)
GENERATED_FILES = ("index.md", *FEED_FILES, OPML_FILE)


@dataclass(frozen=True)
class Named:
    """The tag or source listings: name -> page, use counts, and members per name."""

    kind: str  # "tag" or "source"
    pages: Mapping[str, str]
    counts: Counter[str]
    members: Mapping[str, Sequence[Entry]]


@dataclass(frozen=True)
class ArticleSource:
    """Where lazily rendered article pages get their full entries and content keys."""

    keys: Mapping[str, str]  # article id -> digest of its record and analysis
    full: EntryLoader  # light entry (no text) -> full entry: reads the store
    code: str  # digest of the renderer's code: a change re-renders every page
    related: RelatedFinder = related_of_sources  # e.g. an update kept in the cache
    stories: tuple[StoryView, ...] = ()  # stories of two or more articles get a page


RelatedFinder = Callable[[Sequence[ProfileSource]], Mapping[str, tuple[str, ...]]]


def with_related(
    entries: Sequence[Entry],
    find: RelatedFinder = related_of_sources,
    stories: Sequence[StoryView] = (),
) -> list[Entry]:
    """Return the entries with their related-coverage ids (and story, if any) filled in."""
    related = find([(e.article.id, e.title, e.tags, e.sort_key) for e in entries])
    ids = {e.article.id for e in entries}
    story_of = {i: s for s in stories if sum(1 for i in s.ids if i in ids) > 1 for i in s.ids}
    # Built field by field rather than with dataclasses.replace: this runs for every article.
    return [
        Entry(
            article=e.article,
            analysis=e.analysis,
            page=e.page,
            day=e.day,
            sort_key=e.sort_key,
            related=related[e.article.id],
            story_why=story.why if story else (),
            story=story.page if story else None,
            editor=e.editor,
            zone=e.zone,
        )
        for e in entries
        for story in (story_of.get(e.article.id),)
    ]


def named(kind: str, entries: Sequence[Entry]) -> Named:
    """Group entries by tag or by source (members in the order given), each with its page."""
    members: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        names = e.tags if kind == "tag" else ((e.article.source,) if e.article.source else ())
        for name in dict.fromkeys(names):
            members[name].append(e)
    folder = "tags" if kind == "tag" else "sources"
    pages = {name: name_page(folder, name, key_hash(name)) for name in sorted(members)}
    counts = Counter({name: len(group) for name, group in members.items()})
    return Named(kind, pages, counts, dict(sorted(members.items())))


def render_site(
    entries: Sequence[Entry],
    site: SiteSettings,
    notes: NoteSet = NoteSet(),  # noqa: B008 (frozen, empty)
    watch: Sequence[WatchRule] = (),
) -> dict[str, str]:
    """Return every generated page as docs-relative path -> text (Markdown, feeds)."""
    return {
        path: page if isinstance(page, str) else page.render()
        for path, page in plan_site(entries, site, notes, watch=watch).items()
    }


def plan_site(
    entries: Sequence[Entry],
    site: SiteSettings,
    notes: NoteSet = NoteSet(),  # noqa: B008 (frozen, empty)
    articles: ArticleSource | None = None,
    watch: Sequence[WatchRule] = (),
    *,
    fetched: str | None = None,
) -> dict[str, Page]:
    """Return every generated page; with `articles`, pages are lazy (light entries).

    `fetched`: the last successful fetch (fetch health), shown on the home page.
    """
    hidden = notes.hidden()
    shown = [e for e in sorted(entries, key=lambda e: e.article.id) if e.article.id not in hidden]
    shown = with_site_tags(shown)  # key phrases only when they recur across articles
    stories = articles.stories if articles else ()
    shown = with_related(shown, articles.related if articles else related_of_sources, stories)
    # Retention (issue 23): old articles link their archive entry instead of their own page.
    days = [(e.article.id, e.day) for e in shown]
    gone = retired_ids(days, site.retention_days, frozenset(notes.picks()))
    shown, old = retire(shown, gone)
    by_id = {e.article.id: e for e in shown}
    newest = sorted(shown, key=newest_first)  # listings' member lists come out newest first
    tags = with_pages_for(named("tag", newest), site.min_tag_articles, noted_tags(notes))
    story_of = {i: s for s in shown_stories(stories, by_id) for i in s.ids if i in by_id}
    lazy = _lazy(articles, StoryItems(tags.pages, story_of, by_id), shown)
    pages = _article_pages([e for e in shown if e.article.id not in gone], notes, site, lazy)
    titles = watch_titles([(s.page, s.ids, s.title) for s in stories], by_id)
    watch_pages, watch_refs, watched = watch_site(watch, newest, titles, site, lazy)
    pages.update(watch_pages)
    pages.update(_day_pages(shown, site, notes, lazy, watched, fetched=fetched))
    sources = named("source", newest)
    tag_refs, source_refs = feed_refs(tags, site), feed_refs(sources, site)
    pages.update(_named_pages(tags, site, notes, lazy, tag_refs))
    pages.update(_named_pages(sources, site, NoteSet(), lazy, source_refs))
    story_files, story_refs = story_feeds(stories, by_id, site, lazy)
    pages.update(story_files)
    refs = [*site_refs(site), *tag_refs.values(), *source_refs.values(), *watch_refs]
    pages[OPML_FILE] = render_opml([*refs, *story_refs.values()], site)
    pages.update(notes_index_pages(notes, {e.article.id: e.page for e in shown}, tags.pages))
    follows = {p: feed_links(p, r) for p, r in story_refs.items()}
    pages.update(_story_pages(stories, by_id, lazy, follows))
    pages.update(retired_pages(old, site, lazy))
    return dict(sorted(pages.items()))


def _lazy(articles: ArticleSource | None, items: StoryItems, shown: Sequence[Entry]) -> Lazy:
    """Return how pages are made: at once, or lazily keyed when the entries are light."""
    if articles is None:
        return Lazy(items)
    digests = story_digests(shown, articles.keys, items.tag_pages)
    return Lazy(items, articles.full, articles.code, digests)


def _article_pages(
    shown: Sequence[Entry], notes: NoteSet, site: SiteSettings, lazy: Lazy
) -> dict[str, Page]:
    """Return every article page, each made from its own tags' pages and related articles."""
    tag_pages, by_id = lazy.items.tag_pages, lazy.items.by_id
    pages: dict[str, Page] = {}
    for e in shown:
        inputs = ArticlePage(
            e,
            {t: tag_pages[t] for t in e.tags if t in tag_pages},
            {i: by_id[i] for i in e.related},
            article_notes(notes, e.article.id, e.page),
            site.publish_mode(e.article.source),
        )
        pages.update(lazy.page(e.page, inputs))
    return pages


def feed_refs(group: Named, site: SiteSettings) -> dict[str, FeedRef]:
    """Return the feeds of a kind's names: tags need min_tag_articles articles, sources one."""
    minimum = site.min_tag_articles if group.kind == "tag" else 1
    return {
        name: named_ref(group.kind, name, group.pages[name], site)
        for name in names_with_feeds(group.counts, minimum)
    }


def noted_tags(notes: NoteSet) -> frozenset[str]:
    """Return the (case-folded) tags editors' notes attach to: they always keep a page."""
    return frozenset(
        a.key.casefold()
        for group in notes.attached.attachments.values()
        for a in group
        if a.kind == "tag"
    )


def with_pages_for(tags: Named, minimum: int, keep: frozenset[str]) -> Named:
    """Keep tag pages for tags used by at least `minimum` articles (or noted by editors)."""
    if minimum <= 1:
        return tags
    names = [n for n in tags.members if tags.counts[n] >= minimum or n.casefold() in keep]
    return Named(
        tags.kind,
        {n: tags.pages[n] for n in names},
        Counter({n: tags.counts[n] for n in names}),
        {n: tags.members[n] for n in names},
    )


def _day_pages(
    entries: Sequence[Entry],
    site: SiteSettings,
    notes: NoteSet,
    lazy: Lazy,
    watched: str = "",
    *,
    fetched: str | None = None,
) -> dict[str, Page]:
    """Return the home page, daily and weekly digests, the archive and the feeds."""
    by_day: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.day:
            by_day[e.day].append(e)
    days = sorted(by_day, reverse=True)
    pages: dict[str, Page] = {}
    for i, day in enumerate(days):
        path = digest_path(day)
        note = day_notes(notes, day, path)
        inputs = DigestPage(day, tuple(by_day[day]), lazy.items, neighbours(days, i), note)
        pages.update(lazy.page(path, inputs))
    pages.update(_week_pages(days, by_day, lazy))
    by_id = {e.article.id: e for e in entries}
    picks = [by_id[i] for i in dict.fromkeys(notes.picks()) if i in by_id]
    pages["index.md"] = render_home(
        site,
        days,
        by_day,
        lazy.items,
        picks=picks,
        picks_notes=home_notes(notes, "index.md") if picks else "",
        watched=watched,
        fetched=fetched,
    )
    months: dict[str, dict[str, int]] = defaultdict(dict)
    for day in days:
        months[day[:7]][day] = len(by_day[day])
    paths = ["archive/index.md", *(f"archive/{month}.md" for month in months)]
    archived = tuple(sorted({e.day for e in entries if e.day and e.page.startswith("archive/")}))
    pages.update(lazy.group(paths, ArchivePages(dict(months), archived)))
    pages.update(render_feeds(entries, by_day, {d: digest_path(d) for d in days}, site))
    return pages


def neighbours(newest_first: Sequence[str], index: int) -> tuple[str | None, str | None]:
    """Return the (older, newer) neighbours of an item in a newest-first list."""
    older = newest_first[index + 1] if index + 1 < len(newest_first) else None
    newer = newest_first[index - 1] if index > 0 else None
    return older, newer


def _week_pages(
    days: Sequence[str], by_day: Mapping[str, Sequence[Entry]], lazy: Lazy
) -> dict[str, Page]:
    """Return one roll-up page per ISO week that has stories."""
    weeks: dict[str, list[str]] = defaultdict(list)
    for day in days:
        weeks[week_of(day)].append(day)
    order = sorted(weeks, reverse=True)
    pages: dict[str, Page] = {}
    for i, week in enumerate(order):
        own = {d: tuple(by_day[d]) for d in weeks[week]}
        inputs = WeekPage(week, tuple(weeks[week]), own, lazy.items, neighbours(order, i))
        pages.update(lazy.page(week_path(week), inputs))
    return pages


def _story_pages(
    stories: Sequence[StoryView], by_id: Mapping[str, Entry], lazy: Lazy, follows: Mapping[str, str]
) -> dict[str, Page]:
    """Return the story pages (a story page needs its members' full entries: their facts)."""
    pages: dict[str, Page] = {}
    for story in shown_stories(stories, by_id):
        members = {i: by_id[i] for i in story.ids if i in by_id}
        inputs = StoryPage(story, members, follows.get(story.page, ""))
        pages.update(lazy.page(story.page, inputs))
    return pages


def _named_pages(
    group: Named, site: SiteSettings, notes: NoteSet, lazy: Lazy, refs: Mapping[str, FeedRef]
) -> dict[str, Page]:
    """Return every listing page of one kind, its feeds, and its index sorted by use."""
    pages: dict[str, Page] = {}
    size = site.items_per_page
    for name in group.members:
        note = tag_notes(notes, name, group.pages[name]) if group.kind == "tag" else ""
        ref = refs.get(name)
        follow = feed_links(group.pages[name], ref) if ref else ""
        top = "\n\n".join(part for part in (note, follow) if part)
        pages.update(_listing_pages(group, name, size, top, lazy))
        if ref:  # keyed by the name's newest stories: others leave its feeds be
            newest = tuple(group.members[name][:FEED_ITEMS])  # members come newest first
            pages.update(lazy.group([ref.rss, ref.json], NamedFeeds(ref, newest, site)))
    folder = "tags" if group.kind == "tag" else "sources"
    ordered = sorted(group.counts.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))
    title = "Tags" if group.kind == "tag" else "Sources"
    rows = tuple((n, group.pages[n], c) for n, c in ordered)
    path = f"{folder}/index.md"
    paths = page_paths(path, len(paginate(rows, size * INDEX_PAGE_FACTOR)))
    pages.update(lazy.group(paths, IndexPages(group.kind, title, path, rows, size)))
    return pages


def _listing_pages(group: Named, name: str, size: int, note: str, lazy: Lazy) -> dict[str, Page]:
    """Return one listing's pages: fixed archive pages cut from the oldest end, and its front.

    An archive page holds no total, so a new story leaves it alone (see listing_plan).
    Members come newest first (plan_site groups them from a newest-first list).
    """
    kind, path, members = group.kind, group.pages[name], group.members[name]
    plan = cut_listing(path, members, size)
    archive = tuple(p.path for p in plan if p.number)
    pages: dict[str, Page] = {}
    for part in plan[:-1]:
        inputs = ListingArchivePage(kind, name, path, part, lazy.items)
        pages.update(lazy.page(part.path, inputs))
    front = ListingFrontPage(kind, name, plan[-1], archive, lazy.items, len(members), note)
    pages.update(lazy.page(path, front))
    return pages
