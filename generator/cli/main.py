"""The `newsdigest` command line (also `python -m generator`).

Exit status: 0 success; 1 some inputs failed (each reported, the rest done); 2 bad usage or
configuration. Problems go to stderr, one line each.

Each command imports the stages it runs when it runs: an hourly `generate` should not pay
for loading the extractor, the HTTP stack or MkDocs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from generator import __version__
from generator.cli.newsletter import add_newsletter_parser
from generator.cli.note import add_note_parser
from generator.cli.sources import add_sources_parser
from generator.config.load import Config, load_config
from generator.errors import ConfigError, NewsdigestError
from generator.faults import ProblemLog, guarded
from generator.model import Analysis, Article, Problem
from generator.pipeline import add, build, fetch, generate
from generator.placement import make_entry
from generator.render.article import render_article
from generator.store.lock import exclusive_run

if TYPE_CHECKING:
    from generator.ingest.run import Done

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# Commands that leave the store and docs/ alone, or lock only part of their work.
UNLOCKED_COMMANDS = frozenset({"show", "serve"})


# Characters str.splitlines() (and JavaScript) take as line breaks that json.dumps leaves raw
# with ensure_ascii=False: escaped, so one JSON object stays on one line for any reader.
LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(value: object) -> str:
    """Return `value` as one line of JSON (UTF-8 text kept readable, line breaks escaped)."""
    return json.dumps(value, ensure_ascii=False).translate(LINE_BREAKS)


def article_json(article: Article, analysis: Analysis) -> dict[str, Any]:
    """Return the `show --format json` object of DESIGN.md's contract."""
    published = article.published
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": published.iso if published else None,
        "published_local": published.local if published else None,
        "published_signal": published.signal if published else None,
        "authors": list(article.authors),
        "dateline": article.dateline,
        "language": article.language,
        "text": article.text,
        "summary": [s.text for s in analysis.summary_sentences()],
        "tags": list(analysis.tags),
        "facts": [{"kind": f.kind, "text": f.text, "evidence": f.evidence} for f in analysis.facts],
        "quotes": [
            {"speaker": q.speaker, "text": q.text, "evidence": q.evidence} for q in analysis.quotes
        ],
    }


def report(problems: Sequence[Problem], stream: TextIO) -> None:
    """Print one line per problem."""
    for problem in problems:
        print(problem.line(), file=stream)


def report_one(stream: TextIO, problem: Problem) -> None:
    """Print one problem's line as it happens."""
    print(problem.line(), file=stream)


def cmd_show(args: argparse.Namespace, config: Config) -> int:
    """Process inputs without touching the store and print each record as it is done."""
    from generator.ingest.run import Inputs, process_inputs  # noqa: PLC0415 - see the docstring

    log = ProblemLog.under(config.paths.root)
    inputs = Inputs(args.inputs, sys.stdin.buffer, url=args.url)
    failed = False
    for outcome in process_inputs(inputs, config, log, source=args.source):
        shown = (
            outcome
            if isinstance(outcome, Problem)
            else guarded(outcome.origin, log, partial(show_text, outcome, args.format, config))
        )
        if isinstance(shown, Problem):
            failed = True
            report([shown], sys.stderr)
            if args.format == "json":
                print(
                    json.dumps({"input": shown.origin, "error": shown.reason}, ensure_ascii=False)
                )
            continue
        sys.stdout.write(shown)
    return EXIT_FAILED if failed else EXIT_OK


def show_text(done: Done, output: str, config: Config) -> str:
    """Return what `show` prints for one input: its JSON line or its article page."""
    if output == "json":
        return json_line(article_json(done.article, done.analysis)) + "\n"
    entry = make_entry(done.article, done.analysis, config.site.timezone)
    return render_article(entry, {}, {})


def cmd_add(args: argparse.Namespace, config: Config) -> int:
    """Ingest local files or folders into the store, each stored as soon as it is done."""
    counts = add(config, args.paths, sys.stdin.buffer, args.source, partial(report_one, sys.stderr))
    print(
        f"added: {counts['new']} new, {counts['unchanged']} already stored, "
        f"{counts['failed']} failed"
    )
    return EXIT_FAILED if counts["failed"] else EXIT_OK


def cmd_generate(args: argparse.Namespace, config: Config) -> int:
    """Render docs/ from the store."""
    written, problems = generate(config)
    report(problems, sys.stderr)
    print(
        f"generated: {len(written.written)} written, {written.unchanged} unchanged, "
        f"{len(written.removed)} removed"
    )
    return EXIT_FAILED if any(p.level == "error" for p in problems) else EXIT_OK


def cmd_build(args: argparse.Namespace, config: Config) -> int:
    """Generate, then build the site into site/, leaving out articles that break the build."""
    built = build(config)
    report(built.problems, sys.stderr)
    written = built.written
    print(
        f"generated: {len(written.written)} written, {written.unchanged} unchanged, "
        f"{len(written.removed)} removed"
    )
    print(f"built: {config.paths.site}")
    return EXIT_FAILED if built.failed else EXIT_OK


