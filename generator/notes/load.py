"""Read the editors' files (I/O, read-only): note files under docs/notes/ and other pages.

Nothing here opens a file for writing. A note that cannot be read, or that still holds the
template's placeholder text, becomes a `BrokenNote` with its line and reason: it is reported
and not published, and the rest of the site still generates.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from generator.errors import NoteError
from generator.notes.note import BrokenNote, Note
from generator.notes.parse import PLACEHOLDER, parse_note, placeholder_line, split_front_matter

NOTES_FOLDER = "notes"
# "LINE: reason", as parse_note words its errors.
LINE_PREFIX = re.compile(r"^(\d+): (.*)$", re.DOTALL)
# A Markdown level-one heading, the title of an editor's page that has no front matter title.
H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class NoteFiles:
    """What the editors' files of docs/ hold, as read."""

    notes: tuple[Note, ...] = ()
    broken: tuple[BrokenNote, ...] = ()
    pages: tuple[tuple[str, str], ...] = ()  # editors' other pages: (docs path, title)


def read_note(path: Path, rel: str) -> Note | BrokenNote:
    """Return the note in one file, or a BrokenNote saying which line is wrong and why."""
    try:
        note = parse_note(path.read_text(encoding="utf-8"), rel)
    except UnicodeDecodeError as error:
        return BrokenNote(rel, 1, f"not UTF-8 text ({error.reason})")
    except OSError as error:
        return BrokenNote(rel, 1, f"cannot read the note ({error.strerror})")
    except NoteError as error:
        match = LINE_PREFIX.match(str(error))
        line, reason = (int(match.group(1)), match.group(2)) if match else (1, str(error))
        return BrokenNote(rel, line, reason)
    placeholder = placeholder_line(note)
    if placeholder is not None:
        return BrokenNote(
            rel,
            placeholder,
            f"still has the template's text ({PLACEHOLDER!r}): not published until it is replaced",
            "warning",
        )
    return note


def editor_files(docs: Path, generated: Iterable[str]) -> list[str]:
    """Return the docs paths of Markdown files editors own (sorted), notes included.

    Generated folders are pruned before descending: at scale they hold tens of thousands of
    pages, and walking them would cost more than the rest of an unchanged run.
    """
    owned = set(generated)
    found = []
    for top, folders, files in os.walk(docs):
        rel_top = PurePosixPath(Path(top).relative_to(docs).as_posix())
        folders[:] = sorted(
            f
            for f in folders
            if not f.startswith(".") and not (rel_top == PurePosixPath(".") and f in owned)
        )
        for name in files:
            rel = rel_top / name
            if (
                name.endswith(".md")
                and not name.startswith(".")
                and str(rel) not in owned
                and (Path(top) / name).is_file()
            ):
                found.append(str(rel))
    return sorted(found, key=lambda rel: PurePosixPath(rel).parts)


def page_title(path: Path, rel: str) -> str:
    """Return an editor's page's title: front matter title, first heading, or file name."""
    fallback = PurePosixPath(rel).stem.replace("-", " ").replace("_", " ").capitalize()
    try:
        front, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        meta = yaml.safe_load(front) if front else None
    except (OSError, UnicodeDecodeError, NoteError, yaml.YAMLError):
        return fallback
    if isinstance(meta, dict) and isinstance(meta.get("title"), str):
        return str(meta["title"])
    heading = H1.search(body)
    return heading.group(1) if heading else fallback


def read_notes(docs: Path, generated: Iterable[str]) -> NoteFiles:
    """Read every note under docs/notes/ and list the editors' other pages; never write."""
    notes: list[Note] = []
    broken: list[BrokenNote] = []
    pages: list[tuple[str, str]] = []
    for rel in editor_files(docs, generated):
        if PurePosixPath(rel).parts[0] != NOTES_FOLDER:
            pages.append((rel, page_title(docs / rel, rel)))
            continue
        item = read_note(docs / rel, rel)
        if isinstance(item, BrokenNote):
            broken.append(item)
        else:
            notes.append(item)
    return NoteFiles(tuple(notes), tuple(broken), tuple(pages))
