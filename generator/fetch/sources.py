"""Read and check the `sources:` list and the `fetch:` mapping of newsdigest.yml.

Each source: `name` and exactly one of `feed` (RSS/Atom/JSON Feed URL), `urls` (list of
article URLs), `sitemap` (sitemap, index or news sitemap URL), `home` (page linking its
feed); optional `timezone` (IANA), `language`, `max_items` (30), `include`/`exclude` (URL
regexes), `tags`, `full_page` (true), `allow_private` (false: private addresses only for
the source's own host:port) and `allow_hosts` (more "host:port" for allow_private).
`fetch:` needs `contact` (project URL for the User-Agent) and may set `delay`, timeouts,
deadlines, `max_bytes`, `max_redirects`, `retries`, `backoff`, `retry_after_cap`, `workers`.
Every problem is a ConfigError naming the file, the key and what was expected, raised
before any request is sent. generator/config/CONFIG.md documents each key and its default.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator import __version__
from generator.config.settings import PUBLISH_MODES
from generator.errors import ConfigError

SourceKind = Literal["feed", "urls", "sitemap", "home", "local"]
SOURCE_KINDS: tuple[SourceKind, ...] = ("feed", "urls", "sitemap", "home")

# "host:port" entries of allow_hosts; the port is required so one loopback port is allowed.
HOST_PORT = re.compile(r"^(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(?P<port>\d{1,5})$")
# "I/N" as given to --shard.
SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")

SOURCE_KEYS = frozenset(
    {
        "name",
        *SOURCE_KINDS,
        "timezone",
        "language",
        "max_items",
        "include",
        "exclude",
        "tags",
        "full_page",
        "allow_private",
        "allow_hosts",
        "local",
        "publish",
    }
)


@dataclass(frozen=True)
class SourceConfig:
    """One configured source: where to find its items and how to treat them."""

    name: str
    kind: SourceKind
    locations: tuple[str, ...]  # the feed/sitemap/home URL, or the article URLs
    timezone: str | None = None
    language: str | None = None
    max_items: int = 30
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    full_page: bool = True
    allow_private: bool = False
    allow_hosts: tuple[str, ...] = ()  # extra "host:port" origins allowed to be private
    publish: str | None = None  # full | excerpt | none; None: the site's, else the default

    def publish_default(self) -> str:
        """Return the mode when neither the source nor the site sets one: fetched pages are
        someone else's work, so only an excerpt; local files are the editor's choice."""
        return "full" if self.kind == "local" else "excerpt"

    def private_origins(self) -> frozenset[tuple[str, int]]:
        """Return the (host, port) origins that may resolve to non-public addresses."""
        if not self.allow_private:
            return frozenset()
        origins = {origin_of(url) for url in self.locations}
        for entry in self.allow_hosts:
            match = HOST_PORT.match(entry)
            if match:
                origins.add((match["host"].strip("[]").lower(), int(match["port"])))
        return frozenset(origins)

    def wants(self, url: str) -> bool:
        """Return True when the URL passes the include and exclude patterns."""
        if self.include and not any(re.search(p, url) for p in self.include):
            return False
        return not any(re.search(p, url) for p in self.exclude)


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how defensively to fetch; tests shrink the delays."""

    contact: str  # project URL put in the User-Agent
    delay: float = 1.0  # seconds between two requests to one host
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    response_deadline: float = 60.0  # seconds for one whole response
    run_deadline: float = 1800.0  # seconds for the whole run
    max_bytes: int = 10_000_000  # per response, after decompression
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 2.0  # first retry waits this long, then doubles
    retry_after_cap: float = 60.0  # longer Retry-After defers the source
    workers: int = 4

    @property
    def user_agent(self) -> str:
        """Return the honest User-Agent sent with every request."""
        return f"newsdigest/{__version__} (+{self.contact})"


def origin_of(url: str) -> tuple[str, int]:
    """Return the (host, port) a URL connects to."""
    parts = urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    return ((parts.hostname or "").lower(), parts.port or default)


def _fail(file: str, key: str, expected: str) -> ConfigError:
    """Build the one-line config error every check raises."""
    return ConfigError(f"{file}: {key}: expected {expected}")


