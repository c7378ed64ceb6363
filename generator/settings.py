"""Settings that need no other part of newsdigest: the site's identity and the project paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "newsdigest.yml"


@dataclass(frozen=True)
class SiteSettings:
    """What the rendered site needs to know about itself."""

    title: str = "newsdigest"
    description: str = "A digest of the news, summarised and searchable."
    url: str | None = None
    timezone: str = "UTC"  # the newsroom's zone: it decides where a day begins
    language: str = "en"
    project_url: str = "https://github.com/newsdigest/newsdigest"
    home_days: int = 7  # days linked from the home page
    items_per_page: int = 50  # listing pagination
    # A tag gets its own page once this many articles carry it; rarer tags show as plain
    # text. Most tags of a large archive are used once, so 2 or more keeps the site small.
    min_tag_articles: int = 1


@dataclass(frozen=True)
class Paths:
    """Where a project keeps its files; everything is relative to the project root."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def store(self) -> Path:
        return self.root / "data" / "articles"

    @property
    def state(self) -> Path:
        return self.root / "data" / "state"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def notes(self) -> Path:
        return self.root / "docs" / "notes"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        return self.root / "build" / "cache"
