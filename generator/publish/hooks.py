"""MkDocs hooks: defence in depth for what the theme prints raw and for every page's HTML.

The generator already escapes every scraped string it writes. These hooks make the built
site safe even if a page slips past that rule: MkDocs renders themes with autoescaping off
and Material prints `page.meta` title, description and tags (and `page.title` in the
navigation) unescaped, so the hooks replace them with escaped `Markup` (printed as it is,
and left alone by the `| e` filter, so nothing is escaped twice); non-scalar tags, which
abort Material's tags plugin, are dropped; and each page's HTML goes through nh3, an
allow-list sanitiser that keeps only what the generator and Markdown legitimately emit.

For speed, the one-line HTML blocks of generated pages are also kept out of Python-Markdown
(which would parse them only to pass them through) and put back after it, so plugins that
read a generated page's Markdown see placeholders for them; the site's plugins read HTML.

Registered in mkdocs.yml as `hooks: [generator/publish/hooks.py]`.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import nh3
from markupsafe import Markup
from mkdocs.plugins import event_priority

from generator.config.siteaddress import project_address
from generator.notes.load import NOTES_FOLDER, read_note
from generator.notes.note import BrokenNote
from generator.render import GENERATED_FILES, GENERATED_FOLDERS
from generator.render.html import clean

# Meta keys the theme prints as text: escaped before any template sees them.
TEXT_META_KEYS = ("title", "description", "subtitle")
# Meta keys a generated page may carry (render/frontmatter.py writes no others).
GENERATED_META_KEYS = frozenset({"title", "description", "hide", "search", "newsdigest", "tags"})
# Generated pages are those under render's one list of generated folders and files.
GENERATED_PREFIXES = tuple(f"{folder}/" for folder in GENERATED_FOLDERS)

# Elements Markdown, its enabled extensions and the generator emit; everything else goes.
ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "nav",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)
# Attributes kept, per element ("*" = every element). No on*, no style, no other data-*:
# data-pagefind-ignore keeps a block (related coverage) out of the search index
# (generator/publish/search.py), data-note names the editor's note a block came from.
ALLOWED_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "*": frozenset(
        {
            "id",
            "class",
            "lang",
            "title",
            "dir",
            "aria-label",
            "aria-current",
            "data-pagefind-ignore",
            "data-note",
        }
    ),
    "a": frozenset({"href", "rel"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "time": frozenset({"datetime"}),
    "ol": frozenset({"start", "reversed"}),
    "li": frozenset({"value"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "details": frozenset({"open"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
}
# A one-line block of the generator's own HTML (a comment or one block-level element) in a
# generated page: Python-Markdown would parse it only to pass it through unchanged, which was
# the larger part of a build's time, so it is kept out of Markdown (stash_blocks).
STASHABLE_BLOCK = re.compile(
    r"<(?:(!--)|(div|p|h[1-6]|ul|ol|dl|details|table|section|nav|figure|blockquote)[\s>])"
)
# A start or end tag (the generator's own HTML: attribute values escaped, no `>` inside).
HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>")
# Elements without an end tag.
VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
# Ids a stashed block holds: MkDocs checks links to anchors against a page's ids.
ANCHOR_ID = re.compile(r'\s(?:id|name)="([^"]*)"')
# What stands in for a stashed block while Markdown runs: a word Markdown leaves alone (it
# drops STX and ETX, the usual markers) and the block's number. A page that holds the word
# already is not stashed.
PLACEHOLDER_WORD = "NdStashedBlockQz"
PLACEHOLDER = PLACEHOLDER_WORD + "{}Qz"
# A placeholder as Markdown leaves it (alone in a paragraph) and the line break after it:
# Markdown ends a raw block that is not the page's last with a blank line.
PLACEHOLDER_PARAGRAPH = re.compile(f"<p>{PLACEHOLDER_WORD}([0-9]+)Qz</p>(\n?)")
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
LINK_SCHEMES = frozenset({"http", "https"})
# Elements dropped together with their content (the rest lose only the tags).
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "textarea",
        "select",
    }
)


def is_allowed_url(attribute: str, value: str) -> bool:
    """Return True for http(s) links and relative URLs; images may only be relative."""
    candidate = clean(value).strip()
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return False
    if attribute == "src":  # no hot-linked third-party images: readers' privacy
        return not parts.scheme and not parts.netloc and not candidate.startswith("\\")
    if parts.scheme:
        return parts.scheme.lower() in LINK_SCHEMES and bool(parts.netloc)
    return not candidate.startswith(("//", "\\", "/\\"))


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    """Keep an attribute only when its value is safe; nh3 calls this for each one."""
    if attribute in URL_ATTRIBUTES and not is_allowed_url(attribute, value):
        return None
    return value


def sanitise(fragment: str) -> str:
    """Return the HTML fragment with only allow-listed elements, attributes and URLs."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def escaped(value: object) -> Markup:
    """Return text escaped once for HTML, marked so that `| e` leaves it alone."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(clean(str(value)), quote=True))


def safe_tags(value: object) -> list[Markup]:
    """Return the scalar tags escaped; lists, maps and nulls would abort the tags plugin."""
    items = value if isinstance(value, list) else [value]
    return [
        escaped(tag)
        for tag in items
        if isinstance(tag, str | int | float) and not isinstance(tag, bool) and str(tag).strip()
    ]


def is_generated(src_uri: str) -> bool:
    """Return True for pages the generator writes (their front matter has a fixed schema)."""
    return src_uri in GENERATED_FILES or src_uri.startswith(GENERATED_PREFIXES)


def safe_meta(meta: Mapping[str, Any], generated: bool) -> dict[str, Any]:
    """Return page metadata with printed text escaped and, on generated pages, no odd keys."""
    out = {k: v for k, v in meta.items() if not generated or k in GENERATED_META_KEYS}
    for key in TEXT_META_KEYS:
        if key in out:
            out[key] = escaped(out[key]) if out[key] is not None else None
    if "tags" in out:
        out["tags"] = safe_tags(out["tags"])
    return out


def on_config(config: Any) -> Any:
    """Take the site's address from newsdigest.yml (site.url) when mkdocs.yml sets none."""
    if not config.site_url:
        root = Path(config.config_file_path).parent
        url = project_address(root, os.environ)
        config.site_url = url.rstrip("/") + "/" if url else None
    return config