def _http_url(value: object, file: str, key: str) -> str:
    """Return the value when it is an absolute http(s) URL."""
    if isinstance(value, str):
        parts = urlsplit(value.strip())
        if parts.scheme in ("http", "https") and parts.hostname:
            return value.strip()
    raise _fail(file, key, f"an absolute http or https URL, got {value!r}")


def _strings(value: object, file: str, key: str) -> tuple[str, ...]:
    """Return a list of non-empty strings (a single string counts as one)."""
    items = [value] if isinstance(value, str) else value
    if isinstance(items, list) and all(isinstance(v, str) and v.strip() for v in items):
        return tuple(str(v).strip() for v in items)
    raise _fail(file, key, f"a list of non-empty strings, got {value!r}")


def _patterns(value: object, file: str, key: str) -> tuple[str, ...]:
    """Return regex patterns after checking that each one compiles."""
    patterns = _strings(value, file, key)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise _fail(file, key, f"a valid regular expression, {pattern!r}: {error}") from error
    return patterns


def _kind(entry: Mapping[str, object], file: str, key: str) -> tuple[SourceKind, tuple[str, ...]]:
    """Return the source's one kind and its URLs."""
    kinds = [k for k in SOURCE_KINDS if k in entry]
    if not kinds and entry.get("local") is True:
        return "local", ()
    if len(kinds) != 1:
        raise _fail(file, key, f"exactly one of {', '.join(SOURCE_KINDS)}, got {kinds or 'none'}")
    kind = kinds[0]
    if kind == "urls":
        urls = _strings(entry["urls"], file, f"{key}.urls")
        return kind, tuple(_http_url(u, file, f"{key}.urls[{i}]") for i, u in enumerate(urls))
    return kind, (_http_url(entry[kind], file, f"{key}.{kind}"),)


def _timezone(value: object, file: str, key: str) -> str:
    """Return an IANA zone name that zoneinfo knows."""
    if isinstance(value, str):
        try:
            ZoneInfo(value)
            return value
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise _fail(file, key, f"an IANA time zone such as 'Asia/Taipei', got {value!r}")


def _bool(value: object, file: str, key: str) -> bool:
    """Return the value when it is a YAML boolean."""
    if isinstance(value, bool):
        return value
    raise _fail(file, key, f"true or false, got {value!r}")


def _number(value: object, file: str, key: str, kind: type, minimum: float = 0) -> float:
    """Return a number of the given kind above minimum (or equal to it when minimum is 0)."""
    ok = isinstance(value, int) if kind is int else isinstance(value, int | float)
    if ok and not isinstance(value, bool):
        number = float(value)  # type: ignore[arg-type]
        if number > minimum or (minimum == 0 and number == 0 and key.endswith("retries")):
            return int(number) if kind is int else number
    noun = "integer" if kind is int else "number"
    raise _fail(
        file,
        key,
        f"a {'non-negative' if key.endswith('retries') else 'positive'} {noun}, got {value!r}",
    )


