"""The home page's "last updated" line, and the notice readers see when fetching has stopped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC

from generator.model import Health
from generator.placement import moment_of
from generator.render.context import Entry
from generator.render.html import esc
from generator.render.times import day_text, zone_label

# A last successful fetch older than this many schedules means the workflow stopped or fails.
STALE_FACTOR = 2


def newest(stamps: Iterable[str | None]) -> str | None:
    """Return the latest of ISO times with an offset, compared as instants (None when none)."""
    found = []
    for stamp in stamps:
        moment = moment_of(stamp, "UTC")
        if moment is not None:
            found.append((moment.astimezone(UTC), stamp))
    return max(found)[1] if found else None


def last_fetch(entries: Iterable[Entry]) -> str | None:
    """Return the newest arrival time (ISO, with offset) of the shown articles.

    An article's fetched-at time, or its publication time when it was added from a file.
    """
    return newest(
        e.article.fetched_at or (e.article.published.iso if e.article.published else None)
        for e in entries
    )


def last_success(health: Mapping[str, Health]) -> str | None:
    """Return the last successful fetch of any source (fetch health), None without one.

    Any source fetched means the schedule runs; a single failing source is the status page's
    business, and a quiet source (no new article) is not a broken fetch.
    """
    return newest(h.last_success for h in health.values())


def updated_line(
    entries: Iterable[Entry], zone: str, fetched: str | None = None, every_minutes: int = 60
) -> str:
    """Return "Last updated <time>" in the site's zone, and with fetch health, a hidden stale
    notice that the page's script reveals after STALE_FACTOR schedules without a fetch.

    The time is the last successful fetch (the site was current then, new articles or not),
    else the newest article's arrival. The page cannot know the reading time when it is built
    (and must not: builds are byte-for-byte reproducible), so assets/newsdigest.js compares
    the stamp with the reader's clock.
    """
    stamp = fetched or last_fetch(entries)
    moment = moment_of(stamp, zone)
    if stamp is None or moment is None:
        return ""
    shown = f"{day_text(moment, 'en')}, {moment:%H:%M} {zone_label(moment)}"
    line = (
        f'<p class="nd-updated">Last updated <time class="nd-when" datetime="{esc(stamp)}"'
        f' title="{esc(shown)}">{esc(shown)}</time></p>'
    )
    if fetched is None:  # a site built from files only: no schedule to fall behind
        return line
    limit = every_minutes * 60 * STALE_FACTOR
    return line + (
        f'<p class="nd-stale" data-nd-stale-after="{limit}" data-nd-since="{esc(stamp)}" '
        'role="status" hidden>No successful fetch for more than '
        f"{_span(limit)}: the site may not be updating.</p>"
    )


def _span(seconds: int) -> str:
    """Return a duration in the largest whole unit ("2 hours", "90 minutes")."""
    for unit, size in (("day", 86400), ("hour", 3600)):
        if seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    minutes = seconds // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
