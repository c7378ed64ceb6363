"""Benchmark newsdigest on synthetic archives: stage speeds, generate, mkdocs, memory, sizes.

    python tools/bench.py [--sizes 100,1000] [--large] [--repeat 3] [--json build/bench.json]

For each size N it writes a deterministic archive (tools/bench_corpus.py) under build/bench/,
times trafilatura alone and each stage in this process (passes of trafilatura and of ours
alternate, both streaming; medians of at least --repeat pairs and 1,000 inputs for N <= 1,000),
then builds a throw-away project: a cold `newsdigest generate`, an unchanged rerun, an
incremental run after adding one article, the same after a fresh checkout (every file's mtime
new, as in the publish workflow), and `mkdocs build --strict`, each a child process
whose peak RSS (VmHWM) it reports itself at exit; and `newsdigest add` of whole archives of
500 and 5,000 inputs (--add-sizes), whose peak RSS shows memory flat in N. One table is
printed and the figures saved as JSON so that runs can be compared. When ../shared/eval-dev
is present, the N = 100 row also times trafilatura alone and our extract + analyse + render
on real saved news pages.

The site's shape at scale (what the bench project uses, `min_tag_articles: 2`): every article
gets its page; daily digests and weekly roll-ups hold one day or week; tag and source listings
are paginated (`items_per_page`) into fixed archive pages cut from the oldest end plus a front
page, so a new story rewrites only the front page; a tag gets a page only once two articles
carry it (most tags of a large archive are used once, and each would otherwise cost a page
and a search entry);
the search index holds titles, summaries, facts and tags but not the article text
(`data-search-exclude`) and no listing pages (`search: exclude`), so it grows by a bounded
amount per article and mkdocs time grows with the page count, linearly.
"""

from __future__ import annotations

import gc
import gzip
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import trafilatura

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from bench_corpus import OUTLETS, story, write_archive, write_story  # noqa: E402
from benchlib import (  # noqa: E402
    BENCH,
    cli,
    folder_bytes,
    load_average,
    mkdocs_args,
    new_project,
    run_child,
    size_parser,
    sizes_of,
)

from generator.analyse import analyse  # noqa: E402
from generator.config.load import Config, load_config  # noqa: E402
from generator.errors import NewsdigestError  # noqa: E402
from generator.extract import ExtractContext, extract  # noqa: E402
from generator.extract.decode import decode  # noqa: E402
from generator.extract.html import TRAFILATURA_SETTINGS  # noqa: E402
from generator.ingest.inputs import read_input  # noqa: E402
from generator.ingest.run import analysis_settings, with_source  # noqa: E402
from generator.model import RawInput  # noqa: E402
from generator.render import render_site  # noqa: E402
from generator.render.article import render_article  # noqa: E402
from generator.render.context import Entry, make_entry  # noqa: E402
from generator.store.articles import Store  # noqa: E402

CHEAP = 1_000  # sizes up to this are timed --repeat times (median)
STAGE_INPUTS = 1_000  # a cheap size's stages are timed over at least this many inputs in all
CHEAP_REAL_SIZE = 100  # the size whose row also reports the ratio on real pages
REAL_PAGES = 300
PAIR_CHUNK = 25  # inputs trafilatura and ours take in turns (paired_pass)
WARM_UP = 10  # inputs each path sees before it is timed
REAL_PASSES = 3  # alternating pairs of passes over the real pages
ADD_SIZES = "500,5000"  # `add` of a whole archive: its peak RSS should not grow with N


def median_time(run: Callable[[], object], repeat: int) -> float:
    """Return the median wall time of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def outlet_of(path: Path) -> str | None:
    """Return the configured source of a text dump (its folder names the outlet)."""
    if not path.parent.name.startswith("dumps-"):
        return None
    prefix = path.parent.name.removeprefix("dumps-")
    return next(o.name for o in OUTLETS if o.domain.split(".")[0] == prefix)


def read_raws(paths: Sequence[Path], project: Path) -> list[RawInput]:
    """Read the archive's inputs with their configured sources attached."""
    config = load_config(project)
    stdin = sys.stdin.buffer
    return [with_source(read_input(str(p), stdin), config, outlet_of(p)) for p in paths]


