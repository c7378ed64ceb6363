"""What every bench under tools/ shares: where it works, its size arguments, the throw-away
project, the child-process runs (`newsdigest`, `mkdocs build`) and the closing load line.

Kept free of the generator's imports so that a bench that only runs children starts fast.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench_corpus import OUTLETS

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "build" / "bench"
LARGE = 10_000  # the size --large (or BENCH_LARGE=1) adds
MIN_TAG_ARTICLES = 2  # the site's shape at scale: single-use tags get no page
SOURCES_YML = "".join(
    f"  - name: {o.name}\n    local: true\n    timezone: Etc/GMT{-o.offset_hours:+d}\n"
    f"    language: {o.language}\n"
    for o in OUTLETS
).replace("Etc/GMT+0", "UTC")


def size_parser(description: str, sizes: str, json_name: str | None) -> argparse.ArgumentParser:
    """Return a parser with the arguments every bench takes: --sizes, --large, --seed, --json."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", default=sizes, help="comma-separated archive sizes")
    parser.add_argument("--large", action="store_true", help=f"also run N = {LARGE:,}")
    parser.add_argument("--seed", type=int, default=1)
    if json_name is not None:
        parser.add_argument("--json", type=Path, default=REPO / "build" / json_name)
    return parser


def sizes_of(args: argparse.Namespace) -> list[int]:
    """Return the sizes asked for, with LARGE added by --large or BENCH_LARGE=1."""
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.large or os.environ.get("BENCH_LARGE") == "1":
        sizes.append(LARGE)
    return sizes


def load_average() -> str:
    """Return the 1, 5 and 15 minute load averages, for the line that closes a bench's output."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def mkdocs_args(project: Path, config: Path | None = None, site: Path | None = None) -> list[str]:
    """Return `mkdocs build --strict -q` of a project as arguments after `python -m mkdocs`."""
    config = config or project / "mkdocs.yml"
    site = site or project / "site"
    return ["build", "--strict", "-q", "-f", str(config), "-d", str(site)]


def mkdocs_command(
    project: Path, config: Path | None = None, site: Path | None = None
) -> list[str]:
    """Return the whole `python -m mkdocs build --strict` command line of a project."""
    return [sys.executable, "-m", "mkdocs", *mkdocs_args(project, config, site)]


def newsdigest_command(project: Path, *args: str) -> list[str]:
    """Return the whole `python -m generator --project P ARGS` command line."""
    return [sys.executable, "-m", "generator", "--project", str(project), *args]


def folder_bytes(root: Path) -> int:
    """Return the size of a folder's files in bytes."""
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def new_project(root: Path) -> Path:
    """Create a throw-away project: the repo's site configuration and the bench's sources."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "docs").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "generator" / "theme", root / "generator" / "theme")
    (root / "generator" / "publish").mkdir(exist_ok=True)
    if (REPO / "generator" / "publish" / "hooks.py").exists():
        shutil.copy(
            REPO / "generator" / "publish" / "hooks.py", root / "generator" / "publish" / "hooks.py"
        )
    shutil.copy(REPO / "docs" / "about.md", root / "docs" / "about.md")
    config = (REPO / "newsdigest.yml").read_text(encoding="utf-8").split("\nsources:")[0]
    config = config.replace("min_tag_articles: 1 ", f"min_tag_articles: {MIN_TAG_ARTICLES} ")
    (root / "newsdigest.yml").write_text(config + "\nsources:\n" + SOURCES_YML, encoding="utf-8")
    return root


# Runs a module as __main__ and, at exit, writes the process's own peak RSS (VmHWM, kB) to the
# file named by BENCH_PEAK_FILE. The kernel's ru_maxrss from wait4 will not do: a child
# spawned with vfork inherits the parent's high-water mark at exec, so a large bench process
# would be reported as every child's peak. newsdigest leaves through os._exit (no atexit), so
# that is wrapped too.
PEAK_WRAPPER = """
import atexit, os, runpy, sys
def report():
    with open('/proc/self/status', encoding='ascii') as status:
        peak = next(line.split()[1] for line in status if line.startswith('VmHWM:'))
    with open(os.environ['BENCH_PEAK_FILE'], 'w', encoding='ascii') as out:
        out.write(peak)
def exit_reporting(status, _exit=os._exit):
    report()
    _exit(status)
atexit.register(report)
os._exit = exit_reporting
module, sys.argv = sys.argv[1], sys.argv[1:]
runpy.run_module(module, run_name='__main__', alter_sys=True)
"""


def run_child(module: str, args: Sequence[str], cwd: Path) -> dict[str, Any]:
    """Run `python -m module ARGS`; return its wall seconds, peak RSS (MB) and output."""
    with tempfile.TemporaryDirectory() as work:
        peak_file = Path(work) / "peak"
        env = {**os.environ, "BENCH_PEAK_FILE": str(peak_file)}
        start = time.perf_counter()
        child = subprocess.run(
            [sys.executable, "-c", PEAK_WRAPPER, module, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        if child.returncode != 0:
            raise SystemExit(
                f"{module} {' '.join(args)} failed ({child.returncode}):\n{child.stderr[-3000:]}"
            )
        peak_kb = int(peak_file.read_text(encoding="ascii"))
    return {"s": seconds, "rss_mb": peak_kb / 1024, "stdout": child.stdout.strip()}


def cli(project: Path, *args: str) -> dict[str, Any]:
    """Run `newsdigest --project P ARGS` as a child process."""
    return run_child("generator", ["--project", str(project), *args], REPO)
