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
import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from .analyse import ANALYSER_VERSION, AnalysisSettings, analyse
from .cache import Cache, RecordRow, code_digest, key_of
from .config import Config
from .errors import InputError, NewsdigestError
from .model import Analysis, Article, Problem, Sentence
from .notes.overrides import overridden
from .render.context import Entry, make_entry
from .store import Store, article_from_record, article_to_record

GENERATOR = Path(__file__).resolve().parent
ANALYSER_CODE = (GENERATOR / "analyse", GENERATOR / "data")
PLACEMENT_CODE = ("slugs.py", "render/context.py")  # page paths, days and sort keys


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


def light_json(article: Article, analysis: Analysis, timezone: str) -> str:
    """Return what listings need of an article: all but its text, summary sentences, tags,
    and where the site shows it (page, day, sort key) in the newsroom's `timezone`."""
    record = article_to_record(replace(article, text=""))["article"]
    summary = [asdict(s) for s in analysis.summary_sentences()]
    placed = placement(make_entry(article, analysis, timezone), timezone)
    return json.dumps({"article": record, "summary": summary, "tags": list(analysis.tags),
                       "version": analysis.version, "placed": placed},
                      ensure_ascii=False, sort_keys=True)


def placement(entry: Entry, timezone: str) -> dict[str, str | None]:
    """Return where the site shows an entry, as kept in its light row."""
    return {"made_with": placement_key(timezone), "page": entry.page, "day": entry.day,
            "sort_key": entry.sort_key}


@functools.cache
def placement_key(timezone: str) -> str:
    """Return what an article's page, day and sort key depend on besides the article: the
    zone and the code that computes them (so a changed rule re-places every article)."""
    code = [(GENERATOR / name).read_bytes() for name in PLACEMENT_CODE]
    return hashlib.sha256(repr((timezone, code)).encode("utf-8")).hexdigest()


def light_entry(data: Mapping[str, Any], timezone: str, origin: str) -> Entry:
    """Rebuild a light entry (parsed light_json): the article without text, its summary."""
    article = article_from_record({"article": data["article"]}, origin)
    summary = tuple(Sentence(**s) for s in data["summary"])
    analysis = Analysis(sentences=summary, summary=tuple(range(len(summary))),
                        tags=tuple(data["tags"]), facts=(), version=data["version"])
    placed = data.get("placed") or {}
    if placed.get("made_with") != placement_key(timezone):
        return make_entry(article, analysis, timezone)
    return Entry(article=article, analysis=analysis, page=placed["page"], day=placed["day"],
                 sort_key=placed["sort_key"])


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
        sha = key_of(data.decode("utf-8", errors="replace"))
        self.cache.put_analysis(self.analysis_key(sha, article.source), analysis)

    def catalog(self) -> Catalog:
        """Return the light entries of the whole store, reading only changed records."""
        rows, fresh = self.cache.records(), []
        entries, keys, problems = [], {}, []
        records, timezone = self.store.records(), self.config.site.timezone
        for article_id, record in records:
            try:
                row, light = self._row(article_id, record, rows.get(article_id))
                entry = light_entry(light, timezone, article_id)
                if light.get("placed") != placement(entry, timezone):  # zone or rules changed
                    light["placed"] = placement(entry, timezone)
                    row = replace(row, light=json.dumps(light, ensure_ascii=False,
                                                        sort_keys=True))
                entries.append(entry)
            except NewsdigestError as error:
                problems.append(Problem(article_id, str(error)))
                continue
            if row is not rows.get(article_id):
                fresh.append(row)
            keys[article_id] = row.analysis_key  # digests the record and analysis
            self.analysis_keys[article_id] = row.analysis_key
        self.cache.put_records(fresh, [i for i, _ in records])
        self.cache.prune_analyses(self.analysis_keys.values())
        return Catalog(tuple(entries), keys, tuple(problems))

    def _row(self, article_id: str, record: os.DirEntry[str], row: RecordRow | None
             ) -> tuple[RecordRow, dict[str, Any]]:
        """Return the index row of a record and its parsed listing fields, re-reading the
        record only when its stat changed and re-analysing it only when its bytes did."""
        try:
            info = record.stat()
        except OSError as error:
            raise InputError(f"{record.path}: unreadable store record ({error})") from error
        if row is not None and (row.size, row.mtime_ns) == (info.st_size, info.st_mtime_ns):
            light = json.loads(row.light)
            if row.analysis_key == self.analysis_key(row.sha, light["article"].get("source")):
                return row, light
        path = Path(record.path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"{path}: unreadable store record ({error})") from error
        sha = key_of(data.decode("utf-8", errors="replace"))
        if row is not None and row.sha == sha:  # same bytes, new stat (e.g. a fresh checkout)
            light = json.loads(row.light)
            if row.analysis_key == self.analysis_key(sha, light["article"].get("source")):
                return replace(row, size=info.st_size, mtime_ns=info.st_mtime_ns), light
        article = self.store.load_bytes(path, data)
        key = self.analysis_key(sha, article.source)
        analysis = self.analysed(article, key)
        text = light_json(article, analysis, self.config.site.timezone)
        return (RecordRow(article_id, info.st_size, info.st_mtime_ns, sha, key, text),
                json.loads(text))

    def full(self, light: Entry) -> Entry:
        """Return the full entry behind a light one (editors' changes and related kept)."""
        article = self.store.get(light.article.id)
        if article is None:
            raise InputError(f"{light.article.id}: no longer in the store")
        analysis = self.analysed(article, self.analysis_keys[article.id])
        entry = make_entry(article, analysis, self.config.site.timezone)
        if light.editor is not None:
            entry = overridden(entry, light.editor)
        return replace(entry, related=light.related)
