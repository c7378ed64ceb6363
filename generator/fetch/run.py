"""Run a fetch: list each source's items, fetch the new ones, hand them to the store.

Sources run on a small thread pool; the per-host gate keeps one request at a time per
host. A failing source is reported and skipped; nothing is ever deleted (accept only adds).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from generator.errors import FetchDeferred, FetchError
from generator.faults import ProblemLog
from generator.fetch.feeds import discover_feed, parse_feed
from generator.fetch.gate import HostGate
from generator.fetch.health import load_health, save_health, update_health
from generator.fetch.http import Response, SafeClient, Target
from generator.fetch.report import FetchReport, SourceReport
from generator.fetch.sitemaps import newest_first, parse_sitemap
from generator.fetch.sources import FetchSettings, SourceConfig
from generator.fetch.state import (
    VALIDATORS_FILE,
    Validators,
    conditional_headers,
    load_validators,
    validators_from,
    write_json_atomic,
)
from generator.model import FeedEntry, RawInput

MAX_CHILD_SITEMAPS = 5
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """Return the current time in UTC (the default clock; tests inject their own)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Item:
    """One article a source lists, with what its feed or sitemap said about it."""

    url: str
    entry: FeedEntry | None = None
    text: str | None = None  # feed content as plain text


@dataclass(frozen=True)
class Listing:
    """A source's items this run and the validators to remember for its feed or sitemap."""

    items: tuple[Item, ...] = ()
    validators: Validators = field(default_factory=dict)
    not_modified: bool = False


@dataclass
class Run:
    """Everything one fetch run shares between its worker threads."""

    client: SafeClient
    validators: Validators
    is_known_url: Callable[[str], bool]
    accept: Callable[[RawInput], str]
    clock: Clock
    progress: TextIO | None
    log: ProblemLog
    store_lock: threading.Lock = field(default_factory=threading.Lock)
    output_lock: threading.Lock = field(default_factory=threading.Lock)

    def known(self, url: str) -> bool:
        """Ask the store whether it holds the URL (one caller at a time)."""
        with self.store_lock:
            return self.is_known_url(url)

    def store(self, raw: RawInput) -> str:
        """Hand one input to the store (one caller at a time)."""
        with self.store_lock:
            return self.accept(raw)

    def say(self, line: str, per_item: bool) -> None:
        """Write a progress line: per item on a terminal, per source otherwise."""
        if self.progress is None or per_item != self.progress.isatty():
            return
        with self.output_lock:
            self.progress.write(line + "\n")
            self.progress.flush()


def _get_document(run: Run, source: SourceConfig, url: str) -> tuple[Response, Validators]:
    """Fetch a feed or sitemap conditionally; return the response and validators to keep."""
    response = run.client.get(
        Target(url, source.private_origins()), conditional_headers(run.validators, url)
    )
    fresh = validators_from(response.headers) if response.status == 200 else {}
    return response, ({url: fresh} if fresh else {})


def _list_feed(run: Run, source: SourceConfig, url: str) -> Listing:
    """List a feed's items, or nothing when it answered 304 Not Modified."""
    response, validators = _get_document(run, source, url)
    if response.status == 304:
        return Listing(not_modified=True)
    items = parse_feed(response.content, response.content_type, response.url)
    return Listing(tuple(Item(i.url, i.entry, i.text) for i in items), validators)


def _list_sitemap(run: Run, source: SourceConfig) -> Listing:
    """List a sitemap's pages, reading a few child sitemaps of a sitemap index."""
    response, validators = _get_document(run, source, source.locations[0])
    if response.status == 304:
        return Listing(not_modified=True)
    sitemap = parse_sitemap(response.content, response.url)
    pages = list(sitemap.pages)
    for child in sitemap.children[:MAX_CHILD_SITEMAPS]:
        answer = run.client.get(Target(child, source.private_origins()))
        pages.extend(parse_sitemap(answer.content, answer.url).pages)
    return Listing(tuple(Item(p.url, p.entry) for p in newest_first(pages)), validators)


def _list_items(run: Run, source: SourceConfig) -> Listing:
    """List the source's candidate items, by kind."""
    if source.kind == "urls":
        return Listing(tuple(Item(url) for url in source.locations))
    if source.kind == "sitemap":
        return _list_sitemap(run, source)
    if source.kind == "home":
        home = run.client.get(Target(source.locations[0], source.private_origins()))
        return _list_feed(run, source, discover_feed(home.content, home.url))
    return _list_feed(run, source, source.locations[0])


def _choose(source: SourceConfig, items: Sequence[Item]) -> tuple[Item, ...]:
    """Keep wanted items, first of each URL, at most max_items."""
    chosen: dict[str, Item] = {}
    for item in items:
        if source.wants(item.url) and item.url not in chosen:
            chosen[item.url] = item
    return tuple(chosen.values())[: source.max_items]


