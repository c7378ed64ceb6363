"""Side-by-side build bench: newsdigest against plain Material + tags on the same articles.

    python tools/bench_build.py [--sizes 1000] [--large] [--json build/bench_build.json]

For each size N it writes the synthetic archive (tools/bench_corpus.py), `newsdigest add`s
it into a throw-away project (untimed), and then times, as child processes measured by GNU
time (user + system CPU seconds of the whole process tree, and its peak RSS):

- a cold `newsdigest build` (store and analysis cache only: no docs/, site/ or page stamps),
- `mkdocs build` alone on the docs/ that build wrote,
- the hourly publish with nothing new (`newsdigest build` again),
- a cold `newsdigest generate` (in a copy of the project),
- one new article: `newsdigest add` of it + `newsdigest build`, and the files it changed,

and the anchor: a plain MkDocs + Material project with its search and tags plugins whose
docs/ holds one Markdown page per article (the same title, tags and text), built cold, again
unchanged, and again after one more article. CPU time, not wall time: the machine is shared.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from bench_corpus import story, write_archive, write_story  # noqa: E402
from benchlib import (  # noqa: E402
    BENCH,
    folder_bytes,
    load_average,
    mkdocs_command,
    new_project,
    newsdigest_command,
    size_parser,
    sizes_of,
)

TIME = "/usr/bin/time"
ANCHOR_YML = """site_name: Anchor
site_url: https://anchor.example/
theme:
  name: material
  font: false
plugins:
  - search
  - tags
# Articles stay out of the navigation, as ours do: else every page lists every article.
nav:
  - index.md
  - tags.md
"""


def measure(args: Sequence[str], cwd: Path) -> dict[str, float]:
    """Run a command under GNU time; return its CPU seconds, wall seconds and peak RSS MB.

    GNU time forks a small process, so the peak is the command tree's own (a child spawned
    from a large Python process would inherit that process's high-water mark).
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        command = [TIME, "-q", "-o", out.name, "-f", "%U %S %e %M", *args]
        child = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
        if child.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed:\n{child.stderr[-3000:]}")
        user, system, wall, peak_kb = out.read().split()[-4:]
    return {"cpu": float(user) + float(system), "wall": float(wall), "rss_mb": int(peak_kb) / 1024}


def newsdigest(project: Path, *args: str) -> dict[str, float]:
    """Run `newsdigest --project P ARGS`, measured."""
    return measure(newsdigest_command(project, *args), REPO)


def mkdocs(project: Path) -> dict[str, float]:
    """Run `mkdocs build --strict` on a project, measured."""
    return measure(mkdocs_command(project), project)


