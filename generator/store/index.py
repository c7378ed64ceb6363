"""Read the store through the cache: light entries for listings, full ones only when rendered.

A run stats every record file; a record whose stat, content digest and analysis key match
the cache's store index is not read at all: its listing fields (title, source, time, summary
sentences, tags) come from the index. Article pages are planned as lazy pages keyed by their
inputs, so only pages whose inputs changed load the full article and analysis (one at a time:
the store is streamed, never held whole in memory). Analyses are cached by the record's
digest, the analyser's code and version, and the analysis settings.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from generator.analyse import ANALYSER_VERSION, AnalysisSettings, analyse
from generator.config.load import Config
from generator.errors import ArticleFailure, InputError, NewsdigestError
from generator.model import Analysis, Article, Entry, Problem, Published, Sentence
from generator.placement import make_entry
from generator.store.articles import Store
from generator.store.cache import Cache, RecordRow, code_digest, key_of

GENERATOR = Path(__file__).resolve().parents[1]
ANALYSER_CODE = (GENERATOR / "analyse", GENERATOR / "data")
PLACEMENT_CODE = ("slugs.py", "placement.py")  # page paths, days and sort keys


def settings_key(settings: AnalysisSettings) -> str:
    """Return a canonical digest of analysis settings (sets and mappings sorted)."""
    parts: dict[str, Any] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        if isinstance(value, frozenset | set):
            value = sorted(value)
        elif isinstance(value, Mapping):
            value = sorted(value.items())
        parts[f.name] = value
    return key_of(parts)


# The light row's layout: a change in the model's fields re-reads every record once (as does
# a new ROW_RULES: rows since then hold articles as the site shows them, shown_article).
ROW_RULES = "shown-times-1"
LIGHT_LAYOUT = hashlib.sha256(
    repr(
        [
            ROW_RULES,
            *(
                [f.name for f in fields(cls)]
                for cls in (Article, Published, Sentence, Analysis, Entry)
            ),
        ]
    ).encode("utf-8")
).hexdigest()[:16]
_PUBLISHED = [f.name for f in fields(Article)].index("published")
_TEXT = [f.name for f in fields(Article)].index("text")


def light_row(article: Article, analysis: Analysis, timezone: str) -> bytes:
    """Return what listings need of an article: all but its text, summary sentences, tags,
    and where the site shows it (page, day, sort key) in the newsroom's `timezone`.

    A marshal blob of plain tuples and strings: loading it runs no code, and it loads several
    times faster than JSON (it is read for every article of every run).
    """
    entry = make_entry(article, analysis, timezone)
    article = entry.article  # as the site shows it (times it cannot show left out)
    values = [getattr(article, f.name) for f in fields(Article)]
    values[_TEXT] = ""
    published = article.published
    values[_PUBLISHED] = (
        None if published is None else tuple(getattr(published, f.name) for f in fields(Published))
    )
    summary = tuple(
        tuple(getattr(s, f.name) for f in fields(Sentence)) for s in analysis.summary_sentences()
    )
    placed = (placement_key(timezone), entry.page, entry.day, entry.sort_key)
    tags = (analysis.tags, analysis.more_tags, analysis.phrase_tags)
    return marshal.dumps((LIGHT_LAYOUT, tuple(values), summary, tags, analysis.version, placed))


def light_entry(light: bytes, timezone: str) -> tuple[Entry, bool]:
    """Rebuild a light entry from light_row's blob, and whether its placement is current
    (made with this zone and code). Raise ValueError for another layout or a damaged blob."""
    try:
        layout, values, summary, tags, version, placed = marshal.loads(light)
        if layout != LIGHT_LAYOUT:
            raise ValueError("light row of another layout")
        values = list(values)
        if values[_PUBLISHED] is not None:
            values[_PUBLISHED] = Published(*values[_PUBLISHED])
        article = Article(*values)
        sentences = tuple(Sentence(*s) for s in summary)
        shown, more, phrases = tags
        analysis = Analysis(
            sentences,
            tuple(range(len(sentences))),
            shown,
            (),
            version,
            more_tags=more,
            phrase_tags=phrases,
        )
        made_with, page, day, sort_key = placed
    except (EOFError, TypeError) as error:
        raise ValueError(f"damaged light row ({error})") from error
    if made_with != placement_key(timezone):
        return make_entry(article, analysis, timezone), False
    return Entry(article, analysis, page, day, sort_key, zone=timezone), True


def placed_row(entry: Entry, light: bytes, timezone: str) -> bytes:
    """Return the light blob with the entry's placement made now (zone or rules changed)."""
    fields_ = list(marshal.loads(light))
    fields_[-1] = (placement_key(timezone), entry.page, entry.day, entry.sort_key)
    return marshal.dumps(tuple(fields_))


def record_digest(data: bytes) -> str:
    """Return the digest of a store record's bytes (part of its analysis key)."""
    return hashlib.sha256(data).hexdigest()


