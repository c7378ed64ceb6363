"""Take turns per host: one request at a time, a pause between two, all within the run deadline."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from generator.errors import FetchDeferred


@dataclass
class HostGate:
    """Serialise requests per host and space them by the host's delay."""

    run_deadline: float  # time.monotonic() value after which nothing new starts
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def remaining(self) -> float:
        """Return the seconds left before the run deadline."""
        return self.run_deadline - time.monotonic()

    def pause(self, seconds: float, why: str) -> None:
        """Sleep, or defer the source when the pause would outlast the run deadline."""
        if seconds > self.remaining():
            raise FetchDeferred(f"run deadline reached before {why}")
        time.sleep(max(0.0, seconds))

    @contextmanager
    def turn(self, host: str, delay: float) -> Iterator[None]:
        """Hold the host's turn for one request, waiting out its delay first."""
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        if not lock.acquire(timeout=max(0.0, self.remaining())):
            raise FetchDeferred(f"run deadline reached waiting for {host}")
        try:
            last = self._last.get(host)
            if last is not None:
                self.pause(last + delay - time.monotonic(), f"the next request to {host}")
            yield
        finally:
            self._last[host] = time.monotonic()
            lock.release()
