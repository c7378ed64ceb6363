"""Read local inputs (files, folders, stdin) into RawInput values: the ingest edge."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from generator.errors import InputError
from generator.model import RawInput

# Files a folder scan picks up; an explicitly named file is read whatever its name.
INPUT_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".txt", ".text", ".json"})
MAX_INPUT_BYTES = 20 * 1024 * 1024


def expand(args: Sequence[str]) -> Iterator[str]:
    """Yield input names in order: files as given, folders as their sorted input files."""
    for arg in args:
        path = Path(arg)
        if arg != "-" and path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in INPUT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            yield from (str(p) for p in found)
        else:
            yield arg


def read_input(name: str, stdin: BinaryIO, url: str | None = None) -> RawInput:
    """Read one input's bytes; raise InputError naming what is wrong."""
    if name == "-":
        return RawInput(origin="<stdin>", content=stdin.read(MAX_INPUT_BYTES + 1), url=url)
    path = Path(name)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"file too large ({size} bytes, limit {MAX_INPUT_BYTES})")
        content = path.read_bytes()
    except FileNotFoundError as error:
        raise InputError("no such file") from error
    except IsADirectoryError as error:
        raise InputError("is a directory") from error
    except OSError as error:
        raise InputError(f"cannot read ({error.strerror})") from error
    return RawInput(origin=name, content=content, url=url)
