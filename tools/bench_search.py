"""Search side by side (issue 21): Pagefind, which the site uses, against Material's search.

    python tools/bench_search.py [--sizes 1000] [--large] [--json build/bench_search.json]

For each size N it stores a synthetic archive (tools/bench_corpus.py, through `newsdigest add`
and `generate`, in a throw-away project made as tools/bench.py makes one), then builds the
same docs/ twice: with the site's configuration (MkDocs, then Pagefind over site/) and with
Material's search plugin and its own search box instead. Index build cost is CPU time of the
child processes: Pagefind's run, and for Material the MkDocs build with its plugin minus the
build without it. Each site is then served on 127.0.0.1 and opened in headless Chromium with
4x CPU throttling (a phone-class CPU); as soon as the home page has loaded, a query is typed
into the search box. Reported per query (cold cache, fresh browser context): seconds from
navigation and from the first key to the first result, and the bytes the browser fetched
before that result: everything, and the search's own files; raw and as gzip (level 6) would
send them, as GitHub Pages does. Medians over the queries. One table, and the figures as JSON.

The two searches take turns query by query (Pagefind, Material, Pagefind, ...), so that both
meet the same load from whatever else the machine runs; each run records the 1-minute load
average when it starts, the table shows their median beside each search's figures, and the
last column is Material's time to the first result over Pagefind's, measured in that run.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from bench_corpus import write_archive  # noqa: E402
from benchlib import (  # noqa: E402
    BENCH,
    cli,
    folder_bytes,
    mkdocs_command,
    new_project,
    size_parser,
    sizes_of,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
THROTTLE = 4  # CPU slow-down, as Lighthouse's "mobile" preset
QUERIES = ("midnight", "observatory", "林文秀")  # a body word, a topic word, a Chinese name
RESULT = ".md-search-result__item"
WAIT_MS = 60_000  # a query with no result by then counts as failed
# Material's search plugin as mkdocs.yml had it before Pagefind (jieba cuts Chinese words).
MATERIAL_PLUGINS = """plugins:
  - search:
      lang: en
      separator: '[\\s\\u200b\\-_,:;!?=\\[\\]()"/。、，：；！？「」『』（）・]+'
"""
# The files a search fetches: Pagefind's bundle and our script; Material's worker and index.
SEARCH_PATH = {
    "pagefind": re.compile(r"^/(pagefind/|assets/search\.js)"),
    "material": re.compile(r"^/(search/|assets/javascripts/(workers|lunr)/)"),
}


def child_cpu(command: Sequence[str], cwd: Path) -> float:
    """Run a command; return the CPU seconds (user + system) of it and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def mkdocs_cpu(config: Path, site: Path) -> float:
    """Build the project's docs/ into `site` with `config`; return its CPU seconds."""
    shutil.rmtree(site, ignore_errors=True)
    return child_cpu(mkdocs_command(config.parent, config, site), config.parent)


def pagefind_cpu(site: Path) -> float:
    """Index a built site as `newsdigest build` does; return the CPU seconds."""
    code = (
        "import sys; from pathlib import Path; from generator.publish.search import "
        "index_site; index_site(Path(sys.argv[1]))"
    )
    return child_cpu([sys.executable, "-c", code, str(site)], REPO)


