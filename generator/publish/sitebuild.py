"""Build docs/ into site/ with MkDocs, again only the pages whose Markdown changed.

MkDocs rebuilds every page on every run; its `--dirty` mode compares file times, which a
fresh checkout resets and which cannot see a removed page. Instead, what each docs file held
(size, time, digest) at the last successful build is kept in build/cache/site-state.json;
on the next build the output of every unchanged page is marked current, changed pages are
marked stale, the outputs of removed files are deleted, and MkDocs builds `dirty`. Anything
else that shapes every page (mkdocs.yml, the theme, the hooks, the installed MkDocs and
newsdigest) is digested into the state, so a change there means a full build; so does a
search plugin inside MkDocs (its index would hold only the rebuilt pages).

Run as `python -m generator.publish.sitebuild MKDOCS_YML DOCS SITE [STATE]`: MkDocs runs in
its own process, so a page that crashes it cannot take the generator down.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

from generator import __version__
from generator.store import atomic
from generator.store.cache import code_digest

STATE_NAME = "site-state.json"
STATE_VERSION = 1
# MkDocs's own warning for --dirty (it cannot know what else changed): this module does know,
# so the warning, which would fail a strict build, is dropped.
DIRTY_WARNING = "A 'dirty' build is being performed"
# Search plugins that index the pages MkDocs builds: with one, every build is a full build.
INDEXING_PLUGINS = frozenset({"search", "material/search"})


class FileState(NamedTuple):
    """What a docs file held when the site was built from it."""

    size: int
    mtime_ns: int
    digest: str


def docs_files(docs: Path) -> Iterator[tuple[str, Path]]:
    """Yield (posix path, path) of every file MkDocs reads from docs/ (no hidden ones)."""
    for folder, dirs, names in os.walk(docs):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in sorted(n for n in names if not n.startswith(".")):
            path = base / name
            yield path.relative_to(docs).as_posix(), path


def scan(docs: Path, previous: Mapping[str, FileState]) -> dict[str, FileState]:
    """Return every docs file's state; a file whose size and time held is not read again."""
    states = {}
    for rel, path in docs_files(docs):
        info = path.stat()
        known = previous.get(rel)
        if known is not None and (known.size, known.mtime_ns) == (info.st_size, info.st_mtime_ns):
            states[rel] = known
        else:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()
            states[rel] = FileState(info.st_size, info.st_mtime_ns, digest)
    return states


def changes(
    previous: Mapping[str, FileState], current: Mapping[str, FileState]
) -> tuple[set[str], set[str]]:
    """Return the docs files changed or new since the last build, and those removed."""
    changed = {
        rel
        for rel, state in current.items()
        if rel not in previous or previous[rel].digest != state.digest
    }
    return changed, set(previous) - set(current)


def setup_digest(config: Any, config_file: Path) -> str:
    """Return a digest of everything besides docs/ that shapes every page."""
    folders = [Path(__file__).resolve().parents[1]]  # newsdigest itself, hooks' imports
    custom = config.theme.custom_dir
    if custom:
        folders.append(Path(custom))
    hooks = sorted(str(h) for h in config.get("hooks") or ())
    versions = [metadata.version(name) for name in ("mkdocs", "mkdocs-material", "markdown")]
    extra = json.dumps(
        [
            __version__,
            versions,
            config_file.read_text(encoding="utf-8"),
            hooks,
            [Path(h).read_text(encoding="utf-8") for h in hooks],
        ]
    )
    return code_digest(folders, extra)


def load_state(path: Path, setup: str) -> dict[str, FileState] | None:
    """Return the docs files' states of the last build, or None when it cannot be reused."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(saved, dict)
        or saved.get("version") != STATE_VERSION
        or saved.get("setup") != setup
    ):
        return None
    return {rel: FileState(*state) for rel, state in saved["files"].items()}


def save_state(path: Path, setup: str, files: Mapping[str, FileState]) -> None:
    """Record what the site was just built from."""
    data = {
        "version": STATE_VERSION,
        "setup": setup,
        "files": {rel: list(state) for rel, state in sorted(files.items())},
    }
    atomic.write_text(path, json.dumps(data, separators=(",", ":")) + "\n")


def nav_pages(nav: object) -> set[str]:
    """Return the pages named in mkdocs.yml's nav: their neighbours' links are rebuilt always."""
    if isinstance(nav, str):
        return {nav} if nav.endswith(".md") else set()
    if isinstance(nav, dict):
        return set().union(*(nav_pages(v) for v in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_pages(v) for v in nav))
    return set()


def mark_outputs(
    config: Any, current: Mapping[str, FileState], stale: set[str], removed: set[str]
) -> None:
    """Make MkDocs's `dirty` test tell the truth: stale pages older than their source,
    current ones newer; delete the outputs of removed files."""
    from mkdocs.structure.files import File  # noqa: PLC0415 - only builds pay for MkDocs

    docs, site, directory = config.docs_dir, config.site_dir, config.use_directory_urls
    for rel in removed:
        output = Path(File(rel, docs, site, directory).abs_dest_path)
        output.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            output.parent.rmdir()  # a page's folder, when nothing else is in it
    for rel, state in current.items():
        output = Path(File(rel, docs, site, directory).abs_dest_path)
        if not output.exists():
            continue  # MkDocs builds it anyway
        when = (
            state.mtime_ns - 10**9
            if rel in stale
            else max(state.mtime_ns + 10**9, output.stat().st_mtime_ns)
        )
        os.utime(output, ns=(when, when))


class _DropDirtyWarning(logging.Filter):
    """Drop MkDocs's generic --dirty warning (see DIRTY_WARNING)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def build_site(config_file: Path, docs: Path, site: Path, state_file: Path | None) -> bool:
    """Build the site (strict); return True when only changed pages were built."""
    from mkdocs.commands.build import build  # noqa: PLC0415 - only builds pay for MkDocs
    from mkdocs.config import load_config  # noqa: PLC0415

    config = load_config(
        config_file=str(config_file), docs_dir=str(docs), site_dir=str(site), strict=True
    )
    if state_file is None:
        build(config)
        return False
    setup = setup_digest(config, config_file)
    previous = load_state(state_file, setup)
    state_file.unlink(missing_ok=True)  # a build that fails leaves no state: next is full
    current = scan(docs, previous or {})
    dirty = (
        previous is not None
        and not INDEXING_PLUGINS & set(config.plugins)
        and (site / "index.html").exists()
    )
    if dirty:
        stale, removed = changes(previous or {}, current)
        mark_outputs(config, current, stale | nav_pages(config.nav), removed)
        logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyWarning())
    build(config, dirty=dirty)
    save_state(state_file, setup, current)
    return dirty


def main(argv: Sequence[str]) -> int:
    """Build one docs folder into one site folder with a project's mkdocs.yml (strict)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    config_file, docs, site, *state = argv
    build_site(Path(config_file), Path(docs), Path(site), Path(state[0]) if state else None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
