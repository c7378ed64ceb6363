"""Glue between `newsdigest fetch` and the fetch stage: each page that arrives is ingested
(extracted, analysed, stored, its analysis cached) through the same path as `add`."""

from __future__ import annotations

import sys
import threading

from generator.config.load import Config
from generator.errors import ConfigError
from generator.extract import ExtractContext
from generator.faults import ProblemLog
from generator.fetch.run import run_fetch
from generator.fetch.sources import select_shard, select_source
from generator.ids import canonical_url
from generator.ingest.run import Keeper, ingest
from generator.model import RawInput
from generator.store.articles import Store
from generator.store.cache import Cache
from generator.store.index import Loader


def run_fetch_command(config: Config, source: str | None, shard: tuple[int, int] | None) -> int:
    """Fetch the configured (non-local) sources into the store; return the exit status."""
    if config.fetch is None:
        raise ConfigError(
            f"{config.paths.config}: fetch.contact: required to fetch "
            "(the project URL put in the User-Agent)"
        )
    remote = tuple(s for s in config.sources if s.kind != "local")
    chosen = select_shard(select_source(remote, source), shard)
    store = Store(config.paths.store)
    known = set(store.known_urls())
    lock = threading.Lock()
    log = ProblemLog.under(config.paths.root)

    def is_known_url(url: str) -> bool:
        return canonical_url(url) in known

    with Cache(config.paths.cache) as cache:
        keeper = Keeper(store, Loader(config, cache))

        def accept(raw: RawInput) -> str:
            with lock:  # one article at a time into the store and the cache
                outcome, article = ingest(raw, config, ExtractContext(), keeper)
                known.update(canonical_url(url) for url in (raw.url, article.url) if url)
            return outcome

        report = run_fetch(
            chosen, config.fetch, config.paths.state, is_known_url, accept, sys.stderr, log=log
        )
    for problem in report.problems():
        print(problem.line(), file=sys.stderr)
    return report.exit_status