def material_config(project: Path) -> Path:
    """Write the project's mkdocs.yml with Material's search plugin and its own search box."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text, plugins = re.subn(r"^plugins:.*$", lambda _: MATERIAL_PLUGINS.rstrip(), text, flags=re.M)
    text, script = re.subn(r"^  - assets/search\.js\n", "", text, flags=re.M)
    text, theme = re.subn(
        r"custom_dir: generator/theme$", "custom_dir: generator/theme-material", text, flags=re.M
    )
    if (plugins, script, theme) != (1, 1, 1):
        raise SystemExit("mkdocs.yml changed shape: update tools/bench_search.py")
    theme_dir = project / "generator" / "theme-material"
    shutil.rmtree(theme_dir, ignore_errors=True)
    shutil.copytree(project / "generator" / "theme", theme_dir)
    for ours in ("partials/header.html", "partials/search.html", "assets/search.js"):
        (theme_dir / ours).unlink(missing_ok=True)
    config = project / "mkdocs-material.yml"
    config.write_text(text, encoding="utf-8")
    return config


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging each request."""

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the bench's output to its table."""


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) while the block runs."""
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def file_of(site: Path, url: str) -> Path | None:
    """Return the file of the site a URL served, or None."""
    path = unquote(urlsplit(url).path)
    candidate = site / path.lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def byte_counts(site: Path, urls: Sequence[str], search: re.Pattern[str]) -> dict[str, int]:
    """Return the raw and gzip bytes of the fetched files, all and the search's own."""
    out = {"all_raw": 0, "all_gz": 0, "search_raw": 0, "search_gz": 0}
    for url in urls:
        found = file_of(site, url)
        if found is None:
            continue
        data = found.read_bytes()
        sizes = {"raw": len(data), "gz": len(gzip.compress(data, 6, mtime=0))}
        for kind, size in sizes.items():
            out[f"all_{kind}"] += size
            if search.match(urlsplit(url).path):
                out[f"search_{kind}"] += size
    return out


def first_result(browser: Any, site: Path, url: str, query: str, kind: str) -> dict[str, Any]:
    """Open the home page cold, type `query` once it has loaded; time the first result."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    fetched: list[str] = []
    outside: list[str] = []

    def guard(route: Any) -> None:
        target = route.request.url
        if urlsplit(target).hostname == "127.0.0.1" or target.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(target)
            route.abort()

    context.route("**/*", guard)
    load = os.getloadavg()[0]
    page = context.new_page()
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    start = time.perf_counter()
    page.goto(url, wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    typed = time.perf_counter()
    box.press_sequentially(query)
    try:
        page.wait_for_selector(RESULT, timeout=WAIT_MS)
    except PlaywrightTimeout:  # counted as a failure, not hidden: see "no result" in the table
        context.close()
        return {"query": query, "no_result": 1, "load_1m": load}
    done = time.perf_counter()
    urls = list(fetched)
    context.close()
    if outside:
        raise SystemExit(f"requests outside 127.0.0.1: {outside}")
    return {
        "query": query,
        "no_result": 0,
        "from_navigation_s": done - start,
        "from_typing_s": done - typed,
        "load_1m": load,
        **byte_counts(site, urls, SEARCH_PATH[kind]),
    }


def browse(sites: dict[str, Path]) -> dict[str, list[dict[str, Any]]]:
    """Time every query on every site, each in a fresh browser context, the sites taking
    turns query by query so that both meet the same machine load."""
    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in sites}
    with sync_playwright() as playwright, ExitStack() as servers:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
        )
        urls = {kind: servers.enter_context(served(site)) for kind, site in sites.items()}
        for query in QUERIES:
            for kind, site in sites.items():
                print(f"    {kind}: {query}", file=sys.stderr, flush=True)
                out[kind].append(first_result(browser, site, urls[kind], query, kind))
        browser.close()
    return out


def summary(runs: Sequence[dict[str, Any]]) -> dict[str, float]:
    """Return the median of each figure over the queries that found something (NaN if none),
    and how many found nothing within WAIT_MS."""
    found = [r for r in runs if not r["no_result"]]
    keys = [k for k in (found[0] if found else {}) if k not in ("query", "no_result")]
    out = {k: statistics.median(float(r[k]) for r in found) for k in keys}
    out = {k: out.get(k, float("nan")) for k in FIGURES}
    load = statistics.median(float(r["load_1m"]) for r in runs) if runs else float("nan")
    return {**out, "load_1m": load, "no_result": float(len(runs) - len(found))}


def ratio(runs: dict[str, list[dict[str, Any]]]) -> float:
    """Return the median over queries of Material's time from typing to its first result over
    Pagefind's for the same query, each pair measured back to back (NaN when none found)."""
    pairs = [
        m["from_typing_s"] / p["from_typing_s"]
        for p, m in zip(runs["pagefind"], runs["material"], strict=True)
        if not p["no_result"] and not m["no_result"]
    ]
    return statistics.median(pairs) if pairs else float("nan")


