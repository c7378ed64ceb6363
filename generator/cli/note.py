"""`newsdigest note ARTICLE`: start an editor's note on a stored article and print its path.

The command creates one new file under docs/notes/ and never opens an existing file for
writing: when the name is taken it picks the next free one.
"""

from __future__ import annotations

import argparse
import datetime
import os
import zoneinfo
from pathlib import Path
from typing import Any

import yaml

from generator.config.load import Config
from generator.errors import InputError, NoteError
from generator.model import Article
from generator.notes.parse import TEMPLATE_BODY, parse_note
from generator.notes.resolve import index_rows, resolve_article
from generator.placement import site_day
from generator.slugs import article_page, slugify
from generator.store.articles import Store

AUTHOR_ENV = "NEWSDIGEST_AUTHOR"  # default author of new notes
HINTS = """\
# Optional keys: remove the "# " to use one.
# pin: true                  # show the article among the editors' picks on the home page
# hidden: true               # hide the article from the site (the store keeps it)
# reason: why it is hidden   # kept in the note, shown on the notes index
# override:                  # replace what the generator got wrong
#   title: A better title
#   summary:
#     - First sentence, as you want readers to see it.
#   tags: [ferries, Gull Island]
# tags: [a tag]              # also show this note on these tag pages
# days: [2026-03-10]         # and on these daily digests
"""


def find_article(store: Store, reference: str, timezone: str) -> Article:
    """Return the stored article an id, URL or page path names; raise InputError if none."""
    articles = {a.id: a for a in store}
    rows = [
        (a.id, a.url, article_page(a.id, site_day(a, timezone), a.title)) for a in articles.values()
    ]
    found = resolve_article(reference, index_rows(rows))
    if found is None:
        raise InputError(f"{reference}: no stored article has this id, URL or page path")
    return articles[found]


def note_text(article: Article, author: str | None, day: str) -> str:
    """Return the text of a new note on `article`, checked to read back as a valid note."""
    meta: dict[str, Any] = {
        "title": f"Note on: {article.title}",
        "date": day,
        "articles": [article.id],
    }
    if author:
        meta["author"] = author
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    if not author:
        front += "author:  # your name\n"
    text = f"---\n{front}{HINTS}---\n\n{TEMPLATE_BODY}"
    note = parse_note(text, "notes/new.md")
    if [r.value for r in note.articles] != [article.id] or note.date != day:
        raise NoteError(f"{article.id}: the new note does not read back as written")
    return text


def create_note(folder: Path, article: Article, text: str, day: str) -> Path:
    """Create a new note file (never replacing one) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = "-".join(p for p in (day, article.id[:8], slugify(article.title, 40)) if p)
    for number in range(1, 1000):
        path = folder / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            continue
        return path
    raise NoteError(f"{folder}: no free file name for a note on {article.id}")


def cmd_note(args: argparse.Namespace, config: Config) -> int:
    """Create a note file for one stored article and print its path."""
    article = find_article(Store(config.paths.store), args.article, config.site.timezone)
    day = (
        args.date
        or datetime.datetime.now(zoneinfo.ZoneInfo(config.site.timezone)).date().isoformat()
    )
    author = args.author if args.author is not None else os.environ.get(AUTHOR_ENV)
    text = note_text(article, author, day)
    print(create_note(config.paths.notes, article, text, day))
    return 0


def parse_day(text: str) -> str:
    """Parse --date as YYYY-MM-DD."""
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError as error:
        raise argparse.ArgumentTypeError("expected a day as YYYY-MM-DD") from error


def add_note_parser(sub: Any) -> None:
    """Register `note ARTICLE` on the CLI's subparsers."""
    note = sub.add_parser("note", help="start an editor's note on a stored article")
    note.add_argument("article", help="the article's id, URL, or page path (articles/...)")
    note.add_argument("--author", help=f"the note's author (default: ${AUTHOR_ENV})")
    note.add_argument("--date", type=parse_day, help="the note's date (default: today)")
    note.set_defaults(run=cmd_note)
