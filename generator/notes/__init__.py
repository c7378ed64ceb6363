"""Editors' notes: read from docs/notes/, attached to articles, tags and days; never written.

This module is the seam rendering uses. `NoteSet()` with no notes renders nothing extra.
A run reads the files once (`read_notes`, I/O), attaches them to the analysed entries
(`attach_notes`, pure), applies the overrides (`apply_overrides`) and hands the NoteSet to
`render_site`.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..model import Problem
from .load import NoteFiles, read_notes
from .note import Attached, BrokenNote, Note, Override, Ref, newest_first

if TYPE_CHECKING:
    from ..render.context import Entry

__all__ = ["INDEX_PAGE", "NOTES_GENERATED_FOLDER", "BrokenNote", "Note", "NoteFiles",
           "NoteSet", "Override", "Ref", "apply_overrides", "attach_notes", "load_notes",
           "read_notes"]

NOTES_GENERATED_FOLDER = "editors"  # the generated folder holding the notes index


def _empty() -> Attached:
    return Attached(MappingProxyType({}), MappingProxyType({}), MappingProxyType({}), (),
                    frozenset(), MappingProxyType({}), ())


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
            targets = dict.fromkeys((a.kind, a.key.casefold() if a.kind == "tag" else a.key)
                                    for a in self.attached.attachments.get(note.path, ()))
            for target in targets:
                index[target].append(note)
        return index

    def _notes_on(self, kind: str, key: str) -> list[Note]:
        """Return the notes attached to one target, newest first (asked once per page)."""
        return self._by_target.get((kind, key.casefold() if kind == "tag" else key), [])

    def for_article(self, article_id: str, page: str) -> str:
        """Return the HTML of the notes on an article page (empty when none)."""
        changes = self.attached.changes.get(article_id)
        blocks = []
        for note in self._notes_on("article", article_id):
            marker = (edited_marker(changes.fields, changes.original_title)
                      if changes and note.path in changes.notes else "")
            blocks.append(admonition(note, page, (marker,) if marker else ()))
        return "\n".join(blocks)

    def for_tag(self, tag: str, page: str) -> str:
        """Return the HTML of the notes on a tag page."""
        return "\n".join(admonition(n, page) for n in self._notes_on("tag", tag))

    def for_day(self, day: str, page: str) -> str:
        """Return the HTML of the notes on a day's digest."""
        return "\n".join(admonition(n, page) for n in self._notes_on("day", day))

    def for_home(self, page: str) -> str:
        """Return the HTML of the notes that pin articles, shown with the home page's picks."""
        picks = set(self.attached.picks)
        pinning = [n for n in newest_first(self.files.notes) if n.pin and any(
            a.kind == "article" and a.key in picks
            for a in self.attached.attachments.get(n.path, ()))]
        return "\n".join(admonition(n, page) for n in pinning)

    def picks(self) -> tuple[str, ...]:
        """Return the ids of articles pinned to the home page, newest note first."""
        return self.attached.picks

    def hidden(self) -> frozenset[str]:
        """Return the ids of articles editors have hidden from the site."""
        return self.attached.hidden

    def index_pages(self, article_pages: Mapping[str, str],
                    tag_pages: Mapping[str, str] | None = None) -> dict[str, str]:
        """Return the generated notes index (docs-relative path -> Markdown)."""
        tags = tag_pages if tag_pages is not None else {
            a.key: name_page("tags", a.key, key_hash(a.key))
            for group in self.attached.attachments.values() for a in group if a.kind == "tag"}
        return {INDEX_PAGE: render_notes_index(self.files, self.attached, article_pages, tags)}


def attach_notes(files: NoteFiles, entries: Sequence[Entry]) -> NoteSet:
    """Return the NoteSet of the notes read, attached to the stored (analysed) articles."""
    return NoteSet(files, attach(files.notes, files.broken, entries))


def apply_overrides(entries: Sequence[Entry], notes: NoteSet) -> list[Entry]:
    """Return the entries with the editors' title, summary and tag overrides in place."""
    return apply_changes(entries, notes.attached.changes)


def load_notes(docs: Path, generated: Iterable[str], entries: Sequence[Entry]) -> NoteSet:
    """Read the notes under docs/notes/ (never writing) and attach them to the entries."""
    return attach_notes(read_notes(docs, generated), entries)


# generator.render imports NoteSet from this package, so the modules that need generator.render
# are imported only once NoteSet exists: either package may then be imported first.
from ..render.context import key_hash  # noqa: E402
from ..slugs import name_page  # noqa: E402
from .attach import attach  # noqa: E402
from .index import INDEX_PAGE, render_notes_index  # noqa: E402
from .markup import admonition, edited_marker  # noqa: E402
from .overrides import apply_changes  # noqa: E402
