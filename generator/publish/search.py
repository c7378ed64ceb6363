"""Index the built site with Pagefind, whose readers fetch only the index fragments they need.

Material's own search downloads its whole index before the first result (about 6 MB gzipped
at 10,000 articles, issue 21); Pagefind splits the index by word, stems (English "ferries"
finds "ferry") and, in its extended build, segments Chinese and Japanese. It runs over
`site/` after MkDocs, as the binary shipped in the `pagefind-bin-extended` wheel: offline.
The command line, not the `pagefind` package's service API: the service answered "written"
before the entry file was on disk under load, and the command exits only when it is.

What is indexed is decided by the templates: a page is indexed only inside its
`data-pagefind-body` element (generator/theme/main.html puts it on article, story and
editors' pages, never on listings), minus `data-pagefind-ignore` elements and the page
furniture named in IGNORED below. Each page is indexed in its `<html lang>` language.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from pagefind_bin_extended import get_executable

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
LOG_TAIL = 2_000  # characters of Pagefind's output kept in an error


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_site(site: Path) -> None:
    """Replace site/pagefind/ with a fresh index of the built site."""
    shutil.rmtree(site / BUNDLE, ignore_errors=True)
    command = [str(get_executable()), "--site", str(site), "--output-subdir", BUNDLE, "--quiet"]
    for selector in IGNORED:
        command += ["--exclude-selectors", selector]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(f"{site}: pagefind did not start: {error}") from error
    if result.returncode != 0:
        log = (result.stderr + result.stdout)[-LOG_TAIL:]
        raise SearchIndexError(f"{site}: pagefind failed ({result.returncode}): {log}")
    sort_entry(site / BUNDLE / ENTRY)
    for name in UNUSED:
        (site / BUNDLE / name).unlink(missing_ok=True)


def sort_entry(path: Path) -> None:
    """Rewrite the bundle's entry file with its languages in name order (same site, same bytes)."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
