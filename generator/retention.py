"""Which articles retire from their own pages (issue 23): a pure decision, no clock, no I/O.

A year of a busy digest (600 articles a day) does not fit free hosting as one page per
article, so an article older than `retention.days` becomes a compact entry on its day's
archive page. Age is counted back from the newest article shown, never from the clock: the
same store builds the same site, byte for byte, whenever it is built.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def cutoff_day(days: Iterable[str | None], keep_days: int) -> str | None:
    """Return the first day (YYYY-MM-DD) that keeps its pages, or None when nothing retires.

    The newest day counts as day one: with keep_days=2 the newest two days keep their pages.
    keep_days <= 0 turns retention off.
    """
    if keep_days <= 0:
        return None
    newest = max((d for d in days if d), default=None)
    if newest is None:
        return None
    return (date.fromisoformat(newest) - timedelta(days=keep_days - 1)).isoformat()


def retired_ids(
    articles: Iterable[tuple[str, str | None]], keep_days: int, pinned: frozenset[str]
) -> frozenset[str]:
    """Return the ids of the (id, day) articles that retire: dated before the cutoff day and
    not pinned by an editor. An undated article keeps its page: its age is unknown."""
    listed = list(articles)
    cutoff = cutoff_day((day for _, day in listed), keep_days)
    if cutoff is None:
        return frozenset()
    return frozenset(i for i, day in listed if day and day < cutoff and i not in pinned)
