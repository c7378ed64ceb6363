"""The notes index: every note newest first, what it attaches to, and what names nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..render.article import GENERATED_NOTICE
from ..render.frontmatter import front_matter
from ..render.html import esc, link
from .load import NoteFiles
from .note import Attached, Attachment, Note, newest_first

INDEX_PAGE = "editors/index.md"
INTRO = ("<p>Notes written by the editors. Each note is a Markdown file under "
         "<code>docs/notes/</code>; it appears on the articles, tag pages and daily digests it "
         "names. Generated pages are never edited by hand: write a note instead.</p>")


def _target(item: Attachment, here: str, article_pages: Mapping[str, str],
            tag_pages: Mapping[str, str], titles: Mapping[str, str]) -> str:
    """Return one attachment as a link to the page showing the note (text when hidden)."""
    if item.kind == "article":
        title = titles.get(item.key, item.key)
        page = article_pages.get(item.key)
        return f"article {link(here, page, title)}" if page else \
            f"article {esc(title)} <em>(hidden from the site)</em>"
    if item.kind == "tag":
        page = tag_pages.get(item.key)
        return f"tag {link(here, page, item.key)}" if page else f"tag {esc(item.key)}"
    return f"digest {link(here, f'digest/{item.key}.md', item.key)}"


def _flags(note: Note, attached: Attached) -> str:
    """Return what the note does besides showing: pin, hide (with reason), override."""
    words = []
    if note.pin:
        words.append("editor's pick on the home page")
    if note.hidden:
        words.append("hides the article" + (f" (reason: {esc(note.reason)})"
                                           if note.reason else ""))
    if note.override:
        words.append("replaces the " + ", ".join(note.override.fields()))
    return "; ".join(words)


def note_item(note: Note, attached: Attached, article_pages: Mapping[str, str],
              tag_pages: Mapping[str, str]) -> str:
    """Return one note's entry: title, author, date, targets, actions, broken references."""
    here = INDEX_PAGE
    who = esc(note.author) if note.author else "the editors"
    when = f" · {esc(note.date)}" if note.date else " · undated"
    targets = ", ".join(_target(a, here, article_pages, tag_pages, attached.titles)
                        for a in attached.attachments.get(note.path, ()))
    missing = "; ".join(f"{esc(r.field)} {esc(r.value)}"
                        for r in attached.unresolved.get(note.path, ()))
    flags = _flags(note, attached)
    return ("<li class=\"nd-note-entry\"><strong>" + link(here, note.path, note.label)
            + f"</strong><br><small>By {who}{when}</small>"
            + (f"<br><span class=\"nd-note-on\">On: {targets}</span>" if targets else "")
            + (f"<br><span class=\"nd-note-does\">{flags}</span>" if flags else "")
            + (f"<br><span class=\"nd-note-missing\">Names nothing: {missing}</span>"
               if missing else "") + "</li>")


def render_notes_index(files: NoteFiles, attached: Attached, article_pages: Mapping[str, str],
                       tag_pages: Mapping[str, str]) -> str:
    """Return the Markdown of the notes index page."""
    notes = newest_first(files.notes)
    # A note deciding stories acts on the site even when it attaches to no page.
    unattached = [n for n in notes if not attached.attachments.get(n.path) and n.story is None]
    listed = [n for n in notes if attached.attachments.get(n.path) or n.story is not None]
    blocks = [front_matter({"title": "Editors' notes", "search": {"exclude": True},
                            "newsdigest": {"kind": "notes"}}),
              GENERATED_NOTICE, "# Editors' notes", INTRO,
              _list(listed, attached, article_pages, tag_pages, "No notes yet.")]
    if unattached:
        blocks += ["## Unattached notes",
                   "<p>These notes name no article, tag or day the site has. Check the "
                   "names in their front matter.</p>",
                   _list(unattached, attached, article_pages, tag_pages, "")]
    if files.broken:
        items = "".join(f"<li><code>docs/{esc(b.path)}</code>, line {b.line}: {esc(b.reason)}"
                        "</li>" for b in sorted(files.broken, key=lambda b: b.path))
        blocks += ["## Notes that could not be read", f'<ul class="nd-note-broken">{items}</ul>']
    if files.pages:
        blocks += ["## Editors' pages", _pages(files.pages)]
    return "\n\n".join(blocks) + "\n"


def _list(notes: Sequence[Note], attached: Attached, article_pages: Mapping[str, str],
          tag_pages: Mapping[str, str], empty: str) -> str:
    if not notes:
        return f"<p>{empty}</p>" if empty else ""
    items = "".join(note_item(n, attached, article_pages, tag_pages) for n in notes)
    return f'<ul class="nd-notes">{items}</ul>'


def _pages(pages: Sequence[tuple[str, str]]) -> str:
    items = "".join(f"<li>{link(INDEX_PAGE, path, title)}</li>" for path, title in pages)
    return f'<ul class="nd-editor-pages">{items}</ul>'
