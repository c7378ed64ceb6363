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
The index is kept in shards (generator.publish.searchshards), indexed again only when one of
their pages changed; site/pagefind/pagefind.js loads the newest shard, shards.json names
every shard and its languages for the search dialog to merge.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from pagefind_bin_extended import get_executable

from generator.publish import searchshards
from generator.store import atomic

# The folder of site/ that holds the index and Pagefind's search script (pagefind.js).
BUNDLE = "pagefind"
# A bundle's table of contents: its languages come in hash-map order, different per run.
ENTRY = "pagefind-entry.json"
# Every shard with its languages, and the one pagefind.js loads first (search.js reads it).
MANIFEST = "shards.json"
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
# Pagefind's script and its worker: only the primary shard's copies are loaded.
SCRIPT = "pagefind.js"
WORKER = "pagefind-worker.js"
LOG_TAIL = 2_000  # characters of Pagefind's output kept in an error


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_site(site: Path, state_file: Path | None = None) -> list[str]:
    """Bring site/pagefind/ up to date with the built site; return the shards indexed.

    Without `state_file` (or with one that cannot be reused) every shard is indexed afresh.
    """
    root = site / BUNDLE
    setup = json.dumps([metadata.version("pagefind-bin-extended"), IGNORED])
    previous = searchshards.load_state(state_file, setup) if state_file else {}
    if state_file is not None:
        state_file.unlink(missing_ok=True)  # an index that fails leaves no state
    if not previous:
        shutil.rmtree(root, ignore_errors=True)
    current = searchshards.scan(site, BUNDLE, previous)
    groups = searchshards.shards(current)
    built = {p.name for p in root.iterdir() if (p / ENTRY).is_file()} if root.is_dir() else set()
    stale = searchshards.stale_shards(previous, current, built)
    primary = primary_shard(sorted(groups)) if groups else None
    if primary is not None and primary not in stale and not (root / primary / SCRIPT).is_file():
        stale = sorted({*stale, primary})  # it lost its script when it was not the primary
    for key in stale:
        index_shard(site, key, groups[key])
    for gone in sorted(built - set(groups)):
        shutil.rmtree(root / gone)
    for key in sorted(set(groups) - {primary}):
        strip_runtime(root / key)
    write_manifest(root, sorted(groups))
    if state_file is not None:
        searchshards.save_state(state_file, setup, current)
    return stale


def index_shard(site: Path, key: str, pages: Sequence[str]) -> None:
    """Index some pages of the site into the bundle site/pagefind/KEY/ (replaced whole)."""
    with tempfile.TemporaryDirectory(prefix=atomic.TEMP_PREFIX, dir=site.parent) as work:
        copy = Path(work) / "site"
        for rel in pages:
            target = copy / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / rel, target)  # the same bytes without copying them
            except OSError:
                shutil.copyfile(site / rel, target)
        run_pagefind(copy)
        sort_entry(copy / BUNDLE / ENTRY)
        for name in UNUSED:
            (copy / BUNDLE / name).unlink(missing_ok=True)
        (site / BUNDLE).mkdir(parents=True, exist_ok=True)
        shutil.rmtree(site / BUNDLE / key, ignore_errors=True)
        os.replace(copy / BUNDLE, site / BUNDLE / key)


def strip_runtime(bundle: Path) -> None:
    """Delete a merged shard's copy of Pagefind's script and WebAssembly: merged indexes are
    searched with the primary shard's (about 230 KB a shard)."""
    for path in (bundle / SCRIPT, bundle / WORKER, *sorted(bundle.glob("wasm.*.pagefind"))):
        path.unlink(missing_ok=True)


def run_pagefind(site: Path) -> None:
    """Index every page of `site` into site/pagefind/."""
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


def primary_shard(keys: Sequence[str]) -> str:
    """Return the shard searched first: the newest month of articles, else the first."""
    articles = [k for k in keys if k.startswith("articles-")]
    return max(articles) if articles else keys[0]


def write_manifest(root: Path, keys: Sequence[str]) -> None:
    """Write shards.json and the pagefind.js that loads the primary shard's Pagefind."""
    if not keys:
        atomic.write_text(root / MANIFEST, json.dumps({"primary": None, "shards": {}}))
        (root / SCRIPT).unlink(missing_ok=True)
        return
    primary = primary_shard(keys)
    languages = {
        key: json.loads((root / key / ENTRY).read_text(encoding="utf-8"))["languages"]
        for key in keys
    }
    shards = {
        key: {lang: {"page_count": v["page_count"]} for lang, v in langs.items()}
        for key, langs in languages.items()
    }
    manifest = {"primary": primary, "shards": shards}
    atomic.write_text(root / MANIFEST, json.dumps(manifest, separators=(",", ":")))
    atomic.write_text(root / SCRIPT, f'export * from "./{primary}/{SCRIPT}";\n')


def sort_entry(path: Path) -> None:
    """Rewrite the bundle's entry file with its languages in name order (same site, same bytes)."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
