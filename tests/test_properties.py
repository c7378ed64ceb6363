"""Property tests (Hypothesis): whatever the input, no exception escapes a command, every
input is stored or reported on its own line, and editors' files are never touched."""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hostile.project import make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fault_isolation import EXTREME_DATES, page

from generator.cli.main import main

PROPERTY = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
SLOW_PROPERTY = settings(PROPERTY, max_examples=12)
ADDED = re.compile(r"^added: (\d+) new, (\d+) already stored, (\d+) failed$", re.MULTILINE)
EDITORS = {
    "about.md": "# About\n\nWritten by hand.\n",
    "notes/welcome.md": "---\ntitle: Welcome\n---\n\nAn editor's note.\n",
}

# JSON-LD dates: any text, the ends of datetime's range, and times with any offset.
OFFSETS = st.sampled_from(["Z", "+00:00", "+08:00", "-12:00", "+14:00", "+23:59", "-99:00", ""])
MOMENTS = st.builds(lambda moment, offset: moment.isoformat() + offset, st.datetimes(), OFFSETS)
DATES = st.one_of(st.sampled_from(EXTREME_DATES), MOMENTS, st.text(max_size=40))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project for the show examples (show never writes the store)."""
    return make_project(tmp_path_factory.mktemp("props") / "p")


def command(root: Path, *args: str) -> tuple[int, str, str]:
    """Run the command line in this process; return status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--project", str(root), *args])
    return status, out.getvalue(), err.getvalue()


def check_show(root: Path, paths: Sequence[Path]) -> None:
    """Show the inputs: one JSON line each, in order, a record or its error (also on stderr)."""
    status, out, err = command(root, "show", *map(str, paths))
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == len(paths)
    for path, line in zip(paths, lines, strict=True):
        if "error" in line:
            assert line["input"] == str(path) and f"error: {path}: " in err
        else:
            assert isinstance(line["title"], str) and isinstance(line["text"], str)
    assert status == (1 if any("error" in line for line in lines) else 0)
    assert "Traceback" not in err


@PROPERTY
@given(content=st.binary(max_size=3000), suffix=st.sampled_from([".html", ".txt", ".json"]))
def test_show_any_bytes(project: Path, content: bytes, suffix: str) -> None:
    path = project / f"input{suffix}"
    path.write_bytes(content)
    check_show(project, [path])


@PROPERTY
@given(text=st.text(max_size=2000), kind=st.sampled_from(["html", "txt", "json"]))
def test_show_any_unicode(project: Path, text: str, kind: str) -> None:
    path = project / f"unicode.{kind}"
    if kind == "json":
        payload = json.dumps({"title": text[:80], "text": text, "published": text[:30]})
    elif kind == "html":
        payload = f"<html><head><title>{text[:80]}</title></head><body><p>{text}</p></body></html>"
    else:
        payload = text
    path.write_bytes(payload.encode("utf-8", "surrogatepass"))
    check_show(project, [path])


@PROPERTY
@given(dates=st.lists(DATES, min_size=1, max_size=3))
def test_show_json_ld_with_any_date(project: Path, dates: list[str]) -> None:
    paths = []
    for n, date in enumerate(dates):
        path = project / f"dated-{n}.html"
        path.write_bytes(page(n, date))
        paths.append(path)
    check_show(project, paths)


def editors_files(root: Path) -> dict[str, bytes]:
    """Return the editors' files of a project's docs/ as path -> bytes."""
    return {rel: (root / "docs" / rel).read_bytes() for rel in EDITORS}


@SLOW_PROPERTY
@given(dates=st.lists(DATES, min_size=1, max_size=4), junk=st.binary(max_size=500))
def test_add_and_generate_whatever_the_dates(
    tmp_path_factory: pytest.TempPathFactory, dates: list[str], junk: bytes
) -> None:
    root = make_project(tmp_path_factory.mktemp("addgen") / "p")
    for rel, text in EDITORS.items():
        (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / rel).write_text(text, encoding="utf-8")
    before = editors_files(root)
    inbox = root / "inbox"
    inbox.mkdir()
    for n, date in enumerate(dates):
        (inbox / f"page-{n}.html").write_bytes(page(n, date))
    (inbox / "junk.html").write_bytes(junk)
    status, out, err = command(root, "add", str(inbox))
    found = ADDED.search(out)
    assert found is not None, out
    new, unchanged, failed = map(int, found.groups())
    assert new + unchanged + failed == len(dates) + 1  # every input stored or reported
    assert failed == err.count("error: ") and status == (1 if failed else 0)
    status, out, err = command(root, "generate")
    assert status in (0, 1) and "Traceback" not in err
    assert status == 0 or "left out of the site" in err
    assert editors_files(root) == before