def digests(root: Path) -> dict[str, str]:
    """Return every file under `root` with a digest of its bytes."""
    return {
        str(p.relative_to(root)): hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def changed(before: dict[str, str], after: dict[str, str]) -> int:
    """Return how many files were written, changed or removed between two snapshots."""
    return sum(1 for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def stored_project(size: int, seed: int) -> Path:
    """Return a project with the archive of `size` articles added (kept between runs)."""
    base = BENCH / f"build-base-{size}"
    done = base / ".added"
    if done.exists():
        return base
    write_archive(BENCH / f"corpus-{size}", size, seed)
    new_project(base)
    subprocess.run(
        newsdigest_command(base, "add", str(BENCH / f"corpus-{size}")),
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    done.touch()
    return base


def without_search(config: str) -> str:
    """Return mkdocs.yml's text without MkDocs's search plugin (search built outside it)."""
    start, end = config.index("\nplugins:"), config.index("\nmarkdown_extensions:")
    return config[:start] + "\nplugins: []\n" + config[end:]


def fresh_copy(base: Path, name: str, search: bool) -> Path:
    """Copy the stored project (store and analysis cache, no pages) to a scratch folder, with
    the repository's current site configuration, theme and hooks."""
    target = BENCH / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(base, target)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(config if search else without_search(config), "utf-8")
    shutil.rmtree(target / "generator", ignore_errors=True)
    shutil.copytree(REPO / "generator" / "theme", target / "generator" / "theme")
    (target / "generator" / "publish").mkdir(exist_ok=True)
    shutil.copy(
        REPO / "generator" / "publish" / "hooks.py", target / "generator" / "publish" / "hooks.py"
    )
    return target


def add_one(project: Path, number: int, size: int, seed: int) -> Path:
    """Write story `number` of the archive into the project's inbox; return its path."""
    return write_story(project / "inbox", story(number, size, seed))


def anchor_page(article_md: Path, store: Path) -> str:
    """Return the anchor's page for one of our article pages: title, tags and the text."""
    text = article_md.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    info = meta["newsdigest"]
    record = json.loads((store / info["id"][:2] / f"{info['id']}.json").read_text("utf-8"))
    front = yaml.safe_dump({"title": meta["title"], "tags": info["tags"]}, allow_unicode=True)
    return f"---\n{front}---\n\n# {meta['title']}\n\n{record['article']['text']}\n"


def anchor_project(ours: Path, root: Path) -> Path:
    """Write the anchor: Material + search + tags, one page per article of `ours`."""
    shutil.rmtree(root, ignore_errors=True)
    docs = root / "docs" / "articles"
    docs.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(ANCHOR_YML, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Anchor\n", encoding="utf-8")
    (root / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", "utf-8")
    store = ours / "data" / "articles"
    for page in sorted((ours / "docs" / "articles").rglob("*.md")):
        if page.name != "index.md" and "kind: article" in page.read_text("utf-8")[:2000]:
            (docs / page.name).write_text(anchor_page(page, store), encoding="utf-8")
    return root


def bench_size(size: int, seed: int, search: bool) -> dict[str, Any]:
    """Return the side-by-side figures for one archive size."""
    base = stored_project(size, seed)
    out: dict[str, Any] = {"size": size, "mkdocs_search": search}
    gen = fresh_copy(base, f"build-gen-{size}", search)
    out["generate_cold"] = newsdigest(gen, "generate")
    out["mkdocs_ours"] = mkdocs(gen)
    ours = fresh_copy(base, f"build-ours-{size}", search)
    out["build_cold"] = newsdigest(ours, "build")
    anchor = anchor_project(ours, BENCH / f"build-anchor-{size}")
    out["anchor_cold"] = mkdocs(anchor)
    out["build_same"] = newsdigest(ours, "build")
    out["anchor_same"] = mkdocs(anchor)
    before = digests(ours / "site") | {f"docs/{k}": v for k, v in digests(ours / "docs").items()}
    extra = add_one(ours, size, size, seed)
    added = newsdigest(ours, "add", str(extra))
    out["build_plus1"] = newsdigest(ours, "build")
    out["build_plus1"]["cpu"] += added["cpu"]
    after = digests(ours / "site") | {f"docs/{k}": v for k, v in digests(ours / "docs").items()}
    out["plus1_files_site"] = changed(
        *({k: v for k, v in d.items() if not k.startswith("docs/")} for d in (before, after))
    )
    out["plus1_files_docs"] = changed(
        *({k: v for k, v in d.items() if k.startswith("docs/")} for d in (before, after))
    )
    for rel in sorted(after.keys() - before.keys()):  # the new article's page, as the anchor's
        page = ours / rel
        if rel.startswith("docs/articles/") and "kind: article" in page.read_text("utf-8")[:2000]:
            target = anchor / "docs" / "articles" / page.name
            target.write_text(anchor_page(page, ours / "data" / "articles"), "utf-8")
    out["anchor_plus1"] = mkdocs(anchor)
    out["site_bytes_per_article"] = folder_bytes(ours / "site") / (size + 1)
    out["anchor_bytes_per_article"] = folder_bytes(anchor / "site") / (size + 1)
    out["site_pages"] = sum(1 for _ in (ours / "site").rglob("*.html"))
    out["anchor_pages"] = sum(1 for _ in (anchor / "site").rglob("*.html"))
    return out


ROWS = (  # (label, ours, anchor)
    ("cold `newsdigest build` (generate + site)", "build_cold", "anchor_cold"),
    ("mkdocs alone on our docs/", "mkdocs_ours", "anchor_cold"),
    ("hourly publish, nothing new (`build` again)", "build_same", "anchor_same"),
    ("one new article: add + build", "build_plus1", "anchor_plus1"),
    ("`generate` cold", "generate_cold", "anchor_cold"),
)


def table(row: dict[str, Any]) -> str:
    """Return one size's figures as a Markdown table (CPU seconds, peak RSS)."""
    n = row["size"]
    config = "mkdocs.yml as it is" if row["mkdocs_search"] else "MkDocs's plugins removed"
    lines = [
        f"N = {n:,} articles, ours with {config}, search by Pagefind "
        "(CPU s = user + system of the process tree)",
        "",
        "| run | newsdigest CPU s | anchor CPU s | ratio | newsdigest peak MB |",
        "|---|---|---|---|---|",
    ]
    for label, ours, anchor in ROWS:
        a, b = row[ours], row[anchor]
        lines.append(
            f"| {label} | {a['cpu']:.1f} | {b['cpu']:.1f} | "
            f"{a['cpu'] / b['cpu']:.2f}x | {a['rss_mb']:.0f} |"
        )
    cold = row["build_cold"]["cpu"]
    lines += [
        "",
        f"hourly publish with one new article: {row['build_plus1']['cpu']:.1f} CPU s = "
        f"{row['build_plus1']['cpu'] / cold:.2f} of a cold build; files changed: "
        f"{row['plus1_files_docs']} in docs/, {row['plus1_files_site']} in site/",
        f"site bytes per article: {row['site_bytes_per_article'] / 1000:.1f} kB "
        f"(anchor {row['anchor_bytes_per_article'] / 1000:.1f} kB); HTML pages: "
        f"{row['site_pages']:,} (anchor {row['anchor_pages']:,})",
        f"peak RSS MB: generate {row['generate_cold']['rss_mb']:.0f}, build "
        f"{row['build_cold']['rss_mb']:.0f}, anchor mkdocs {row['anchor_cold']['rss_mb']:.0f}",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the side-by-side build bench; print the tables and save the JSON."""
    parser = size_parser(__doc__.splitlines()[0], "1000", "bench_build.json")
    parser.add_argument(
        "--without-mkdocs-search",
        action="store_true",
        help="build ours without MkDocs's search plugin (Pagefind indexes site/)",
    )
    args = parser.parse_args(argv)
    rows = [bench_size(size, args.seed, not args.without_mkdocs_search) for size in sizes_of(args)]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for row in rows:
        print(table(row), end="\n\n")
    print(f"load average at the end: {load_average()}; cores: {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
