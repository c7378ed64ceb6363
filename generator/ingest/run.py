"""Ingest: read each input, extract, analyse and store it, one input at a time.

One path for every article that reaches the store, whether a local file (`add`) or a fetched
page (`fetch`): source settings, furniture lines, source tags, the store and the analysis
cache. Inputs are streamed: nothing holds the list of all inputs' bytes or articles, so each
article is stored as soon as it is done (a killed run keeps every finished one) and memory
stays flat in the number of inputs. Any failure of one input is that input's Problem.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from generator.analyse import AnalysisSettings, analyse
from generator.config.load import Config
from generator.errors import InputError
from generator.extract import ExtractContext, detect_kind, extract
from generator.extract.text import clean_line
from generator.faults import ProblemLog, guarded
from generator.ingest.inputs import expand, read_input
from generator.model import Analysis, Article, Problem, RawInput
from generator.store.articles import AddOutcome, Store
from generator.store.index import Loader

# extract.repeated_lines's thresholds: a furniture line is in at least this many text dumps
# of a folder and in at least this share of them.
FURNITURE_MIN_COUNT = 3
FURNITURE_MIN_SHARE = 0.5


@dataclass(frozen=True)
class Done:
    """One input extracted and analysed."""

    origin: str
    article: Article
    analysis: Analysis


Outcome = Done | Problem


def analysis_settings(config: Config, article: Article) -> AnalysisSettings:
    """Return the analysis settings for one article (its own source is never a tag)."""
    return config.analysis_for(article.source)


def with_source(raw: RawInput, config: Config, source: str | None) -> RawInput:
    """Attach a configured source's name, zone and language to a local input."""
    configured = config.source_named(source)
    if configured is None:
        return raw
    return dataclasses.replace(
        raw, source=configured.name, timezone=configured.timezone, language=configured.language
    )


def with_source_tags(article: Article, config: Config) -> Article:
    """Give an article its configured source's tags when the feed or page gave none."""
    configured = config.source_named(article.source)
    if configured and configured.tags and not article.feed_tags:
        return dataclasses.replace(article, feed_tags=configured.tags)
    return article


class Inputs:
    """Named inputs read one at a time (stdin, read once, is kept for a second pass)."""

    def __init__(self, names: Sequence[str], stdin: BinaryIO, url: str | None = None) -> None:
        self.names = list(expand(names))
        self.stdin, self.url = stdin, url
        self._stdin_raw: RawInput | None = None

    def read(self, name: str) -> RawInput:
        """Read one input; raise InputError naming what is wrong."""
        if name != "-":
            return read_input(name, self.stdin, self.url)
        if self._stdin_raw is None:
            self._stdin_raw = read_input(name, self.stdin, self.url)
        return self._stdin_raw

    def folder(self, name: str) -> str:
        """Return the folder whose dumps share furniture lines with this input."""
        return str(Path("<stdin>" if name == "-" else name).parent)


def boilerplate_by_folder(inputs: Inputs) -> dict[str, frozenset[str]]:
    """Return, per folder, the lines repeated across its text dumps (page furniture).

    Streams the inputs, counting each cleaned line once per dump (as extract.repeated_lines
    does): memory grows with the distinct lines of text dumps, not with the inputs' bytes.
    Folders with fewer dumps than the threshold are not read at all.
    """
    per_folder = Counter(inputs.folder(n) for n in inputs.names)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    dumps: Counter[str] = Counter()
    for name in inputs.names:
        folder = inputs.folder(name)
        if per_folder[folder] < FURNITURE_MIN_COUNT:
            continue
        try:
            raw = inputs.read(name)
            if detect_kind(raw.content) != "text":
                continue
        except InputError:
            continue
        text = raw.content.decode("utf-8", errors="replace")
        counts[folder].update({line for part in text.split("\n") if (line := clean_line(part))})
        dumps[folder] += 1
    return {folder: repeated(counts[folder], dumps[folder]) for folder in sorted(dumps)}


def repeated(counts: Counter[str], dumps: int) -> frozenset[str]:
    """Return the lines of `counts` (dumps per line) that are furniture among `dumps` dumps."""
    if dumps < FURNITURE_MIN_COUNT:
        return frozenset()
    needed = max(FURNITURE_MIN_COUNT, math.ceil(FURNITURE_MIN_SHARE * dumps))
    return frozenset(line for line, count in counts.items() if count >= needed)


def process(raw: RawInput, config: Config, context: ExtractContext) -> tuple[Article, Analysis]:
    """Extract and analyse one input; raise InputError when it holds no article."""
    article = with_source_tags(extract(raw, context), config)
    return article, analyse(article, analysis_settings(config, article))


def process_inputs(
    inputs: Inputs, config: Config, log: ProblemLog, source: str | None = None
) -> Iterator[Outcome]:
    """Yield each input's outcome in order, as soon as it is done: Done or its Problem."""
    boilerplate = boilerplate_by_folder(inputs)
    for name in inputs.names:
        context = ExtractContext(
            boilerplate_lines=boilerplate.get(inputs.folder(name), frozenset())
        )

        def one(name: str = name, context: ExtractContext = context) -> Done:
            raw = with_source(inputs.read(name), config, source)
            return Done(raw.origin, *process(raw, config, context))

        yield guarded("<stdin>" if name == "-" else name, log, one)


@dataclass(frozen=True)
class Keeper:
    """Where ingested articles go: the store, and their analyses into the cache."""

    store: Store
    loader: Loader | None = None  # remembers analyses, so generate need not redo them

    def keep(self, done: Done) -> AddOutcome:
        """Store one article at once (never overwriting a record) and cache its analysis."""
        added = self.store.add(done.article)
        if added == "new" and self.loader is not None:
            self.loader.remember(done.article, done.analysis)
        return added

    def keep_all(
        self, outcomes: Iterable[Outcome], log: ProblemLog
    ) -> Iterator[AddOutcome | Problem]:
        """Keep each done input as it comes, in order; a failure to keep it is its Problem."""
        for outcome in outcomes:
            if isinstance(outcome, Problem):
                yield outcome
            else:
                yield guarded(outcome.origin, log, partial(self.keep, outcome))


def ingest(
    raw: RawInput, config: Config, context: ExtractContext, keeper: Keeper
) -> tuple[AddOutcome, Article]:
    """Extract, analyse and store one input (a fetched page); raise on failure."""
    done = Done(raw.origin, *process(raw, config, context))
    return keeper.keep(done), done.article


def process_all(
    names: Sequence[str],
    config: Config,
    stdin: BinaryIO,
    url: str | None = None,
    source: str | None = None,
) -> list[tuple[str, Article, Analysis] | tuple[str, Problem]]:
    """Return every input's ("ok", article, analysis) or ("error", problem), in order.

    For tools over small sets (it holds every article); commands stream process_inputs.
    """
    log = ProblemLog.under(Path("."))
    return [
        ("error", o) if isinstance(o, Problem) else ("ok", o.article, o.analysis)
        for o in process_inputs(Inputs(names, stdin, url), config, log, source)
    ]
