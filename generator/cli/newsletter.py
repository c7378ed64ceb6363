"""`newsdigest newsletter [--day DATE] [--send]`: the day's digest as an email.

Without --send the message is printed (as a .eml, or only its text or HTML part). With
--send it goes to each recipient in a message of their own; the sent log
(data/state/newsletter.json, recipients kept as hashes) makes a rerun send only what is
missing, and a failed connection marks nothing as sent.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import zoneinfo
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.config.load import Config
from generator.errors import ConfigError, InputError
from generator.model import Entry
from generator.notes import apply_overrides, load_notes
from generator.publish.mail import default_sender, recipient_key, send_each, smtp_settings
from generator.render import GENERATED_FILES, GENERATED_FOLDERS
from generator.render.newsletter import Delivery, Newsletter, message, render_newsletter
from generator.store.atomic import write_text
from generator.store.cache import Cache
from generator.store.index import Loader

EXIT_OK, EXIT_FAILED = 0, 1
SENT_LOG = "newsletter.json"
KEEP_DAYS = 90  # days the sent log remembers
UNSUBSCRIBE_ENV = "NEWSDIGEST_UNSUBSCRIBE"  # a URL, a mailto: address or a sentence
DAY_WORDS = ("latest", "today", "yesterday")


def resolve_day(
    word: str, days: Sequence[str], timezone: str, now: datetime.datetime
) -> str | None:
    """Return the day a --day value names: a date as is, a keyword in the site's zone."""
    if word == "latest":
        return days[0] if days else None
    if word not in DAY_WORDS:
        return word
    today = now.astimezone(zoneinfo.ZoneInfo(timezone)).date()
    return (today - datetime.timedelta(days=word == "yesterday")).isoformat()


def add_newsletter_parser(sub: Any) -> None:
    """Register `newsletter` on the CLI's subparsers."""
    cmd = sub.add_parser("newsletter", help="render (or --send) a day's digest as an email")
    cmd.add_argument(
        "--day",
        type=parse_day,
        default="latest",
        help="YYYY-MM-DD, today, yesterday (in the site's time zone) or latest "
        "(the newest day with stories; the default)",
    )
    cmd.add_argument(
        "--format",
        choices=("eml", "text", "html"),
        default="eml",
        help="what to print without --send (default: the whole message)",
    )
    cmd.add_argument(
        "--send",
        action="store_true",
        help="send over SMTP (settings from NEWSDIGEST_SMTP_* variables)",
    )
    cmd.add_argument("--to-file", type=Path, help="recipients, one address a line")
    cmd.set_defaults(run=cmd_newsletter)


def parse_day(text: str) -> str:
    """Return a YYYY-MM-DD day or a day keyword as given, or fail as argparse expects."""
    if text in DAY_WORDS:
        return text
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, not {text!r}") from error


def cmd_newsletter(args: argparse.Namespace, config: Config) -> int:
    """Render the day's newsletter; print it, or send it to each recipient not yet sent."""
    if not config.site.url:
        raise ConfigError(f"{config.paths.config}: site.url: needed for the email's links")
    entries = shown_entries(config)
    days = sorted({e.day for e in entries if e.day}, reverse=True)
    now = datetime.datetime.now(datetime.UTC)
    day = resolve_day(args.day, days, config.site.timezone, now)
    chosen = [e for e in entries if e.day == day]
    if not chosen and args.send:  # a quiet day: nothing to send is not a failure
        print(f"newsletter: no stories for {day or 'any day'}, nothing sent")
        return EXIT_OK
    if not chosen:
        raise InputError(f"newsletter: no stories for {day or 'any day'} in the store")
    env = os.environ
    settings = smtp_settings(env, args.to_file) if args.send else None
    host = urlsplit(config.site.url).hostname or "localhost"
    delivery = Delivery(settings.sender if settings else default_sender(config.site.title, host))
    if env.get(UNSUBSCRIBE_ENV, "").strip():
        delivery = Delivery(delivery.sender, env[UNSUBSCRIBE_ENV].strip())
    letter = render_newsletter(day or "", chosen, config.site, delivery)
    if settings is None:
        print_letter(letter, delivery, args.format)
        return EXIT_OK
    log_path = config.paths.state / SENT_LOG
    log = read_log(log_path)
    done = set(log.get(letter.day, []))
    todo = [r for r in settings.recipients if recipient_key(r) not in done]

    def sent(recipient: str) -> None:
        done.add(recipient_key(recipient))
        log[letter.day] = sorted(done)
        write_log(log_path, log)

    problems = send_each(settings, [(r, message(letter, delivery, r)) for r in todo], sent)
    for line in problems:
        print(line, file=sys.stderr)
    print(
        f"newsletter {letter.day}: sent to {len(todo) - len(problems)} of {len(todo)} "
        f"({len(settings.recipients) - len(todo)} had it already)"
    )
    return EXIT_FAILED if problems else EXIT_OK


def shown_entries(config: Config) -> list[Entry]:
    """Return the store's articles as the site shows them: notes' overrides, hidden left out."""
    with Cache(config.paths.cache) as cache:
        entries = list(Loader(config, cache).catalog().entries)
    notes = load_notes(config.paths.docs, GENERATED_FOLDERS + GENERATED_FILES, entries)
    hidden = notes.hidden()
    return [e for e in apply_overrides(entries, notes) if e.article.id not in hidden]


def print_letter(letter: Newsletter, delivery: Delivery, form: str) -> None:
    """Print the unsent newsletter: the whole message, or one of its parts."""
    if form == "text":
        sys.stdout.write(letter.text)
    elif form == "html":
        sys.stdout.write(letter.html)
    else:
        sys.stdout.write(message(letter, delivery, None).as_string())


def read_log(path: Path) -> dict[str, list[str]]:
    """Return the sent log: day -> hashes of the recipients who got that day's email."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path}: unreadable sent log ({error}); fix or remove it") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the sent log is not a JSON object; fix or remove it")
    return {str(k): [str(x) for x in v] for k, v in data.items() if isinstance(v, list)}


def write_log(path: Path, log: dict[str, list[str]]) -> None:
    """Write the sent log atomically, keeping its newest KEEP_DAYS days."""
    kept: Sequence[str] = sorted(log, reverse=True)[:KEEP_DAYS]
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps({d: log[d] for d in sorted(kept)}, indent=1) + "\n")