def _entry(source: SourceConfig, item: Item) -> FeedEntry | None:
    """Return the item's feed metadata with the source's default tags added."""
    entry = item.entry or (FeedEntry(url=item.url) if source.tags else None)
    if entry is None:
        return None
    tags = tuple(dict.fromkeys((*entry.tags, *source.tags)))
    return replace(entry, tags=tags)


def _feed_record(source: SourceConfig, item: Item, entry: FeedEntry, text: str) -> bytes:
    """Return the JSON record the extractor reads when the feed's own content is used."""
    record = {
        "title": entry.title,
        "text": text,
        "url": item.url,
        "published": entry.published,
        "authors": list(entry.authors),
        "source": source.name,
    }
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def _raw_input(run: Run, source: SourceConfig, item: Item) -> RawInput:
    """Build the RawInput for one item, fetching its page unless the feed content is used."""
    entry = _entry(source, item)
    base = RawInput(
        origin=item.url,
        content=b"",
        url=item.url,
        fetched_at=run.clock().isoformat(timespec="seconds"),
        source=source.name,
        timezone=source.timezone,
        language=source.language,
        feed_entry=entry,
    )
    if not source.full_page and item.text and entry is not None:
        # The feed's text stands in for the page; items without text still fetch the page.
        return replace(
            base,
            content=_feed_record(source, item, entry, item.text),
            content_type="application/json",
        )
    response = run.client.get(Target(item.url, source.private_origins()))
    if response.status != 200:
        raise FetchError(f"{item.url}: HTTP {response.status}")
    return replace(
        base,
        origin=response.url,
        content=response.content,
        url=response.url,
        content_type=response.content_type,
    )


def _process(run: Run, source: SourceConfig, item: Item) -> str:
    """Fetch and store one item; return "new" or "unchanged"."""
    if run.known(item.url):
        return "unchanged"
    if run.client.gate.remaining() <= 0:
        raise FetchDeferred("run deadline reached")
    return "new" if run.store(_raw_input(run, source, item)) == "new" else "unchanged"


def fetch_source(run: Run, source: SourceConfig) -> tuple[SourceReport, Validators]:
    """Fetch one source; failures become its report, never an exception for the run."""
    try:
        return _fetch_source(run, source)
    except Exception as error:  # a bug outside any one item: still only this source's
        return SourceReport(source.name, error=run.log.problem(source.name, error).reason), {}


def _fetch_source(run: Run, source: SourceConfig) -> tuple[SourceReport, Validators]:
    """Fetch one source's listing and each of its new items."""
    try:
        listing = _list_items(run, source)
    except FetchDeferred as error:
        return SourceReport(source.name, deferred=str(error)), {}
    except Exception as error:  # a source's failure is that source's problem
        return SourceReport(source.name, error=run.log.problem(source.name, error).reason), {}
    report = SourceReport(source.name, not_modified=listing.not_modified)
    for item in _choose(source, listing.items):
        try:
            status = _process(run, source, item)
        except FetchDeferred as error:
            report = replace(report, deferred=str(error))
            break
        except Exception as error:  # the per-input boundary catches everything
            status = "failed"
            report = replace(report, failures=(*report.failures, run.log.problem(item.url, error)))
        if status != "failed":
            report = replace(report, **{status: getattr(report, status) + 1})
        run.say(f"{source.name}: {status} {item.url}", per_item=True)
    run.say(report.line(), per_item=False)
    keep = not report.failed and not report.deferred
    return report, (listing.validators if keep else {})


def run_fetch(  # noqa: PLR0917 - the positional order is the CLI contract
    sources: Sequence[SourceConfig],
    settings: FetchSettings,
    state_dir: Path,
    is_known_url: Callable[[str], bool],
    accept: Callable[[RawInput], str],
    progress: TextIO | None = None,
    *,
    clock: Clock = utc_now,
    log: ProblemLog | None = None,
) -> FetchReport:
    """Fetch every source into the store via accept; remember validators and health.

    The state is saved whatever happens to the run (a failing source or article, an
    interrupt): what finished is remembered, so the next run does not redo it.
    """
    validators = load_validators(state_dir)
    health = load_health(state_dir)
    gate = HostGate(time.monotonic() + settings.run_deadline)
    run = Run(
        SafeClient(settings, gate),
        validators,
        is_known_url,
        accept,
        clock,
        progress,
        log or ProblemLog.under(state_dir.parent.parent),
    )
    results: list[tuple[SourceReport, Validators]] = []
    pool = ThreadPoolExecutor(max_workers=settings.workers)
    try:
        futures = [pool.submit(fetch_source, run, source) for source in sources]
        results.extend(future.result() for future in futures)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        report = FetchReport(tuple(source_report for source_report, _ in results))
        for _, fresh in results:
            validators.update(fresh)
        write_json_atomic(state_dir / VALIDATORS_FILE, validators)
        save_health(state_dir, update_health(health, report, clock().isoformat(timespec="seconds")))
    return report
