"""Split the search index into shards, so an hourly build re-indexes only what changed.

Pagefind has no incremental mode: one index over 10,000 pages is rebuilt whole for one new
article. Instead the indexed pages (those with the theme's `data-pagefind-body`) are split
into shards, each its own Pagefind bundle under site/pagefind/SHARD/, which the search dialog
merges with Pagefind's `mergeIndex`: articles by month of their path (a new article and its
recent neighbours land in the newest months), every other page in one of OTHER_BUCKETS by a
digest of its path. What every built page held (size, time, digest, indexed or not) is kept
in build/cache/search-state.json; a shard is indexed again only when one of its pages was
added, changed or removed, or its bundle is missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from generator.store import atomic

STATE_NAME = "search-state.json"
STATE_VERSION = 1
OTHER_BUCKETS = 16  # story, editors' and other indexed pages: shards by path digest
# The theme's marker of an indexed page (generator/theme/main.html). Scraped text is
# escaped, so this tag cannot come from an article's words.
BODY_MARK = b"<div data-pagefind-body>"


class PageState(NamedTuple):
    """What one built page held when the index was last built."""

    size: int
    mtime_ns: int
    digest: str  # "" for a page that is not indexed


def shard_of(rel: str) -> str:
    """Return the shard of an indexed page (posix path under site/), a safe folder name."""
    parts = rel.split("/")
    if len(parts) >= 4 and parts[0] == "articles" and (parts[1] + parts[2]).isdigit():
        return f"articles-{parts[1]}-{parts[2]}"
    return f"pages-{zlib.crc32(rel.encode('utf-8')) % OTHER_BUCKETS:02d}"


def html_files(site: Path, bundle: str) -> Iterator[tuple[str, Path]]:
    """Yield (posix path, path) of every HTML page of the built site, in name order."""
    for folder, dirs, names in os.walk(site):
        base = Path(folder)
        dirs[:] = sorted(d for d in dirs if not (base == site and d == bundle))
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(n for n in names if n.endswith(".html")):
            path = base / name
            yield path.relative_to(site).as_posix(), path


def scan(site: Path, bundle: str, previous: Mapping[str, PageState]) -> dict[str, PageState]:
    """Return every page's state; a page whose size and time held is not read again."""
    states = {}
    for rel, path in html_files(site, bundle):
        info = path.stat()
        known = previous.get(rel)
        if known is not None and (known.size, known.mtime_ns) == (info.st_size, info.st_mtime_ns):
            states[rel] = known
            continue
        data = path.read_bytes()
        digest = hashlib.blake2b(data, digest_size=20).hexdigest() if BODY_MARK in data else ""
        states[rel] = PageState(info.st_size, info.st_mtime_ns, digest)
    return states


def shards(pages: Mapping[str, PageState]) -> dict[str, list[str]]:
    """Return each shard's indexed pages, shards and pages in name order."""
    found: dict[str, list[str]] = {}
    for rel in sorted(pages):
        if pages[rel].digest:
            found.setdefault(shard_of(rel), []).append(rel)
    return dict(sorted(found.items()))


def stale_shards(
    previous: Mapping[str, PageState], current: Mapping[str, PageState], built: set[str]
) -> list[str]:
    """Return the shards to index again: a page of theirs changed, or no bundle was built."""
    now, before = shards(current), shards(previous)
    stale = {
        key
        for key, rels in now.items()
        if key not in built
        or rels != before.get(key)
        or any(current[r].digest != previous[r].digest for r in rels)
    }
    return sorted(stale)


def load_state(path: Path, setup: str) -> dict[str, PageState]:
    """Return the pages' states at the last index, or none when they cannot be reused."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if (
        not isinstance(saved, dict)
        or saved.get("version") != STATE_VERSION
        or saved.get("setup") != setup
    ):
        return {}
    try:
        return {rel: PageState(*state) for rel, state in saved["pages"].items()}
    except (KeyError, TypeError, AttributeError):
        return {}


def save_state(path: Path, setup: str, pages: Mapping[str, PageState]) -> None:
    """Record what the index was just built from."""
    data = {
        "version": STATE_VERSION,
        "setup": setup,
        "pages": {rel: list(state) for rel, state in sorted(pages.items())},
    }
    atomic.write_text(path, json.dumps(data, separators=(",", ":")) + "\n")
