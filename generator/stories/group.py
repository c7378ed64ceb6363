"""Group articles into stories, a batch at a time, never regrouping the archive.

A batch of new articles is clustered together with the stories still open in its time
window (a story's latest article within WINDOW_DAYS) by average link (agglomerate.py): two
clusters join, most similar first, while their articles' average cosine exceeds
JOIN_THRESHOLD, and only pairs sharing a name or figure count at all. Archived stories never
merge with each other; then each new article moves, all at once, to the cluster whose
centroid is closest (refine.py). Pairs leading with different names weigh less, and
clusters that cannot be one event (veto.py: years apart) never join.
Terms weigh by their rarity in the store (IDF, squared: a topic's words and names are in
many articles, an event's own names in few) and by kind: names and figures tell one event
from another of its kind (two earthquakes, two rehab check-ins), words mostly say the topic.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from generator.stories import agglomerate, refine, veto

# Chosen by cross-validation over ECB+ topics (tools/story_eval.py), see the commit messages.
JOIN_THRESHOLD = 0.11
IDF_POWER = 2.0  # squared IDF: ECB+ topic halves, B-cubed precision 0.871 -> 0.921 on average
KIND_WEIGHT = {"n": 1.5, "f": 1.0, "w": 1.0}  # name, figure, word
WINDOW_DAYS = 7.0  # after a story's latest article, how long a new one may still join it
CENTROID_TERMS = 200  # terms kept in a story's centroid: enough for any story's names
SPECIFIC_KINDS = frozenset("nf")  # two articles are compared only if they share a name or figure
# Pair similarity kept when each article's leading name is missing from the other (Jackson's
# arrest, Williams's arrest): two events of one kind.
DISTINCT_FACTOR = 0.6
MAX_POSTINGS = 400  # a term in more open stories than this proposes none (it is not news)
MAX_HOLDERS = 100  # nor one in more new articles of a batch: pairs stay few at 10,000
REFINE_ROUNDS, REFINE_THRESHOLD = refine.REFINE_ROUNDS, refine.REFINE_THRESHOLD  # in STATE_VERSION


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
    years: set[str] = field(default_factory=set)  # years of the full dates its articles give
    norm2: float = 0.0  # the centroid's squared norm, kept as it changes (not stored)

    def add(self, v: Mapping[str, float], sign: float) -> None:
        """Add (sign 1) or take away (sign -1) an article's vector from the centroid."""
        centroid, norm2 = self.centroid, self.norm2
        for term, x in v.items():
            old = centroid.get(term, 0.0)
            new = centroid[term] = old + sign * x
            norm2 += new * new - old * old
        self.norm2 = norm2


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
        if term[0] not in KIND_WEIGHT:
            continue
        idf = 1.0 + math.log((1 + count) / (1 + max(df.get(term, 0), 1)))  # never 0
        weights[term] = (1 + math.log(n)) * idf**IDF_POWER * KIND_WEIGHT[term[0]]
    norm = math.sqrt(sum(x * x for x in weights.values())) or 1.0
    return {t: x / norm for t, x in weights.items()}


def _story_profile(story: StoryState) -> veto.Profile:
    """Return what vetoes know of a story: its dated years, the year-like figures it keeps."""
    return veto.profile(story.centroid, story.years, len(story.members), story.latest)


def _in_window(latest: float | None, day: float | None) -> bool:
    """Return True when an article's day is within the window of a story's latest day."""
    return latest is None or day is None or abs(day - latest) <= WINDOW_DAYS


def _order(item: Item) -> tuple[bool, float, str]:
    """Return an article's place in a story: oldest first, then by id (input order aside)."""
    return (item.day is None, item.day or 0.0, item.id)


def _lead_name(v: Mapping[str, float]) -> str | None:
    """Return the heaviest name of a vector (an article's or a story's): whom it is about."""
    names = [t for t in v if t[0] == "n"]
    return min(names, key=lambda t: (-v[t], t)) if names else None


