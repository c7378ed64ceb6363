"""Fetch configured sources (feeds, article URLs, sitemaps, home pages) politely and safely.

The CLI calls, in order: `parse_sources` and `parse_fetch_settings` (ConfigError, exit 2,
before any request), `select_source` / `select_shard`, then `run_fetch`, whose
`FetchReport.exit_status` is the command's status. Configuration keys: CONFIG.md.
"""

from generator.fetch.encoding import decode_html
from generator.fetch.gate import FetchDeferred
from generator.fetch.guard import is_public_address
from generator.fetch.health import Health, load_health, render_sources_status
from generator.fetch.report import FetchReport, SourceReport
from generator.fetch.run import run_fetch
from generator.fetch.sources import (
    FetchSettings,
    SourceConfig,
    parse_fetch_settings,
    parse_shard,
    parse_sources,
    select_shard,
    select_source,
)

__all__ = [
    "FetchDeferred",
    "FetchReport",
    "FetchSettings",
    "Health",
    "SourceConfig",
    "SourceReport",
    "decode_html",
    "is_public_address",
    "load_health",
    "parse_fetch_settings",
    "parse_shard",
    "parse_sources",
    "render_sources_status",
    "run_fetch",
    "select_shard",
    "select_source",
]