def cmd_serve(args: argparse.Namespace, config: Config) -> int:
    """Generate, then serve the site with live reload (the lock covers only generating)."""
    from generator.publish.serve import serve_site  # noqa: PLC0415 - see the module docstring

    with _exclusive(config):
        cmd_generate(args, config)
    return serve_site(config.paths)


@contextlib.contextmanager
def _exclusive(config: Config) -> Iterator[None]:
    """Hold the project's run lock; report temp files a killed run left behind."""
    with exclusive_run(config.paths.root) as stale:
        for path in stale:
            print(
                f"warning: {path}: removed a temporary file left by an interrupted run",
                file=sys.stderr,
            )
        yield


def cmd_stories(args: argparse.Namespace, config: Config) -> int:
    """List the stories of the store, placing articles added since the last run."""
    from generator.pipeline import listed_stories  # noqa: PLC0415 - see the module docstring
    from generator.stories.listing import story_json  # noqa: PLC0415 - see the module docstring

    found, problems = listed_stories(config)
    for problem in problems:
        print(problem.line(), file=sys.stderr)
    for story in found:
        if args.format == "json":
            print(json_line(story_json(story)))
        else:
            print(f"{story.id}  {len(story.articles)}  {story.title}")
    return EXIT_OK


def cmd_fetch(args: argparse.Namespace, config: Config) -> int:
    """Fetch the configured sources into the store."""
    fetched = fetch(config, args.source, args.shard, sys.stderr)
    report(fetched.problems(), sys.stderr)
    return fetched.exit_status


def parse_shard(text: str) -> tuple[int, int]:
    """Parse I/N (1-based) for --shard."""
    try:
        index, count = (int(x) for x in text.split("/"))
    except ValueError as error:
        raise argparse.ArgumentTypeError("expected I/N, e.g. 1/4") from error
    if not 1 <= index <= count:
        raise argparse.ArgumentTypeError("expected 1 <= I <= N")
    return index, count


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="newsdigest", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"newsdigest {__version__}")
    parser.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        help="project folder holding newsdigest.yml (default: .)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("show", help="process inputs and print them, store untouched")
    show.add_argument("inputs", nargs="+", help="files, folders, or - for stdin")
    show.add_argument("--url", help="the page's URL, when the input does not say")
    show.add_argument("--format", choices=("json", "markdown"), default="json")
    show.add_argument("--source", help="name of a configured source the inputs come from")
    show.set_defaults(run=cmd_show)
    add = sub.add_parser("add", help="ingest local files or folders into the store")
    add.add_argument("paths", nargs="+")
    add.add_argument("--source", help="name of a configured source the inputs come from")
    add.set_defaults(run=cmd_add)
    fetch = sub.add_parser("fetch", help="fetch the configured sources into the store")
    fetch.add_argument("--source", help="fetch only this source")
    fetch.add_argument("--shard", type=parse_shard, help="I/N: fetch the I-th of N shards")
    fetch.set_defaults(run=cmd_fetch)
    stories = sub.add_parser("stories", help="list the stories (one event across articles)")
    stories.add_argument("--format", choices=("json", "text"), default="text")
    stories.set_defaults(run=cmd_stories)
    add_note_parser(sub)
    add_sources_parser(sub)
    add_newsletter_parser(sub)
    for name, run, text in (
        ("generate", cmd_generate, "render docs/ from the store"),
        ("build", cmd_build, "generate, then build site/"),
        ("serve", cmd_serve, "generate, then serve with live reload"),
    ):
        sub.add_parser(name, help=text).set_defaults(run=run)
    return parser


def run() -> NoReturn:
    """Run the command line as a program (the `newsdigest` script) and exit at once.

    Everything is written and closed when main returns; what is left is the interpreter
    freeing every object one by one (a quarter of a second after planning a 10,000-article
    site), which a finished command does not need. Buffered output and log handlers are
    flushed first; nothing in newsdigest relies on atexit. Under a profiler or tracer
    (`python -m cProfile`, coverage) the exit is the usual one, so they can write reports.
    """
    status = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(status)
    if "logging" in sys.modules:  # loaded by MkDocs or a library: flush its handlers
        sys.modules["logging"].shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # e.g. a closed pipe: the output is lost, say so by the status
        status = status or EXIT_FAILED
    os._exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = load_config(args.project)
        if (
            getattr(args, "source", None)
            and args.command != "fetch"
            and config.source_named(args.source) is None
        ):
            raise ConfigError(f"--source {args.source}: no such source in newsdigest.yml")
        if args.command in UNLOCKED_COMMANDS:
            status: int = args.run(args, config)
        else:
            with _exclusive(config):
                status = args.run(args, config)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except NewsdigestError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    return status
