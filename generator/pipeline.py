"""The one orchestrator: each command (`add`, `fetch`, `generate`, `build`) as a short list
of stage calls; the command line parses, locks and reports.

`add` and `fetch` import the extractor and the HTTP stack when they run (the stages live in
generator.ingest and generator.fetch), so an incremental `generate` does not pay for loading
them.
"""

from __future__ import annotations

import contextlib
import gc
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, TextIO, TypeVar

from generator.config.load import Config
from generator.errors import ArticleFailure, IsolationError, NewsdigestError
from generator.faults import ProblemLog, described
from generator.fetch.health import load_health
from generator.model import Page, Problem, ProfileSource
from generator.notes import apply_overrides, load_notes, read_notes
from generator.notes.resolve import index_articles
from generator.notes.storynotes import story_decisions
from generator.publish.quarantine import (
    MAX_CULPRITS,
    build_isolated,
    find_culprits,
    left_out,
    load_quarantine,
    save_quarantine,
)
from generator.publish.search import index_site
from generator.publish.searchshards import STATE_NAME as SEARCH_STATE_NAME
from generator.publish.writer import WriteReport, write_pages
from generator.render import GENERATED_FILES, GENERATED_FOLDERS, ArticleSource, plan_site
from generator.render.freshness import last_success
from generator.render.status import STATUS_PAGE, render_status_page
from generator.render.storypage import StoryView
from generator.store.articles import Store
from generator.store.cache import Cache, code_digest
from generator.store.index import GENERATOR, Loader
from generator.stories.decide import as_shown, decide
from generator.stories.listing import Story, stories, story_related
from generator.stories.related import profiles_of, update_related
from generator.stories.run import update_paths as update_stories
from generator.watch.match import quiet_rules

if TYPE_CHECKING:
    from generator.fetch.report import FetchReport

T = TypeVar("T")


def add(
    config: Config,
    paths: Sequence[str],
    stdin: BinaryIO,
    source: str | None,
    on_problem: Callable[[Problem], None],
) -> Counter[str]:
    """Ingest local files or folders, each stored as soon as it is done; return how many were
    new, already stored or failed (each failure handed to `on_problem` as it happens)."""
    from generator.ingest.run import Inputs, Keeper, process_inputs  # noqa: PLC0415 - see the module docstring

    log = ProblemLog.under(config.paths.root)
    counts = Counter({"new": 0, "unchanged": 0, "failed": 0})
    with Cache(config.paths.cache) as cache:
        # 1. Where articles go: the store, and their analyses into the cache for `generate`.
        keeper = Keeper(Store(config.paths.store), Loader(config, cache))
        # 2. Read, extract and analyse each input in turn (a failure is that input's Problem),
        outcomes = process_inputs(Inputs(paths, stdin), config, log, source)
        # 3. and store it at once: a killed run keeps every finished article.
        for kept in keeper.keep_all(outcomes, log):
            if isinstance(kept, Problem):
                on_problem(kept)
                counts["failed"] += 1
            else:
                counts[kept] += 1
    return counts


def fetch(
    config: Config, source: str | None, shard: tuple[int, int] | None, progress: TextIO
) -> FetchReport:
    """Fetch the configured sources; every page that arrives is ingested as `add` does it."""
    from generator.fetch.run import run_fetch  # noqa: PLC0415 - see the module docstring
    from generator.ingest.fetching import Arrivals, fetch_plan  # noqa: PLC0415
    from generator.ingest.run import Keeper  # noqa: PLC0415

    # 1. The fetch settings and the remote sources asked for (by name, or a shard's share).
    settings, chosen = fetch_plan(config, source, shard)
    store = Store(config.paths.store)
    with Cache(config.paths.cache) as cache:
        # 2. Pages arriving are stored (analyses cached); stored URLs are not fetched again.
        arrivals = Arrivals(config, Keeper(store, Loader(config, cache)), store.known_urls())
        # 3. Fetch, remembering validators and health whatever happens to the run.
        return run_fetch(
            chosen,
            settings,
            config.paths.state,
            arrivals.is_known,
            arrivals.accept,
            progress,
            log=ProblemLog.under(config.paths.root),
        )


def plan_pages(
    config: Config, cache: Cache, excluded: frozenset[str] = frozenset()
) -> tuple[dict[str, Page], list[Problem]]:
    """Plan every generated page from the store through the cache (pages lazy where keyed).

    The cache (build/cache/) keeps analyses, a store index and the stamps of written pages,
    so an unchanged article is neither re-read, re-analysed nor re-rendered.
    """
    with collector_paused():
        return _plan_pages(config, cache, excluded)


