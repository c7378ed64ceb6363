"""A year of a busy digest (issue 23, `make bench BENCH_YEAR=1`): site size, build time, memory.

    python tools/bench_year.py [--articles 200000] [--days 365] [--retention 30]
                               [--json build/bench_year.json]

The goal: 200,000 articles a year (about 550 a day) publish as a site under 1 GB, built cold
in under 10 minutes on a 2-core runner with under 4 GB of memory, with retention.days on.

The corpus is the bench corpus's (tools/bench_corpus.py: the same fictional outlets, topics
and 300 to 2,000-word texts) saved as JSON scraper records rather than 95 KB HTML pages: the
year is about the site, and `add` of a record skips trafilatura (ingest is not timed). The
articles are spread evenly over `--days` days, so a smaller `--articles` is the same year at a
scaled rate per day; run two sizes to get per-article slopes and project the full year
(BENCH_YEAR_ARTICLES=2000,4000 make bench BENCH_YEAR=1): the projection is labelled as one.

Timed as child processes under GNU time (tools/bench_build.measure): a cold `newsdigest
build` (store and analysis cache kept, no docs/ or site/), then the hourly rebuild with
nothing new. CPU time (user + system), the machine's load average is printed with it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import subprocess
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from bench_build import BENCH, folder_bytes, fresh_copy, newsdigest  # noqa: E402
from bench_corpus import START, story  # noqa: E402

YEAR = 200_000
GOALS = {"site_mb": 1024.0, "build_cpu": 600.0, "rss_mb": 4096.0}


def record(number: int, size: int, days: int, seed: int) -> dict[str, Any]:
    """Return story `number` of a year of `size` as a JSON scraper record, spread over days."""
    s = story(number, size, seed)
    minutes = random.Random(f"year:{seed}:{number}").randint(0, 900)
    moment = START + timedelta(days=number * days // size, minutes=minutes)
    s = dataclasses.replace(s, published=moment.astimezone(s.published.tzinfo))
    return {
        "title": s.title,
        "text": "\n\n".join(s.paragraphs),
        "url": s.url,
        "published": s.published.isoformat(),
        "authors": [s.author],
        "source": s.outlet.name,
        "tags": list(s.topics[:3]),
    }


def year_project(size: int, days: int, retention: int, seed: int) -> Path:
    """Return a project holding the year's store (added once, kept between runs)."""
    from bench import new_project  # noqa: PLC0415 - imports the whole generator

    base = BENCH / f"year-base-{size}-{days}-{seed}"
    done = base / ".added"
    if not done.exists():
        new_project(base)
        inbox = base / "inbox"
        inbox.mkdir()
        for n in range(size):
            data = json.dumps(record(n, size, days, seed), ensure_ascii=False)
            (inbox / f"{n:06d}.json").write_text(data, encoding="utf-8")
        add = [sys.executable, "-m", "generator", "--project", str(base), "add", str(inbox)]
        subprocess.run(add, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        done.touch()
    project = fresh_copy(base, f"year-{size}", search=False)
    with (project / "newsdigest.yml").open("a", encoding="utf-8") as config:
        config.write(f"\nretention:\n  days: {retention}\n")
    return project


def bench_year(size: int, days: int, retention: int, seed: int) -> dict[str, Any]:
    """Build one year cold and again unchanged; return its figures."""
    project = year_project(size, days, retention, seed)
    cold = newsdigest(project, "build")
    again = newsdigest(project, "build")
    site = project / "site"
    pages = list(site.rglob("*.html"))
    redirects = sum(1 for p in (site / "articles").rglob("index.html") if p.stat().st_size < 1024)
    return {
        "articles": size,
        "days": days,
        "retention_days": retention,
        "build_cold": cold,
        "build_again": again,
        "site_bytes": folder_bytes(site),
        "docs_bytes": folder_bytes(project / "docs"),
        "site_folders": {p.name: folder_bytes(p) for p in sorted(site.iterdir()) if p.is_dir()},
        "html_pages": len(pages),
        "redirects": redirects,
        "article_pages": len(list((site / "articles").rglob("index.html"))) - redirects,
        "load": os.getloadavg(),
    }


def projection(rows: Sequence[dict[str, Any]], target: int) -> dict[str, float]:
    """Return the figures at `target` articles, by the line through the two largest runs."""
    a, b = sorted(rows, key=lambda r: r["articles"])[-2:]
    span = b["articles"] - a["articles"]

    def at(first: float, second: float) -> float:
        return second + (second - first) / span * (target - b["articles"])

    return {
        "site_mb": at(a["site_bytes"], b["site_bytes"]) / 2**20,
        "build_cpu": at(a["build_cold"]["cpu"], b["build_cold"]["cpu"]),
        "rss_mb": at(a["build_cold"]["rss_mb"], b["build_cold"]["rss_mb"]),
    }


def folder_slopes(rows: Sequence[dict[str, Any]]) -> str:
    """Return where the site's growth goes: MB per 1,000 more articles, per top folder."""
    a, b = sorted(rows, key=lambda r: r["articles"])[-2:]
    per = 1000 / (b["articles"] - a["articles"]) / 2**20
    slopes = {
        name: (size - a["site_folders"].get(name, 0)) * per
        for name, size in b["site_folders"].items()
    }
    ranked = sorted(slopes.items(), key=lambda kv: -kv[1])
    return ", ".join(f"{name} {mb:.1f}" for name, mb in ranked if abs(mb) >= 0.05)


def report(rows: Sequence[dict[str, Any]]) -> str:
    """Return the measured rows, the per-article slopes and the projection as Markdown."""
    lines = [
        "| articles | days | retention | article pages | redirects | HTML pages | site MB | "
        "build CPU s (wall) | peak MB | rebuild CPU s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        c = r["build_cold"]
        lines.append(
            f"| {r['articles']:,} | {r['days']} | {r['retention_days']} | {r['article_pages']:,} "
            f"| {r['redirects']:,} | {r['html_pages']:,} | {r['site_bytes'] / 2**20:.1f} | "
            f"{c['cpu']:.1f} ({c['wall']:.0f}) | {c['rss_mb']:.0f} | "
            f"{r['build_again']['cpu']:.1f} |"
        )
    if len(rows) >= 2:
        lines += [
            "",
            "site MB per 1,000 articles by folder (slope between the two largest runs): "
            + folder_slopes(rows),
        ]
    if len(rows) >= 2 and max(r["articles"] for r in rows) < YEAR:
        p = projection(rows, YEAR)
        lines += [
            "",
            f"PROJECTION (not measured) to {YEAR:,} articles, by the line through the two "
            f"largest runs: site {p['site_mb']:.0f} MB (goal < {GOALS['site_mb']:.0f}), cold "
            f"build {p['build_cpu']:.0f} CPU s (goal < {GOALS['build_cpu']:.0f} s on 2 cores), "
            f"peak {p['rss_mb']:.0f} MB (goal < {GOALS['rss_mb']:.0f})",
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the year simulation at one or more sizes; print the table and save the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("BENCH_YEAR_ARTICLES", str(YEAR))
    parser.add_argument("--articles", default=default, help="comma-separated sizes")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--retention", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=REPO / "build" / "bench_year.json")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.articles.split(",") if s]
    rows = [bench_year(n, args.days, args.retention, args.seed) for n in sizes]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(report(rows))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at the end: {load}; cores: {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
