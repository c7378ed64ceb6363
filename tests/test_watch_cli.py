"""Watch rules end to end (issue 22): config errors, the quiet-rule warning, incremental runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from projects import INBOX, new_project, run_cli

TEA = {"name": "Tea", "words": ["tea", "oolong"]}
NOTHING = {"name": "Nothing yet", "words": ["zeppelin"], "quiet_days": 3}
# A fictional report that the demo's Ferries rule matches and the Tea rule does not.
NEW_ARTICLE = {
    "title": "Night ferry to Eastholm gets a second boat",
    "text": "The night ferry to Eastholm will run with a second boat from April, the island "
    "council said on Friday.\n\nThe second boat doubles the evening sailings.",
    "url": "https://eastholm-gazette.example/news/night-ferry-second-boat",
    "published": "2026-03-13T18:00:00+00:00",
    "source": "Eastholm Gazette",
}


def project(root: Path, rules: list[dict[str, object]]) -> Path:
    new_project(root)
    config = root / "newsdigest.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["watch"] = [*data.get("watch", []), *rules]
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "rule,message",
    [
        (
            {"name": "Tea", "words": ["tea"], "quiet_days": "soon"},
            "watch 'Tea'.quiet_days: expected a whole number of at least 1",
        ),
        ({"name": "Tea", "sources": "", "colour": "green"}, "watch[1].colour: unknown key"),
    ],
)
def test_a_bad_rule_stops_the_run_with_exit_2(
    tmp_path: Path, rule: dict[str, object], message: str
) -> None:
    result = run_cli("generate", project=project(tmp_path, [rule]))
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert not (tmp_path / "docs" / "watch").exists()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("watch"), [TEA, NOTHING])
    assert run_cli("add", str(INBOX), project=root).returncode == 0
    assert run_cli("generate", project=root).returncode == 0  # each test may run alone
    return root


def test_a_quiet_rule_is_warned_and_the_run_succeeds(generated: Path) -> None:
    result = run_cli("generate", project=generated)
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stderr.decode().splitlines()
    assert [line for line in lines if "watch" in line] == [
        "warning: newsdigest.yml: watch 'Nothing yet': has matched no article in the 3 days up "
        "to 2026-03-13 (last match: none); check its terms or remove it"
    ]


def test_a_new_article_rewrites_only_the_watch_files_it_matches(
    generated: Path, tmp_path: Path
) -> None:
    docs = generated / "docs"
    assert run_cli("generate", project=generated).returncode == 0
    watched = sorted(p for p in docs.glob("watch/*") if p.is_file())
    feeds = [*watched, *sorted(docs.glob("stories/*.xml")), *sorted(docs.glob("stories/*.json"))]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in feeds}
    record = tmp_path / "eastholm.json"
    record.write_text(json.dumps(NEW_ARTICLE), encoding="utf-8")
    assert run_cli("add", str(record), project=generated).returncode == 0
    assert run_cli("generate", project=generated).returncode == 0
    changed = sorted(p.name for p in feeds if (p.stat().st_mtime_ns, p.read_bytes()) != before[p])
    assert changed == ["ferries.json", "ferries.md", "ferries.xml"]
    assert "Night ferry to Eastholm" in (docs / "watch" / "ferries.md").read_text(encoding="utf-8")
    assert "Watched" in (docs / "index.md").read_text(encoding="utf-8")
    opml = (docs / "feeds.opml").read_text(encoding="utf-8")
    for feed in [p for p in feeds if p.suffix == ".xml"]:
        assert f'/{feed.relative_to(docs).as_posix()}"' in opml


def test_story_pages_link_their_own_feeds(generated: Path) -> None:
    docs = generated / "docs"
    with_feeds = sorted(docs.glob("stories/*.xml"))
    assert with_feeds  # the demo has stories told by two or more sources
    for feed in with_feeds:
        page = feed.with_suffix(".md").read_text(encoding="utf-8")
        assert f'href="../{feed.name}" type="application/rss+xml"' in page
        assert f'href="../{feed.stem}.json" type="application/feed+json"' in page
