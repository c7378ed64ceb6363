"""Editors' notes end to end: goldens, and editors' files never changed by any run.

Every run here checks the checksums of every file under docs/notes/ and of every
editor-owned page before and after: a normal run, a run with failing inputs, a run whose
attached article was removed from the store, and runs killed with SIGKILL at varied points.
Golden pages are rewritten with `UPDATE_GOLDEN=1 pytest tests/test_notes_site.py` and
reviewed as diffs.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.analyse import analyse
from generator.config.load import Config, load_config
from generator.config.settings import SiteSettings
from generator.ingest.run import analysis_settings
from generator.model import Analysis, Article, Entry, Problem, Published, Sentence
from generator.notes import (
    NoteFiles,
    apply_overrides,
    attach_notes,
    load_notes,
)
from generator.notes.parse import parse_note
from generator.placement import make_entry
from generator.publish.writer import MANIFEST_NAME, WriteReport, load_manifest, write_pages
from generator.render import GENERATED_FILES, GENERATED_FOLDERS, render_site
from generator.render.notes import NOTES_GENERATED_FOLDER
from generator.store.articles import Store

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden" / "notes"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
FOLDERS = (*GENERATED_FOLDERS, NOTES_GENERATED_FOLDER)
TOWNS = (
    "Stourhaven",
    "Hollowmouth",
    "Cheriton Vale",
    "Gull Island",
    "Brackenford",
    "Saltmere",
    "Kestrel Bay",
    "Ashcombe",
    "Wrenfield",
    "Port Alder",
)
TOPICS = (
    ("ferry", "The ferry service will add {n} evening crossings from {town} pier."),
    ("library", "The town library in {town} will open {n} extra hours a week."),
    ("bridge", "Engineers in {town} found {n} corroded bolts on the swing bridge."),
    ("market", "The {town} farmers' market drew {n} stalls on its opening day."),
    ("school", "A new school in {town} will take {n} pupils from September."),
)
# A sentence of the synthetic articles: text up to and including its full stop.
SENTENCE = re.compile(r"[^.]+\.")

CONFIG = """site:
  title: Notes Test Digest
  timezone: UTC
fetch:
  contact: https://example.org/newsdigest
"""


# ---------------------------------------------------------------- synthetic corpus


def article(i: int) -> Article:
    """Return the i-th fictional article (deterministic)."""
    town = TOWNS[i % len(TOWNS)]
    topic, lead = TOPICS[i % len(TOPICS)]
    n = 10 + i
    text = (
        lead.format(n=n, town=town) + f" The {town} council said the plan was agreed on "
        f"Tuesday. Residents asked for more notice.\n\nA spokesperson for the {topic} "
        f"project said work would finish within {i % 9 + 2} weeks. The cost is "
        f"{n * 1000} pounds."
    )
    day = 1 + i % 28
    return Article(
        id=f"{i:012x}",
        title=f"{town} {topic} plan {i}: {n} changes agreed",
        text=text,
        url=f"https://news.example/{town.lower().replace(' ', '-')}/{i}",
        source="Wessex Courier" if i % 2 else "Harbour Light",
        published=Published(
            f"2026-02-{day:02d}T09:{i % 60:02d}:00+00:00",
            f"2026-02-{day:02d}T09:{i % 60:02d}:00",
            "test",
        ),
    )


def fixed_analysis(a: Article, tags: Sequence[str]) -> Analysis:
    """Return a hand-made analysis, so goldens change only when rendering does."""
    sentences, paragraph_start = [], 0
    for number, paragraph in enumerate(a.text.split("\n\n")):
        for match in SENTENCE.finditer(paragraph):
            start = (
                paragraph_start + match.start() + (len(match.group()) - len(match.group().lstrip()))
            )
            end = paragraph_start + match.end()
            sentences.append(Sentence(len(sentences), number, start, end, a.text[start:end]))
        paragraph_start += len(paragraph) + 2
    return Analysis(tuple(sentences), (0, 1), tuple(tags))


def entries_for(count: int) -> list[Entry]:
    """Return entries of the first `count` fictional articles with fixed analyses."""
    out = []
    for i in range(count):
        a = article(i)
        topic = TOPICS[i % len(TOPICS)][0]
        out.append(make_entry(a, fixed_analysis(a, (topic, TOWNS[i % len(TOWNS)])), "UTC"))
    return out


# ---------------------------------------------------------------- notes used everywhere

NOTES = {
    "pick.md": """---
