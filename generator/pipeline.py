"""The pipeline as a short list of stage calls: read, extract, analyse, store; render, write."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from .analyse import AnalysisSettings, analyse
from .cache import Cache, code_digest
from .config import Config
from .errors import InputError, NewsdigestError
from .extract import ExtractContext, detect_kind, extract, repeated_lines
from .fetch import load_health
from .incremental import GENERATOR, Loader
from .inputs import expand, read_input
from .isolation import load_quarantine
from .model import Analysis, Article, Problem, RawInput
from .notes import apply_overrides, load_notes
from .render import GENERATED_FILES, GENERATED_FOLDERS, ArticleSource, plan_site
from .render.status import STATUS_PAGE, render_status_page
from .writer import Page, WriteReport, write_pages

Outcome = tuple[str, Article, Analysis] | tuple[str, Problem]


def analysis_settings(config: Config, article: Article) -> AnalysisSettings:
    """Return the analysis settings for one article (its own source is never a tag)."""
    names = tuple(n for n in (article.source,) if n)
    return dataclasses.replace(config.analysis,
                               source_names=config.analysis.source_names + names)


def with_source(raw: RawInput, config: Config, source: str | None) -> RawInput:
    """Attach a configured source's name, zone and language to a local input."""
    configured = config.source_named(source)
    if configured is None:
        return raw
    return dataclasses.replace(raw, source=configured.name, timezone=configured.timezone,
                               language=configured.language)


def read_all(names: Sequence[str], stdin: BinaryIO, url: str | None = None
             ) -> Iterator[RawInput | Problem]:
    """Read every named input, yielding a Problem in place of each unreadable one."""
    for name in expand(names):
        try:
            yield read_input(name, stdin, url)
        except InputError as error:
            yield Problem(name, str(error))


def boilerplate_by_folder(raws: Sequence[RawInput]) -> dict[str, frozenset[str]]:
    """Return, per folder, the lines repeated across its text dumps (page furniture)."""
    texts: dict[str, list[str]] = defaultdict(list)
    for raw in raws:
        try:
            if detect_kind(raw.content) == "text":
                texts[str(Path(raw.origin).parent)].append(
                    raw.content.decode("utf-8", errors="replace"))
        except InputError:
            continue
    return {folder: repeated_lines(group) for folder, group in texts.items()}


def process(raw: RawInput, config: Config, context: ExtractContext) -> tuple[Article, Analysis]:
    """Extract and analyse one input; raise InputError when it holds no article."""
    article = extract(raw, context)
    return article, analyse(article, analysis_settings(config, article))


def process_all(names: Sequence[str], config: Config, stdin: BinaryIO,
                url: str | None = None, source: str | None = None) -> list[Outcome]:
    """Process inputs in order; each yields ("ok", article, analysis) or ("error", problem)."""
    items = list(read_all(names, stdin, url))
    raws = [with_source(i, config, source) for i in items if isinstance(i, RawInput)]
    boilerplate = boilerplate_by_folder(raws)
    outcomes: list[Outcome] = []
    raw_iter = iter(raws)
    for item in items:
        if isinstance(item, Problem):
            outcomes.append(("error", item))
            continue
        raw = next(raw_iter)
        context = ExtractContext(
            boilerplate_lines=boilerplate.get(str(Path(raw.origin).parent), frozenset()),
            default_timezone=None)
        try:
            article, analysis = process(raw, config, context)
        except NewsdigestError as error:
            outcomes.append(("error", Problem(raw.origin, str(error))))
            continue
        outcomes.append(("ok", article, analysis))
    return outcomes


def plan_pages(config: Config, cache: Cache, excluded: frozenset[str] = frozenset()
               ) -> tuple[dict[str, Page], list[Problem]]:
    """Plan every generated page from the store through the cache (pages lazy where keyed).

    The cache (build/cache/) keeps analyses, a store index and the stamps of written pages,
    so an unchanged article is neither re-read, re-analysed nor re-rendered.
    """
    loader = Loader(config, cache)
    catalog = loader.catalog()
    entries = [e for e in catalog.entries if e.article.id not in excluded]
    notes = load_notes(config.paths.docs, GENERATED_FOLDERS + GENERATED_FILES, entries)
    articles = ArticleSource(catalog.keys, loader.full, code_digest((GENERATOR,)))
    pages = plan_site(apply_overrides(entries, notes), config.site, notes, articles)
    pages[STATUS_PAGE] = render_status_page(load_health(config.paths.state))
    return pages, [*catalog.problems, *notes.problems]


def render_pages(config: Config, excluded: frozenset[str] = frozenset()
                 ) -> tuple[dict[str, str], list[Problem]]:
    """Render every generated page from the store, leaving out the `excluded` article ids."""
    with Cache(config.paths.cache) as cache:
        planned, problems = plan_pages(config, cache, excluded)
        pages = {path: page if isinstance(page, str) else page.render()
                 for path, page in planned.items()}
    return pages, problems


def publish_pages(config: Config, pages: Mapping[str, Page]) -> WriteReport:
    """Write pages into docs/ through the one writer; the cache keeps their stamps."""
    with Cache(config.paths.cache) as cache:
        return _write(config, cache, pages)


def _write(config: Config, cache: Cache, pages: Mapping[str, Page]) -> WriteReport:
    previous = cache.stamps()
    report = write_pages(config.paths.docs, pages, GENERATED_FOLDERS, GENERATED_FILES,
                         previous)
    if report.stamps != previous:
        cache.put_stamps(report.stamps)
    return report


def generate(config: Config) -> tuple[WriteReport, list[Problem]]:
    """Render docs/ from the store (minus quarantined build-killers) and write it."""
    excluded = frozenset(load_quarantine(config.paths.state))
    with Cache(config.paths.cache) as cache:
        pages, problems = plan_pages(config, cache, excluded)
        report = _write(config, cache, pages)
    return report, problems + list(report.problems)
