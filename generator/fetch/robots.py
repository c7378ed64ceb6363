"""Obey robots.txt (RFC 9309, parsed by Protego, Scrapy's parser) with a per-run cache per origin.

urllib.robotparser takes the first matching rule and knows no `*` or `$`; RFC 9309 wants
the longest match (allow wins a tie) and both wildcards, as Protego does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from protego import Protego

from generator.errors import AddressRefused, FetchError

# Size RFC 9309 asks crawlers to parse at least; anything after it is ignored.
ROBOTS_MAX_BYTES = 500 * 1024


@dataclass(frozen=True)
class Robots:
    """One origin's robots.txt as it applies to our product token; no rules allow all."""

    rules: Protego | None = None
    product: str = ""

    def allows(self, path: str) -> bool:
        """Return True when the longest matching rule allows the path (allow wins ties)."""
        return self.rules is None or self.rules.can_fetch(path, self.product)

    @property
    def crawl_delay(self) -> float | None:
        """Return the seconds our group (else the `*` group) asks between two requests."""
        return None if self.rules is None else self.rules.crawl_delay(self.product)


def parse_robots(text: str, product: str) -> Robots:
    """Return the rules of the group naming our product token, else of the `*` group."""
    return Robots(Protego.parse(text), product)


# (robots URL, private origins) -> (status, body); raises FetchError when unreachable.
RobotsFetch = Callable[[str, frozenset[tuple[str, int]]], tuple[int, bytes]]


@dataclass
class RobotsBook:
    """Fetch each origin's robots.txt once per run and remember the answer or the refusal."""

    fetch: RobotsFetch
    product: str
    _known: dict[str, Robots | FetchError] = field(default_factory=dict)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def rules_for(self, url: str, private_origins: frozenset[tuple[str, int]]) -> Robots:
        """Return the origin's rules; raise FetchError when robots.txt was unreachable."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._known:
                self._known[origin] = self._load(origin, private_origins)
        known = self._known[origin]
        if isinstance(known, FetchError):
            raise known
        return known

    def _load(
        self, origin: str, private_origins: frozenset[tuple[str, int]]
    ) -> Robots | FetchError:
        """Fetch and parse one robots.txt, turning unreachable answers into a refusal."""
        try:
            status, body = self.fetch(origin + "/robots.txt", private_origins)
        except AddressRefused:
            raise  # a refusal for this source, not an answer about the host: not remembered
        except FetchError as error:
            return FetchError(f"robots.txt of {origin} unreachable, host skipped: {error}")
        if 200 <= status < 300:
            text = body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
            return parse_robots(text, self.product)
        if 400 <= status < 500 and status != 429:
            return Robots()
        return FetchError(f"robots.txt of {origin} answered {status}, host skipped this run")