def timed_pass(raws: Sequence[RawInput], config: Config) -> dict[str, float]:
    """Extract and analyse every input once, as a run streams them (each result dropped),
    timing each stage per input kind."""
    totals = {"extract_s": 0.0, "analyse_s": 0.0, "extract_html_s": 0.0, "analyse_html_s": 0.0}
    for raw in raws:
        start = time.perf_counter()
        article = extract(raw, ExtractContext())
        middle = time.perf_counter()
        analyse(article, analysis_settings(config, article))
        end = time.perf_counter()
        totals["extract_s"] += middle - start
        totals["analyse_s"] += end - middle
        if raw.origin.endswith(".html"):
            totals["extract_html_s"] += middle - start
            totals["analyse_html_s"] += end - middle
    return totals


def paired_pass(raws: Sequence[RawInput], config: Config) -> tuple[float, dict[str, float]]:
    """Return trafilatura's seconds on the HTML pages and timed_pass's totals, timed side by side.

    Both stream the inputs in chunks of PAIR_CHUNK, trafilatura and ours taking turns to go
    first on a chunk: a shared machine's speed drifts within seconds, and so it falls on both
    alike. A chunk is long enough that trafilatura's own caches (a thousand lines, a few
    pages) no longer hold its first page when the other path reaches it.
    """
    alone = 0.0
    totals: dict[str, float] = {}
    for number, start in enumerate(range(0, len(raws), PAIR_CHUNK)):
        chunk = raws[start : start + PAIR_CHUNK]
        texts = [decode(r.content) for r in chunk if r.origin.endswith(".html")]
        for turn in (0, 1) if number % 2 else (1, 0):
            if turn:
                begin = time.perf_counter()
                trafilatura_pass(texts)
                alone += time.perf_counter() - begin
            else:
                for key, seconds in timed_pass(chunk, config).items():
                    totals[key] = totals.get(key, 0.0) + seconds
    return alone, totals


def entries_of(raws: Sequence[RawInput], config: Config) -> list[Entry]:
    """Return every input's entry (untimed), kept for the render stage.

    So that the cyclic collector does not traverse ever more of them as N grows, what earlier
    inputs left is frozen out of its sight (gc.freeze) between inputs.
    """
    entries = []
    try:
        for raw in raws:
            article = extract(raw, ExtractContext())
            analysis = analyse(article, analysis_settings(config, article))
            entries.append(make_entry(article, analysis, config.site.timezone))
            gc.freeze()
    finally:
        gc.unfreeze()
    return entries


def trafilatura_pass(texts: Sequence[str]) -> None:
    """Run trafilatura alone on every page, each result dropped at once (a streaming run)."""
    for text in texts:
        trafilatura.bare_extraction(text, **TRAFILATURA_SETTINGS)


