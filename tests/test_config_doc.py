"""The configuration reference (generator/config/CONFIG.md) names exactly the keys the code accepts.

datasette's habit: a test that fails when a setting is undocumented, and here also when the
reference documents a key no longer accepted (a reader would set it and get exit 2).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from generator.config.load import (
    ANALYSIS_KEYS,
    RETENTION_KEYS,
    SITE_KEYS,
    TAG_KEYS,
    TOP_LEVEL_KEYS,
    load_config,
)
from generator.errors import ConfigError
from generator.fetch.sources import SETTING_KEYS, SOURCE_KEYS
from generator.render import GENERATED_FILES, GENERATED_FOLDERS
from generator.watch.rules import RULE_KEYS

REFERENCE = Path(__file__).resolve().parents[1] / "generator" / "config" / "CONFIG.md"
# A section heading of the reference: "## `site:` (a mapping)".
SECTION = re.compile(r"^## `(\w+):`", re.MULTILINE)
# A table row that documents a key: "| `max_tags` | ... |".
KEY_ROW = re.compile(r"^\| `(\w+)` \|", re.MULTILINE)
ACCEPTED = {
    "": TOP_LEVEL_KEYS,
    "site": SITE_KEYS,
    "analysis": ANALYSIS_KEYS,
    "tags": TAG_KEYS,
    "fetch": frozenset({"contact", *SETTING_KEYS}),
    "sources": SOURCE_KEYS,
    "watch": RULE_KEYS,
    "retention": RETENTION_KEYS,
}


def documented(text: str) -> dict[str, set[str]]:
    """Return section -> the keys its tables document ("" for the table before any section)."""
    starts = [(m.start(), m.group(1)) for m in SECTION.finditer(text)]
    bounds = [(0, ""), *starts, (len(text), "")]
    out: dict[str, set[str]] = {}
    for (begin, name), (end, _) in itertools.pairwise(bounds):
        out.setdefault(name, set()).update(KEY_ROW.findall(text, begin, end))
    return out


@pytest.mark.parametrize("section", sorted(ACCEPTED))
def test_reference_documents_exactly_the_accepted_keys(section: str) -> None:
    keys = documented(REFERENCE.read_text(encoding="utf-8")).get(section, set())
    accepted = set(ACCEPTED[section])
    assert sorted(accepted - keys) == [], f"accepted but undocumented in {section or 'top'}"
    assert sorted(keys - accepted) == [], f"documented but not accepted in {section or 'top'}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "## `site:` (a mapping)\n| `title` | t | x |\n| `url` | u | x |\n",
            {"site": {"title", "url"}},
        ),
        ("| `site` | s |\n## `tags:`\n| `block` | b | x |\n", {"": {"site"}, "tags": {"block"}}),
        ("## `tags:`\n| key | meaning |\n|---|---|\nprose `aliases` here\n", {"tags": set()}),
    ],
)
def test_documented_reads_tables_per_section(text: str, expected: dict[str, set[str]]) -> None:
    found = {k: v for k, v in documented(text).items() if v or k}
    assert found == expected


@pytest.mark.parametrize("section", ["site", "analysis", "tags"])
def test_an_undocumented_key_is_refused(tmp_path: Path, section: str) -> None:
    """The accepted sets are the ones the loader enforces: a key outside them stops the run."""
    (tmp_path / "newsdigest.yml").write_text(f"{section}:\n  no_such_key: 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{section}\.no_such_key: unknown key"):
        load_config(tmp_path)


def test_readme_names_every_generated_folder_and_file() -> None:
    """Editors learn from the README which parts of docs/ are not theirs: render's one list."""
    readme = (REFERENCE.parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Editors' notes", 1)[1].split("### Write a note", 1)[0]
    named = set(re.findall(r"`([^`]+)`", section))
    listed = {f"{folder}/" for folder in GENERATED_FOLDERS} | set(GENERATED_FILES)
    assert sorted(listed - named) == []
