"""Serve the site locally with MkDocs; building goes through generator.publish.quarantine."""

from __future__ import annotations

import subprocess
import sys

from generator.config.settings import Paths


def serve_site(paths: Paths) -> int:
    """Serve the site locally with live reload until interrupted."""
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(paths.mkdocs_yml)]
    return subprocess.call(command, cwd=paths.root)
