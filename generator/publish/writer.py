"""The one writer into docs/: it writes, replaces and removes only files it generated.

A manifest (docs/.newsdigest-manifest.json, ignored by MkDocs as a dotfile) records the hash
of every file the generator wrote. A file that is not in the manifest is an editor's and is
never touched; a generated file whose hash no longer matches was edited by hand, so it is
kept and reported instead of overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from generator.model import LazyPage, Page, Problem, Stamp
from generator.store import atomic

MANIFEST_NAME = ".newsdigest-manifest.json"
# Rendered pages are written in batches of about this many bytes, so a cold run over a large
# archive never holds the whole site in memory (each batch is announced in the manifest first).
BATCH_BYTES = 32 * 1024 * 1024


_NO_STAMPS: Mapping[str, Stamp] = MappingProxyType({})


@dataclass(frozen=True)
class WriteReport:
    """What one write pass did."""

    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    stamps: Mapping[str, Stamp] = field(default_factory=lambda: _NO_STAMPS)  # for next run


def digest(data: bytes) -> str:
    """Return the content hash the manifest keeps."""
    return hashlib.sha256(data).hexdigest()


def is_generated_path(path: str, folders: tuple[str, ...], files: tuple[str, ...]) -> bool:
    """Return True when `path` lies in the generator's own territory of docs/.

    Strict on purpose: any empty, "." or ".." part, or any hidden part, is refused. Plain
    string work, since it runs for every page of every run.
    """
    parts = path.split("/")
    if any(not part or part.startswith(".") for part in parts) or parts[0] == "notes":
        return False
    return path in files or (len(parts) > 1 and parts[0] in folders)


def _read_manifest(docs: Path) -> dict[str, dict[str, str]]:
    path = docs / MANIFEST_NAME
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        key: {str(k): str(v) for k, v in data.get(key, {}).items()} for key in ("files", "pending")
    }


def load_manifest(docs: Path) -> dict[str, str]:
    """Return path -> hash of what the generator wrote last time."""
    return _read_manifest(docs).get("files", {})


@dataclass
class _Plan:
    """What one write pass will do, decided before anything is written."""

    docs: Path
    writes: dict[str, bytes] = field(default_factory=dict)
    removals: list[str] = field(default_factory=list)
    manifest: dict[str, str] = field(default_factory=dict)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)  # page keys of the planned writes
    stamps: dict[str, Stamp] = field(default_factory=dict)
    batch_bytes: int = 0  # size of the rendered pages in `writes`, not yet on disk
    written: list[str] = field(default_factory=list)
    announced: dict[str, str] = field(default_factory=dict)  # pending hashes of this run


def write_pages(
    docs: Path,
    pages: Mapping[str, Page],
    folders: tuple[str, ...],
    files: tuple[str, ...],
    previous: Mapping[str, Stamp] = _NO_STAMPS,
) -> WriteReport:
    """Bring the generated part of docs/ in line with `pages`, touching nothing else.

    `previous` holds the stamps of the last run (WriteReport.stamps): a page whose key and
    file stat are unchanged since then is neither rendered, read nor written.
    """
    recorded = _read_manifest(docs)
    manifest, pending = recorded.get("files", {}), recorded.get("pending", {})
    plan = _Plan(docs)
    for rel, page in sorted(pages.items()):
        if not is_generated_path(rel, folders, files):
            plan.problems.append(Problem(rel, "refused: outside the generated folders"))
            continue
        _plan_page(plan, rel, page, (manifest.get(rel), pending.get(rel)), previous.get(rel))
        if plan.batch_bytes >= BATCH_BYTES:
            _flush(plan, manifest, pending)
    for rel in sorted((set(manifest) | set(pending)) - set(pages)):
        _plan_removal(plan, rel, (manifest.get(rel), pending.get(rel)), (folders, files))
    if plan.removals and not plan.announced:
        _write_manifest(docs, manifest, pending)  # a removal starts: keep the record intact
    _flush(plan, manifest, pending)
    for rel in plan.removals:
        (docs / rel).unlink(missing_ok=True)
    if plan.manifest != manifest or pending or plan.announced:  # else it reads as it is
        _write_manifest(docs, plan.manifest)
    return WriteReport(
        tuple(plan.written),
        tuple(plan.removals),
        plan.unchanged,
        tuple(plan.problems),
        MappingProxyType(plan.stamps),
    )


def _flush(plan: _Plan, manifest: Mapping[str, str], pending: Mapping[str, str]) -> None:
    """Write the batch of rendered pages, announced in the manifest before the first byte.

    A run killed halfway thus leaves only files the manifest calls ours (or pending).
    """
    if not plan.writes:
        return
    plan.announced.update((rel, digest(data)) for rel, data in plan.writes.items())
    _write_manifest(plan.docs, manifest, {**pending, **plan.announced})
    atomic.write_files([(plan.docs / rel, data) for rel, data in plan.writes.items()])
    for rel in plan.writes:
        info = (plan.docs / rel).stat()
        plan.stamps[rel] = Stamp(plan.keys[rel], info.st_size, info.st_mtime_ns, plan.manifest[rel])
        plan.written.append(rel)
    plan.writes.clear()
    plan.keys.clear()
    plan.batch_bytes = 0


def _plan_page(
    plan: _Plan, rel: str, page: Page, recorded: tuple[str | None, str | None], stamp: Stamp | None
) -> None:
    """Decide one page: keep it (unchanged or hand-edited) or write it."""
    text = page if isinstance(page, str) else None
    key = page.key if isinstance(page, LazyPage) else digest(page.encode("utf-8"))
    held = _stamp_holds(os.path.join(plan.docs, rel), stamp, key, recorded[0], text)
    if held is not None:
        assert recorded[0] is not None
        plan.manifest[rel], plan.stamps[rel] = recorded[0], held
        plan.unchanged += 1
        return
    target = plan.docs / rel
    data = (page.render() if isinstance(page, LazyPage) else page).encode("utf-8")
    state = _state(target, *recorded)
    if state in ("foreign", "edited"):
        plan.problems.append(_kept(target, state))
        if state == "edited" and recorded[0] is not None:
            plan.manifest[rel] = recorded[0]
        return
    plan.manifest[rel] = digest(data)
    if state == "same" and target.read_bytes() == data:
        plan.unchanged += 1
        info = target.stat()
        plan.stamps[rel] = Stamp(key, info.st_size, info.st_mtime_ns, plan.manifest[rel])
        return
    plan.writes[rel], plan.keys[rel] = data, key
    plan.batch_bytes += len(data)


def _stamp_holds(
    target: str, stamp: Stamp | None, key: str, recorded: str | None, text: str | None
) -> Stamp | None:
    """Return the page's stamp when the file is as last written and the page's inputs have
    not changed (so it need not be rendered); None when it must be rendered.

    The file's stat decides, or, when only the stat differs (a fresh git checkout gives every
    file a new mtime), its content against the stamp's digest: the returned stamp then
    carries the new stat. The manifest must record that digest too: a cache restored from a
    run whose pages were never pushed stamps pages newer than the checkout's. Called for
    every page of every run, so it takes a plain path.
    """
    if (
        stamp is None
        or stamp.key != key
        or stamp.digest != recorded
        or (text is not None and recorded != key)
    ):
        return None
    try:
        info = os.stat(target)
        if (info.st_size, info.st_mtime_ns) == (stamp.size, stamp.mtime_ns):
            return stamp
        if info.st_size != stamp.size:
            return None
        with open(target, "rb") as handle:
            if digest(handle.read()) != stamp.digest:
                return None
    except OSError:
        return None
    return stamp._replace(mtime_ns=info.st_mtime_ns)


def _kept(target: Path, state: str) -> Problem:
    """Return the warning for a page not written because an editor's file is in the way."""
    if state == "foreign":
        return Problem(str(target), "not written: an editor's file is in the way", "warning")
    return Problem(
        str(target),
        "kept: edited by hand since generated (move the edit into a note, then delete the file)",
        "warning",
    )


