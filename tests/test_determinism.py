"""Same store, same docs/ byte for byte, whatever the hash seed, time zone or locale; and
two `mkdocs build` runs with SOURCE_DATE_EPOCH set give the same site/."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile.project import REPO, add_articles, make_project
from hostile.strings import OWN_STRINGS

ENVIRONMENTS = (
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
    {
        "PYTHONHASHSEED": "4242",
        "TZ": "Pacific/Kiritimati",
        "LANG": "de_DE.UTF-8",
        "LC_ALL": "tr_TR.UTF-8",
    },
)
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def files(root: Path) -> dict[str, bytes]:
    """Return relative path -> bytes of every file under `root`."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def run(env: dict[str, str], *args: str) -> None:
    """Run a command line with extra environment variables; fail on a crash."""
    result = subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr[-3000:]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with our hostile articles plus the demo inbox, when it is importable."""
    # The site's address comes from newsdigest.yml (the sitemap needs one).
    root = make_project(
        tmp_path_factory.mktemp("determinism") / "project",
        config={
            "site": {
                "title": "Hostile <b>Digest</b> & co",
                "timezone": "UTC",
                "url": "https://digest.harbour-hills.example/",
            }
        },
    )
    add_articles(root, list(OWN_STRINGS[:40]))
    run(
        ENVIRONMENTS[0],
        "-m",
        "generator",
        "--project",
        str(root),
        "add",
        str(REPO / "examples" / "inbox"),
    )
    return root


def test_generate_is_byte_identical_across_seed_zone_and_locale(
    project: Path, tmp_path: Path
) -> None:
    trees = []
    for number, env in enumerate(ENVIRONMENTS):
        copy = tmp_path / f"run-{number}"
        shutil.copytree(project, copy)
        run(env, "-m", "generator", "--project", str(copy), "generate")
        trees.append(files(copy / "docs"))
    assert len(trees[0]) > 40
    assert trees[0] == trees[1]


def test_mkdocs_build_is_identical_with_source_date_epoch(project: Path, tmp_path: Path) -> None:
    run(ENVIRONMENTS[0], "-m", "generator", "--project", str(project), "generate")
    sites = []
    for number, env in enumerate(ENVIRONMENTS):
        site = tmp_path / f"site-{number}"
        run(
            {**env, "SOURCE_DATE_EPOCH": EPOCH},
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(site),
        )
        sites.append(files(site))
    differing = sorted(
        k for k in sites[0].keys() | sites[1].keys() if sites[0].get(k) != sites[1].get(k)
    )
    assert differing == []
    assert "sitemap.xml.gz" in sites[0]
    assert gzip.decompress(sites[0]["sitemap.xml.gz"]) == sites[0]["sitemap.xml"]
    assert b"<lastmod>2026-01-01</lastmod>" in sites[0]["sitemap.xml"]
