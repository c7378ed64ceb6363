"""Build or serve the site with MkDocs (the one place that runs it)."""

from __future__ import annotations

import subprocess
import sys

from .errors import NewsdigestError
from .settings import Paths


class BuildError(NewsdigestError):
    """mkdocs build failed; its own output says why."""


def mkdocs_command(paths: Paths, action: str) -> list[str]:
    """Return the mkdocs command line for `build` or `serve`."""
    command = [sys.executable, "-m", "mkdocs", action, "-f", str(paths.mkdocs_yml)]
    if action == "build":
        command += ["--strict", "--site-dir", str(paths.site)]
    return command


def build_site(paths: Paths) -> None:
    """Run `mkdocs build --strict` into site/; raise BuildError when it fails."""
    result = subprocess.run(mkdocs_command(paths, "build"), cwd=paths.root, check=False,
                            capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        raise BuildError(f"mkdocs build --strict failed:\n{tail}")


def serve_site(paths: Paths) -> int:
    """Serve the site locally with live reload until interrupted."""
    return subprocess.call(mkdocs_command(paths, "serve"), cwd=paths.root)