def _pair(
    v: Mapping[str, float], w: Mapping[str, float], leads: tuple[str | None, str | None]
) -> float:
    """Return a pair's similarity, lowered when each leads with a name the other lacks."""
    score = refine.dot(v, w)
    a, b = leads
    if a is not None and b is not None and a not in w and b not in v:
        score *= DISTINCT_FACTOR
    return score


def _specific(v: Mapping[str, float]) -> list[str]:
    """Return a vector's names and figures: a pair must share one to be compared at all."""
    return sorted(t for t in v if t[0] in SPECIFIC_KINDS)


def _join(
    story: StoryState, item: Item, v: Mapping[str, float], postings: dict[str, list[str]]
) -> None:
    """Add an article to a story: members, centroid, latest day, postings."""
    story.members.append(item.id)
    story.years.update(t[2:] for t, _ in item.terms if t[0] == "y")
    story.add(v, 1.0)
    if item.day is not None:
        story.latest = item.day if story.latest is None else max(story.latest, item.day)
    for term in v:
        ids = postings.setdefault(term, [])
        if story.id not in ids:
            ids.append(story.id)


def _trim(story: StoryState) -> None:
    """Keep the centroid's heaviest terms only: the state stays small at any size."""
    if len(story.centroid) > CENTROID_TERMS:
        kept = sorted(story.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS]
        story.centroid = dict(kept)
        story.norm2 = sum(x * x for _, x in kept)


def _new_story(grouping: Grouping, item: Item) -> StoryState:
    """Start a story for an article: its id follows the article (a suffix if taken)."""
    key, n = story_id(item.id), 1
    while key in grouping.stories:
        n += 1
        key = story_id(f"{item.id}#{n}")
    story = grouping.stories[key] = StoryState(key, [], {}, item.day)
    return story


def _story_edges(
    stories: Sequence[StoryState],
    items: Sequence[Item],
    vectors: Mapping[str, dict[str, float]],
    postings: Mapping[str, list[str]],
) -> dict[tuple[int, int], float]:
    """Return each article's average similarity to the open stories sharing a name with it."""
    at = {s.id: i for i, s in enumerate(stories)}
    edges: dict[tuple[int, int], float] = {}
    for j, item in enumerate(items, start=len(stories)):
        v = vectors[item.id]
        lead = _lead_name(v)
        for term in _specific(v):
            ids = postings.get(term, ())
            if len(ids) > MAX_POSTINGS:
                continue
            for key in ids:
                i = at.get(key)
                if i is None or (i, j) in edges or not _in_window(stories[i].latest, item.day):
                    continue
                story = stories[i]
                leads = (lead, _lead_name(story.centroid))
                edges[i, j] = _pair(v, story.centroid, leads) / max(len(story.members), 1)
    return edges


def _item_edges(
    items: Sequence[Item], vectors: Mapping[str, dict[str, float]], offset: int
) -> dict[tuple[int, int], float]:
    """Return the similarity of each pair of new articles sharing a rare name or figure."""
    holders: dict[str, list[int]] = {}
    for j, item in enumerate(items, start=offset):
        for term in _specific(vectors[item.id]):
            holders.setdefault(term, []).append(j)
    vs = [vectors[item.id] for item in items]
    leads = [_lead_name(v) for v in vs]
    edges: dict[tuple[int, int], float] = {}
    for term in sorted(holders):
        held = [j - offset for j in holders[term]]
        if len(held) > MAX_HOLDERS:
            continue
        for x, a in enumerate(held):
            for b in held[x + 1 :]:
                if (a + offset, b + offset) not in edges and _in_window(items[a].day, items[b].day):
                    edges[a + offset, b + offset] = _pair(vs[a], vs[b], (leads[a], leads[b]))
    return edges