title: Why the ferry plan leads today
author: Morwenna <Pascoe>
date: 2026-03-02
articles:
  - https://news.example/stourhaven/0?utm_source=feed
pin: true
override:
  summary:
    - Stourhaven pier gets ten more evening ferries.
    - The council agreed the plan on Tuesday.
---
We pinned this because **three readers** asked about it. See [the about page](../about.md).
""",
    "tag-ferry.md": """---
title: About our ferry coverage
author: Ian Trevelyan
date: 2026-03-01
tags: [Ferry]
---
Ferry stories are checked against the operator's timetable.
""",
    "day.md": """---
author: Ian Trevelyan
date: 2026-02-28
days: [2026-02-01]
---
A quiet day: one reporter was ill.
""",
    "hide.md": """---
title: Duplicate report
author: Morwenna Pascoe
date: 2026-02-27
articles: [{hidden_page}]
hidden: true
reason: Same story as the Stourhaven report, filed twice.
---
""",
    "title.md": """---
date: 2026-02-26
articles: [000000000002]  # unquoted: still the id
override:
  title: Cheriton Vale bridge repairs agreed
  tags: [bridges, Cheriton Vale]
---
The original headline overstated the number of changes.
""",
    "typo.md": """---
title: Points at nothing
author: Ian Trevelyan
date: 2026-02-25
articles: [0000000009ff]
---
This note names an article that is not in the store.
""",
}
NOTES["hide.md"] = NOTES["hide.md"].replace(
    "{hidden_page}", make_entry(article(1), fixed_analysis(article(1), ()), "UTC").page
)
EDITOR_PAGES = {
    "about.md": "# About\n\nWritten by the editors.\n",
    "guides/style.md": "---\ntitle: Style guide\n---\nUse plain words.\n",
}


def write_editor_files(docs: Path, notes: dict[str, str] = NOTES) -> None:
    """Write the editors' files of a test project (as an editor would)."""
    for name, text in notes.items():
        (docs / "notes" / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / "notes" / name).write_text(text, encoding="utf-8")
    for name, text in EDITOR_PAGES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")


def editor_checksums(docs: Path) -> dict[str, str]:
    """Return the sha256 of every editor-owned file in docs/ (notes and other pages)."""
    owned = [
        p
        for p in sorted(docs.rglob("*"))
        if p.is_file()
        and p.relative_to(docs).parts[0] not in FOLDERS
        and p.relative_to(docs).as_posix() not in GENERATED_FILES
        and not p.name.startswith(".")
    ]
    return {
        p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in owned
    }


def make_project(root: Path, count: int) -> Path:
    """Create a project with `count` stored fictional articles and the editors' files."""
    (root / "newsdigest.yml").write_text(CONFIG, encoding="utf-8")
    store = Store(root / "data" / "articles")
    for i in range(count):
        store.add(article(i))
    write_editor_files(root / "docs")
    return root


def generate_with_notes(config: Config) -> tuple[WriteReport, list[Problem]]:
    """Run generate as the pipeline does once notes are wired (see the notes README)."""
    store = Store(config.paths.store)
    entries = [
        make_entry(a, analyse(a, analysis_settings(config, a)), config.site.timezone) for a in store
    ]
    notes = load_notes(config.paths.docs, FOLDERS + GENERATED_FILES, entries)
    entries = apply_overrides(entries, notes)
    pages = render_site(entries, config.site, notes)
    report = write_pages(config.paths.docs, pages, FOLDERS, GENERATED_FILES)
    return report, list(notes.problems) + list(report.problems)


