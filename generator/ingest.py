"""Ingest: read inputs, extract and analyse each one (a bad input is a Problem, not a crash)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from .analyse import AnalysisSettings, analyse
from .config import Config
from .errors import InputError, NewsdigestError
from .extract import ExtractContext, detect_kind, extract, repeated_lines
from .inputs import expand, read_input
from .model import Analysis, Article, Problem, RawInput

Outcome = tuple[str, Article, Analysis] | tuple[str, Problem]


def analysis_settings(config: Config, article: Article) -> AnalysisSettings:
    """Return the analysis settings for one article (its own source is never a tag)."""
    return config.analysis_for(article.source)


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
