"""Editors' notes as HTML: the boxes on pages that notes attach to, and the notes index.

generator.notes reads, checks and attaches the notes (data); this module alone turns them
into HTML. A note's body is the editors' own text, so it is rendered as Markdown with the
standard extensions only, sanitised (no scripts or event handlers even by mistake), and its
relative links are rebased from the note's own page onto the page that shows it. Each box is
one raw HTML block without blank lines, so MkDocs passes it through untouched.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence

import nh3

from generator.notes import NoteSet
from generator.notes.load import NoteFiles
from generator.notes.note import Attached, Attachment, Note, newest_first
from generator.render.article import GENERATED_NOTICE
from generator.render.context import key_hash
from generator.render.frontmatter import front_matter
from generator.render.html import esc, href, link, page_url
from generator.slugs import name_page

NOTES_GENERATED_FOLDER = "editors"  # the generated folder holding the notes index
INDEX_PAGE = f"{NOTES_GENERATED_FOLDER}/index.md"
EXTENSIONS = ("tables", "fenced_code", "sane_lists")
# A URL with a scheme ("https:", "mailto:") or a protocol-relative one ("//host").
HAS_SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
# The inside of a <pre> element, whose newlines must survive without a blank line.
PRE_BLOCK = re.compile(r"<pre>.*?</pre>", re.DOTALL)
# One or more line breaks (with trailing spaces): collapsed so no blank line ends the block.
LINE_BREAKS = re.compile(r"[ \t]*\n[\s]*")


def rebase(link: str, note_path: str, page: str) -> str:
    """Return a link written on the note's page as it must read on `page`."""
    link = link.strip()
    if not link or HAS_SCHEME.match(link) or link.startswith("/"):
        return link
    path, _, anchor = link.partition("#")
    if not path:
        return href(page, note_path, anchor)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(note_path), path))
    if target.startswith("../") or target == "..":
        return link
    if target.endswith(".md"):
        return href(page, target, anchor)
    base = "/" + page_url(page)
    return posixpath.relpath("/" + target, base) + (f"#{anchor}" if anchor else "")


def body_html(note: Note, page: str) -> str:
    """Return the note's body as sanitised HTML for `page`, on as few lines as it takes."""
    # Imported here: a run whose pages show no note (most incremental runs) skips loading it.
    import markdown  # type: ignore[import-untyped]  # noqa: PLC0415 - no stubs in the dev set

    raw = markdown.markdown(note.body, extensions=list(EXTENSIONS), output_format="html")

    def attribute(element: str, name: str, value: str) -> str | None:
        if (element, name) in (("a", "href"), ("img", "src")):
            return rebase(value, note.path, page)
        return value

    clean = nh3.clean(raw, attribute_filter=attribute, link_rel="noopener noreferrer")
    clean = PRE_BLOCK.sub(lambda m: m.group(0).replace("\n", "&#10;"), clean)
    return LINE_BREAKS.sub("\n", clean).strip()


def byline(note: Note, page: str) -> str:
    """Return who wrote the note and when, with a link to the note's own page."""
    parts = [f"By {esc(note.author)}" if note.author else "By the editors"]
    if note.date:
        parts.append(f'<time datetime="{esc(note.date)}">{esc(note.date)}</time>')
    parts.append(f'<a href="{esc(href(page, note.path))}">note page</a>')
    return '<p class="nd-note-by"><small>' + " · ".join(parts) + "</small></p>"


def admonition(note: Note, page: str, extra: Sequence[str] = ()) -> str:
    """Return the note as a Material admonition block for `page`."""
    title = "Editor's note" + (f": {esc(note.title)}" if note.title else "")
    parts = [
        f'<div class="admonition note nd-editor-note" data-note="{esc(note.path)}">',
        f'<p class="admonition-title">{title}</p>',
        *extra,
        body_html(note, page),
        byline(note, page),
        "</div>",
    ]
    return "\n".join(p for p in parts if p)


def edited_marker(fields: Sequence[str], original_title: str | None) -> str:
    """Return the line saying an editor replaced some of the article's automatic fields."""
    names = {"title": "title", "summary": "summary", "tags": "tags"}
    shown = [names[f] for f in fields]
    listed = " and ".join(shown) if len(shown) < 3 else ", ".join(shown[:-1]) + " and " + shown[-1]
    # "the tags ... were", "the title ... was": the verb agrees with the nouns, not their count
    plural = len(shown) > 1 or shown == ["tags"]
    original = (
        f' Original title: <span class="nd-original-title">{esc(original_title)}</span>.'
        if original_title
        else ""
    )
    return (
        f'<p class="nd-edited"><strong>Edited by an editor:</strong> the {listed} shown '
        f"on this page {'were' if plural else 'was'} written by an editor."
        f"{original}</p>"
    )


