"""The per-input boundary: any exception met while handling one input is that input's Problem.

An expected failure (a NewsdigestError) carries the reason a user can act on. Anything else
is a bug met on real data: its traceback is appended to build/logs/problems.log and the
Problem names the exception and that file, so the run goes on and the bug stays visible (the
log line, the log file and the exit status), never silent.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from generator.errors import NewsdigestError
from generator.model import Problem

LOG_PARTS = ("build", "logs", "problems.log")
MAX_REASON = 300  # characters of an exception's message kept on the one stderr line
T = TypeVar("T")


def one_line(text: str, limit: int = MAX_REASON) -> str:
    """Return text on one line (control characters as spaces), cut to `limit` characters."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True)
class ProblemLog:
    """Where full tracebacks of unexpected failures go (appended, one block per failure)."""

    path: Path
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    @classmethod
    def under(cls, root: Path) -> ProblemLog:
        """Return the log of the project at `root` (build/logs/problems.log)."""
        return cls(root.joinpath(*LOG_PARTS))

    def problem(self, origin: str, error: BaseException) -> Problem:
        """Return the Problem for `error` met on `origin`, logging a traceback when unexpected."""
        if isinstance(error, NewsdigestError):
            return Problem(origin, one_line(str(error)))
        where = self.record(origin, error)
        return Problem(origin, f"{described(error)} (traceback in {where})")

    def record(self, origin: str, error: BaseException) -> str:
        """Append the traceback of `error` to the log; return the log's path as said to users.

        A log that cannot be written is said so in the returned text: the Problem must still
        reach stderr.
        """
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        lines = traceback.format_exception(error)
        block = f"--- {stamp} {origin!r}\n{''.join(lines)}\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.lock, self.path.open("a", encoding="utf-8", errors="replace") as log:
                log.write(block)
        except OSError as failure:
            return f"{self.path}, which could not be written: {failure.strerror}"
        return str(self.path)


def described(error: BaseException) -> str:
    """Return "ExceptionType: message" on one line."""
    message = one_line(str(error))
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def guarded(origin: str, log: ProblemLog, work: Callable[[], T]) -> T | Problem:
    """Run `work` for one input; any exception (not an interrupt) becomes its Problem."""
    try:
        return work()
    except Exception as error:
        return log.problem(origin, error)
