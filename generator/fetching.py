"""Glue between `newsdigest fetch` and the fetch stage: extract and store what arrives."""

from __future__ import annotations

import dataclasses
import sys
import threading

from .config import Config
from .errors import ConfigError
from .extract import ExtractContext, extract
from .fetch.run import run_fetch
from .fetch.sources import select_shard, select_source
from .ids import canonical_url
from .model import RawInput
from .store import Store


def run_fetch_command(config: Config, source: str | None, shard: tuple[int, int] | None) -> int:
    """Fetch the configured (non-local) sources into the store; return the exit status."""
    if config.fetch is None:
        raise ConfigError(f"{config.paths.config}: fetch.contact: required to fetch "
                          "(the project URL put in the User-Agent)")
    remote = tuple(s for s in config.sources if s.kind != "local")
    chosen = select_shard(select_source(remote, source), shard)
    store = Store(config.paths.store)
    known = set(store.known_urls())
    lock = threading.Lock()

    def is_known_url(url: str) -> bool:
        return canonical_url(url) in known

    def accept(raw: RawInput) -> str:
        article = extract(raw, ExtractContext())
        configured = config.source_named(raw.source)
        if configured and configured.tags and not article.feed_tags:
            article = dataclasses.replace(article, feed_tags=configured.tags)
        with lock:
            outcome = store.add(article)
            if article.url:
                known.add(canonical_url(article.url))
        return outcome

    report = run_fetch(chosen, config.fetch, config.paths.state, is_known_url, accept,
                       sys.stderr)
    for problem in report.problems():
        print(problem.line(), file=sys.stderr)
    return report.exit_status
