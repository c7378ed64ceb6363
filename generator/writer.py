"""The one writer into docs/: it writes, replaces and removes only files it generated.

A manifest (docs/.newsdigest-manifest.json, ignored by MkDocs as a dotfile) records the hash
of every file the generator wrote. A file that is not in the manifest is an editor's and is
never touched; a generated file whose hash no longer matches was edited by hand, so it is
kept and reported instead of overwritten.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import atomic
from .model import Problem

MANIFEST_NAME = ".newsdigest-manifest.json"


@dataclass(frozen=True)
class WriteReport:
    """What one write pass did."""

    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0
    problems: tuple[Problem, ...] = field(default_factory=tuple)


def digest(data: bytes) -> str:
    """Return the content hash the manifest keeps."""
    return hashlib.sha256(data).hexdigest()


def is_generated_path(path: str, folders: tuple[str, ...], files: tuple[str, ...]) -> bool:
    """Return True when `path` lies in the generator's own territory of docs/."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or any(p.startswith(".") for p in pure.parts):
        return False
    if pure.parts[0] == "notes":
        return False
    return path in files or (len(pure.parts) > 1 and pure.parts[0] in folders)


def load_manifest(docs: Path) -> dict[str, str]:
    """Return path -> hash of what the generator wrote last time."""
    path = docs / MANIFEST_NAME
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.get("files", {}).items()}


def write_pages(docs: Path, pages: Mapping[str, str], folders: tuple[str, ...],
                files: tuple[str, ...]) -> WriteReport:
    """Bring the generated part of docs/ in line with `pages`, touching nothing else."""
    manifest = load_manifest(docs)
    new_manifest: dict[str, str] = {}
    written, removed, problems, unchanged = [], [], [], 0
    for rel, text in sorted(pages.items()):
        data = text.encode("utf-8")
        target = docs / rel
        if not is_generated_path(rel, folders, files):
            problems.append(Problem(rel, "refused: outside the generated folders"))
            continue
        state = _state(target, manifest.get(rel))
        if state == "foreign":
            problems.append(Problem(str(target), "not written: an editor's file is in the way",
                                    "warning"))
            continue
        if state == "edited":
            problems.append(Problem(str(target), "kept: edited by hand since generated "
                                    "(move the edit into a note, then delete the file)",
                                    "warning"))
            new_manifest[rel] = manifest[rel]
            continue
        new_manifest[rel] = digest(data)
        if state == "same" and target.read_bytes() == data:
            unchanged += 1
            continue
        atomic.write_bytes(target, data)
        written.append(rel)
    for rel in sorted(set(manifest) - set(pages)):
        target = docs / rel
        if _state(target, manifest[rel]) == "edited":
            problems.append(Problem(str(target), "kept: edited by hand, no longer generated",
                                    "warning"))
            new_manifest[rel] = manifest[rel]
        elif target.exists() and is_generated_path(rel, folders, files):
            target.unlink()
            removed.append(rel)
    _write_manifest(docs, new_manifest)
    return WriteReport(tuple(written), tuple(removed), unchanged, tuple(problems))


def _state(target: Path, recorded: str | None) -> str:
    """Classify a target: absent, same (as generated), edited (by hand), or foreign."""
    if not target.exists():
        return "absent"
    if recorded is None:
        return "foreign"
    return "same" if digest(target.read_bytes()) == recorded else "edited"


def _write_manifest(docs: Path, manifest: Mapping[str, str]) -> None:
    text = json.dumps({"files": dict(sorted(manifest.items()))}, indent=1, sort_keys=True)
    path = docs / MANIFEST_NAME
    if not path.exists() or path.read_text(encoding="utf-8") != text + "\n":
        atomic.write_text(path, text + "\n")