def article_notes(notes: NoteSet, article_id: str, page: str) -> str:
    """Return the HTML of the notes on an article page (empty when none)."""
    changes = notes.attached.changes.get(article_id)
    blocks = []
    for note in notes.on("article", article_id):
        marker = (
            edited_marker(changes.fields, changes.original_title)
            if changes and note.path in changes.notes
            else ""
        )
        blocks.append(admonition(note, page, (marker,) if marker else ()))
    return "\n".join(blocks)


def tag_notes(notes: NoteSet, tag: str, page: str) -> str:
    """Return the HTML of the notes on a tag page."""
    return "\n".join(admonition(n, page) for n in notes.on("tag", tag))


def day_notes(notes: NoteSet, day: str, page: str) -> str:
    """Return the HTML of the notes on a day's digest."""
    return "\n".join(admonition(n, page) for n in notes.on("day", day))


def home_notes(notes: NoteSet, page: str) -> str:
    """Return the HTML of the notes that pin articles, shown with the home page's picks."""
    return "\n".join(admonition(n, page) for n in notes.pinning())


def notes_index_pages(
    notes: NoteSet, article_pages: Mapping[str, str], tag_pages: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Return the generated notes index (docs-relative path -> Markdown)."""
    tags = (
        tag_pages
        if tag_pages is not None
        else {
            a.key: name_page("tags", a.key, key_hash(a.key))
            for group in notes.attached.attachments.values()
            for a in group
            if a.kind == "tag"
        }
    )
    return {INDEX_PAGE: render_notes_index(notes.files, notes.attached, article_pages, tags)}


INTRO = (
    "<p>Notes written by the editors. Each note is a Markdown file under "
    "<code>docs/notes/</code>; it appears on the articles, tag pages and daily digests it "
    "names. Generated pages are never edited by hand: write a note instead.</p>"
)


def _target(
    item: Attachment,
    here: str,
    article_pages: Mapping[str, str],
    tag_pages: Mapping[str, str],
    titles: Mapping[str, str],
) -> str:
    """Return one attachment as a link to the page showing the note (text when hidden)."""
    if item.kind == "article":
        title = titles.get(item.key, item.key)
        page = article_pages.get(item.key)
        return (
            f"article {link(here, page, title)}"
            if page
            else f"article {esc(title)} <em>(hidden from the site)</em>"
        )
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
        words.append(
            "hides the article" + (f" (reason: {esc(note.reason)})" if note.reason else "")
        )
    if note.override:
        words.append("replaces the " + ", ".join(note.override.fields()))
    return "; ".join(words)


def note_item(
    note: Note, attached: Attached, article_pages: Mapping[str, str], tag_pages: Mapping[str, str]
) -> str:
    """Return one note's entry: title, author, date, what it is shown on, what it does."""
    here = INDEX_PAGE
    who = esc(note.author) if note.author else "the editors"
    when = f" · {esc(note.date)}" if note.date else " · undated"
    targets = ", ".join(
        _target(a, here, article_pages, tag_pages, attached.titles)
        for a in attached.attachments.get(note.path, ())
    )
    flags = _flags(note, attached)
    return (
        '<li class="nd-note-entry"><strong>'
        + link(here, note.path, note.label)
        + f"</strong><br><small>By {who}{when}</small>"
        + (f'<br><span class="nd-note-on">On: {targets}</span>' if targets else "")
        + (f'<br><span class="nd-note-does">{flags}</span>' if flags else "")
        + "</li>"
    )


def render_notes_index(
    files: NoteFiles,
    attached: Attached,
    article_pages: Mapping[str, str],
    tag_pages: Mapping[str, str],
) -> str:
    """Return the Markdown of the notes index page: the notes shown on the site.

    Problems (notes that name nothing, cannot be read or are unfinished) are the editors'
    business: the commands and the run summary report them, the public index does not.
    """
    notes = newest_first(files.notes)
    # A note deciding stories acts on the site even when it attaches to no page.
    listed = [n for n in notes if attached.attachments.get(n.path) or n.story is not None]
    blocks = [
        front_matter(
            {
                "title": "Editors' notes",
                "search": {"exclude": True},
                "newsdigest": {"kind": "notes"},
            }
        ),
        GENERATED_NOTICE,
        "# Editors' notes",
        INTRO,
        _list(listed, attached, article_pages, tag_pages, "No notes yet."),
    ]
    if files.pages:
        blocks += ["## Editors' pages", _pages(files.pages)]
    return "\n\n".join(blocks) + "\n"


def _list(
    notes: Sequence[Note],
    attached: Attached,
    article_pages: Mapping[str, str],
    tag_pages: Mapping[str, str],
    empty: str,
) -> str:
    if not notes:
        return f"<p>{empty}</p>" if empty else ""
    items = "".join(note_item(n, attached, article_pages, tag_pages) for n in notes)
    return f'<ul class="nd-notes">{items}</ul>'


def _pages(pages: Sequence[tuple[str, str]]) -> str:
    items = "".join(f"<li>{link(INDEX_PAGE, path, title)}</li>" for path, title in pages)
    return f'<ul class="nd-editor-pages">{items}</ul>'