@functools.cache
def placement_key(timezone: str) -> str:
    """Return what an article's page, day and sort key depend on besides the article: the
    zone and the code that computes them (so a changed rule re-places every article)."""
    code = [(GENERATOR / name).read_bytes() for name in PLACEMENT_CODE]
    return hashlib.sha256(repr((timezone, code)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Catalog:
    """Every readable stored article as a light entry, with each one's content key."""

    entries: tuple[Entry, ...]
    keys: Mapping[str, str]  # id -> the analysis key (it digests the record's bytes too)
    problems: tuple[Problem, ...]


class Loader:
    """The store seen through the cache, for one run."""

    def __init__(self, config: Config, cache: Cache) -> None:
        self.config, self.cache = config, cache
        self.store = Store(config.paths.store)
        self.fingerprint = code_digest(ANALYSER_CODE, ANALYSER_VERSION)
        self.settings_keys: dict[str | None, str] = {}
        self.analysis_keys: dict[str, str] = {}

    def analysis_key(self, sha: str, source: str | None) -> str:
        """Return the cache key of an analysis: record digest, analyser code, settings."""
        if source not in self.settings_keys:
            self.settings_keys[source] = settings_key(self.config.analysis_for(source))
        # Plain concatenation, not key_of: this runs for every record of every run.
        parts = f"{self.fingerprint}\0{sha}\0{self.settings_keys[source]}"
        return hashlib.sha256(parts.encode("utf-8")).hexdigest()

    def analysed(self, article: Article, key: str) -> Analysis:
        """Return the cached analysis under `key`, analysing (and caching) on a miss."""
        cached = self.cache.analysis(key)
        if cached is not None:
            return cached
        analysis = analyse(article, self.config.analysis_for(article.source))
        self.cache.put_analysis(key, analysis)
        return analysis

    def remember(self, article: Article, analysis: Analysis) -> None:
        """Cache the analysis an ingest made of a stored article, so generate need not redo it.

        Kept only when the stored record reads back as the same article (it always should).
        """
        path = self.store.path_for(article.id)
        try:
            data = path.read_bytes()
        except OSError:
            return
        if self.store.load_bytes(path, data) != article:
            return
        sha = record_digest(data)
        self.cache.put_analysis(self.analysis_key(sha, article.source), analysis)

    def catalog(self, excluded: frozenset[str] = frozenset()) -> Catalog:
        """Return the light entries of the store but `excluded` ids, reading only changed
        records; raise ArticleFailure when one cannot be analysed or placed (a bug)."""
        rows, fresh = self.cache.records(), []
        entries, keys, problems = [], {}, []
        failed: dict[str, Exception] = {}
        for article_id, record in (records := self.store.records()):
            if article_id in excluded:
                continue
            try:
                row, entry = self._row(article_id, record, rows.get(article_id))
            except NewsdigestError as error:
                problems.append(Problem(article_id, str(error)))
                continue
            except Exception as error:  # after the scan, so every such record is named at once
                failed[article_id] = error
                continue
            entries.append(entry)
            if row is not rows.get(article_id):
                fresh.append(row)
            keys[article_id] = row.analysis_key  # digests the record and analysis
            self.analysis_keys[article_id] = row.analysis_key
        self.cache.put_records(fresh, [i for i, _ in records])
        if failed:
            raise ArticleFailure(failed)
        self.cache.prune_analyses(self.analysis_keys.values())
        return Catalog(tuple(entries), keys, tuple(problems))

    def _row(
        self, article_id: str, record: os.DirEntry[str], row: RecordRow | None
    ) -> tuple[RecordRow, Entry]:
        """Return the index row of a record and its light entry, re-reading the record only
        when its stat changed and re-analysing it only when its bytes did."""
        try:
            info = record.stat()
        except OSError as error:
            raise InputError(f"{record.path}: unreadable store record ({error})") from error
        if (
            row is not None
            and (row.size, row.mtime_ns) == (info.st_size, info.st_mtime_ns)
            and (found := self._reuse(row)) is not None
        ):
            return found
        path = Path(record.path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"{path}: unreadable store record ({error})") from error
        sha = record_digest(data)
        if row is not None and row.sha == sha:  # same bytes, new stat (e.g. a fresh checkout)
            found = self._reuse(replace(row, size=info.st_size, mtime_ns=info.st_mtime_ns))
            if found is not None:
                return found
        article = self.store.load_bytes(path, data)
        key = self.analysis_key(sha, article.source)
        light = light_row(article, self.analysed(article, key), self.config.site.timezone)
        entry, _ = light_entry(light, self.config.site.timezone)
        return RecordRow(article_id, info.st_size, info.st_mtime_ns, sha, key, light), entry

    def _reuse(self, row: RecordRow) -> tuple[RecordRow, Entry] | None:
        """Return a row (re-placed if need be) and its entry when its light fields are
        current; None when the record must be read again (old layout, damaged, new key)."""
        timezone = self.config.site.timezone
        try:
            entry, placed = light_entry(row.light, timezone)
        except ValueError:
            return None
        if row.analysis_key != self.analysis_key(row.sha, entry.article.source):
            return None
        return (
            row if placed else replace(row, light=placed_row(entry, row.light, timezone)),
            entry,
        )

    def full(self, light: Entry) -> Entry:
        """Return the full entry behind a light one (editors' changes, related, story kept)."""
        article = self.store.get(light.article.id)
        if article is None:
            raise InputError(f"{light.article.id}: no longer in the store")
        # The site's tags were chosen over the whole store (render.tagplan): keep them.
        analysis = replace(self.analysed(article, self.analysis_keys[article.id]), tags=light.tags)
        entry = make_entry(article, analysis, self.config.site.timezone)
        if light.editor is not None:
            entry = entry.overridden(light.editor)
        return replace(entry, related=light.related, story_why=light.story_why, story=light.story)
