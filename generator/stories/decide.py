"""Apply editors' story decisions (merge, split, rename) on top of the automatic grouping.

The decisions are applied every time the stories are listed, never written into the story
state: a later `add` places new articles as usual and the notes still decide, the same way
every run (notes in path order; merges, then splits, then titles). Nothing is ever dropped:
an article split out of its story becomes a story of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace

from generator.model import StoryDecision
from generator.stories.listing import Story, why
from generator.stories.state import StoryFile


def split_id(article_id: str) -> str:
    """Return the id of the story an article split out by an editor forms on its own."""
    return hashlib.sha1(f"split:{article_id}".encode()).hexdigest()[:12]


Lines = dict[str, list[str]]  # story id -> what editors did to it, for its why


def _merge(found: list[Story], ids: Sequence[str], note: str, lines: Lines) -> list[Story]:
    """Return the stories with those holding `ids` made one (the first one's id and title)."""
    holding = [s for s in found if any(a.id in ids for a in s.articles)]
    holding.sort(key=lambda s: min(ids.index(a.id) for a in s.articles if a.id in ids))
    if len(holding) < 2:
        return found
    first = holding[0]
    merged = replace(first, articles=tuple(a for s in holding for a in s.articles))
    lines.setdefault(first.id, []).append(f"merged by an editor ({note})")
    gone = {s.id for s in holding[1:]}
    return [merged if s.id == first.id else s for s in found if s.id not in gone]


def _split(found: list[Story], article_id: str, note: str, lines: Lines) -> list[Story]:
    """Return the stories with one article taken out of its story into a story of its own."""
    out = []
    for story in found:
        rest = tuple(a for a in story.articles if a.id != article_id)
        if len(rest) == len(story.articles) or not rest:
            out.append(story)
            continue
        alone = next(a for a in story.articles if a.id == article_id)
        title = rest[0].title if story.title == alone.title else story.title
        out.append(replace(story, articles=rest, title=title))
        lines.setdefault(story.id, []).append(
            f"{alone.source or 'one article'}'s {alone.title!r} split out by an editor ({note})"
        )
        out.append(
            Story(
                split_id(article_id),
                alone.title,
                (alone,),
                (f"split out of story {story.id} by an editor ({note})",),
            )
        )
    return out


def _rename(
    found: list[Story], article_id: str, title: str, note: str, lines: Lines
) -> list[Story]:
    """Return the stories with the one holding `article_id` given the editor's headline."""
    out = []
    for story in found:
        holds = any(a.id == article_id for a in story.articles)
        if holds:
            lines.setdefault(story.id, []).append(f"headline by an editor ({note})")
        out.append(replace(story, title=title) if holds else story)
    return out


def decide(
    state: StoryFile, found: Sequence[Story], decisions: Sequence[StoryDecision]
) -> list[Story]:
    """Return the stories with the editors' decisions applied, newest first (then by id)."""
    out, lines = list(found), Lines()
    for d in decisions:
        out = _merge(out, d.merge, d.note, lines) if d.merge else out
    for d in decisions:
        for article_id in d.split:
            out = _split(out, article_id, d.note, lines)
    for d in decisions:
        if d.title and d.target:
            out = _rename(out, d.target, d.title, d.note, lines)
    before = {s.id: s.articles for s in found}
    g = state.grouping
    out = [
        _rewhy(s, lines.get(s.id, []), before.get(s.id) != s.articles, g.df, g.count) for s in out
    ]
    return sorted(out, key=lambda s: (-s.latest, s.id))


def _rewhy(
    story: Story, editor: Sequence[str], changed: bool, df: Mapping[str, int], count: int
) -> Story:
    """Return the story with the editors' lines first; its why is recomputed when its
    articles changed (an article split out alone keeps its one line)."""
    if not editor and not changed:
        return story
    grounds = why(story.articles, df, count) if changed else story.why
    if len(story.articles) == 1 and not editor:
        return story
    return replace(story, why=(*editor, *grounds))


def as_shown(found: Sequence[Story], titles: Mapping[str, str]) -> list[Story]:
    """Return the stories headed as the site shows their first article (an editor's override
    of its title included); a headline an editor gave the story itself is kept."""
    return [
        replace(s, title=titles.get(s.articles[0].id, s.title))
        if s.title == s.articles[0].title
        else s
        for s in found
    ]
