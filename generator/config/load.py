"""Load newsdigest.yml once into typed settings that are passed down to every stage."""

from __future__ import annotations

import os
import types
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from generator.analyse import AnalysisSettings
from generator.config.keys import check_keys
from generator.config.settings import Paths, SiteSettings
from generator.config.siteaddress import checked_address
from generator.errors import ConfigError
from generator.fetch.sources import (
    FetchSettings,
    SourceConfig,
    parse_fetch_settings,
    parse_sources,
    publish_value,
)
from generator.watch.rules import WatchRule, parse_watch

TOP_LEVEL_KEYS = frozenset({"site", "analysis", "tags", "sources", "fetch", "watch", "retention"})
SITE_KEYS = frozenset(
    {
        "title",
        "description",
        "url",
        "timezone",
        "language",
        "project_url",
        "home_days",
        "fetch_every",
        "items_per_page",
        "min_tag_articles",
        "publish",
    }
)
POSITIVE_SITE_KEYS = frozenset({"home_days", "fetch_every", "items_per_page", "min_tag_articles"})
ANALYSIS_KEYS = frozenset({"summary_sentences", "max_tags", "max_facts"})
TAG_KEYS = frozenset({"aliases", "block", "preferred"})
RETENTION_KEYS = frozenset({"days"})


@dataclass(frozen=True)
class Config:
    """Everything newsdigest.yml says, validated."""

    paths: Paths
    site: SiteSettings = field(default_factory=SiteSettings)
    analysis: AnalysisSettings = field(default_factory=AnalysisSettings)
    sources: tuple[SourceConfig, ...] = ()
    fetch: FetchSettings | None = None
    watch: tuple[WatchRule, ...] = ()  # watch rules: a page and feeds each (watch/rules.py)

    def analysis_for(self, source: str | None) -> AnalysisSettings:
        """Return the analysis settings of an article from `source` (never its own tag)."""
        if not source:
            return self.analysis
        return replace(self.analysis, source_names=(*self.analysis.source_names, source))

    def source_named(self, name: str | None) -> SourceConfig | None:
        """Return the configured source with this name, if any."""
        return next((s for s in self.sources if s.name == name), None)


def load_config(root: Path, env: Mapping[str, str] | None = None) -> Config:
    """Read and validate newsdigest.yml under `root` (defaults when the file is absent);
    `env` (the process environment by default) may supply the Pages address."""
    paths = Paths(root)
    raw = _read_yaml(paths.config) if paths.config.exists() else {}
    file = str(paths.config)
    check_keys(raw, TOP_LEVEL_KEYS, file, "")
    site = _site_settings(raw.get("site") or {}, file)
    url = checked_address(site.url, root, file, os.environ if env is None else env)
    site = replace(site, url=url, retention_days=_retention_days(raw.get("retention") or {}, file))
    sources = parse_sources(raw.get("sources") or [], file)
    return Config(
        paths=paths,
        site=with_publish_modes(site, sources),
        analysis=_analysis_settings(raw.get("analysis") or {}, raw.get("tags") or {}, file),
        sources=sources,
        fetch=parse_fetch_settings(raw["fetch"], file) if raw.get("fetch") else None,
        watch=parse_watch(raw["watch"], file) if raw.get("watch") is not None else (),
    )


def with_publish_modes(site: SiteSettings, sources: tuple[SourceConfig, ...]) -> SiteSettings:
    """Return the site settings with each source's publication mode resolved: the source's
    own, else the site's, else the source kind's default."""
    modes = tuple((s.name, s.publish or site.publish or s.publish_default()) for s in sources)
    return replace(site, publish_by_source=modes)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot read configuration ({error})") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


def _site_settings(data: object, file: str) -> SiteSettings:
    check_keys(data, SITE_KEYS, file, "site")
    assert isinstance(data, dict)
    defaults = SiteSettings()
    values: dict[str, Any] = {}
    for key in sorted(SITE_KEYS):
        if key not in data:
            continue
        expected = type(getattr(defaults, key) if getattr(defaults, key) is not None else "")
        if not isinstance(data[key], expected) or isinstance(data[key], bool):
            raise ConfigError(f"{file}: site.{key}: expected {expected.__name__}")
        if key in POSITIVE_SITE_KEYS and data[key] < 1:
            raise ConfigError(f"{file}: site.{key}: expected a whole number of at least 1")
        values[key] = data[key]
    publish_value(values.get("publish"), file, "site.publish")
    settings = SiteSettings(**values)
    try:
        zoneinfo.ZoneInfo(settings.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(
            f"{file}: site.timezone: unknown time zone "
            f"{settings.timezone!r} (expected an IANA name)"
        ) from error
    return settings


def _retention_days(data: object, file: str) -> int:
    """Return retention.days: 0 (off, the default) or the days of articles kept as pages."""
    check_keys(data, RETENTION_KEYS, file, "retention")
    assert isinstance(data, dict)
    days = data.get("days", 0)
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        raise ConfigError(f"{file}: retention.days: expected a whole number >= 0")
    return days


def _analysis_settings(analysis: object, tags: object, file: str) -> AnalysisSettings:
    check_keys(analysis, ANALYSIS_KEYS, file, "analysis")
    check_keys(tags, TAG_KEYS, file, "tags")
    assert isinstance(analysis, dict) and isinstance(tags, dict)
    defaults = AnalysisSettings()
    numbers = {
        key: getattr(defaults, key) for key in ("summary_sentences", "max_tags", "max_facts")
    }
    for key in numbers:
        if key in analysis:
            value = analysis[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{file}: analysis.{key}: expected a whole number >= 0")
            numbers[key] = value
    aliases = _alias_table(tags.get("aliases") or {}, file)
    return AnalysisSettings(
        summary_sentences=numbers["summary_sentences"],
        max_tags=numbers["max_tags"],
        max_facts=numbers["max_facts"],
        tag_aliases=types.MappingProxyType(aliases),
        tag_blocklist=frozenset(_strings(tags.get("block") or [], file, "tags.block")),
        preferred_tags=tuple(_strings(tags.get("preferred") or [], file, "tags.preferred")),
    )


def _alias_table(data: object, file: str) -> dict[str, str]:
    """Flatten `canonical: [spelling, ...]` into spelling -> canonical."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{file}: tags.aliases: expected a mapping of tag to spellings")
    table: dict[str, str] = {}
    for canonical, spellings in data.items():
        if not isinstance(canonical, str):
            raise ConfigError(f"{file}: tags.aliases: expected string tags, got {canonical!r}")
        names = [spellings] if isinstance(spellings, str) else spellings
        for spelling in _strings(names, file, f"tags.aliases.{canonical}"):
            table[spelling.casefold()] = canonical
    return table


def _strings(data: object, file: str, key: str) -> list[str]:
    if not isinstance(data, list) or not all(isinstance(s, str) for s in data):
        raise ConfigError(f"{file}: {key}: expected a list of strings")
    return list(data)
