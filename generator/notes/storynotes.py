"""Editors' story decisions: a note's `story:` block with its article references resolved.

Pure: takes the notes read and an index of the stored articles; returns one StoryDecision per
note that decides anything, and a warning (file, line, field) for each reference that names
no stored article. The decision is kept without that reference, never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.model import Problem, StoryDecision
from generator.notes.attach import origin
from generator.notes.note import Note, Ref
from generator.notes.resolve import ArticleIndex, resolve_article


def _resolved(
    note: Note, refs: Sequence[Ref], index: ArticleIndex, problems: list[Problem]
) -> tuple[str, ...]:
    """Return the ids the references name, with a warning for each that names nothing."""
    ids = []
    for ref in refs:
        found = resolve_article(ref.value, index)
        if found is None:
            problems.append(
                Problem(
                    origin(note.path, ref.line),
                    f"{ref.field}: no stored article matches {ref.value!r}; "
                    "the rest of the story decision is kept",
                    "warning",
                )
            )
        else:
            ids.append(found)
    return tuple(dict.fromkeys(ids))


def _decision(note: Note, index: ArticleIndex, problems: list[Problem]) -> StoryDecision | None:
    """Return one note's story decision (None when it has no `story:` block)."""
    block = note.story
    if block is None:
        return None
    merge = _resolved(note, block.merge, index, problems)
    split = _resolved(note, block.split, index, problems)
    target = next(iter(merge), None)
    if target is None:
        articles = [
            found
            for ref in note.articles
            if (found := resolve_article(ref.value, index)) is not None
        ]
        target = articles[0] if articles else None
    if block.title and target is None:
        problems.append(
            Problem(
                origin(note.path, 1),
                "story.title: the note names no stored "
                "article (in story.merge or articles) whose story to rename",
                "warning",
            )
        )
    return StoryDecision(
        note.path, merge if len(merge) > 1 else (), split, block.title if target else None, target
    )


def story_decisions(
    notes: Sequence[Note], index: ArticleIndex
) -> tuple[tuple[StoryDecision, ...], tuple[Problem, ...]]:
    """Return the notes' story decisions in note path order (deterministic), and warnings."""
    problems: list[Problem] = []
    found = [_decision(n, index, problems) for n in sorted(notes, key=lambda n: n.path)]
    return tuple(d for d in found if d is not None), tuple(problems)
