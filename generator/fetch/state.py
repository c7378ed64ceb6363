"""Remember what fetch learns between runs (HTTP validators, source health) as JSON files."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from generator.errors import ConfigError

VALIDATORS_FILE = "http-cache.json"
HEALTH_FILE = "health.json"

Validators = dict[str, dict[str, str]]  # URL -> {"etag": ..., "last_modified": ...}


def load_json(path: Path) -> dict[str, object]:
    """Return a state file's mapping ({} when it does not exist yet)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigError(f"{path}: cannot read fetch state: {error}") from error
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ConfigError(
            f"{path}: corrupt fetch state ({error}); delete it to start afresh"
        ) from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: corrupt fetch state: expected a JSON object")
    return data


def write_json_atomic(path: Path, data: Mapping[str, object]) -> None:
    """Write JSON so a crash leaves the old file or the new one, never half of either."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def load_validators(state_dir: Path) -> Validators:
    """Return the ETag / Last-Modified remembered per URL."""
    data = load_json(state_dir / VALIDATORS_FILE)
    return {
        str(url): {str(k): str(v) for k, v in fields.items() if k in ("etag", "last_modified")}
        for url, fields in data.items()
        if isinstance(fields, dict)
    }


def conditional_headers(validators: Validators, url: str) -> dict[str, str]:
    """Return If-None-Match / If-Modified-Since for a URL fetched before."""
    known = validators.get(url, {})
    headers = {}
    if "etag" in known:
        headers["If-None-Match"] = known["etag"]
    if "last_modified" in known:
        headers["If-Modified-Since"] = known["last_modified"]
    return headers


def validators_from(headers: Mapping[str, str]) -> dict[str, str]:
    """Return the validators a 200 response offers for next time."""
    found = {"etag": headers.get("etag"), "last_modified": headers.get("last-modified")}
    return {k: v for k, v in found.items() if v}
