"""Obey robots.txt (RFC 9309): a small parser plus a per-run cache of each origin's rules.

urllib.robotparser takes the first matching rule and knows no `*` or `$`; RFC 9309 wants
the longest match (allow wins a tie) and both wildcards, so the parser is our own.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator.errors import FetchError
from generator.fetch.guard import AddressRefused

# "key: value" on one robots.txt line, after the comment is removed.
ROBOTS_LINE = re.compile(r"^\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$")

# Size RFC 9309 asks crawlers to parse at least; anything after it is ignored.
ROBOTS_MAX_BYTES = 500 * 1024


@dataclass(frozen=True)
class Rule:
    """One allow or disallow line of the group that applies to us."""

    allow: bool
    pattern: str

    def matches(self, path: str) -> bool:
        """Return True when the rule's pattern matches the path from its start."""
        anchored = self.pattern.endswith("$")
        body = self.pattern[:-1] if anchored else self.pattern
        regex = ".*".join(re.escape(part) for part in body.split("*"))
        return re.match(regex + ("$" if anchored else ""), path) is not None


@dataclass(frozen=True)
class Robots:
    """The rules and crawl delay that apply to newsdigest on one origin."""

    rules: tuple[Rule, ...] = ()
    crawl_delay: float | None = None

    def allows(self, path: str) -> bool:
        """Return True when the longest matching rule allows the path (allow wins ties)."""
        if path == "/robots.txt":
            return True
        matching = [r for r in self.rules if r.matches(path)]
        if not matching:
            return True
        best = max(matching, key=lambda r: (len(r.pattern), r.allow))
        return best.allow


def _groups(text: str) -> list[tuple[list[str], list[tuple[str, str]]]]:
    """Split robots.txt into groups of (user agents, [(key, value) lines])."""
    groups: list[tuple[list[str], list[tuple[str, str]]]] = []
    in_agents = False
    for raw in text.splitlines():
        match = ROBOTS_LINE.match(raw.split("#", 1)[0])
        if not match:
            continue
        key, value = match[1].lower(), match[2]
        if key == "user-agent":
            if not in_agents:
                groups.append(([], []))
            groups[-1][0].append(value.split("/")[0].strip().lower())
            in_agents = True
        elif groups:
            groups[-1][1].append((key, value))
            in_agents = False
    return groups


def parse_robots(text: str, product: str) -> Robots:
    """Return the rules of the groups naming our product token, else of the `*` groups."""
    groups = _groups(text)
    token = product.lower()
    lines = [line for agents, body in groups if token in agents for line in body]
    if not any(token in agents for agents, _ in groups):
        lines = [line for agents, body in groups if "*" in agents for line in body]
    rules = tuple(Rule(key == "allow", value) for key, value in lines
                  if key in ("allow", "disallow") and value)
    delays = [value for key, value in lines if key == "crawl-delay"]
    delay: float | None = None
    if delays:
        try:
            delay = max(0.0, float(delays[0]))
        except ValueError:
            delay = None
    return Robots(rules, delay)


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

    def _load(self, origin: str, private_origins: frozenset[tuple[str, int]]
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
