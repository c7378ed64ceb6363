"""`newsdigest sources import FILE.opml`: add an OPML file's feeds to newsdigest.yml."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.config.load import Config
from generator.config.opml import append_sources, parse_opml, plan_import
from generator.errors import ConfigError, InputError
from generator.fetch.sources import parse_sources
from generator.store.atomic import write_text

EXIT_OK, EXIT_FAILED = 0, 1


def add_sources_parser(sub: Any) -> None:
    """Register `sources import FILE` on the CLI's subparsers."""
    sources = sub.add_parser("sources", help="manage the sources of newsdigest.yml")
    actions = sources.add_subparsers(dest="action", required=True)
    imp = actions.add_parser("import", help="add the feeds of an OPML file as sources")
    imp.add_argument("file", type=Path, help="an OPML file (e.g. a feed reader's export)")
    imp.add_argument(
        "--dry-run", action="store_true", help="print what would be added, change nothing"
    )
    imp.set_defaults(run=cmd_sources_import)


def cmd_sources_import(args: argparse.Namespace, config: Config) -> int:
    """Append the file's new feeds to newsdigest.yml; report duplicates and broken entries."""
    file = str(args.file)
    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise InputError(f"{file}: cannot read: {error.strerror}") from error
    found = parse_opml(data, file)
    configured = [url for s in config.sources for url in s.locations]
    outcome = plan_import(found, [s.name for s in config.sources], configured, file)
    for line in outcome.problems:
        print(line, file=sys.stderr)
    path = config.paths.config
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    after = append_sources(
        before, outcome.added, f"added by `newsdigest sources import {args.file.name}`"
    )
    _check(after, str(path))
    if after != before and not args.dry_run:
        write_text(path, after)
    verb = "would add" if args.dry_run else "added"
    for name, url in outcome.added:
        print(f"{verb}: {name} <{url}>")
    print(f"{file}: {len(outcome.added)} sources {verb}, {len(outcome.problems)} skipped")
    return EXIT_FAILED if outcome.malformed else EXIT_OK


def _check(text: str, file: str) -> None:
    """Refuse to write a newsdigest.yml that would no longer load."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise ConfigError(
            f"{file}: the import would break the YAML, nothing written: {error}"
        ) from error
    parse_sources(data.get("sources") or [], file)
