"""Every real page of ../shared/eval-dev through the whole `show` path: zero exceptions.

    python tools/realpages.py [--sample N] [--jobs 2] [--json build/realpages.json]

Pages: the HTML of extraction/ and dates/ (gzipped) and every file of badinput/. Each goes
through what `newsdigest show` runs for one input: extract, analyse, the JSON record and the
article page's Markdown, without the per-input boundary, so that a bug shows as an exception
(counted with its page) instead of a Problem. A NewsdigestError is a clean error, counted by
reason. Runs in a process pool; `--sample N` takes a fixed, evenly spread sample of N pages.
`make test-realpages` runs the whole set; tests/test_realpages.py a sample in `make test`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.config.load import Config, load_config  # noqa: E402
from generator.errors import NewsdigestError  # noqa: E402
from generator.extract import ExtractContext  # noqa: E402
from generator.faults import described  # noqa: E402
from generator.ingest.run import Done, process  # noqa: E402
from generator.model import RawInput  # noqa: E402

SHARED = REPO.parent / "shared" / "eval-dev"
PAGE_FOLDERS = ("extraction", "dates")  # their pages are gzipped; the rest is metadata
# Digits and quoted parts of a reason vary per page; the reason's kind is what is counted.
VARYING = re.compile(r"\d+|'[^']*'|\"[^\"]*\"")
_CONFIG: list[Config] = []


def real_pages(shared: Path = SHARED) -> list[Path]:
    """Return every real page of the dev sets, sorted (HTML pages and bad inputs)."""
    pages = [p for folder in PAGE_FOLDERS for p in (shared / folder).rglob("*.gz")]
    pages += [p for p in (shared / "badinput").rglob("*") if p.is_file()]
    return sorted(pages)


def sample(pages: Sequence[Path], size: int | None) -> list[Path]:
    """Return `size` pages spread evenly over the list (all when size is None or larger)."""
    if size is None or size >= len(pages):
        return list(pages)
    step = len(pages) / size
    return [pages[int(i * step)] for i in range(size)]


def page_bytes(path: Path) -> bytes:
    """Return a page's bytes (gunzipped when the dev set stores it gzipped)."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def show_one(path: Path) -> tuple[str, str, float]:
    """Run one page through show's path; return (outcome, detail, seconds).

    outcome: "ok", "error" (a NewsdigestError: its reason's kind) or "exception".
    """
    from generator.cli.main import show_text  # noqa: PLC0415 - after sys.path is set

    if not _CONFIG:
        _CONFIG.append(load_config(REPO))
    config = _CONFIG[0]
    started = time.perf_counter()
    try:
        raw = RawInput(origin=str(path), content=page_bytes(path))
        done = Done(raw.origin, *process(raw, config, ExtractContext()))
        for output in ("json", "markdown"):
            show_text(done, output, config)
        result = ("ok", "")
    except NewsdigestError as error:
        result = ("error", VARYING.sub("…", str(error))[:80])
    except Exception as error:  # counting them is the point
        result = ("exception", described(error))
    return (*result, time.perf_counter() - started)


def sweep(pages: Sequence[Path], jobs: int) -> dict[str, object]:
    """Run every page through show's path in `jobs` processes; return the counts."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(show_one, pages, chunksize=8))
    outcomes = Counter(outcome for outcome, _, _ in results)
    errors = Counter(detail for outcome, detail, _ in results if outcome == "error")
    exceptions = {
        str(p): detail
        for p, (outcome, detail, _) in zip(pages, results, strict=True)
        if outcome == "exception"
    }
    slowest = sorted(zip(pages, results, strict=True), key=lambda pr: -pr[1][2])[:5]
    return {
        "inputs": len(pages),
        "ok": outcomes["ok"],
        "errors": outcomes["error"],
        "errors_by_reason": dict(errors.most_common()),
        "exceptions": exceptions,
        "slowest": [
            (str(p.relative_to(SHARED)) if p.is_relative_to(SHARED) else str(p), round(r[2], 2))
            for p, r in slowest
        ],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Sweep the real pages, print the counts; exit 1 when any page raised."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, help="a fixed sample of this many pages")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the counts here")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"realpages: {SHARED} absent, skipped")
        return 0
    counts = sweep(sample(real_pages(), args.sample), args.jobs)
    text = json.dumps(counts, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 1 if counts["exceptions"] else 0


if __name__ == "__main__":
    sys.exit(main())