def _plan_removal(
    plan: _Plan,
    rel: str,
    recorded: tuple[str | None, str | None],
    territory: tuple[tuple[str, ...], tuple[str, ...]],
) -> None:
    """Plan to delete a file no longer generated, keeping (and reporting) a hand-edited one."""
    target = plan.docs / rel
    state = _state(target, *recorded)
    if state == "edited" and recorded[0] is not None:
        plan.problems.append(
            Problem(str(target), "kept: edited by hand, no longer generated", "warning")
        )
        plan.manifest[rel] = recorded[0]
    elif state == "same" and is_generated_path(rel, *territory):
        plan.removals.append(rel)


def _state(target: Path, recorded: str | None, pending: str | None = None) -> str:
    """Classify a target: absent, same (as generated), edited (by hand), or foreign.

    `pending` is the hash an interrupted run was about to write: such a file is ours too.
    """
    if not target.exists():
        return "absent"
    found = digest(target.read_bytes())
    if recorded is None:
        return "same" if found == pending else "foreign"
    return "same" if found in (recorded, pending) else "edited"


def _write_manifest(
    docs: Path, manifest: Mapping[str, str], pending: Mapping[str, str] | None = None
) -> None:
    tables = {"files": manifest, **({"pending": pending} if pending else {})}
    text = json.dumps(tables, indent=1, sort_keys=True) + "\n"  # one file per line
    path = docs / MANIFEST_NAME
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        atomic.write_text(path, text)
