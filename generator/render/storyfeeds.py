"""Render a feed per story: RSS and JSON Feed of its articles, beside its story page.

Bounded: only stories with articles from two or more sources get feeds, and only those
active (a new article) within STORY_FEED_DAYS of the site's newest article, at most
MAX_STORY_FEEDS of them; an older story's feed is removed with the rest of its listing
churn, and its page keeps its articles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from generator.config.settings import SiteSettings
from generator.model import Page
from generator.render.context import Entry
from generator.render.feeds import FEED_ITEMS
from generator.render.listings import newest_first
from generator.render.namedfeeds import FeedRef, feed_paths
from generator.render.pagekeys import Lazy
from generator.render.pagetypes import NamedFeeds
from generator.render.storypage import StoryView

STORY_FEED_DAYS = 30
MAX_STORY_FEEDS = 1000


def story_ref(story: StoryView, site: SiteSettings) -> FeedRef:
    """Return the feed reference of one story."""
    rss_path, json_path = feed_paths(story.page)
    return FeedRef(f"{site.title}: story {story.title}", rss_path, json_path, story.page)


def _members(story: StoryView, by_id: Mapping[str, Entry]) -> list[Entry]:
    """Return the story's shown articles, newest first."""
    return sorted((by_id[i] for i in story.ids if i in by_id), key=newest_first)


def stories_with_feeds(stories: Sequence[StoryView], by_id: Mapping[str, Entry]) -> list[StoryView]:
    """Return the stories that get feeds: two or more sources, recently active, newest first."""
    days = [e.day for e in by_id.values() if e.day]
    if not days:
        return []
    since = (date.fromisoformat(max(days)) - timedelta(days=STORY_FEED_DAYS)).isoformat()
    kept = []
    for story in stories:
        members = _members(story, by_id)
        sources = {e.article.source for e in members if e.article.source}
        if len(sources) > 1 and members[0].day and members[0].day >= since:
            kept.append((newest_first(members[0]), story))
    kept.sort(key=lambda ks: (ks[0], ks[1].id))
    return [story for _, story in kept[:MAX_STORY_FEEDS]]


def story_feeds(
    stories: Sequence[StoryView], by_id: Mapping[str, Entry], site: SiteSettings, lazy: Lazy
) -> tuple[dict[str, Page], dict[str, FeedRef]]:
    """Return the feed files of the stories that get them, and story page -> feed reference."""
    pages: dict[str, Page] = {}
    refs = {}
    for story in stories_with_feeds(stories, by_id):
        ref = refs[story.page] = story_ref(story, site)
        newest = tuple(_members(story, by_id)[:FEED_ITEMS])
        pages.update(lazy.group([ref.rss, ref.json], NamedFeeds(ref, newest, site)))
    return pages, refs
