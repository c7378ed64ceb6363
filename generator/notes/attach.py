"""Attach notes to what they name: articles (through every override), tags and days.

Pure: takes the notes read from disk and the analysed entries, returns what each note
attaches to, what could not be found (reported, never dropped), picks, hidden articles and
overrides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.model import Entry, Problem
from generator.notes.note import Attached, Attachment, BrokenNote, Note, Ref, newest_first
from generator.notes.overrides import apply_changes, merge_overrides
from generator.notes.resolve import index_articles, resolve_article


def origin(note_path: str, line: int) -> str:
    """Return how a problem names a note file and line (paths relative to the project)."""
    return f"docs/{note_path}:{line}"


def _articles(
    notes: Sequence[Note], entries: Sequence[Entry]
) -> tuple[dict[str, list[Attachment]], dict[str, list[Ref]]]:
    """Resolve every note's article references against all stored articles."""
    index = index_articles(entries) if any(n.articles for n in notes) else None
    found: dict[str, list[Attachment]] = {n.path: [] for n in notes}
    missing: dict[str, list[Ref]] = {n.path: [] for n in notes}
    for note in notes:
        for ref in note.articles:
            assert index is not None
            article_id = resolve_article(ref.value, index)
            if article_id is None:
                missing[note.path].append(ref)
            else:
                found[note.path].append(Attachment("article", article_id, ref))
    return found, missing


def _listings(
    notes: Sequence[Note],
    shown: Sequence[Entry],
    found: dict[str, list[Attachment]],
    missing: dict[str, list[Ref]],
) -> None:
    """Resolve tag (any case) and day references against the pages the site will have."""
    if not any(n.tags or n.days for n in notes):
        return  # nothing to resolve: skip indexing every story (large archives)
    tags = {t.casefold(): t for e in sorted(shown, key=lambda e: e.article.id) for t in e.tags}
    days = {e.day for e in shown if e.day}
    for note in notes:
        for kind, ref in [("tag", r) for r in note.tags] + [("day", r) for r in note.days]:
            key = (
                tags.get(ref.value.casefold())
                if kind == "tag"
                else (ref.value if ref.value in days else None)
            )
            if key is None:
                missing[note.path].append(ref)
            else:
                found[note.path].append(Attachment(kind, key, ref))


def _flagged(
    notes: Sequence[Note], found: Mapping[str, Sequence[Attachment]], attribute: str
) -> list[str]:
    """Return the ids of articles that notes with `attribute` set (pin, hidden) resolve to."""
    ids = [
        a.key for n in notes if getattr(n, attribute) for a in found[n.path] if a.kind == "article"
    ]
    return list(dict.fromkeys(ids))


def attach(
    notes: Sequence[Note], broken: Sequence[BrokenNote], entries: Sequence[Entry]
) -> Attached:
    """Return what every note attaches to, with a problem for each target that names nothing."""
    notes = newest_first(notes)
    found, missing = _articles(notes, entries)
    hidden = frozenset(_flagged(notes, found, "hidden"))
    claims = [(n, a.key) for n in notes if n.override for a in found[n.path] if a.kind == "article"]
    titles = {e.article.id: e.article.title for e in entries}
    changes, problems = merge_overrides(claims, titles)
    shown = [e for e in apply_changes(entries, changes) if e.article.id not in hidden]
    _listings(notes, shown, found, missing)
    titles.update({i: c.title for i, c in changes.items() if c.title is not None})
    problems += [p for n in notes for p in _note_problems(n, found[n.path], missing[n.path])]
    problems += [Problem(origin(b.path, b.line), b.reason, b.level) for b in broken]
    picks = tuple(i for i in _flagged(notes, found, "pin") if i not in hidden)
    return Attached(
        {k: tuple(v) for k, v in found.items()},
        {k: tuple(v) for k, v in missing.items()},
        changes,
        picks,
        hidden,
        titles,
        tuple(problems),
    )


KIND_WORDS = {
    "articles": "no stored article matches",
    "tags": "no article has the tag",
    "days": "no digest for the day",
}


def _note_problems(
    note: Note, found: Sequence[Attachment], missing: Sequence[Ref]
) -> list[Problem]:
    """Return the warnings of one note: each target naming nothing, or no target at all."""
    problems = [
        Problem(
            origin(note.path, ref.line),
            f"{ref.field}: "
            f"{KIND_WORDS[ref.field.split('[')[0]]} {ref.value!r}; the note is "
            "kept and shown where its other targets are",
            "warning",
        )
        for ref in missing
    ]
    if not note.targets and note.story is None:
        problems.append(
            Problem(
                origin(note.path, 1),
                "attaches to nothing: name articles, "
                "tags or days in its front matter; kept, and not shown on the "
                "site until it does",
                "warning",
            )
        )
    for flag in ("pin", "hidden"):
        if getattr(note, flag) and not any(a.kind == "article" for a in found):
            problems.append(
                Problem(
                    origin(note.path, 1),
                    f"{flag}: true but the note names no stored article, so it changes nothing",
                    "warning",
                )
            )
    if note.override and not any(a.kind == "article" for a in found):
        problems.append(
            Problem(
                origin(note.path, 1),
                "override: the note names no stored article, so it changes nothing",
                "warning",
            )
        )
    return problems
