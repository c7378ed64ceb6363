"""MkDocs hooks: defence in depth for what the theme prints raw and for every page's HTML.

The generator already escapes every scraped string it writes. These hooks make the built
site safe even if a page slips past that rule: MkDocs renders themes with autoescaping off
and Material prints `page.meta` title, description and tags (and `page.title` in the
navigation) unescaped, so the hooks replace them with escaped `Markup` (printed as it is,
and left alone by the `| e` filter, so nothing is escaped twice); non-scalar tags, which
abort Material's tags plugin, are dropped; and each page's HTML goes through nh3, an
allow-list sanitiser that keeps only what the generator and Markdown legitimately emit.

Registered in mkdocs.yml as `hooks: [generator/hooks.py]`.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import nh3
from markupsafe import Markup
from mkdocs.plugins import event_priority

from generator.notes.load import NOTES_FOLDER, read_note
from generator.notes.note import BrokenNote
from generator.render import GENERATED_FILES, GENERATED_FOLDERS
from generator.render.html import clean
from generator.siteaddress import project_address

# Meta keys the theme prints as text: escaped before any template sees them.
TEXT_META_KEYS = ("title", "description", "subtitle")
# Meta keys a generated page may carry (render/frontmatter.py writes no others).
GENERATED_META_KEYS = frozenset({"title", "description", "hide", "search", "newsdigest",
                                 "tags"})
# Generated pages are those under render's one list of generated folders and files.
GENERATED_PREFIXES = tuple(f"{folder}/" for folder in GENERATED_FOLDERS)

# Elements Markdown, its enabled extensions and the generator emit; everything else goes.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "section", "small",
    "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul",
})
# Attributes kept, per element ("*" = every element). No on*, no style, no other data-*:
# data-pagefind-ignore keeps a block (related coverage) out of the search index
# (generator/publish/search.py), data-note names the editor's note a block came from.
ALLOWED_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "lang", "title", "dir", "aria-label", "aria-current",
                    "data-pagefind-ignore", "data-note"}),
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
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
LINK_SCHEMES = frozenset({"http", "https"})
# Elements dropped together with their content (the rest lose only the tags).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe",
                                  "object", "embed", "svg", "math", "textarea", "select"})


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
    return [escaped(tag) for tag in items
            if isinstance(tag, str | int | float) and not isinstance(tag, bool)
            and str(tag).strip()]


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


@event_priority(100)  # before every plugin, so none sees raw metadata
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Escape the metadata the theme prints raw; leave the Markdown itself unchanged."""
    page.meta = safe_meta(page.meta, is_generated(page.file.src_uri))
    return markdown


@event_priority(-100)  # after every plugin, so the sanitised HTML is what gets indexed
def on_page_content(html_text: str, page: Any, config: Any, files: Any) -> str:
    """Sanitise the page's HTML; escape a title taken from the first heading, too."""
    if page.title is not None and not isinstance(page.title, Markup):
        page.title = escaped(page.title)
    return sanitise(html_text)


def on_files(files: Any, config: Any) -> Any:
    """Leave unpublished notes out of the site: unreadable, or still the template's text.

    The generator reports them (file and line); a reader never sees a half-written note.
    """
    for file in list(files):
        uri = file.src_uri
        if uri.startswith(f"{NOTES_FOLDER}/") and uri.endswith(".md") and isinstance(
                read_note(Path(file.abs_src_path), uri), BrokenNote):
            files.remove(file)
    return files