# ---------------------------------------------------------------- goldens


def golden_site() -> dict[str, str]:
    """Render the small fixed site with all the notes (pure, in memory)."""
    entries = entries_for(6)
    parsed = [parse_note(text, f"notes/{name}") for name, text in sorted(NOTES.items())]
    notes = attach_notes(NoteFiles(tuple(parsed), (), (("about.md", "About"),)), entries)
    return render_site(apply_overrides(entries, notes), SiteSettings(title="Notes Test"), notes)


GOLDEN_PAGES = {
    "article-note-summary-override.md": "article:000000000000",
    "article-title-override.md": "article:000000000002",
    "tag-note.md": "tags/ferry-{hash}.md",
    "digest-note.md": "digest/2026-02-01.md",
    "home-pick.md": "index.md",
    "notes-index.md": "editors/index.md",
}


def find_page(pages: dict[str, str], pattern: str) -> str:
    """Return the one page path matching a golden's path (tag pages end in a hash)."""
    if pattern.startswith("article:"):
        pattern = make_entry(
            article(int(pattern[8:], 16)), fixed_analysis(article(0), ()), "UTC"
        ).page
    regex = re.escape(pattern).replace(re.escape("{hash}"), "[0-9a-f]+")
    found = [p for p in pages if re.fullmatch(regex, p)]
    assert len(found) == 1, (pattern, sorted(pages))
    return found[0]


@pytest.mark.parametrize("golden,pattern", sorted(GOLDEN_PAGES.items()))
def test_golden_pages(golden: str, pattern: str) -> None:
    pages = golden_site()
    text = pages[find_page(pages, pattern)]
    path = GOLDEN / golden
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{path} was missing and has been written: review it, then rerun")
    assert text == path.read_text(encoding="utf-8"), (
        f"{golden} differs: rerun with UPDATE_GOLDEN=1 and review the diff"
    )


def soup_of(pages: dict[str, str], pattern: str) -> BeautifulSoup:
    return BeautifulSoup(pages[find_page(pages, pattern)], "html.parser")


@pytest.mark.parametrize(
    "pattern,selector,expected",
    [
        (
            GOLDEN_PAGES["article-note-summary-override.md"],
            ".nd-editor-note .admonition-title",
            "Editor's note: Why the ferry plan leads today",
        ),
        (
            GOLDEN_PAGES["article-note-summary-override.md"],
            ".nd-editor-note .nd-note-by",
            "By Morwenna <Pascoe> · 2026-03-02 · note page",
        ),
        (
            GOLDEN_PAGES["article-note-summary-override.md"],
            ".nd-edited strong",
            "Edited by an editor:",
        ),
        (
            GOLDEN_PAGES["article-note-summary-override.md"],
            ".nd-editor-note > p:not(.nd-edited) strong",
            "three readers",
        ),
        (
            GOLDEN_PAGES["article-title-override.md"],
            ".nd-original-title",
            "Cheriton Vale bridge plan 2: 12 changes agreed",
        ),
        (
            GOLDEN_PAGES["tag-note.md"],
            ".nd-editor-note .admonition-title",
            "Editor's note: About our ferry coverage",
        ),
        (
            GOLDEN_PAGES["digest-note.md"],
            ".nd-editor-note > p:not(.admonition-title)",
            "A quiet day: one reporter was ill.",
        ),
    ],
)
def test_notes_show_where_they_belong(pattern: str, selector: str, expected: str) -> None:
    found = soup_of(golden_site(), pattern).select(selector)
    assert [e.get_text() for e in found][:1] == [expected]