def _plan_pages(
    config: Config, cache: Cache, excluded: frozenset[str]
) -> tuple[dict[str, Page], list[Problem]]:
    loader = Loader(config, cache)
    catalog = loader.catalog(excluded)
    entries = list(catalog.entries)
    notes = load_notes(config.paths.docs, GENERATED_FOLDERS + GENERATED_FILES, entries)
    previous = cache.related_state()
    # Places articles new since the last run; quarantined ones are left out of every story.
    # Editors' notes then merge, split or rename stories (never stored: they decide each run).
    decisions, story_problems = story_decisions(notes.files.notes, index_articles(entries))
    state = update_stories(config.paths)
    # Hidden articles are left out too: a story is never headed by an article taken off the site.
    found = as_shown(
        decide(state, stories(state, excluded | notes.hidden()), decisions), notes.attached.titles
    )

    def find_related(sources: Sequence[ProfileSource]) -> Mapping[str, tuple[str, ...]]:
        state = update_related(profiles_of(sources, previous), previous)
        cache.put_related_state(state, previous)
        shown = frozenset(s[0] for s in sources)  # the story's other sources come first
        return story_related(state.related, found, shown)

    views = tuple(
        StoryView(
            s.id,
            s.title,
            tuple(a.id for a in s.articles),
            s.why,
            tuple((a.id, a.copy_of) for a in s.articles if a.copy_of),
        )
        for s in found
        if len(s.articles) > 1
    )
    # The site's zone is part of every page's key: pages show times in it (render.times).
    code = code_digest((GENERATOR,), config.site.timezone)
    articles = ArticleSource(catalog.keys, loader.full, code, find_related, views)
    shown = apply_overrides(entries, notes)
    health = load_health(config.paths.state)
    pages = plan_site(
        shown, config.site, notes, articles, watch=config.watch, fetched=last_success(health)
    )
    pages[STATUS_PAGE] = render_status_page(health)
    hidden = notes.hidden()
    quiet = quiet_rules(config.watch, [e for e in shown if e.article.id not in hidden])
    return pages, [*catalog.problems, *notes.problems, *story_problems, *quiet]


def listed_stories(config: Config) -> tuple[list[Story], list[Problem]]:
    """Return the stories as `newsdigest stories` lists them: placed, then as editors'
    notes decide (the store is read through the cache only when a note decides something)."""
    state = update_stories(config.paths)
    notes = read_notes(config.paths.docs, GENERATED_FOLDERS + GENERATED_FILES).notes
    if not any(n.story for n in notes):
        return stories(state), []
    with Cache(config.paths.cache) as cache:
        catalog = Loader(config, cache).catalog()
    decisions, problems = story_decisions(notes, index_articles(catalog.entries))
    return decide(state, stories(state), decisions), list(problems)


def render_pages(
    config: Config, excluded: frozenset[str] = frozenset()
) -> tuple[dict[str, str], list[Problem]]:
    """Render every generated page from the store, leaving out the `excluded` article ids."""
    with Cache(config.paths.cache) as cache:
        planned, problems = plan_pages(config, cache, excluded)
        pages = {
            path: page if isinstance(page, str) else page.render() for path, page in planned.items()
        }
    return pages, problems


def publish_pages(config: Config, pages: Mapping[str, Page]) -> WriteReport:
    """Write pages into docs/ through the one writer; the cache keeps their stamps."""
    with Cache(config.paths.cache) as cache:
        return _write(config, cache, pages)


def _write(config: Config, cache: Cache, pages: Mapping[str, Page]) -> WriteReport:
    previous = cache.stamps()
    with collector_paused():
        report = write_pages(config.paths.docs, pages, GENERATED_FOLDERS, GENERATED_FILES, previous)
    cache.put_stamps(report.stamps, previous)
    return report


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while pages are planned and written.

    Planning holds tens of thousands of long-lived, acyclic objects (entries, lazy pages),
    and the collector would traverse them again and again: about a sixth of an incremental
    run at 10,000 articles. Reference counting still frees everything as usual; a cold run
    over 1,000 articles (which analyses each) peaked 2% higher with the collector paused.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def generate(config: Config) -> tuple[WriteReport, list[Problem]]:
    """Render docs/ from the store (minus quarantined articles) and write it."""

    def attempt(excluded: frozenset[str]) -> tuple[WriteReport, list[Problem]]:
        with Cache(config.paths.cache) as cache:
            pages, problems = plan_pages(config, cache, excluded)
            report = _write(config, cache, pages)
        return report, problems + list(report.problems)

    (report, problems), left_out = render_isolated(config, attempt)
    return report, problems + left_out


