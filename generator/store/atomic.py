"""Crash-safe file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

TEMP_PREFIX = ".nd-tmp-"


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temp file in the same folder, fsync and rename."""
    write_files([(path, data)])


def write_files(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files as write_bytes does, each folder's rename fsynced once.

    Every file is complete on disk (written and fsynced under a temp name) before the first
    rename, so a crash leaves each file old or new, never half of either.
    """
    temps: list[tuple[str, Path]] = []
    renamed = 0
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, path in temps:
            os.replace(tmp, path)
            renamed += 1
    except BaseException:
        for tmp, _ in temps[renamed:]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    for folder in dict.fromkeys(path.parent for path, _ in files):
        _fsync_dir(folder)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically."""
    write_bytes(path, text.encode("utf-8"))


def remove_stale_temp_files(root: Path) -> list[Path]:
    """Delete temp files a killed run left behind under `root`; return what was removed."""
    if not root.exists():
        return []
    stale = sorted(root.rglob(TEMP_PREFIX + "*"))
    for path in stale:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return stale


def _fsync_dir(folder: Path) -> None:
    """Persist the rename itself, so a crash after return cannot undo it."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
