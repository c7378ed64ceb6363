"""Benchmark story grouping: from scratch over a store of N, then one new article into it.

    python tools/bench_stories.py [--sizes 1000] [--large]   (--large or BENCH_LARGE=1 adds 10,000)

Articles come straight from the bench's synthetic archive (tools/bench_corpus.py) into a
throw-away project's store, skipping extraction; `newsdigest stories` then runs as a child
process (peak RSS measured by tools/benchlib.py's wrapper): first with no story state (every
article placed), then again after one more article is stored (the incremental case).
Each run reports wall and CPU seconds (the child's user + system time: on a shared machine
the CPU time is the figure to compare) and peak RSS.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from bench_corpus import story  # noqa: E402
from benchlib import BENCH, cli, load_average, new_project, size_parser, sizes_of  # noqa: E402

from generator.config.load import load_config  # noqa: E402
from generator.ids import article_id  # noqa: E402
from generator.model import Article, Published  # noqa: E402
from generator.store.articles import Store  # noqa: E402


def article_of(number: int, size: int, seed: int) -> Article:
    """Return synthetic article `number` as the store would keep it."""
    s = story(number, size, seed)
    text = "\n\n".join(s.paragraphs)
    iso = s.published.isoformat()
    return Article(
        id=article_id(s.url, text),
        title=s.title,
        text=text,
        url=s.url,
        source=s.outlet.name,
        published=Published(iso, iso[:19], "bench"),
        authors=(s.author,),
    )


def timed(project: Path, *args: str) -> dict[str, Any]:
    """Run the CLI as a child; add its CPU seconds (user + system) to benchlib.cli's figures."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = cli(project, *args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {**result, "cpu_s": cpu}


def bench(size: int, seed: int) -> dict[str, float]:
    """Return from-scratch and one-more-article times (s) and peak RSS (MB) at `size`."""
    project = new_project(BENCH / f"stories-{size}")
    store = Store(load_config(project).paths.store)
    for number in range(size):
        store.add(article_of(number, size, seed))
    scratch = timed(project, "stories")
    store.add(article_of(size, size, seed))
    one_more = timed(project, "stories")
    state = load_config(project).paths.state / "stories"
    return {
        "size": size,
        "scratch_s": scratch["s"],
        "scratch_cpu_s": scratch["cpu_s"],
        "scratch_rss_mb": scratch["rss_mb"],
        "add1_s": one_more["s"],
        "add1_cpu_s": one_more["cpu_s"],
        "add1_rss_mb": one_more["rss_mb"],
        "state_mb": sum(p.stat().st_size for p in state.iterdir()) / 1e6,
        "stories": float(len(one_more["stdout"].splitlines())),
    }


def main() -> int:
    """Print one line per size."""
    parser = size_parser(__doc__.splitlines()[0], "1000", None)
    args = parser.parse_args()
    print("     N  scratch s  CPU s  RSS MB   +1 s  CPU s  RSS MB  state MB  stories")
    for size in sizes_of(args):
        r = bench(size, args.seed)
        print(
            f"{size:>6} {r['scratch_s']:>10.1f} {r['scratch_cpu_s']:>6.1f} "
            f"{r['scratch_rss_mb']:>7.0f} {r['add1_s']:>6.2f} {r['add1_cpu_s']:>6.2f} "
            f"{r['add1_rss_mb']:>7.0f} {r['state_mb']:>9.1f} {r['stories']:>8.0f}",
            flush=True,
        )
    print(f"load average at the end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