def _source(entry: object, file: str, key: str) -> SourceConfig:
    """Check one `sources:` entry and build its SourceConfig."""
    if not isinstance(entry, dict):
        raise _fail(file, key, "a mapping with name and one of feed, urls, sitemap, home")
    unknown = sorted(str(k) for k in entry if k not in SOURCE_KEYS)
    if unknown:
        raise _fail(file, f"{key}.{unknown[0]}", f"one of {', '.join(sorted(SOURCE_KEYS))}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(file, f"{key}.name", "a non-empty source name")
    kind, locations = _kind(entry, file, key)
    language = entry.get("language")
    if language is not None and not (isinstance(language, str) and language.strip()):
        raise _fail(file, f"{key}.language", f"a language code such as 'en', got {language!r}")
    hosts = _strings(entry.get("allow_hosts", []), file, f"{key}.allow_hosts")
    for i, host in enumerate(hosts):
        if not HOST_PORT.match(host):
            raise _fail(file, f"{key}.allow_hosts[{i}]", f"'host:port', got {host!r}")
    return SourceConfig(
        name=name.strip(),
        kind=kind,
        locations=locations,
        timezone=None
        if entry.get("timezone") is None
        else _timezone(entry["timezone"], file, f"{key}.timezone"),
        language=language.strip() if isinstance(language, str) else None,
        max_items=int(_number(entry.get("max_items", 30), file, f"{key}.max_items", int)),
        include=_patterns(entry.get("include", []), file, f"{key}.include"),
        exclude=_patterns(entry.get("exclude", []), file, f"{key}.exclude"),
        tags=_strings(entry.get("tags", []), file, f"{key}.tags"),
        full_page=_bool(entry.get("full_page", True), file, f"{key}.full_page"),
        allow_private=_bool(entry.get("allow_private", False), file, f"{key}.allow_private"),
        allow_hosts=hosts,
        publish=publish_value(entry.get("publish"), file, f"{key}.publish"),
    )


def publish_value(value: object, file: str, key: str) -> str | None:
    """Return a `publish` value (None when absent) after checking it is a known mode."""
    if value is None or value in PUBLISH_MODES:
        return None if value is None else str(value)
    raise _fail(file, key, f"one of {', '.join(PUBLISH_MODES)}, got {value!r}")


def parse_sources(data: object, file: str) -> tuple[SourceConfig, ...]:
    """Check the `sources:` list and return one SourceConfig per entry, in file order."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise _fail(file, "sources", "a list of sources")
    sources = tuple(_source(entry, file, f"sources[{i}]") for i, entry in enumerate(data))
    names = [s.name for s in sources]
    for i, name in enumerate(names):
        if name in names[:i]:
            raise _fail(file, f"sources[{i}].name", f"a unique name, {name!r} is used twice")
    return sources


SETTING_KEYS: dict[str, type] = {
    "delay": float,
    "connect_timeout": float,
    "read_timeout": float,
    "response_deadline": float,
    "run_deadline": float,
    "max_bytes": int,
    "max_redirects": int,
    "retries": int,
    "backoff": float,
    "retry_after_cap": float,
    "workers": int,
}


def parse_fetch_settings(data: object, file: str) -> FetchSettings:
    """Check the `fetch:` mapping and return the settings, defaults filled in."""
    if not isinstance(data, dict):
        raise _fail(file, "fetch", "a mapping with at least contact: <project URL>")
    unknown = sorted(str(k) for k in data if k != "contact" and k not in SETTING_KEYS)
    if unknown:
        raise _fail(file, f"fetch.{unknown[0]}", f"one of contact, {', '.join(SETTING_KEYS)}")
    values = {
        key: _number(data[key], file, f"fetch.{key}", kind)
        for key, kind in SETTING_KEYS.items()
        if key in data
    }
    contact = _http_url(data.get("contact"), file, "fetch.contact")
    return FetchSettings(contact=contact, **values)  # type: ignore[arg-type]


def parse_shard(text: str) -> tuple[int, int]:
    """Return (I, N) from an "I/N" --shard value with 1 <= I <= N."""
    match = SHARD.match(text)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise ConfigError(f"--shard: expected I/N with 1 <= I <= N, got {text!r}")
    return int(match[1]), int(match[2])


def shard_of(name: str, count: int) -> int:
    """Return the 1-based shard a source name belongs to, stable across runs and machines."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select_shard(
    sources: Sequence[SourceConfig], shard: tuple[int, int] | None
) -> tuple[SourceConfig, ...]:
    """Return the sources of shard I of N (all of them when shard is None)."""
    if shard is None:
        return tuple(sources)
    index, count = shard
    if not 1 <= index <= count:
        raise ConfigError(f"--shard: expected I/N with 1 <= I <= N, got {index}/{count}")
    return tuple(s for s in sources if shard_of(s.name, count) == index)


def select_source(sources: Sequence[SourceConfig], name: str | None) -> tuple[SourceConfig, ...]:
    """Return the source called name (all when name is None); an unknown name is a usage error."""
    if name is None:
        return tuple(sources)
    chosen = tuple(s for s in sources if s.name == name)
    if not chosen:
        known = ", ".join(s.name for s in sources) or "none configured"
        raise ConfigError(f"--source: no source named {name!r} (known: {known})")
    return chosen