def render_safely(
    config: Config, excluded: frozenset[str] = frozenset()
) -> tuple[dict[str, str], list[Problem]]:
    """Render every generated page but those of quarantined or `excluded` articles, leaving
    out (and quarantining) articles that cannot be rendered; problems include the left-out."""

    def attempt(quarantined: frozenset[str]) -> tuple[dict[str, str], list[Problem]]:
        return render_pages(config, quarantined | excluded)

    (pages, problems), left = render_isolated(config, attempt)
    return pages, problems + left


def render_isolated(
    config: Config, attempt: Callable[[frozenset[str]], T]
) -> tuple[T, list[Problem]]:
    """Run `attempt` without the quarantined articles; while it raises, find the articles it
    fails on, quarantine them and run it again. Return its result and the left-out lines.

    A failure on a known article (reading or analysing its record) names it; any other is
    traced to articles by bisection over in-memory renders (isolation.find_culprits), so a
    bug met by one article leaves the other N-1 published.
    """
    log = ProblemLog.under(config.paths.root)
    quarantine = load_quarantine(config.paths.state)
    new: dict[str, str] = {}
    for _ in range(MAX_CULPRITS + 1):
        try:
            return attempt(frozenset(quarantine)), left_out(quarantine, new)
        except ArticleFailure as failure:
            for article_id, cause in sorted(failure.errors.items()):
                where = log.record(article_id, cause)
                new[article_id] = (
                    f"it cannot be rendered ({described(cause)}; traceback in {where})"
                )
        except NewsdigestError:
            raise  # a failure newsdigest explains itself (configuration, the writer)
        except Exception as error:
            where = log.record("rendering the site", error)
            new.update(_culprits(config, frozenset(quarantine), error, where))
        quarantine.update(new)
        save_quarantine(config.paths.state, quarantine)
    raise IsolationError(f"more than {MAX_CULPRITS} articles cannot be rendered")


def _culprits(
    config: Config, quarantined: frozenset[str], error: Exception, where: str
) -> dict[str, str]:
    """Return id -> reason of the articles whose rendering raises (by bisection)."""

    def probe(excluded: frozenset[str]) -> str | None:
        try:
            render_pages(config, excluded | quarantined)
        except Exception as failure:  # the probe's answer: this set fails
            return described(failure)
        return None

    if probe(frozenset()) is None:
        raise error  # rendering alone passes: not an article's doing (say, a full disk)
    ids = [i for i in Store(config.paths.store).ids() if i not in quarantined]
    found = find_culprits(ids, described(error), {}, probe)
    return {
        article: f"it cannot be rendered ({reason}; traceback in {where})"
        for article, reason in found.items()
    }


@dataclass(frozen=True)
class Built:
    """What `build` did: the docs/ writes, every problem to report, and whether one failed."""

    written: WriteReport
    problems: list[Problem]
    failed: bool  # an error while generating (articles left out of the build are reported)


def build(config: Config) -> Built:
    """Build the site: the pages whose inputs changed, MkDocs again only on the pages whose
    Markdown changed (leaving out articles that break the build), then the search index.

    Every page is rendered only when the build fails and a culprit is looked for.
    """
    problems: list[Problem] = []
    reports: list[WriteReport] = []

    def generate_changed() -> None:  # 1. generate, as `newsdigest generate` does
        written, found = generate(config)
        problems[:] = [p for p in found if p not in written.problems]
        reports.append(written)

    def render(excluded: frozenset[str]) -> dict[str, str]:  # only to find a culprit
        pages, found = render_safely(config, excluded)
        problems[:] = found
        return pages

    def publish(pages: Mapping[str, str]) -> None:
        reports.append(publish_pages(config, pages))

    # 2. MkDocs into site/, leaving out articles that break it (publish.quarantine)
    dropped = build_isolated(config.paths, render, publish, generate_changed)
    # 3. Pagefind's search index: again only the shards whose pages changed
    index_site(config.paths.site, config.paths.cache / SEARCH_STATE_NAME)
    written = reports[-1]
    said = {p.origin for p in problems}
    return Built(
        written,
        [*problems, *written.problems, *(p for p in dropped if p.origin not in said)],
        any(p.level == "error" for p in problems),
    )
