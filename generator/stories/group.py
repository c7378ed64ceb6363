"""Group articles into stories, one new article at a time, never regrouping the archive.

A new article is compared with the centroid of every story still open in its time window
(the story's latest article within WINDOW_DAYS) that shares a distinctive term with it; it
joins the most similar one above JOIN_THRESHOLD or starts a story of its own. Terms weigh by
their rarity in the store (IDF) and by kind: names and figures tell one event from another
of its kind (two earthquakes, two rehab check-ins), ordinary words mostly say the topic.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# Chosen by cross-validation over ECB+ topics (tools/story_eval.py): see the commit messages.
JOIN_THRESHOLD = 0.22
KIND_WEIGHT = {"n": 3.0, "f": 1.0, "w": 1.0}  # name, figure, word
WINDOW_DAYS = 7.0  # after a story's latest article, how long a new one may still join it
CENTROID_TERMS = 200  # terms kept in a story's centroid: enough for any story's names
MAX_POSTINGS = 400  # a term in more open stories than this proposes none (it is not news)


@dataclass(frozen=True)
class Item:
    """One article as grouping sees it."""

    id: str
    terms: tuple[tuple[str, int], ...]  # from features.Features.terms
    day: float | None  # days since the epoch of its publication (or fetch) time, if known


@dataclass
class StoryState:
    """A story while grouping runs: members in joining order, centroid, latest day."""

    id: str
    members: list[str]
    centroid: dict[str, float]
    latest: float | None


@dataclass
class Grouping:
    """Every article's story, each story's centroid, and the store's term counts."""

    df: Counter[str] = field(default_factory=Counter)
    count: int = 0
    story_of: dict[str, str] = field(default_factory=dict)
    stories: dict[str, StoryState] = field(default_factory=dict)


def story_id(founder: str) -> str:
    """Return a story's id: it follows the article that started it, so it stays put."""
    return hashlib.sha1(f"story:{founder}".encode()).hexdigest()[:12]


def vector(terms: Iterable[tuple[str, int]], df: Mapping[str, int], count: int) -> dict[str, float]:
    """Return an article's unit TF-IDF vector (a term no other article has yet may come)."""
    weights = {}
    for term, n in terms:
        idf = 1.0 + math.log((1 + count) / (1 + max(df.get(term, 0), 1)))  # never 0
        weights[term] = (1 + math.log(n)) * idf * KIND_WEIGHT[term[0]]
    norm = math.sqrt(sum(x * x for x in weights.values())) or 1.0
    return {t: x / norm for t, x in weights.items()}


def similarity(v: Mapping[str, float], centroid: Mapping[str, float]) -> float:
    """Return the cosine of a vector and a centroid."""
    norm = math.sqrt(sum(x * x for x in centroid.values())) or 1.0
    return sum(x * centroid.get(t, 0.0) for t, x in v.items()) / norm


def _candidates(
    v: Mapping[str, float], postings: Mapping[str, list[str]], grouping: Grouping, day: float | None
) -> list[StoryState]:
    """Return the open stories sharing a term with the vector, in id order."""
    found: set[str] = set()
    for term in v:
        ids = postings.get(term, ())
        if len(ids) <= MAX_POSTINGS:
            found.update(ids)
    stories = (grouping.stories[s] for s in sorted(found))
    return [s for s in stories if _in_window(s.latest, day)]


def _in_window(latest: float | None, day: float | None) -> bool:
    """Return True when an article's day is within the window of a story's latest day."""
    return latest is None or day is None or abs(day - latest) <= WINDOW_DAYS


def _join(
    story: StoryState, item: Item, v: Mapping[str, float], postings: dict[str, list[str]]
) -> None:
    """Add an article to a story: members, centroid (trimmed), latest day, postings."""
    story.members.append(item.id)
    for term, x in v.items():
        story.centroid[term] = story.centroid.get(term, 0.0) + x
    if len(story.centroid) > CENTROID_TERMS:
        kept = sorted(story.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS]
        story.centroid = dict(kept)
    if item.day is not None:
        story.latest = item.day if story.latest is None else max(story.latest, item.day)
    for term in v:
        ids = postings.setdefault(term, [])
        if story.id not in ids:
            ids.append(story.id)


def index(grouping: Grouping) -> dict[str, list[str]]:
    """Return term -> ids of the stories whose centroid holds it."""
    postings: dict[str, list[str]] = {}
    for story in grouping.stories.values():
        for term in story.centroid:
            postings.setdefault(term, []).append(story.id)
    return postings


def add_items(
    grouping: Grouping, items: Sequence[Item], copies: Mapping[str, str] | None = None
) -> Grouping:
    """Return the grouping with new articles placed, in the order given.

    The store's term counts take the whole batch first, so the first article of a batch is
    weighed like the last. Articles already placed keep their story. A copy (id -> the
    original it republishes, placed before it) joins its original's story as it is.
    """
    copies = copies or {}
    new = [i for i in items if i.id not in grouping.story_of and i.id not in copies]
    out = Grouping(
        Counter(grouping.df),
        grouping.count + len(new),
        dict(grouping.story_of),
        {
            k: StoryState(s.id, list(s.members), dict(s.centroid), s.latest)
            for k, s in grouping.stories.items()
        },
    )
    for item in new:
        out.df.update(term for term, _ in item.terms)
    postings = index(out)
    for item in items:
        if item.id in out.story_of:
            continue
        if item.id in copies:
            story = out.stories[out.story_of[copies[item.id]]]
            story.members.append(item.id)
            out.story_of[item.id] = story.id
            continue
        v = vector(item.terms, out.df, out.count)
        best, best_score = None, JOIN_THRESHOLD
        for story in _candidates(v, postings, out, item.day):
            score = similarity(v, story.centroid)
            if score > best_score:
                best, best_score = story, score
        if best is None:
            best = out.stories[story_id(item.id)] = StoryState(story_id(item.id), [], {}, item.day)
        _join(best, item, v, postings)
        out.story_of[item.id] = best.id
    return out
