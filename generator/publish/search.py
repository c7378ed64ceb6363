"""Index the built site with Pagefind, whose readers fetch only the index fragments they need.

Material's own search downloads its whole index before the first result (about 6 MB gzipped
at 10,000 articles, issue 21); Pagefind splits the index by word, stems (English "ferries"
finds "ferry") and, in its extended build, segments Chinese and Japanese. It runs over
`site/` after MkDocs, as a binary shipped in the `pagefind-bin-extended` wheel: offline.

What is indexed is decided by the templates: a page is indexed only inside its
`data-pagefind-body` element (generator/theme/main.html puts it on article, story and
editors' pages, never on listings), minus `data-pagefind-ignore` elements and the page
furniture named in IGNORED below. Each page is indexed in its `<html lang>` language.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

# The folder of site/ that holds the index and Pagefind's search script (pagefind.js).
BUNDLE = "pagefind"
# The bundle's table of contents: its languages come in hash-map order, different per run.
ENTRY = "pagefind-entry.json"
# Pagefind's ready-made search UIs (418 KB a site), unused: the theme's search.js is ours.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
# Furniture inside indexed pages: the fact box's and quote list's "in the text" links (the
# same words on every page) and heading permalinks.
IGNORED = (".nd-evidence", ".headerlink")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_site(site: Path) -> int:
    """Replace site/pagefind/ with a fresh index of the built site; return the HTML files read."""
    bundle = site / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    try:
        pages = asyncio.run(_index(site, bundle))
        sort_entry(bundle / ENTRY)
        for name in UNUSED:
            (bundle / name).unlink(missing_ok=True)
    except (OSError, RuntimeError, ValueError) as error:
        raise SearchIndexError(f"{site}: pagefind failed: {error}") from error
    return pages


def sort_entry(path: Path) -> None:
    """Rewrite the bundle's entry file with its languages in name order (same site, same bytes)."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


async def _index(site: Path, bundle: Path) -> int:
    """Run Pagefind's indexer (its own process) over every HTML file of the site."""
    config = IndexConfig(exclude_selectors=list(IGNORED), output_path=str(bundle))
    async with PagefindIndex(config=config) as index:
        indexed = await index.add_directory(str(site))
        await index.write_files(output_path=str(bundle))
    return indexed["page_count"]
