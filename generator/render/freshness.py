"""The home page's "last updated" line, and the notice readers see when fetching has stopped."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from generator.render.context import Entry
from generator.render.html import esc

# How often the publish workflow fetches: hourly (.github/workflows/publish.yml, "17 * * * *").
SCHEDULE_SECONDS = 3600
# A fetch older than this many schedules means the workflow has stopped or fails.
STALE_FACTOR = 2


def last_fetch(entries: Iterable[Entry]) -> str | None:
    """Return the newest arrival time (ISO, with offset) of the shown articles.

    An article's fetched-at time, or its publication time when it was added from a file.
    """
    stamps = []
    for entry in entries:
        published = entry.article.published
        stamp = entry.article.fetched_at or (published.iso if published else None)
        if stamp:
            moment = datetime.fromisoformat(stamp)
            if moment.tzinfo is not None:
                stamps.append((moment.astimezone(UTC), stamp))
    return max(stamps)[1] if stamps else None


def updated_line(entries: Iterable[Entry]) -> str:
    """Return "Last updated <time>" and a hidden stale notice that the page's script reveals.

    The page cannot know the reading time when it is built (and must not: builds are
    byte-for-byte reproducible), so assets/newsdigest.js compares the time with the clock.
    """
    stamp = last_fetch(entries)
    if stamp is None:
        return ""
    moment = datetime.fromisoformat(stamp)
    offset = moment.strftime("%z")
    shown = f"{moment:%Y-%m-%d %H:%M} UTC{offset[:3]}:{offset[3:]}"
    limit = SCHEDULE_SECONDS * STALE_FACTOR
    return (
        f'<p class="nd-updated">Last updated <time class="nd-when" datetime="{esc(stamp)}"'
        f' title="{shown}">{shown}</time></p>'
        f'<p class="nd-stale" data-nd-stale-after="{limit}" data-nd-since="{esc(stamp)}" '
        'role="status" hidden>No new articles have been fetched for more than '
        f"{limit // 3600} hours: the site may not be updating.</p>"
    )
