"""What one editor's note says, once its front matter has been read and checked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from generator.model import EditorChanges, Problem


@dataclass(frozen=True)
class Override:
    """Fields of an article an editor replaced because the automatic ones were wrong."""

    title: str | None = None
    summary: tuple[str, ...] | None = None  # shown as written, one item per sentence
    tags: tuple[str, ...] | None = None

    def fields(self) -> tuple[str, ...]:
        """Return the names of the replaced fields, in page order."""
        return tuple(
            name for name in ("title", "summary", "tags") if getattr(self, name) is not None
        )


@dataclass(frozen=True)
class Ref:
    """One target the front matter names, with the field and line it was written on."""

    field: str  # e.g. "articles[1]", named in every warning about it
    value: str  # as the editor wrote it
    line: int  # 1-based line of the note file


@dataclass(frozen=True)
class StoryNote:
    """A note's `story:` block as written: stories to merge, articles to split out, a title."""

    merge: tuple[Ref, ...] = ()
    split: tuple[Ref, ...] = ()
    title: str | None = None


@dataclass(frozen=True)
class Note:
    """One note file under docs/notes/: what it attaches to, what it changes, its body."""

    path: str  # docs-relative, e.g. "notes/ferry-pick.md"; the note's own page
    body: str  # Markdown, the editor's own: rendered as Markdown
    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    articles: tuple[Ref, ...] = ()
    tags: tuple[Ref, ...] = ()
    days: tuple[Ref, ...] = ()
    pin: bool = False
    hidden: bool = False
    reason: str | None = None
    override: Override | None = None
    story: StoryNote | None = None
    body_line: int = 1  # file line where the body starts

    @property
    def targets(self) -> tuple[Ref, ...]:
        """Return every reference the note makes, in front matter order of kinds."""
        return self.articles + self.tags + self.days

    @property
    def label(self) -> str:
        """Return the note's title, or its file name when it has none."""
        return self.title or self.path.rsplit("/", 1)[-1].removesuffix(".md")


@dataclass(frozen=True)
class BrokenNote:
    """A note file that is not published: unreadable (an error) or still the template's
    placeholder (a warning). Reported by the commands with its line, never dropped or
    shown on the public site."""

    path: str
    line: int
    reason: str
    level: Literal["error", "warning"] = "error"


@dataclass(frozen=True)
class Attachment:
    """One resolved target of a note."""

    kind: str  # "article", "tag" or "day"
    key: str  # article id, tag as the site spells it, or YYYY-MM-DD
    ref: Ref


@dataclass(frozen=True)
class Attached:
    """Everything attaching found, ready for a NoteSet."""

    attachments: Mapping[str, tuple[Attachment, ...]]  # note path -> resolved targets
    unresolved: Mapping[str, tuple[Ref, ...]]  # note path -> targets that name nothing
    changes: Mapping[str, EditorChanges]  # article id -> overrides
    picks: tuple[str, ...]
    hidden: frozenset[str]
    titles: Mapping[str, str]  # article id -> title as shown (after overrides)
    problems: tuple[Problem, ...]


def newest_first(notes: Iterable[Note]) -> list[Note]:
    """Return notes newest first (undated last), ties by path."""
    return sorted(
        notes,
        key=lambda n: (n.date is None, -int(n.date.replace("-", "")) if n.date else 0, n.path),
    )
