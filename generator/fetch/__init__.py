"""Fetch configured sources (feeds, article URLs, sitemaps, home pages) politely and safely.

The CLI calls, in order: `sources.parse_sources` and `sources.parse_fetch_settings`
(ConfigError, exit 2, before any request), `sources.select_source` / `sources.select_shard`,
then `run.run_fetch`, whose `FetchReport.exit_status` is the command's status. Configuration
keys: generator/config/CONFIG.md.

The package imports nothing itself: `newsdigest generate` reads the sources' health without
paying for the HTTP stack, so callers import from the submodules.
"""
