"""Editors' notes: read from docs/notes/, attached to articles, tags and days; never written.

Notes are data: this package parses, checks and attaches them and produces no HTML or
Markdown (generator.render.notes draws the boxes and the notes index). `NoteSet()` with no
notes adds nothing to any page. A run reads the files once (`read_notes`, I/O), attaches
them to the analysed entries (`attach_notes`, pure), applies the overrides
(`apply_overrides`) and hands the NoteSet to `render_site`.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from generator.model import Entry, Problem
from generator.notes.attach import attach
from generator.notes.load import NoteFiles, read_notes
from generator.notes.note import Attached, BrokenNote, Note, Override, Ref, newest_first
from generator.notes.overrides import apply_changes

__all__ = [
    "BrokenNote",
    "Note",
    "NoteFiles",
    "NoteSet",
    "Override",
    "Ref",
    "apply_overrides",
    "attach_notes",
    "load_notes",
    "read_notes",
]


def _empty() -> Attached:
    return Attached(
        MappingProxyType({}),
        MappingProxyType({}),
        MappingProxyType({}),
        (),
        frozenset(),
        MappingProxyType({}),
        (),
    )


@dataclass(frozen=True)
class NoteSet:
    """All notes of a run, indexed by what they attach to."""

    files: NoteFiles = field(default_factory=NoteFiles)
    attached: Attached = field(default_factory=_empty)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Return the warnings (targets naming nothing) and errors (unreadable notes)."""
        return self.attached.problems

    @functools.cached_property
    def _by_target(self) -> dict[tuple[str, str], list[Note]]:
        """Return (kind, key) -> the notes attached to it, newest first (tags case-folded)."""
        index: dict[tuple[str, str], list[Note]] = defaultdict(list)
        for note in newest_first(self.files.notes):
            targets = dict.fromkeys(
                (a.kind, a.key.casefold() if a.kind == "tag" else a.key)
                for a in self.attached.attachments.get(note.path, ())
            )
            for target in targets:
                index[target].append(note)
        return index

    def on(self, kind: str, key: str) -> list[Note]:
        """Return the notes attached to one target ("article", "tag", "day"), newest first."""
        return self._by_target.get((kind, key.casefold() if kind == "tag" else key), [])

    def pinning(self) -> list[Note]:
        """Return the notes that pin a shown article to the home page, newest first."""
        picks = set(self.attached.picks)
        return [
            n
            for n in newest_first(self.files.notes)
            if n.pin
            and any(
                a.kind == "article" and a.key in picks
                for a in self.attached.attachments.get(n.path, ())
            )
        ]

    def picks(self) -> tuple[str, ...]:
        """Return the ids of articles pinned to the home page, newest note first."""
        return self.attached.picks

    def hidden(self) -> frozenset[str]:
        """Return the ids of articles editors have hidden from the site."""
        return self.attached.hidden


def attach_notes(files: NoteFiles, entries: Sequence[Entry]) -> NoteSet:
    """Return the NoteSet of the notes read, attached to the stored (analysed) articles."""
    return NoteSet(files, attach(files.notes, files.broken, entries))


def apply_overrides(entries: Sequence[Entry], notes: NoteSet) -> list[Entry]:
    """Return the entries with the editors' title, summary and tag overrides in place."""
    return apply_changes(entries, notes.attached.changes)


def load_notes(docs: Path, generated: Iterable[str], entries: Sequence[Entry]) -> NoteSet:
    """Read the notes under docs/notes/ (never writing) and attach them to the entries."""
    return attach_notes(read_notes(docs, generated), entries)
