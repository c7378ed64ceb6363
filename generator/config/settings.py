"""Settings that need no other part of newsdigest: the site's identity and the project paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "newsdigest.yml"
# How much of an article the site shows: all of its text, the summary with its evidence
# sentences and first paragraph, or the headline, summary and facts only (issue 21).
PUBLISH_MODES = ("full", "excerpt", "none")


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
    # Minutes between scheduled fetches (publish.yml's cron is hourly): the home page warns
    # readers when the last successful fetch is older than two of them.
    fetch_every: int = 60
    items_per_page: int = 50  # listing pagination
    # A tag gets its own page once this many articles carry it; rarer tags show as plain
    # text. Most tags of a large archive are used once, so 2 or more keeps the site small.
    min_tag_articles: int = 1
    # Site-wide publication mode (PUBLISH_MODES); None: each source's default (publish_mode).
    publish: str | None = None
    # (source name, mode) for every configured source, resolved by generator.config.load.
    publish_by_source: tuple[tuple[str, str], ...] = ()
    # Days of articles that keep their own pages, counted back from the newest article
    # (retention.days, issue 23); older ones become archive entries. 0: every article keeps one.
    retention_days: int = 0

    def publish_mode(self, source: str | None) -> str:
        """Return how much of an article from `source` is published.

        A configured source has its mode resolved already; articles of any other source
        (files added by hand) follow site.publish, else "full": the editor chose them.
        """
        for name, mode in self.publish_by_source:
            if name == source:
                return mode
        return self.publish or "full"


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
