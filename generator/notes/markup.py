"""Turn a note into HTML for another page: its body as Markdown, everything else escaped.

The body is the editors' own text, so it is rendered as Markdown with the standard
extensions only, sanitised (no scripts or event handlers even by mistake), and its relative
links are rebased from the note's own page onto the page that shows it. The result is one
raw HTML block without blank lines, so MkDocs passes it through untouched.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

import nh3

from ..render.html import esc, href, page_url
from .note import Note

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
    parts = [f'<div class="admonition note nd-editor-note" data-note="{esc(note.path)}">',
             f'<p class="admonition-title">{title}</p>', *extra, body_html(note, page),
             byline(note, page), "</div>"]
    return "\n".join(p for p in parts if p)


def edited_marker(fields: Sequence[str], original_title: str | None) -> str:
    """Return the line saying an editor replaced some of the article's automatic fields."""
    names = {"title": "title", "summary": "summary", "tags": "tags"}
    shown = [names[f] for f in fields]
    listed = " and ".join(shown) if len(shown) < 3 else ", ".join(shown[:-1]) + " and " + shown[-1]
    # "the tags ... were", "the title ... was": the verb agrees with the nouns, not their count
    plural = len(shown) > 1 or shown == ["tags"]
    original = (f' Original title: <span class="nd-original-title">{esc(original_title)}'
                "</span>." if original_title else "")
    return (f'<p class="nd-edited"><strong>Edited by an editor:</strong> the {listed} shown '
            f"on this page {'were' if plural else 'was'} written by an editor."
            f"{original}</p>")


def notes_block(notes: Sequence[Note], page: str) -> str:
    """Return every note for a page as admonitions, newest first (empty when none)."""
    return "\n".join(admonition(n, page) for n in notes)