def _open_stories(
    grouping: Grouping,
    items: Sequence[Item],
    vectors: Mapping[str, dict[str, float]],
    postings: Mapping[str, list[str]],
) -> list[StoryState]:
    """Return the stories of the archive sharing a name or figure with a new article, by id."""
    found: set[str] = set()
    for item in items:
        for term in _specific(vectors[item.id]):
            ids = postings.get(term, ())
            if len(ids) <= MAX_POSTINGS:
                found.update(ids)
    return [grouping.stories[key] for key in sorted(found) if grouping.stories[key].members]


def _cluster(
    grouping: Grouping,
    items: Sequence[Item],
    vectors: Mapping[str, dict[str, float]],
    postings: dict[str, list[str]],
) -> None:
    """Place a batch of new articles: one average-link pass over them and the open stories."""
    items = sorted(items, key=lambda i: i.id)
    stories = _open_stories(grouping, items, vectors, postings)
    nodes = [agglomerate.Node(len(s.members), True, _story_profile(s)) for s in stories]
    nodes += [agglomerate.Node(1, False, veto.profile(dict(i.terms), day=i.day)) for i in items]
    edges = _story_edges(stories, items, vectors, postings)
    edges.update(_item_edges(items, vectors, len(stories)))
    roots = agglomerate.average_link(nodes, edges, JOIN_THRESHOLD)
    centroids = [s.centroid for s in stories]
    new = [vectors[i.id] for i in items]
    roots = refine.refine(roots, centroids, new, edges, [n.profile for n in nodes])
    groups: dict[int, list[Item]] = {}
    for j, item in enumerate(items, start=len(stories)):
        groups.setdefault(roots[j], []).append(item)
    for root in sorted(groups):
        members = sorted(groups[root], key=_order)
        story = stories[root] if root < len(stories) else _new_story(grouping, members[0])
        for item in members:
            _join(story, item, vectors[item.id], postings)
            grouping.story_of[item.id] = story.id


def index(grouping: Grouping) -> dict[str, list[str]]:
    """Return term -> ids of the stories whose centroid holds it."""
    postings: dict[str, list[str]] = {}
    for story in grouping.stories.values():
        for term in story.centroid:
            postings.setdefault(term, []).append(story.id)
    return postings


def _copy_of(grouping: Grouping) -> Grouping:
    """Return a copy that grouping may change."""
    return Grouping(
        Counter(grouping.df),
        grouping.count,
        dict(grouping.story_of),
        {
            k: StoryState(
                s.id,
                list(s.members),
                dict(s.centroid),
                s.latest,
                set(s.years),
                sum(x * x for x in s.centroid.values()),
            )
            for k, s in grouping.stories.items()
        },
    )


def add_items(
    grouping: Grouping, items: Sequence[Item], copies: Mapping[str, str] | None = None
) -> Grouping:
    """Return the grouping with new articles placed: the same whatever their order.

    The store's term counts take the whole batch first, so every article of a batch is
    weighed alike. Articles already placed keep their story. A copy (id -> the original it
    republishes, placed before it) joins its original's story as it is.
    """
    copies = copies or {}
    new = [i for i in items if i.id not in grouping.story_of and i.id not in copies]
    out = _copy_of(grouping)
    out.count += len(new)
    for item in new:
        out.df.update(term for term, _ in item.terms)
    postings = index(out)
    vectors = {item.id: vector(item.terms, out.df, out.count) for item in items}
    _cluster(out, new, vectors, postings)
    for item in sorted(items, key=_order):
        if item.id in copies and item.id not in out.story_of:
            story = out.stories[out.story_of[copies[item.id]]]
            _join(story, item, vectors[item.id], postings)
            out.story_of[item.id] = story.id
    for key in sorted({out.story_of[item.id] for item in items if item.id in out.story_of}):
        _trim(out.stories[key])
    out.stories = {k: s for k, s in out.stories.items() if s.members}
    return out