def test_note_links_rebased_and_author_escaped() -> None:
    pages = golden_site()
    text = pages[find_page(pages, GOLDEN_PAGES["article-note-summary-override.md"])]
    assert "Morwenna &lt;Pascoe&gt;" in text and "<Pascoe>" not in text
    links = [
        a["href"]
        for a in soup_of(pages, GOLDEN_PAGES["article-note-summary-override.md"]).select(
            ".nd-editor-note a"
        )
    ]
    assert links == ["../../../../about/", "../../../../notes/pick/"]


def test_hidden_article_and_title_override() -> None:
    pages = golden_site()
    assert not [p for p in pages if "hollowmouth-library" in p]
    assert all(
        "Hollowmouth library plan 1" not in t for p, t in pages.items() if p != "editors/index.md"
    )
    index = soup_of(pages, "editors/index.md").get_text()
    assert "hides the article (reason: Same story as the Stourhaven report, filed twice.)" in index
    assert any(p.startswith("tags/bridges-") for p in pages)


def test_summary_override_replaces_summary() -> None:
    soup = soup_of(golden_site(), GOLDEN_PAGES["article-note-summary-override.md"])
    assert [li.get_text() for li in soup.select(".nd-summary li")] == [
        "Stourhaven pier gets ten more evening ferries.",
        "The council agreed the plan on Tuesday.",
    ]


def test_home_lists_pick_first() -> None:
    home = soup_of(golden_site(), "index.md")
    picks = home.select_one(".nd-picks-title + ul a")
    assert picks is not None and picks.get_text() == "Stourhaven ferry plan 0: 10 changes agreed"


# ---------------------------------------------------------------- editors' files never change


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(project), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("runner", ["harness", "cli"])
def test_normal_run_keeps_editor_files(tmp_path: Path, runner: str) -> None:
    project = make_project(tmp_path, 12)
    before = editor_checksums(project / "docs")
    if runner == "cli":
        result = run_cli(project, "generate")
        assert result.returncode in (0, 1), result.stderr
    else:
        report, _ = generate_with_notes(load_config(project))
        assert report.written
    assert editor_checksums(project / "docs") == before
    assert (project / "docs" / "index.md").exists()


def test_failing_inputs_keep_editor_files_and_report(tmp_path: Path) -> None:
    project = make_project(tmp_path, 12)
    docs = project / "docs"
    (docs / "notes" / "bad-yaml.md").write_text("---\ntitle: [unclosed\n---\nBody\n")
    (docs / "notes" / "bad-key.md").write_text("---\ntitle: ok\ncolour: red\n---\nBody\n")
    (docs / "notes" / "bad-type.md").write_text("---\npin: maybe\narticles: x\n---\n")
    broken_record = Store(project / "data" / "articles").path_for("0000000000ff")
    broken_record.parent.mkdir(parents=True, exist_ok=True)
    broken_record.write_text("{not json", encoding="utf-8")
    before = editor_checksums(docs)
    with pytest.raises(Exception, match="unreadable store record"):
        generate_with_notes(load_config(project))  # the harness has no per-record recovery
    result = run_cli(project, "generate")
    assert editor_checksums(docs) == before
    assert (docs / "index.md").exists()
    broken_record.unlink()
    _, problems = generate_with_notes(load_config(project))
    lines = "\n".join(p.line() for p in problems)
    for expected in (
        "error: docs/notes/bad-yaml.md:3: invalid YAML",
        "error: docs/notes/bad-key.md:3: colour: unknown key",
        "error: docs/notes/bad-type.md:2: pin: expected true or false",
    ):
        assert expected in lines
    assert editor_checksums(docs) == before
    index = (docs / "editors" / "index.md").read_text(encoding="utf-8")
    for name in ("bad-yaml", "bad-key", "bad-type"):  # reported above, not on the public site
        assert name not in index
    assert result.returncode in (0, 1)


