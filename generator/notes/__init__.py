"""Editors' notes: read from docs/notes/, attached to articles, tags and days; never written.

This module is the seam rendering uses. `NoteSet()` with no notes renders nothing extra.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Problem


@dataclass(frozen=True)
class NoteSet:
    """All notes of a run, indexed by what they attach to."""

    problems: tuple[Problem, ...] = ()

    def for_article(self, article_id: str, page: str) -> str:
        """Return the HTML of the notes on an article page (empty when none)."""
        return ""

    def for_tag(self, tag: str, page: str) -> str:
        """Return the HTML of the notes on a tag page."""
        return ""

    def for_day(self, day: str, page: str) -> str:
        """Return the HTML of the notes on a day's digest."""
        return ""

    def picks(self) -> tuple[str, ...]:
        """Return the ids of articles pinned to the home page, in order."""
        return ()

    def hidden(self) -> frozenset[str]:
        """Return the ids of articles editors have hidden from the site."""
        return frozenset()

    def index_pages(self, article_pages: dict[str, str]) -> dict[str, str]:
        """Return generated pages listing the notes (docs-relative path -> Markdown)."""
        return {}


def load_notes(paths: Sequence[str]) -> NoteSet:
    """Return the NoteSet for the given note files (not yet implemented: no notes)."""
    return NoteSet()