def timed(step: str, run: Callable[[], Any]) -> Any:
    """Run one step, saying on stderr how long it took (the bench runs for minutes)."""
    start = time.perf_counter()
    value = run()
    print(f"  {step}: {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    return value


def bench_size(size: int, seed: int) -> dict[str, Any]:
    """Return both searches' figures for one archive size."""
    corpus = BENCH / f"corpus-{size}"
    timed("corpus", lambda: write_archive(corpus, size, seed))
    project = new_project(BENCH / f"search-{size}")
    timed("add", lambda: cli(project, "add", str(corpus)))
    timed("generate", lambda: cli(project, "generate"))
    ours, theirs = project / "site", project / "site-material"
    plain = timed("mkdocs (no search)", lambda: mkdocs_cpu(project / "mkdocs.yml", ours))
    pagefind = timed("pagefind", lambda: pagefind_cpu(ours))
    material = timed(
        "mkdocs + Material search", lambda: mkdocs_cpu(material_config(project), theirs)
    )
    index = theirs / "search" / "search_index.json"
    runs = timed("browser", lambda: browse({"pagefind": ours, "material": theirs}))
    return {
        "size": size,
        "pagefind": {
            "index_cpu_s": pagefind,
            "index_bytes": folder_bytes(ours / "pagefind"),
            **summary(runs["pagefind"]),
            "runs": runs["pagefind"],
        },
        "material": {
            "index_cpu_s": material - plain,
            "index_bytes": index.stat().st_size,
            **summary(runs["material"]),
            "runs": runs["material"],
        },
        "mkdocs_cpu_s": plain,
        "material_over_pagefind": ratio(runs),
    }


COLUMNS = (  # (key, heading, format)
    ("index_cpu_s", "index CPU s", "{:.1f}"),
    ("index_bytes", "index MB", "{:.2f}"),
    ("search_gz", "search KB gz", "{:.0f}"),
    ("all_gz", "page+search KB gz", "{:.0f}"),
    ("search_raw", "search KB raw", "{:.0f}"),
    ("from_typing_s", "1st result s (typed)", "{:.2f}"),
    ("from_navigation_s", "1st result s (nav)", "{:.2f}"),
    ("no_result", "no result", "{:.0f}"),
    ("load_1m", "load 1m", "{:.1f}"),
)
FIGURES = ("from_navigation_s", "from_typing_s", "all_raw", "all_gz", "search_raw", "search_gz")
SCALE = {"index_bytes": 1e6, "search_gz": 1e3, "all_gz": 1e3, "search_raw": 1e3}


def table(rows: Sequence[dict[str, Any]]) -> str:
    """Return the figures as one fixed-width table, a line per size and search."""
    head = f"{'N':>6} {'search':>9} " + " ".join(f"{h:>{len(h)}}" for _, h, _ in COLUMNS)
    lines = [head]
    for row in rows:
        for kind in ("pagefind", "material"):
            cells = [
                fmt.format(row[kind][key] / SCALE.get(key, 1)).rjust(len(heading))
                for key, heading, fmt in COLUMNS
            ]
            lines.append(f"{row['size']:>6} {kind:>9} " + " ".join(cells))
        lines.append(
            f"{row['size']:>6} Material / Pagefind, 1st result after typing (same run): "
            f"{row['material_over_pagefind']:.1f}x"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the search benchmark; print the table and save the JSON."""
    parser = size_parser(__doc__.splitlines()[0], "1000", "bench_search.json")
    args = parser.parse_args(argv)
    rows = []
    for size in sizes_of(args):
        print(f"search bench N={size}", file=sys.stderr, flush=True)
        rows.append(bench_size(size, args.seed))
    load = os.getloadavg()
    print(
        f"search: Pagefind vs Material, {THROTTLE}x CPU throttling, medians of "
        f"{len(QUERIES)} queries; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(table(rows))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps({"load": load, "rows": rows}, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
