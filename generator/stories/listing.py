"""Stories as records: members, title and the reasons they were grouped (the `why`)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.stories.state import Placed, StoryFile

MAX_SHOWN = 4  # names, figures or words named in one line of "why"
MAX_TRIED = 40  # values tried as shared ones, most often found as they are first


@dataclass(frozen=True)
class Story:
    """One story: its articles (placing order) and why they are one story."""

    id: str
    title: str
    articles: tuple[Placed, ...]
    why: tuple[str, ...]

    @property
    def latest(self) -> float:
        """Return the newest article's day (-inf when no article's time is known)."""
        return max((a.day for a in self.articles if a.day is not None), default=-math.inf)


def _shared(values: Sequence[Sequence[str]]) -> list[tuple[str, int]]:
    """Return the values in two or more of the lists, most shared first, then first seen.

    A value counts for a list when one of the list's values holds it as whole words
    ("Ilse Brandt" in "Mayor Ilse Brandt"); of two values shared as often, the shorter one
    that the other holds is left out. Only the values most often found as they are are
    tried, so a story of a hundred articles costs no more than one of ten.
    """
    exact: Counter[str] = Counter(v for vs in values for v in set(vs))
    first = {v: i for i, v in enumerate(dict.fromkeys(v for vs in values for v in vs))}
    tried = sorted(exact, key=lambda v: (-exact[v], first[v]))[:MAX_TRIED]
    hays = ["\n".join(f" {v} " for v in vs) for vs in values]
    counts = {v: sum(f" {v} " in hay for hay in hays) for v in tried}
    shared = [v for v in tried if counts[v] > 1]
    kept = [
        v
        for v in shared
        if not any(w != v and counts[w] == counts[v] and f" {v} " in f" {w} " for w in shared)
    ]
    return sorted(((v, counts[v]) for v in kept), key=lambda vn: (-vn[1], first[vn[0]]))


def _line(verb: str, shared: list[tuple[str, int]], total: int) -> str:
    """Return one line of why: "both name A, B" or "they name A (3 of 4), B (2 of 4)"."""
    if total == 2:
        return f"both {verb} {', '.join(v for v, _ in shared[:MAX_SHOWN])}"
    return f"they {verb} " + ", ".join(f"{v} ({n} of {total})" for v, n in shared[:MAX_SHOWN])


def why(members: Sequence[Placed], df: Mapping[str, int], count: int) -> tuple[str, ...]:
    """Return what the grouping of these articles rests on, most telling first."""
    originals = [m for m in members if m.copy_of is None]
    lines = []
    if len(originals) > 1:
        names = _shared(
            [[n for n in m.names if not n[0].isdigit() and n[0] not in "$€£¥"] for m in originals]
        )
        figures = _shared(
            [[n for n in m.names if n[0].isdigit() or n[0] in "$€£¥"] for m in originals]
        )
        named = set(" ".join(v for v, _ in names).casefold().split())  # not "words" again
        words = _shared(
            [[t[2:] for t, _ in m.terms if t[0] == "w" and t[2:] not in named] for m in originals]
        )
        # Rare words first: what only this story's articles say.
        words.sort(key=lambda wn: (-wn[1], df.get(f"w:{wn[0]}", count), wn[0]))
        for verb, found in (("name", names), ("give", figures), ("use the words", words)):
            if found:
                lines.append(_line(verb, found, len(originals)))
    by_id = {m.id: m for m in members}
    for m in members:
        original = by_id.get(m.copy_of) if m.copy_of is not None else None
        if original is not None:  # an original left out of the site is not named
            lines.append(
                f"also published by {m.source or m.id} (the same text as "
                f"{original.source or original.id})"
            )
    return tuple(lines)


def stories(state: StoryFile, excluded: frozenset[str] = frozenset()) -> list[Story]:
    """Return every story, newest first (then by id), every article in exactly one.

    Articles in `excluded` (quarantined ones, which get no page) are left out of their story,
    and of its title and why, so nothing of them reaches the site.
    """
    g = state.grouping
    out = []
    for s in g.stories.values():
        members = tuple(state.placed[m] for m in s.members if m not in excluded)
        if members:
            out.append(Story(s.id, members[0].title, members, why(members, g.df, g.count)))
    return sorted(out, key=lambda s: (-s.latest, s.id))


def story_json(story: Story) -> dict[str, object]:
    """Return the `stories --format json` object of DESIGN.md's contract."""
    return {
        "id": story.id,
        "title": story.title,
        "articles": [
            {
                "id": a.id,
                "url": a.url,
                "source": a.source,
                "published": a.published,
                **({"copy_of": a.copy_of} if a.copy_of else {}),
            }
            for a in story.articles
        ],
        "why": list(story.why),
    }


def story_related(
    related: Mapping[str, tuple[str, ...]],
    found: Sequence[Story],
    shown: frozenset[str],
    limit: int = 5,
) -> dict[str, tuple[str, ...]]:
    """Return related coverage with each article's story first: the other sources' versions.

    Only articles in `shown` are named (hidden or left-out ones have no page to link).
    """
    out = dict(related)
    for story in found:
        ids = [a.id for a in story.articles if a.id in shown]
        if len(ids) < 2:
            continue
        for article_id in ids:
            others = [i for i in ids if i != article_id]
            rest = [i for i in related.get(article_id, ()) if i not in others]
            out[article_id] = tuple([*others, *rest][:limit])
    return out