def top_elements(chunk: str) -> list[str] | None:
    """Return a one-line chunk's top-level elements when it is nothing but block elements (or
    one comment), each whole; else None.

    Markdown passes each such element through unchanged, one per line; anything else in the
    chunk (text between elements, an inline element, a comment among elements) is left to it.
    The generator's attribute values are escaped, so no `>` hides inside a tag.
    """
    if "\n" in chunk or not chunk.endswith(">") or STASHABLE_BLOCK.match(chunk) is None:
        return None
    if chunk.startswith("<!--"):
        return [chunk] if chunk.find("-->") == len(chunk) - 3 else None
    if "<!--" in chunk:
        return None
    elements, depth, start = [], 0, 0
    for tag in HTML_TAG.finditer(chunk):
        if depth == 0 and (
            tag.start() != start
            or tag.group(1)
            or STASHABLE_BLOCK.match(chunk, tag.start()) is None
        ):
            return None  # text, a stray closing tag or an inline element at the top level
        if tag.group(2).lower() not in VOID_ELEMENTS:
            depth += -1 if tag.group(1) else 1
        if depth == 0:
            elements.append(chunk[start : tag.end()])
            start = tag.end()
    return elements if depth == 0 and start == len(chunk) else None


def stash_blocks(markdown: str) -> tuple[str, tuple[str, ...]]:
    """Return the Markdown with its one-line HTML blocks swapped for placeholders, and them."""
    if PLACEHOLDER_WORD in markdown:
        return markdown, ()  # a restored block could not be told from the page's own text
    chunks = markdown.split("\n\n")
    stashed: list[str] = []
    for number, chunk in enumerate(chunks):
        body = chunk.rstrip("\n")  # the page's last block ends with its line break
        elements = top_elements(body)
        if elements:
            chunks[number] = PLACEHOLDER.format(len(stashed)) + chunk[len(body) :]
            stashed.append("\n".join(elements))
    return "\n\n".join(chunks), tuple(stashed)


def restore_blocks(html_text: str, stashed: tuple[str, ...]) -> str:
    """Put the stashed blocks back where Markdown left their placeholders."""
    if not stashed:
        return html_text
    return PLACEHOLDER_PARAGRAPH.sub(
        lambda m: stashed[int(m.group(1))] + ("\n\n" if m.group(2) else ""), html_text
    )


def anchor_ids(stashed: tuple[str, ...]) -> set[str]:
    """Return the ids the stashed blocks hold (MkDocs collects those of Markdown's HTML)."""
    return {html.unescape(m.group(1)) for block in stashed for m in ANCHOR_ID.finditer(block)}


@event_priority(100)  # before every plugin, so none sees raw metadata
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Escape the metadata the theme prints raw; keep generated HTML blocks out of Markdown."""
    generated = is_generated(page.file.src_uri)
    page.meta = safe_meta(page.meta, generated)
    page.newsdigest_stash = ()
    if not generated:
        return markdown
    markdown, page.newsdigest_stash = stash_blocks(markdown)
    return markdown


@event_priority(-100)  # after every plugin, so the sanitised HTML is what gets indexed
def on_page_content(html_text: str, page: Any, config: Any, files: Any) -> str:
    """Restore the stashed blocks and sanitise the page's HTML; escape a heading title, too."""
    if page.title is not None and not isinstance(page.title, Markup):
        page.title = escaped(page.title)
    stashed = getattr(page, "newsdigest_stash", ())
    if stashed and page.present_anchor_ids is not None:
        page.present_anchor_ids |= anchor_ids(stashed)
    return sanitise(restore_blocks(html_text, stashed))


def on_files(files: Any, config: Any) -> Any:
    """Leave unpublished notes out of the site: unreadable, or still the template's text.

    The generator reports them (file and line); a reader never sees a half-written note.
    """
    for file in list(files):
        uri = file.src_uri
        if (
            uri.startswith(f"{NOTES_FOLDER}/")
            and uri.endswith(".md")
            and isinstance(read_note(Path(file.abs_src_path), uri), BrokenNote)
        ):
            files.remove(file)
    return files
