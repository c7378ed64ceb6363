"""Render the whole site's generated pages from analysed articles (pure: no I/O)."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from operator import attrgetter

from generator.config.settings import SiteSettings
from generator.model import EntryLoader, LazyPage, Page, ProfileSource
from generator.notes import NoteSet
from generator.render.article import render_article
from generator.render.context import Entry, key_hash
from generator.render.feeds import FEED_FILES, FEED_ITEMS, render_feeds
from generator.render.listings import (
    INDEX_PAGE_FACTOR,
    cut_listing,
    digest_path,
    newest_first,
    page_paths,
    paginate,
    render_archive,
    render_digest,
    render_home,
    render_index,
    render_listing_archive,
    render_listing_front,
    render_week,
    week_of,
    week_path,
)
from generator.render.namedfeeds import (
    OPML_FILE,
    FeedRef,
    feed_links,
    named_ref,
    names_with_feeds,
    render_named_feeds,
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
from generator.render.stories import StoryItems
from generator.render.storyfeeds import story_feeds
from generator.render.storypage import StoryView, render_story, shown_stories, story_pages
from generator.render.tagplan import with_site_tags
from generator.render.watchpages import WATCH_FOLDER, watch_site, watch_titles
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
_ARTICLE_ID = attrgetter("article.id")


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


def article_key(
    entry: Entry, stories: Mapping[str, str], code: str, notes_html: str, mode: str = "full"
) -> str:
    """Return a digest of everything an article page is rendered from: its own story digest
    (see story_digests), its related stories' digests (their links show title and source),
    the notes shown on it and its publication mode."""
    related = "".join([stories[i] for i in entry.related])
    return _digest(
        (code, stories[entry.article.id], related, notes_html, entry.story_why, entry.story, mode)
    )


def story_digests(
    entries: Sequence[Entry], source: ArticleSource, tag_pages: Mapping[str, str]
) -> dict[str, str]:
    """Return, per article id, a digest of what any page shows of that story: its record and
    analysis (source.keys), editors' changes, page path and the pages of its tags.

    Computed once per story per run; page keys concatenate them instead of re-hashing.
    """
    keys, digests = source.keys, {}
    for e in entries:
        digests[e.article.id] = _digest(
            (keys[e.article.id], e.editor, e.page, tuple([tag_pages.get(t) for t in e.tags]))
        )
    return digests


def _digest(parts: tuple[object, ...]) -> str:
    """Return a digest of strings, None and tuples (and dataclasses) via repr.

    repr is unambiguous for these (strings are quoted and escaped) and much cheaper than
    JSON; it runs for every page of every run. Never pass a set: its repr order varies
    between processes.
    """
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _article_page(
    entry: Entry,
    tag_pages: Mapping[str, str],
    by_id: Mapping[str, Entry],
    notes_html: str,
    lazy: Lazy,
    *,
    mode: str,
) -> Page:
    """Return an article page: its text, or a lazy page when entries are light."""
    source = lazy.articles
    if source is None:
        return render_article(entry, tag_pages, by_id, notes_html, mode=mode)
    key = article_key(entry, lazy.stories, source.code, notes_html, mode)
    return LazyPage(
        key, partial(_render_full, entry, source, tag_pages, by_id, notes_html, mode=mode)
    )


def _render_full(
    entry: Entry,
    source: ArticleSource,
    tag_pages: Mapping[str, str],
    by_id: Mapping[str, Entry],
    notes_html: str,
    *,
    mode: str,
) -> str:
    return render_article(source.full(entry), tag_pages, by_id, notes_html, mode=mode)


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
    """Return every generated page; with `articles`, article pages are lazy (light entries).

    `fetched`: the last successful fetch (fetch health), shown on the home page.
    """
    hidden = notes.hidden()
    shown = [e for e in sorted(entries, key=lambda e: e.article.id) if e.article.id not in hidden]
    shown = with_site_tags(shown)  # key phrases only when they recur across articles
    shown = with_related(
        shown,
        articles.related if articles else related_of_sources,
        articles.stories if articles else (),
    )
    by_id = {e.article.id: e for e in shown}
    newest = sorted(shown, key=newest_first)  # listings' member lists come out newest first
    tags = with_pages_for(named("tag", newest), site.min_tag_articles, noted_tags(notes))
    views = shown_stories(articles.stories if articles else (), by_id)
    story_of = {i: s for s in views for i in s.ids if i in by_id}
    lazy = Lazy(
        articles,
        StoryItems(tags.pages, story_of, by_id),
        story_digests(shown, articles, tags.pages) if articles else {},
    )
    pages: dict[str, Page] = {
        e.page: _article_page(
            e,
            tags.pages,
            by_id,
            article_notes(notes, e.article.id, e.page),
            lazy,
            mode=site.publish_mode(e.article.source),
        )
        for e in shown
    }
    stories = articles.stories if articles else ()
    watch_pages, watch_refs, watched = watch_site(
        watch,
        newest,
        watch_titles([(s.page, s.ids, s.title) for s in stories], by_id),
        site,
        lazy.pages,
    )
    pages.update(watch_pages)
    pages.update(_day_pages(shown, site, notes, lazy, watched, fetched=fetched))
    sources = named("source", newest)
    tag_refs, source_refs = feed_refs(tags, site), feed_refs(sources, site)
    pages.update(_named_pages(tags, site, notes, lazy, tag_refs))
    pages.update(_named_pages(sources, site, NoteSet(), lazy, source_refs))
    story_files, story_refs = story_feeds(stories, by_id, site, lazy.pages)
    pages.update(story_files)
    pages[OPML_FILE] = render_opml(
        [
            *site_refs(site),
            *tag_refs.values(),
            *source_refs.values(),
            *watch_refs,
            *story_refs.values(),
        ],
        site,
    )
    pages.update(notes_index_pages(notes, {e.article.id: e.page for e in shown}, tags.pages))
    follows = {p: feed_links(p, r) for p, r in story_refs.items()}
    pages.update(_story_pages(stories, by_id, lazy, follows))
    return dict(sorted(pages.items()))


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


class _Once:
    """Render a group of pages (one paginated listing) on first demand, each handed once."""

    def __init__(self, produce: Callable[[], dict[str, str]]) -> None:
        self.produce = produce
        self.pages: dict[str, str] | None = None

    def page(self, path: str) -> str:
        """Return one page, handing it over: the writer asks once, and a large site's text
        should not stay in memory after it is written."""
        if self.pages is None or path not in self.pages:
            self.pages = self.produce()
        return self.pages.pop(path)


@dataclass(frozen=True)
class Lazy:
    """Pages as lazy pages keyed by their stories, when entries are light."""

    articles: ArticleSource | None
    items: StoryItems  # the site's stories as listing items
    stories: Mapping[str, str]  # article id -> story digest (see story_digests)

    def pages(
        self,
        parts: Sequence[object],
        entries: Sequence[Entry],
        paths: Sequence[str],
        produce: Callable[[], dict[str, str]],
    ) -> dict[str, Page]:
        """Return the pages of `produce`, lazily when possible, keyed by parts and stories."""
        if self.articles is None:
            return dict(produce())
        stories = self.stories
        key = hashlib.sha256(
            repr((self.articles.code, tuple(parts))).encode("utf-8", "surrogatepass")
        )
        key.update("".join(map(stories.__getitem__, map(_ARTICLE_ID, entries))).encode("ascii"))
        once = _Once(produce)
        digest = key.hexdigest()
        return {path: LazyPage(digest, partial(once.page, path)) for path in paths}


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
        older, newer = neighbours(days, i)
        path = digest_path(day)
        note = day_notes(notes, day, path)
        produce = partial(
            _one, path, partial(render_digest, day, by_day[day], lazy.items, (older, newer), note)
        )
        parts = ("digest", day, older, newer, note, lazy.items.story_key(by_day[day]))
        pages.update(lazy.pages(parts, by_day[day], [path], produce))
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
    counts = sorted((month, sorted(days.items())) for month, days in months.items())
    pages.update(
        lazy.pages(
            ("archive", counts),
            (),
            paths,  # the counts are all it shows
            partial(render_archive, months),
        )
    )
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
        older, newer = neighbours(order, i)
        path = week_path(week)
        stories = [e for day in weeks[week] for e in by_day[day]]
        produce = partial(
            _one, path, partial(render_week, week, weeks[week], by_day, lazy.items, (older, newer))
        )
        parts = ("week", week, weeks[week], older, newer, lazy.items.story_key(stories))
        pages.update(lazy.pages(parts, stories, [path], produce))
    return pages


def _story_pages(
    stories: Sequence[StoryView], by_id: Mapping[str, Entry], lazy: Lazy, follows: Mapping[str, str]
) -> dict[str, Page]:
    """Return the story pages, lazily when entries are light (a story page needs their facts)."""
    source = lazy.articles
    if source is None:
        return dict(story_pages(stories, by_id, follows))
    pages: dict[str, Page] = {}
    for story in shown_stories(stories, by_id):
        members = tuple(lazy.stories[i] for i in story.ids if i in by_id)
        follow = follows.get(story.page, "")
        pages[story.page] = LazyPage(
            _digest((source.code, "story", story, members, follow)),
            partial(_full_story, story, by_id, source, follow),
        )
    return pages


def _full_story(
    story: StoryView, by_id: Mapping[str, Entry], source: ArticleSource, follow: str
) -> str:
    full = {i: source.full(by_id[i]) for i in story.ids if i in by_id}
    return render_story(story, full, follow)


def _one(path: str, render: Callable[[], str]) -> dict[str, str]:
    return {path: render()}


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
        if ref:
            pages.update(_feed_pages(ref, group.members[name], site, lazy))
    folder = "tags" if group.kind == "tag" else "sources"
    ordered = sorted(group.counts.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))
    title = "Tags" if group.kind == "tag" else "Sources"
    rows = [(n, group.pages[n], c) for n, c in ordered]
    pages.update(_index_pages(group.kind, title, f"{folder}/index.md", rows, size=size, lazy=lazy))
    return pages


def _feed_pages(
    ref: FeedRef, members: Sequence[Entry], site: SiteSettings, lazy: Lazy
) -> dict[str, Page]:
    """Return one name's two feed files, keyed by its newest stories: others leave them be."""
    newest = members[:FEED_ITEMS]  # members come newest first
    produce = partial(render_named_feeds, ref, newest, site)
    return lazy.pages(("named-feed", ref, site), newest, [ref.rss, ref.json], produce)


