"""Build-killer isolation: an article that makes `mkdocs build --strict` fail is left out.

When the build fails, the culprit is found from the build log (MkDocs names the page it was
reading) or, when the log names no article page, by bisection: subsets of the articles are
rendered into a temporary docs folder and built there, never touching docs/ or site/. Each
culprit is recorded with its id and the reason in data/state/quarantine.json, the site is
regenerated without it and built again, so the other N-1 articles publish. Articles that
cannot even be rendered (an exception while planning or rendering pages) are quarantined the
same way by generator.pipeline, found by the same bisection over in-memory renders. The
quarantine is tied to the release (newsdigest's version and a digest of its code): after an
upgrade or a fix, quarantined articles are tried again.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from generator import __version__
from generator.config.settings import Paths
from generator.errors import IsolationError
from generator.model import Problem
from generator.publish.sitebuild import STATE_NAME as SITE_STATE_NAME
from generator.render import GENERATED_FILES, GENERATED_FOLDERS
from generator.store import atomic
from generator.store.cache import code_digest

QUARANTINE_NAME = "quarantine.json"
MAX_CULPRITS = 20  # beyond this the failure is not about single articles: stop and report
LOG_TAIL_LINES = 15
# MkDocs names the page it failed on ("Error reading page 'articles/2026/03/x.md': ...") and,
# in strict mode, the doc file a warning is about ("Doc file 'articles/x.md' contains ...").
PAGE_IN_LOG = re.compile(r"""(?:Error (?:reading|building) page|Doc file) '([^']+)'""")
# The last line of a traceback or error: what the quarantine records as the reason.
ERROR_LINE = re.compile(r"^(?:ERROR\s*-\s*|[A-Za-z_.]*(?:Error|Exception)\b:?\s*)(.+)$")

Renderer = Callable[[frozenset[str]], Mapping[str, str]]  # excluded ids -> generated pages
Publisher = Callable[[Mapping[str, str]], None]  # writes generated pages into docs/
BuildProbe = Callable[[frozenset[str]], str | None]  # excluded ids -> None or failure log


@functools.cache
def release() -> str:
    """Return what a quarantine is valid for: this version and this code."""
    return f"{__version__}+{code_digest((Path(__file__).resolve().parents[1],))[:16]}"


def load_quarantine(state: Path) -> dict[str, str]:
    """Return id -> reason ("it breaks the build (...)") of the articles this release left out."""
    path = state / QUARANTINE_NAME
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise IsolationError(f"{path}: unreadable quarantine list ({error})") from error
    if not isinstance(data, dict) or data.get("version") != release():
        return {}
    articles = data.get("articles", {})
    return {
        str(k): str(v.get("reason", "")) for k, v in sorted(articles.items()) if isinstance(v, dict)
    }


def save_quarantine(state: Path, quarantine: Mapping[str, str]) -> None:
    """Write the quarantine list atomically (sorted, so it diffs cleanly)."""
    data = {
        "version": release(),
        "articles": {k: {"reason": quarantine[k]} for k in sorted(quarantine)},
    }
    atomic.write_text(
        state / QUARANTINE_NAME,
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
    )


def page_article_ids(pages: Mapping[str, str]) -> dict[str, str]:
    """Return docs path -> article id for the article pages among generated pages."""
    from mkdocs.utils.meta import get_data  # noqa: PLC0415 - only builds pay for MkDocs

    ids = {}
    for path, markdown in sorted(pages.items()):
        meta = get_data(markdown)[1].get("newsdigest")
        if isinstance(meta, dict) and meta.get("kind") == "article" and meta.get("id"):
            ids[path] = str(meta["id"])
    return ids


