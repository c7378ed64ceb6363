"""The story state file (data/state/stories.json): derived, rebuilt when missing or stale.

It keeps what grouping needs to place the next article without reading the archive again:
each placed article's listing fields, features and signature, each story's centroid, and
the store's term counts.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.store import atomic
from generator.stories import group, near, veto

STATE_NAME = "stories.json"
# Changes when what is stored or how it is compared changes: the state is then rebuilt.
STATE_VERSION = (
    f"3 j{group.JOIN_THRESHOLD} k{sorted(group.KIND_WEIGHT.items())} "
    f"w{group.WINDOW_DAYS} c{group.CENTROID_TERMS} s{sorted(group.SPECIFIC_KINDS)} "
    f"r{group.REFINE_ROUNDS} {group.REFINE_THRESHOLD} "
    f"n{near.NEAR_THRESHOLD} v{veto.YEAR_GAP} {veto.MIN_SUPPORT}"
)


@dataclass(frozen=True)
class Placed:
    """One placed article: what listings show, what grouping compares."""

    id: str
    title: str
    url: str | None
    source: str | None
    published: str | None
    day: float | None
    terms: tuple[tuple[str, int], ...]
    names: tuple[str, ...]
    signature: str
    copy_of: str | None = None


@dataclass
class StoryFile:
    """The whole state: placed articles in placing order, and the grouping."""

    placed: dict[str, Placed] = field(default_factory=dict)
    grouping: group.Grouping = field(default_factory=group.Grouping)


def load(folder: Path) -> StoryFile:
    """Return the saved state, or an empty one when it is missing, unreadable or stale."""
    path = folder / STATE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return StoryFile()
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        return StoryFile()
    try:
        return _from_json(data)
    except (KeyError, TypeError, ValueError):
        return StoryFile()


def _from_json(data: dict[str, Any]) -> StoryFile:
    """Rebuild the state from its JSON."""
    placed = {}
    for saved in data["articles"]:
        row = dict(saved)
        row["terms"] = tuple((t, int(c)) for t, c in row["terms"])
        row["names"] = tuple(row["names"])
        placed[row["id"]] = Placed(**row)
    stories = {
        s["id"]: group.StoryState(
            s["id"],
            list(s["members"]),
            {t: float(x) for t, x in s["centroid"]},
            s["latest"],
            set(s["years"]),
        )
        for s in data["stories"]
    }
    story_of = {m: s.id for s in stories.values() for m in s.members}
    grouping = group.Grouping(Counter(data["df"]), int(data["count"]), story_of, stories)
    return StoryFile(placed, grouping)


def save(folder: Path, state: StoryFile) -> None:
    """Write the state atomically, deterministically (same state, same bytes)."""
    g = state.grouping
    data = {
        "version": STATE_VERSION,
        "count": g.count,
        "df": dict(sorted(g.df.items())),
        "articles": [_placed_json(p) for p in state.placed.values()],
        "stories": [
            {
                "id": s.id,
                "members": s.members,
                "latest": s.latest,
                "years": sorted(s.years),
                "centroid": sorted((t, round(x, 6)) for t, x in s.centroid.items()),
            }
            for s in sorted(g.stories.values(), key=lambda s: s.id)
        ],
    }
    atomic.write_text(
        folder / STATE_NAME, json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    )


def _placed_json(placed: Placed) -> dict[str, Any]:
    """Return one placed article as JSON."""
    return {
        "id": placed.id,
        "title": placed.title,
        "url": placed.url,
        "source": placed.source,
        "published": placed.published,
        "day": placed.day,
        "terms": [list(t) for t in placed.terms],
        "names": list(placed.names),
        "signature": placed.signature,
        "copy_of": placed.copy_of,
    }
