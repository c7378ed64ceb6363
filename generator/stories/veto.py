"""Vetoes: evidence that two clusters of articles report different events of one kind.

Similarity says two clusters share a topic; these rules say when they cannot be one event
however similar they read: they date it to other years (two elections, five years apart),
or one cluster was written years before the event the other dates (the newest year any of
its articles mentions is older). A full date says when the event happened, so one article
giving it dates a cluster when most of the cluster agrees; a bare year may be an aside ("since
1978"), so the newest years mentioned say when a cluster was written only from MIN_SUPPORT
articles on. Pure functions over a small profile that merges as clusters do.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# A cluster whose newest mentioned year is this far before the year another dates its event
# to was written before that event (ECB+ gold stories: a report names its own year or one
# before it).
YEAR_GAP = 2
# Articles a cluster needs before the years it mentions date its writing (ECB+ topic halves,
# B-cubed F1 with 2: 0.975/0.907, with 3: 0.981/0.907; 3 also bars less of one event).
MIN_SUPPORT = 3
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()  # an article's day counts days since 1970-01-01
FIRST_YEAR, LAST_YEAR = 1900, 2099  # a four-digit figure in this range reads as a year


@dataclass(frozen=True)
class Profile:
    """What the vetoes compare of a cluster: its size, the years it dates and mentions."""

    size: int = 1
    years: frozenset[str] = frozenset()  # years of the full dates its articles give
    dated: tuple[tuple[int, int], ...] = ()  # (year of a full date, articles giving it)
    latest: int | None = None  # the newest year any of its articles mentions
    published: int | None = None  # the year its newest article was published, when known


def _year(term: str) -> int | None:
    """Return the year a figure ("f:2013") or full date's year ("y:2013") term names."""
    value = term[2:]
    if term[0] in "fy" and len(value) == 4 and value.isdigit():
        year = int(value)
        return year if FIRST_YEAR <= year <= LAST_YEAR else None
    return None


def profile(
    terms: Iterable[str], years: Iterable[str] = (), size: int = 1, day: float | None = None
) -> Profile:
    """Return the profile of an article's terms and day, or of a story's (its size and
    full-date years: a story dated to one year counts every article as giving it)."""
    terms = list(terms)
    dated = frozenset(years) | {t[2:] for t in terms if t[0] == "y"}
    found = [y for y in map(_year, [*terms, *(f"y:{y}" for y in dated)]) if y is not None]
    counts = [(int(y), size if len(dated) == 1 else 1) for y in sorted(dated) if y.isdigit()]
    published = None if day is None else _year_of(day)
    return Profile(size, dated, tuple(counts), max(found, default=None), published)


def _year_of(day: float) -> int:
    """Return the year of a day since the epoch (a stored date past year 1 or 9999 clamps)."""
    ordinal = EPOCH_ORDINAL + math.floor(day)
    return date.fromordinal(min(max(ordinal, 1), date.max.toordinal())).year


def _newest(a: int | None, b: int | None) -> int | None:
    """Return the later of two years, either of which may be unknown."""
    return a if b is None else b if a is None else max(a, b)


def merged(a: Profile, b: Profile) -> Profile:
    """Return the profile of two clusters made one."""
    dated = Counter(dict(a.dated))
    dated.update(dict(b.dated))
    return Profile(
        a.size + b.size,
        a.years | b.years,
        tuple(sorted(dated.items())),
        _newest(a.latest, b.latest),
        _newest(a.published, b.published),
    )


def event_year(p: Profile) -> int | None:
    """Return the year at least half of a cluster's articles date it to (the newest if two),
    but not after the year it was published: of an event still ahead ("the vote on May 3,
    2028"), a report written now is not one written before it."""
    year = max((y for y, n in p.dated if 2 * n >= p.size), default=None)
    return year if year is None or p.published is None else min(year, p.published)


def conflict(a: Profile, b: Profile) -> bool:
    """Return True when two clusters cannot report one event, whatever they share."""
    if a.years and b.years and a.years.isdisjoint(b.years):
        return True  # they date the event to other years
    return _before(a, b) or _before(b, a)


def _before(a: Profile, b: Profile) -> bool:
    """Return True when every year cluster `a` mentions is years before the event `b` dates."""
    year = event_year(b)
    return (
        year is not None
        and a.size >= MIN_SUPPORT
        and a.latest is not None
        and (year - a.latest >= YEAR_GAP)
    )
