"""One run at a time per checkout: an fcntl lock on build/newsdigest.lock (build/ is not committed).

Two runs that write the store and docs/ at once would interleave their writes; the second
run stops at once with a clear error instead of waiting. The kernel drops the lock when the
holder exits, however it exits (even SIGKILL), so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from generator.errors import LockError
from generator.store import atomic

LOCK_NAME = "newsdigest.lock"


def lock_path(root: Path) -> Path:
    """Return the lock file of the project at `root`."""
    return root / "build" / LOCK_NAME  # build/ is never committed, unlike data/ and docs/


@contextlib.contextmanager
def run_lock(root: Path) -> Iterator[None]:
    """Hold the project's lock for the duration; raise LockError when another run has it."""
    path = lock_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise LockError(
                f"another newsdigest run holds the lock (pid {_holder(fd)}): {path}"
            ) from error
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def exclusive_run(root: Path) -> Iterator[list[Path]]:
    """Take the lock, then delete temp files a killed run left in data/ and docs/.

    Cleaning only under the lock means a live run's temp files are never touched. Yields the
    list of stale files removed, so the caller can report them.
    """
    with run_lock(root):
        removed = [
            *atomic.remove_stale_temp_files(root / "data"),
            *atomic.remove_stale_temp_files(root / "docs"),
        ]
        yield removed


def _holder(fd: int) -> str:
    """Return the pid written by the run holding the lock ("unknown" while it writes it)."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return text if text.isdigit() else "unknown"
