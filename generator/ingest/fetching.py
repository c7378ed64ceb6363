"""The stages `newsdigest fetch` adds to the fetch stage: which sources to fetch, and what
happens to each page that arrives (ingested through the same path as `add`)."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from generator.config.load import Config
from generator.errors import ConfigError
from generator.extract import ExtractContext
from generator.fetch.sources import FetchSettings, SourceConfig, select_shard, select_source
from generator.ids import canonical_url
from generator.ingest.run import Keeper, ingest
from generator.model import RawInput


def fetch_plan(
    config: Config, source: str | None, shard: tuple[int, int] | None
) -> tuple[FetchSettings, tuple[SourceConfig, ...]]:
    """Return the fetch settings and the remote sources to fetch (by name, or a shard's)."""
    if config.fetch is None:
        raise ConfigError(
            f"{config.paths.config}: fetch.contact: required to fetch "
            "(the project URL put in the User-Agent)"
        )
    remote = tuple(s for s in config.sources if s.kind != "local")
    return config.fetch, select_shard(select_source(remote, source), shard)


class Arrivals:
    """Pages as they arrive: each ingested and kept, one at a time; URLs known to the store
    (and those stored during the run) are not fetched again."""

    def __init__(self, config: Config, keeper: Keeper, known_urls: Iterable[str]) -> None:
        self.config, self.keeper = config, keeper
        self.known = set(known_urls)
        self.lock = threading.Lock()

    def is_known(self, url: str) -> bool:
        """Return whether the store already holds the article at `url`."""
        return canonical_url(url) in self.known

    def accept(self, raw: RawInput) -> str:
        """Extract, analyse and store one fetched page; return the store's outcome."""
        with self.lock:  # one article at a time into the store and the cache
            outcome, article = ingest(raw, self.config, ExtractContext(), self.keeper)
            self.known.update(canonical_url(url) for url in (raw.url, article.url) if url)
        return outcome
