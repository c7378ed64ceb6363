"""Render each watch rule's page and feeds, and the home page's "Watched" block.

A rule's page (watch/<slug>.md) and feeds (watch/<slug>.xml, .json) list its newest matching
stories; each is keyed by those stories, so a new article rewrites only the rules it matches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.config.settings import SiteSettings
from generator.model import EntryLoader, Page
from generator.render.context import Entry
from generator.render.feeds import FEED_ITEMS, Feed, FeedItem, article_item, json_feed, rss
from generator.render.html import esc, href, link
from generator.render.labels import EN, entry_language
from generator.render.listings import count_label, page
from generator.render.namedfeeds import FeedRef, feed_links, feed_paths
from generator.render.pagekeys import Lazy
from generator.render.times import site_time
from generator.watch.match import Watched, haystack, stories_of, watched
from generator.watch.rules import WatchRule

WATCH_FOLDER = "watch"
HOME_RULES = 10  # rules shown in the home page's block, most recently matched first


@dataclass(frozen=True)
class WatchPage:
    """A rule's page: its newest matching stories and how many matched (see pagekeys)."""

    rule: WatchRule
    shown: tuple[Watched, ...]
    total: int
    ref: FeedRef

    def render(self, full: EntryLoader) -> str:
        """Return the page's Markdown."""
        return render_watch_page(self.rule, self.shown, self.total, self.ref)


@dataclass(frozen=True)
class WatchFeeds:
    """A rule's RSS and JSON Feed files: its newest matching stories."""

    ref: FeedRef
    shown: tuple[Watched, ...]
    site: SiteSettings

    def render(self, full: EntryLoader) -> dict[str, str]:
        """Return both feed files."""
        return render_watch_feeds(self.ref, self.shown, self.site)


def watch_ref(rule: WatchRule, site: SiteSettings) -> FeedRef:
    """Return the feed reference of a rule."""
    rss_path, json_path = feed_paths(rule.page)
    return FeedRef(f"{site.title}: watch {rule.name}", rss_path, json_path, rule.page)


def title_entry(story: Watched) -> Entry:
    """Return the article whose title the story carries (its first), else its newest."""
    return next((e for e in story.members if e.article.id == story.id), story.lead)


def story_link(here: str, story: Watched) -> str:
    """Return a link to the story's page, marked with its title's language."""
    lang = esc(entry_language(title_entry(story)))
    return f'<a lang="{lang}" href="{esc(href(here, story.page))}">{esc(story.title)}</a>'


def story_item(story: Watched) -> FeedItem:
    """Return a matched story as a feed item: its title's article speaks for it."""
    base = article_item(title_entry(story))
    newest = article_item(story.lead).published
    return FeedItem(
        id=story.id,
        title=story.title,
        page=story.page,
        summary=base.summary,
        tags=base.tags,
        published=newest or base.published,
        language=base.language,
    )


def render_watch_feeds(
    ref: FeedRef, stories: Sequence[Watched], site: SiteSettings
) -> dict[str, str]:
    """Return the RSS and JSON Feed files of one rule: its newest matching stories."""
    items = tuple(story_item(s) for s in stories[:FEED_ITEMS])
    return {
        path: writer(Feed(path, ref.title, site.description, ref.home, items), site)
        for path, writer in ((ref.rss, rss), (ref.json, json_feed))
    }


def rule_terms(rule: WatchRule) -> str:
    """Return what a rule matches, as its page says it (escaped)."""
    groups = [*rule.terms, ("tags", rule.tags), ("sources", rule.sources)]
    return "; ".join(f"{key}: {esc(', '.join(values))}" for key, values in groups if values)


def _story_line(here: str, story: Watched) -> str:
    lead = story.lead
    sources = sorted({e.article.source for e in story.members if e.article.source})
    meta = " · ".join([*sources, site_time(lead.article, lead.zone, EN)])
    summary = " ".join(lead.summary_texts()[:1])
    return (
        f'<li class="nd-story">{story_link(here, story)}'
        f'<span class="nd-story-meta">{esc(meta)}</span>'
        + (
            f'<span class="nd-story-summary" lang="{esc(entry_language(lead))}">'
            f"{esc(summary)}</span>"
            if summary
            else ""
        )
        + "</li>"
    )


def render_watch_page(rule: WatchRule, shown: Sequence[Watched], total: int, ref: FeedRef) -> str:
    """Return a rule's page: what it matches, its feeds and its newest `shown` of `total`
    matching stories."""
    here = rule.page
    more = f" (the newest {len(shown)})" if total > len(shown) else ""
    items = "".join(_story_line(here, s) for s in shown)
    return page(
        f"Watch: {rule.name}",
        "watch",
        [
            f'<h1 class="nd-title">Watch: {esc(rule.name)}</h1>',
            f'<p class="nd-watch-terms">Matches {rule_terms(rule)}</p>',
            feed_links(here, ref),
            f"<p>{esc(count_label(total))}{esc(more)}</p>",
            f'<ul class="nd-stories">{items}</ul>' if items else "<p>Nothing matched yet.</p>",
        ],
    )


def watched_block(rules: Sequence[WatchRule], matched: Mapping[str, Sequence[Watched]]) -> str:
    """Return the home page's "Watched" section: each rule with its newest story."""
    here = "index.md"
    ranked = sorted(
        rules, key=lambda r: tuple(s.lead.sort_key for s in matched[r.name][:1]), reverse=True
    )
    items = []
    for rule in ranked[:HOME_RULES]:
        stories = matched[rule.name]
        newest = f": {story_link(here, stories[0])}" if stories else ""
        items.append(
            f"<li>{link(here, rule.page, rule.name)} "
            f"<small>{esc(count_label(len(stories)))}</small>{newest}</li>"
        )
    return '<h2 class="nd-watched">Watched</h2><ul class="nd-watched">' + "".join(items) + "</ul>"


def watch_titles(
    stories: Sequence[tuple[str, tuple[str, ...], str]], by_id: Mapping[str, Entry]
) -> dict[str, tuple[str, str]]:
    """Return story page -> (first shown article id, title) for (page, ids, title) stories."""
    out = {}
    for story_page, ids, title in stories:
        shown = [i for i in ids if i in by_id]
        if len(shown) > 1:
            out[story_page] = (shown[0], title)
    return out


def watch_site(
    rules: Sequence[WatchRule],
    newest: Sequence[Entry],
    titles: Mapping[str, tuple[str, str]],
    site: SiteSettings,
    lazy: Lazy,
) -> tuple[dict[str, Page], list[FeedRef], str]:
    """Return every rule's page and feeds, their feed references and the home block."""
    if not rules:
        return {}, [], ""
    stories = stories_of(newest, titles)
    texts = {e.article.id: haystack(e) for e in newest}
    pages: dict[str, Page] = {}
    refs, matched = [], {}
    for rule in rules:
        found = matched[rule.name] = watched(rule, stories, texts)
        ref = watch_ref(rule, site)
        refs.append(ref)
        shown = tuple(found[:FEED_ITEMS])
        pages.update(lazy.page(rule.page, WatchPage(rule, shown, len(found), ref)))
        pages.update(lazy.group([ref.rss, ref.json], WatchFeeds(ref, shown, site)))
    return pages, refs, watched_block(rules, matched)