def test_removed_article_note_kept_and_reported_not_listed(tmp_path: Path) -> None:
    project = make_project(tmp_path, 12)
    docs = project / "docs"
    generate_with_notes(load_config(project))
    Store(project / "data" / "articles").path_for("000000000002").unlink()
    before = editor_checksums(docs)
    _, problems = generate_with_notes(load_config(project))
    assert editor_checksums(docs) == before
    warnings = [p.line() for p in problems if "title.md" in p.origin]
    assert warnings and warnings[0].startswith(
        "warning: docs/notes/title.md:3: articles[0]: no stored article matches '000000000002'"
    )
    index = BeautifulSoup(
        (docs / "editors" / "index.md").read_text(encoding="utf-8"), "html.parser"
    )
    hrefs = [a["href"] for a in index.select(".nd-note-entry > strong > a")]
    assert hrefs and not {"../notes/typo/", "../notes/title/"} & set(hrefs)
    assert not index.select(".nd-note-missing, .nd-note-broken")
    assert "Unattached" not in index.get_text()


@pytest.mark.parametrize(
    "body,line",
    [
        ('Write the note here, in Markdown. It appears as an "Editor\'s note".\n', 5),
        ("A real first line.\n\nWrite the note here, in Markdown.\n", 7),
    ],
)
def test_template_note_is_a_warning_and_not_published(tmp_path: Path, body: str, line: int) -> None:
    project = make_project(tmp_path, 12)
    docs = project / "docs"
    (docs / "notes" / "draft.md").write_text(
        f"---\ntitle: Draft about the ferry\narticles: [000000000003]\n---\n{body}",
        encoding="utf-8",
    )
    _, problems = generate_with_notes(load_config(project))
    lines = [p.line() for p in problems if "draft.md" in p.origin]
    assert lines == [
        f"warning: docs/notes/draft.md:{line}: still has the template's text "
        "('Write the note here, in Markdown.'): not published until it is replaced"
    ]
    generated = [
        p.read_text(encoding="utf-8")
        for p in docs.rglob("*.md")
        if p.parts[len(docs.parts)] != "notes"
    ]
    assert generated and not [t for t in generated if "Draft about the ferry" in t]


def test_hand_edit_of_generated_page_kept_and_reported(tmp_path: Path) -> None:
    project = make_project(tmp_path, 6)
    docs = project / "docs"
    generate_with_notes(load_config(project))
    page = docs / "digest" / "2026-02-01.md"
    assert "do not edit" in page.read_text(encoding="utf-8").split("\n# ")[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nA hand edit.\n", encoding="utf-8")
    edited = page.read_bytes()
    result = run_cli(project, "generate")
    assert page.read_bytes() == edited
    assert f"{page}: kept: edited by hand" in result.stderr


# ---------------------------------------------------------------- SIGKILL at varied points

KILL_DELAYS = (0.3, 0.8, 1.5, 2.5, 4.0)


def reset_generated(docs: Path) -> None:
    """Remove what the generator wrote (the test's doing, not the generator's)."""
    for rel in load_manifest(docs):
        (docs / rel).unlink(missing_ok=True)
    (docs / MANIFEST_NAME).unlink(missing_ok=True)


def test_killed_runs_never_touch_editor_files(tmp_path: Path) -> None:
    project = make_project(tmp_path, 200)
    docs = project / "docs"
    before = editor_checksums(docs)
    started = time.monotonic()
    finished = run_cli(project, "generate")
    full = time.monotonic() - started
    assert finished.returncode in (0, 1), finished.stderr
    assert editor_checksums(docs) == before
    delays = [d for d in KILL_DELAYS if d < full] or [full / 2]
    killed = 0
    for delay in delays:
        reset_generated(docs)  # so that every killed run is busy writing pages
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--project", str(project), "generate"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        killed += process.wait(timeout=60) == -signal.SIGKILL
        assert editor_checksums(docs) == before, f"killed after {delay}s"
    assert killed >= len(delays) - 1, "the runs ended before they could be killed"
    final = run_cli(project, "generate")
    assert final.returncode in (0, 1), final.stderr
    assert editor_checksums(docs) == before
    assert (docs / "index.md").exists()