def failure_reason(log: str) -> str:
    """Return the one line of a build log that says why it failed."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for line in reversed(lines):
        match = ERROR_LINE.match(line)
        if match and not line.startswith("File "):
            return line[:300]
    return (lines[-1] if lines else "mkdocs build failed")[:300]


def named_articles(log: str, page_ids: Mapping[str, str]) -> list[str]:
    """Return the ids of article pages the build log names, in log order."""
    found = []
    for page in PAGE_IN_LOG.findall(log):
        article = page_ids.get(page.replace("\\", "/"))
        if article and article not in found:
            found.append(article)
    return found


def find_culprits(
    ids: Sequence[str], first_log: str, page_ids: Mapping[str, str], probe: BuildProbe
) -> dict[str, str]:
    """Return id -> reason of articles whose exclusion makes the build pass."""
    culprits: dict[str, str] = {}
    log: str | None = first_log
    while log is not None:
        if len(culprits) >= MAX_CULPRITS:
            raise IsolationError(
                f"more than {MAX_CULPRITS} articles break the build: {failure_reason(log)}"
            )
        named = [i for i in named_articles(log, page_ids) if i not in culprits]
        if named:
            culprits[named[0]] = failure_reason(log)
        else:
            remaining = [i for i in ids if i not in culprits]
            culprit, culprit_log = bisect_one(remaining, frozenset(culprits), probe)
            culprits[culprit] = failure_reason(culprit_log)
        log = probe(frozenset(culprits))
    return culprits


def bisect_one(
    candidates: Sequence[str], excluded: frozenset[str], probe: BuildProbe
) -> tuple[str, str]:
    """Return one article whose inclusion breaks the build, with a failing log.

    Invariant: building `base` passes and building `base + suspects` fails, so the last
    article needed to fail is a culprit (this also finds one of two articles that only
    fail together).
    """
    everything = frozenset(candidates) | excluded
    if probe(everything) is not None:
        raise IsolationError(
            "the build fails even without any article: " + failure_reason(probe(everything) or "")
        )
    base: list[str] = []
    suspects = list(candidates)
    failing_log = ""
    while len(suspects) > 1:
        half = suspects[: len(suspects) // 2]
        log = probe(everything - frozenset(base + half))
        if log is not None:
            suspects, failing_log = half, log
        else:
            base += half
            suspects = suspects[len(half) :]
    if not failing_log:
        failing_log = probe(everything - frozenset(base + suspects)) or ""
    return suspects[0], failing_log


def run_mkdocs(paths: Paths, docs: Path, site: Path, incremental: bool = False) -> str | None:
    """Build `docs` into `site` with the project's mkdocs.yml; return None or the log.

    `incremental` builds again only the pages that changed since the last build into the
    project's site/ (generator.publish.sitebuild); scratch builds are always full.
    """
    # -P: the project's own folders (it may hold a generator/theme) never shadow packages.
    state = [str(paths.cache / SITE_STATE_NAME)] if incremental else []
    command = [
        sys.executable,
        "-P",
        "-m",
        "generator.publish.sitebuild",
        str(paths.mkdocs_yml),
        str(docs),
        str(site),
        *state,
    ]
    result = subprocess.run(command, cwd=paths.root, check=False, capture_output=True, text=True)
    return None if result.returncode == 0 else (result.stderr + result.stdout)


def temp_probe(paths: Paths, render: Renderer, work: Path) -> BuildProbe:
    """Return a probe that builds the site without some articles in a scratch folder."""

    def probe(excluded: frozenset[str]) -> str | None:
        docs, site = work / "docs", work / "site"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(paths.docs, docs, ignore=_generated_only(paths.docs))
        for rel, text in render(excluded).items():
            atomic.write_text(docs / rel, text)
        return run_mkdocs(paths, docs, site)

    return probe


def _generated_only(docs: Path) -> Callable[[str, list[str]], list[str]]:
    """Return a copytree filter that skips the generator's own pages (rendered afresh)."""

    def ignore(folder: str, names: list[str]) -> list[str]:
        if Path(folder) != docs:
            return []
        return [
            n for n in names if n in GENERATED_FOLDERS or n in GENERATED_FILES or n.startswith(".")
        ]

    return ignore


def left_out(
    quarantine: Mapping[str, str], new: Mapping[str, str] = MappingProxyType({})
) -> list[Problem]:
    """Return one line per quarantined article: an error when found by this run (a bug or
    a hostile page to look at), a warning when remembered from an earlier run."""
    return [
        Problem(
            article, f"left out of the site: {reason}", "error" if article in new else "warning"
        )
        for article, reason in sorted(quarantine.items())
    ]


def build_isolated(
    paths: Paths, render: Renderer, publish: Publisher, generate: Callable[[], object] | None = None
) -> list[Problem]:
    """Generate and build the site, leaving out (and reporting) articles that break it.

    With `generate` (the pipeline's incremental run, which renders only changed pages), the
    site is first generated by it; all pages are rendered only to look for a culprit.
    """
    if generate is None:
        publish(render(frozenset(load_quarantine(paths.state))))
    else:
        generate()
    quarantine = load_quarantine(paths.state)  # with what rendering itself left out
    log = run_mkdocs(paths, paths.docs, paths.site, incremental=True)
    if log is not None:
        pages = render(frozenset(quarantine))
        page_ids = page_article_ids(pages)
        with tempfile.TemporaryDirectory(prefix=atomic.TEMP_PREFIX, dir=paths.root) as work:
            probe = temp_probe(paths, render, Path(work))
            found = find_culprits(
                sorted(set(page_ids.values())),
                log,
                page_ids,
                lambda ex: probe(ex | frozenset(quarantine)),
            )
        quarantine.update({k: f"it breaks the build ({v})" for k, v in found.items()})
        save_quarantine(paths.state, quarantine)
        publish(render(frozenset(quarantine)))
        final = run_mkdocs(paths, paths.docs, paths.site, incremental=True)
        if final is not None:
            raise IsolationError(
                "mkdocs build --strict failed:\n"
                + "\n".join(final.strip().splitlines()[-LOG_TAIL_LINES:])
            )
    return left_out(quarantine)


def main(argv: Sequence[str]) -> int:
    """Build one docs folder into one site folder with a project's mkdocs.yml (strict)."""
    from generator.publish.sitebuild import main as build_main  # noqa: PLC0415 - only builds need it

    return build_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
