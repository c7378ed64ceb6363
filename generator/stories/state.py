"""The story state (data/state/stories/): derived, rebuilt when missing or stale.

It keeps what grouping needs to place the next article without reading the archive again:
each placed article's listing fields, features and signature, each story's centroid, and
the store's term counts. It is split so that one new article does not rewrite all of it
(31 MB at 10,000 articles, issue 20): articles in one file per month of their time, stories
in STORY_BUCKETS files by a digest of their id, and an index (term counts, placing order,
and every part's digest, written last) that says which parts belong together; a part that
does not match the index makes the state stale, so it is rebuilt rather than half-read.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from generator.store import atomic
from generator.stories import group, near, veto

STATE_DIR = "stories"  # under the state folder
INDEX_NAME = "index.json"
LEGACY_NAME = "stories.json"  # the state in one file, before it was split
STORY_BUCKETS = 16
DAY_SECONDS = 86400.0
# Changes when what is stored or how it is compared changes: the state is then rebuilt.
STATE_VERSION = (
    f"4 j{group.JOIN_THRESHOLD} k{sorted(group.KIND_WEIGHT.items())} "
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


def article_part(placed: Placed) -> str:
    """Return the name of the part that keeps an article: its month (UTC), or "undated"."""
    if placed.day is None:
        return "articles-undated.json"
    try:
        moment = datetime.fromtimestamp(placed.day * DAY_SECONDS, UTC)
    except (ValueError, OverflowError, OSError):  # a date no calendar month holds
        return "articles-undated.json"
    return f"articles-{moment:%Y-%m}.json"


def story_part(story_id: str) -> str:
    """Return the name of the part that keeps a story."""
    return f"stories-{zlib.crc32(story_id.encode('utf-8')) % STORY_BUCKETS:02d}.json"


def _digest(data: bytes) -> str:
    """Return the digest the index keeps of a part."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def exists(folder: Path) -> bool:
    """Return whether a state has been saved in the state folder."""
    return (folder / STATE_DIR / INDEX_NAME).is_file()


def load(folder: Path) -> StoryFile:
    """Return the saved state, or an empty one when it is missing, unreadable or stale."""
    root = folder / STATE_DIR
    try:
        index = json.loads((root / INDEX_NAME).read_text(encoding="utf-8"))
        if not isinstance(index, dict) or index.get("version") != STATE_VERSION:
            return StoryFile()
        parts = {}
        for name, digest in index["parts"].items():
            data = (root / name).read_bytes()
            if _digest(data) != digest:
                return StoryFile()
            parts[name] = json.loads(data)
        return _from_json(index, parts)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return StoryFile()


def _from_json(index: dict[str, Any], parts: dict[str, Any]) -> StoryFile:
    """Rebuild the state from its index and parts."""
    rows = {}
    saved_stories = []
    for name, part in parts.items():
        if name.startswith("articles-"):
            for saved in part:
                row = dict(saved)
                row["terms"] = tuple((t, int(c)) for t, c in row["terms"])
                row["names"] = tuple(row["names"])
                rows[row["id"]] = Placed(**row)
        else:
            saved_stories.extend(part)
    if set(rows) != set(index["order"]):
        raise ValueError("the parts do not hold the index's articles")
    placed = {key: rows[key] for key in index["order"]}
    stories = {
        s["id"]: group.StoryState(
            s["id"],
            list(s["members"]),
            {t: float(x) for t, x in s["centroid"]},
            s["latest"],
            set(s["years"]),
        )
        for s in sorted(saved_stories, key=lambda s: str(s["id"]))
    }
    story_of = {m: s.id for s in stories.values() for m in s.members}
    grouping = group.Grouping(Counter(index["df"]), int(index["count"]), story_of, stories)
    return StoryFile(placed, grouping)


def save(folder: Path, state: StoryFile, previous: StoryFile | None = None) -> None:
    """Write the state deterministically (same state, same bytes): with `previous` (the
    state as saved), only the parts that changed; the index last, atomically."""
    root = folder / STATE_DIR
    known = _saved_digests(root) if previous is not None else {}
    parts = _article_parts(state, previous if known else None)
    parts.update(_story_parts(state, previous if known else None))
    if not _part_names(state) <= set(parts) | set(known):  # the saved state is not `previous`
        parts = {**_article_parts(state, None), **_story_parts(state, None)}
    digests = {}
    for name in sorted(_part_names(state)):
        if name in parts:
            data = parts[name]
            digests[name] = _digest(data)
            if known.get(name) != digests[name]:
                atomic.write_bytes(root / name, data)
        else:
            digests[name] = known[name]  # unchanged since it was saved
    g = state.grouping
    index = {
        "version": STATE_VERSION,
        "count": g.count,
        "df": dict(sorted(g.df.items())),
        "order": list(state.placed),
        "parts": digests,
    }
    atomic.write_text(root / INDEX_NAME, _json(index))
    for stale in sorted(set(known) - set(digests)):
        (root / stale).unlink(missing_ok=True)
    (folder / LEGACY_NAME).unlink(missing_ok=True)


def _saved_digests(root: Path) -> dict[str, str]:
    """Return the parts the saved index names, with their digests ({} when unreadable)."""
    try:
        index = json.loads((root / INDEX_NAME).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in index["parts"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _part_names(state: StoryFile) -> set[str]:
    """Return the names of every part the state is kept in."""
    names = {article_part(p) for p in state.placed.values()}
    return names | {story_part(key) for key in state.grouping.stories}


def _article_parts(state: StoryFile, previous: StoryFile | None) -> dict[str, bytes]:
    """Return the bytes of the article parts that hold an article new since `previous`."""
    old = previous.placed if previous is not None else {}
    changed = {article_part(p) for k, p in state.placed.items() if old.get(k) != p}
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in changed}
    for placed in state.placed.values():
        name = article_part(placed)
        if name in rows:
            rows[name].append(_placed_json(placed))
    return {name: _json(part).encode("utf-8") for name, part in rows.items()}


def _story_parts(state: StoryFile, previous: StoryFile | None) -> dict[str, bytes]:
    """Return the bytes of the story parts that hold a story changed since `previous`."""
    new, old = state.grouping.stories, previous.grouping.stories if previous is not None else {}
    changed = {
        story_part(k) for k in set(new) | set(old) if _stored(new.get(k)) != _stored(old.get(k))
    }
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in changed}
    for key in sorted(new):
        if story_part(key) in rows:
            rows[story_part(key)].append(_story_json(new[key]))
    return {name: _json(part).encode("utf-8") for name, part in rows.items()}


def _stored(story: group.StoryState | None) -> object:
    """Return what is saved of a story, to compare (None for no story)."""
    if story is None:
        return None
    return (story.members, story.latest, story.years, story.centroid)


def _story_json(story: group.StoryState) -> dict[str, Any]:
    """Return one story as JSON."""
    return {
        "id": story.id,
        "members": story.members,
        "latest": story.latest,
        "years": sorted(story.years),
        "centroid": sorted((t, round(x, 6)) for t, x in story.centroid.items()),
    }


def _json(data: object) -> str:
    """Return compact JSON, one line."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


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