def _index_pages(
    kind: str, title: str, path: str, rows: Sequence[tuple[str, str, int]], *, size: int, lazy: Lazy
) -> dict[str, Page]:
    """Return a tag or source index (render_index), each page keyed by its own rows."""
    produce = partial(render_index, kind, title, path, rows, size)
    if lazy.articles is None:
        return dict(produce())
    chunks = paginate(rows, size * INDEX_PAGE_FACTOR)
    paths = page_paths(path, len(chunks))
    once, code = _Once(produce), lazy.articles.code
    return {
        chunk_path: LazyPage(
            _digest(
                (code, "index", kind, title, len(rows), tuple(paths), chunk_path, tuple(chunk))
            ),
            partial(once.page, chunk_path),
        )
        for chunk_path, chunk in zip(paths, chunks, strict=True)
    }


def _listing_pages(group: Named, name: str, size: int, note: str, lazy: Lazy) -> dict[str, Page]:
    """Return one listing's pages, each lazy page keyed by its own stories and neighbours.

    An archive page's key holds no total, so a new story leaves it alone (see listing_plan).
    Members come newest first (plan_site groups them from a newest-first list).
    """
    kind, path, members = group.kind, group.pages[name], group.members[name]
    plan = cut_listing(path, members, size)
    archive = [p.path for p in plan if p.number]
    pages: dict[str, Page] = {}
    for part in plan[:-1]:
        produce = partial(
            _one, part.path, partial(render_listing_archive, kind, name, path, part, lazy.items)
        )
        pages.update(
            lazy.pages(
                ("listing-archive", kind, name, path, size, part.path, part.older, part.newer),
                part.entries,
                [part.path],
                produce,
            )
        )
    front = plan[-1]
    produce = partial(
        _one,
        path,
        partial(
            render_listing_front,
            kind,
            name,
            front,
            archive,
            stories=lazy.items,
            total=len(members),
            notes_html=note,
        ),
    )
    pages.update(
        lazy.pages(
            ("listing-front", kind, name, path, size, archive, len(members), note),
            front.entries,
            [path],
            produce,
        )
    )
    return pages