def stage_passes(size: int, repeat: int) -> int:
    """Return how many times to time the stages: `repeat`, and at least STAGE_INPUTS inputs in
    all for a cheap size (one pass of 100 is about a second: a shared machine's drift)."""
    if size > CHEAP:
        return 1
    return max(repeat, -(-STAGE_INPUTS // size))


def stage_times(
    raws: Sequence[RawInput], project: Path, passes: int
) -> tuple[dict[str, Any], list[Entry]]:
    """Time trafilatura alone, extraction, analysis and rendering in this process.

    Each pass times trafilatura and ours side by side (see paired_pass); the ratio is the
    median of the passes' ratios. The entries rendering needs are made by a further pass.
    Both paths are first warmed on a few inputs.
    """
    config = load_config(project)
    pages = [r for r in raws if r.origin.endswith(".html")]
    texts = [decode(r.content) for r in pages]
    out: dict[str, Any] = {"articles": len(raws), "html_pages": len(pages), "stage_passes": passes}
    # Lazy imports and loaded tables (jieba's dictionary) are a run's fixed cost, paid once (the
    # cold generate reports it), not a cost per page: inputs spread over the archive warm them.
    trafilatura_pass(texts[:: max(1, len(texts) // WARM_UP)])
    timed_pass(raws[:: max(1, len(raws) // WARM_UP)], config)
    timed = [paired_pass(raws, config) for _ in range(passes)]
    out["trafilatura_s"] = statistics.median(t for t, _ in timed)
    for key in timed[0][1]:
        out[key] = statistics.median(p[key] for _, p in timed)
    entries = entries_of(raws, config)
    site_pages: dict[str, str] = {}
    out["render_s"] = median_time(
        lambda: site_pages.update(render_site(entries, config.site)), min(passes, 3)
    )
    out["pages"] = len(site_pages)
    render_html = out["render_s"] / len(raws) * len(pages)
    ratios = [(p["extract_html_s"] + p["analyse_html_s"] + render_html) / t for t, p in timed]
    out["overhead_ratio"] = statistics.median(ratios)
    out["overhead_ratios"] = [round(r, 3) for r in ratios]
    for stage in ("extract", "analyse", "render"):
        out[f"{stage}_per_s"] = len(raws) / out[f"{stage}_s"]
    out["trafilatura_per_s"] = len(pages) / out["trafilatura_s"]
    return out, entries


def real_pages_ratio(limit: int, project: Path) -> dict[str, Any]:
    """Time trafilatura alone and our extract + analyse + render on real pages, when present.

    The development evaluation set (../shared/eval-dev, not in the repo) holds real saved
    news pages; the first `limit` by name are used. Skipped quietly when it is absent.
    """
    folder = REPO.parent / "shared" / "eval-dev" / "extraction" / "trafilatura" / "html"
    if not folder.is_dir():
        return {}
    config = load_config(project)
    paths = sorted(folder.glob("*.html.gz"))[:limit]
    texts = [decode(gzip.decompress(p.read_bytes())) for p in paths]

    def ours(pairs: Sequence[tuple[Path, str]]) -> int:
        done = 0
        for path, text in pairs:
            raw = RawInput(origin=str(path), content=text.encode("utf-8"))
            try:
                article = extract(raw, ExtractContext())
            except NewsdigestError:
                continue  # a page with no article: its time still counts
            analysis = analyse(article, analysis_settings(config, article))
            render_article(make_entry(article, analysis, config.site.timezone), {}, {})
            done += 1
        return done

    trafilatura_pass(texts[:WARM_UP])  # warm both paths (lazy imports, caches) before timing
    ours(list(zip(paths[:WARM_UP], texts[:WARM_UP], strict=True)))
    pairs = []  # (trafilatura alone, ours), alternating as in stage_times
    for _ in range(REAL_PASSES):
        start = time.perf_counter()
        trafilatura_pass(texts)
        alone = time.perf_counter() - start
        start = time.perf_counter()
        done = ours(list(zip(paths, texts, strict=True)))
        pairs.append((alone, time.perf_counter() - start))
    alone = statistics.median(a for a, _ in pairs)
    own = statistics.median(o for _, o in pairs)
    return {
        "real_pages": len(texts),
        "real_articles": done,
        "real_trafilatura_ms": alone * 1000 / len(texts),
        "real_own_ms": own * 1000 / len(texts),
        "real_overhead_ratio": statistics.median(o / a for a, o in pairs),
    }


def mtimes(root: Path) -> dict[str, int]:
    """Return every file under `root` with its mtime in nanoseconds."""
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def fill_store(project: Path, entries: Sequence[Entry]) -> None:
    """Store the archive's articles (extracted once, outside any timing)."""
    store = Store(load_config(project).paths.store)
    for entry in entries:
        store.add(entry.article)


def project_times(
    size: int, entries: Sequence[Entry], repeat: int, seed: int, mkdocs: bool
) -> dict[str, Any]:
    """Time generate (cold, unchanged, incremental) and mkdocs build in a fresh project."""
    project = new_project(BENCH / f"project-{size}")
    fill_store(project, entries)
    out: dict[str, Any] = {}
    cold = cli(project, "generate")
    out.update(
        generate_cold_s=cold["s"], generate_rss_mb=cold["rss_mb"], generate_cold_out=cold["stdout"]
    )
    warm = [cli(project, "generate") for _ in range(repeat)]
    out["generate_unchanged_s"] = statistics.median(w["s"] for w in warm)
    out["generate_unchanged_out"] = warm[-1]["stdout"]
    docs = project / "docs"
    out["docs_files"] = sum(1 for p in docs.rglob("*.md"))
    out["feed_kinds"] = feed_kinds(docs)
    out["feed_files"] = sum(out["feed_kinds"].values())
    add_story(project, size, size, seed)  # article number N: not yet stored
    before = mtimes(docs)
    incremental = cli(project, "generate")
    after = mtimes(docs)
    changed = sorted(k for k in after if before.get(k) != after[k])
    out.update(
        incremental_s=incremental["s"],
        incremental_rss_mb=incremental["rss_mb"],
        incremental_out=incremental["stdout"],
        incremental_changed=len(changed),
        incremental_changed_files=changed,
    )
    checkout = checkout_times(project, size, seed)
    out.update(checkout_s=checkout["s"], checkout_out=checkout["stdout"])
    if mkdocs:
        build = run_child("mkdocs", mkdocs_args(project), project)
        index = project / "site" / "search" / "search_index.json"
        out.update(
            mkdocs_s=build["s"],
            mkdocs_rss_mb=build["rss_mb"],
            mkdocs_s_per_1000=build["s"] * 1000 / (size + 2),
            site_mb=folder_bytes(project / "site") / 1e6,
            search_index_mb=index.stat().st_size / 1e6 if index.exists() else 0.0,
            site_pages=sum(1 for _ in (project / "site").rglob("index.html")),
        )
    return out


def feed_kinds(docs: Path) -> dict[str, int]:
    """Return the feed files (RSS, JSON Feed, OPML) per folder of docs/ ("site" for the root's
    own): tags, sources, stories and watch rules each get theirs, and all must stay bounded."""
    kinds: dict[str, int] = {}
    for path in docs.rglob("*"):
        if path.suffix in (".xml", ".json", ".opml") and not path.name.startswith("."):
            folder = path.relative_to(docs).parts[0] if path.parent != docs else "site"
            kinds[folder] = kinds.get(folder, 0) + 1
    return dict(sorted(kinds.items()))


def add_story(project: Path, number: int, size: int, seed: int) -> None:
    """Write story `number` of the archive into the project's inbox and `newsdigest add` it."""
    extra = write_story(project / "inbox", story(number, size, seed))
    source = outlet_of(extra)
    cli(project, "add", *(("--source", source) if source else ()), str(extra))


def checkout_times(project: Path, size: int, seed: int) -> dict[str, Any]:
    """Time `generate` as the publish workflow runs it: a fresh checkout (every file in data/
    and docs/ with a new mtime, the cache restored) and one new article added."""
    checkout = time.time_ns() - 3_600 * 10**9
    for folder in (project / "data", project / "docs"):
        for path in [p for p in folder.rglob("*") if p.is_file()]:
            os.utime(path, ns=(checkout, checkout))
    add_story(project, size + 1, size, seed)
    return cli(project, "generate")


def add_memory(size: int, seed: int) -> dict[str, Any]:
    """Time `newsdigest add` of a whole archive folder into an empty project, with its peak
    RSS: inputs are streamed and each stored at once, so the peak should not grow with N."""
    write_archive(BENCH / f"corpus-{size}", size, seed)
    project = new_project(BENCH / f"add-{size}")
    run = cli(project, "add", str(BENCH / f"corpus-{size}"))
    return {"size": size, "add_s": run["s"], "add_rss_mb": run["rss_mb"], "add_out": run["stdout"]}


def bench_size(size: int, repeat: int, seed: int, mkdocs: bool) -> dict[str, Any]:
    """Return every figure for one archive size."""
    paths = write_archive(BENCH / f"corpus-{size}", size, seed)
    scratch = new_project(BENCH / f"project-{size}")
    raws = read_raws(paths, scratch)
    runs = repeat if size <= CHEAP else 1
    stages, entries = stage_times(raws, scratch, stage_passes(size, repeat))
    figures = {"size": size, **stages}
    if size == CHEAP_REAL_SIZE:
        figures.update(real_pages_ratio(REAL_PAGES, scratch))
    figures.update(project_times(size, entries, runs, seed, mkdocs))
    return figures


COLUMNS = (  # (key, heading, format)
    ("size", "N", "{:>6}"),
    ("trafilatura_per_s", "traf/s", "{:>7.1f}"),
    ("extract_per_s", "extr/s", "{:>7.1f}"),
    ("analyse_per_s", "anal/s", "{:>7.1f}"),
    ("render_per_s", "rend/s", "{:>7.0f}"),
    ("overhead_ratio", "x traf", "{:>6.2f}"),
    ("generate_cold_s", "gen cold", "{:>8.1f}"),
    ("generate_unchanged_s", "gen same", "{:>8.2f}"),
    ("incremental_s", "gen +1", "{:>6.2f}"),
    ("incremental_changed", "files+1", "{:>7}"),
    ("checkout_s", "checkout+1", "{:>10.2f}"),
    ("generate_rss_mb", "RSS MB", "{:>6.0f}"),
    ("mkdocs_s", "mkdocs", "{:>7.1f}"),
    ("mkdocs_s_per_1000", "s/1000", "{:>7.1f}"),
    ("site_mb", "site MB", "{:>7.1f}"),
    ("search_index_mb", "index MB", "{:>8.2f}"),
    ("site_pages", "pages", "{:>6}"),
    ("feed_files", "feeds", "{:>6}"),
)


def table(rows: Sequence[dict[str, Any]]) -> str:
    """Return the figures as one fixed-width table."""
    lines = [" ".join(f"{h:>{max(6, len(h))}}" for _, h, _ in COLUMNS)]
    for row in rows:
        cells = []
        for key, heading, fmt in COLUMNS:
            value = row.get(key)
            width = max(6, len(heading))
            cells.append(fmt.format(value).rjust(width) if value is not None else "-".rjust(width))
        lines.append(" ".join(cells))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the table and save the JSON."""
    parser = size_parser(__doc__.splitlines()[0], "100,1000", "bench.json")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cheap measurement")
    parser.add_argument("--no-mkdocs", action="store_true", help="skip mkdocs build")
    parser.add_argument(
        "--add-sizes",
        default=ADD_SIZES,
        help="archive sizes whose `add` peak RSS is measured ('' to skip)",
    )
    args = parser.parse_args(argv)
    rows = []
    for size in sizes_of(args):
        rows.append(bench_size(size, args.repeat, args.seed, not args.no_mkdocs))
        print(f"done N={size}", file=sys.stderr, flush=True)
    adds = [add_memory(int(n), args.seed) for n in args.add_sizes.split(",") if n]
    report = {
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "sizes": rows,
        "add": adds,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(table(rows))
    for row in rows:
        if "real_overhead_ratio" in row:
            print(
                f"real pages (eval-dev, {row['real_pages']}): trafilatura alone "
                f"{row['real_trafilatura_ms']:.1f} ms/page, extract + analyse + render "
                f"{row['real_own_ms']:.1f} ms/page, ratio {row['real_overhead_ratio']:.2f}"
            )
    for row in rows:
        kinds = ", ".join(f"{k} {n:,}" for k, n in row["feed_kinds"].items())
        print(f"feed files at N={row['size']:,}: {row['feed_files']:,} ({kinds})")
    for row in adds:
        print(
            f"add of {row['size']:,} inputs: {row['add_s']:.0f} s, peak RSS "
            f"{row['add_rss_mb']:.0f} MB ({row['add_out']})"
        )
    print(f"cores: {os.cpu_count()}; load average {load_average()}; figures saved to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
