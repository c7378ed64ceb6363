"""Editors' overrides of an article's title, summary and tags, applied before rendering."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from generator.model import EditorChanges, Entry, Problem
from generator.notes.note import Note, Override

FIELDS = ("title", "summary", "tags")


def merge_overrides(
    claims: Iterable[tuple[Note, str]], titles: Mapping[str, str]
) -> tuple[dict[str, EditorChanges], list[Problem]]:
    """Return per-article changes from (note, article id) pairs; the newest note wins a field.

    Claims are taken oldest first, so a later note replaces an earlier one's value; each
    replaced value is reported, naming both notes, so no edit is lost silently.
    """
    taken: dict[str, dict[str, Note]] = {}
    problems: list[Problem] = []
    for note, article_id in sorted(claims, key=lambda c: (c[0].date or "", c[0].path, c[1])):
        assert note.override is not None
        fields = taken.setdefault(article_id, {})
        for name in note.override.fields():
            if name in fields:
                problems.append(
                    Problem(
                        f"docs/{fields[name].path}",
                        f"override.{name} of article {article_id} is "
                        f"replaced by the newer docs/{note.path}",
                        "warning",
                    )
                )
            fields[name] = note
    return {i: _changes(fields, titles.get(i)) for i, fields in sorted(taken.items())}, problems


def _changes(fields: Mapping[str, Note], title: str | None) -> EditorChanges:
    """Return one article's changes from the note that won each field."""

    def value(name: str) -> Override:
        override = fields[name].override
        assert override is not None
        return override

    return EditorChanges(
        fields=tuple(f for f in FIELDS if f in fields),
        title=value("title").title if "title" in fields else None,
        summary=value("summary").summary if "summary" in fields else None,
        tags=value("tags").tags if "tags" in fields else None,
        original_title=title if "title" in fields else None,
        notes=tuple(sorted({n.path for n in fields.values()})),
    )


def apply_changes(entries: Sequence[Entry], changes: Mapping[str, EditorChanges]) -> list[Entry]:
    """Return the entries with editors' overrides applied (page paths never change)."""
    return [e.overridden(changes[e.article.id]) if e.article.id in changes else e for e in entries]
