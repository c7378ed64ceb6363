"""Where a `newsdigest generate` (or `build`) spends its CPU time, stage by stage.

    python tools/split_generate.py PROJECT [generate|build]

Runs the command in this process with the stages below wrapped: each stage's CPU seconds
(outermost calls only, so a stage called from within itself counts once) and call count,
then the process's own CPU time and its children's (MkDocs and Pagefind under `build`).
Unlike cProfile it adds almost nothing per call, so the split is the run's own. For a cold
figure use a fresh copy of a bench project (tools/bench_build.py's build-base-N, with no
docs/ pages, site/ or story state).
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

STAGES = (  # (module or class, attribute): the module's own name for what it calls
    ("generator.pipeline", "update_stories"),
    ("generator.stories.run", "features"),
    ("generator.stories.near", "signature"),
    ("generator.stories.near", "find_copies"),
    ("generator.stories.group", "add_items"),
    ("generator.store.index.Loader", "catalog"),
    ("generator.store.index.Loader", "full"),
    ("generator.pipeline", "update_related"),
    ("generator.pipeline", "plan_site"),
    ("generator.pipeline", "write_pages"),
    ("generator.render", "render_article"),
    ("generator.render", "render_story"),
    ("generator.render.storypage", "disagreements"),
    ("generator.render.storypage", "own_facts_each"),
    ("generator.render", "render_named_feeds"),
    ("generator.render", "render_listing_front"),
    ("generator.render", "render_digest"),
    ("generator.render", "story_feeds"),
    ("generator.render", "watch_site"),
    ("generator.publish.writer", "_flush"),
)


def timed(name: str, function: Callable[..., Any], spent: dict[str, list[float]]) -> Any:
    """Return `function` wrapped to add its CPU seconds and calls to spent[name]."""
    depth = [0]

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if depth[0]:
            return function(*args, **kwargs)
        depth[0] += 1
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            depth[0] -= 1
            row = spent.setdefault(name, [0.0, 0])
            row[0] += time.process_time() - start
            row[1] += 1

    return wrapper


def owner(path: str) -> Any:
    """Return the module or class named by a dotted path."""
    try:
        return importlib.import_module(path)
    except ImportError:
        module, _, attribute = path.rpartition(".")
        return getattr(importlib.import_module(module), attribute)


def main(argv: list[str]) -> int:
    """Run the command with its stages timed; print the split."""
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    project, command = Path(argv[0]).resolve(), argv[1] if len(argv) > 1 else "generate"
    spent: dict[str, list[float]] = {}
    for path, attribute in STAGES:
        where = owner(path)
        if not hasattr(where, attribute):  # an older or newer generator: not this stage
            continue
        setattr(where, attribute, timed(f"{path}.{attribute}", getattr(where, attribute), spent))
    from generator.cli.main import main as newsdigest  # noqa: PLC0415 - after the wrapping

    status = newsdigest(["--project", str(project), command])
    times = os.times()
    print(f"CPU s: process {times.user + times.system:.2f}, children ", end="")
    print(f"{times.children_user + times.children_system:.2f}; load {os.getloadavg()[0]:.2f}")
    for name, (seconds, calls) in sorted(spent.items(), key=lambda kv: -kv[1][0]):
        print(f"{seconds:8.2f} {calls:6d}  {name}")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
