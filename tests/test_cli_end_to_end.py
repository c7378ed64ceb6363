"""The command-line contract of DESIGN.md, end to end through real subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from projects import INBOX, SHARED, demo_project, new_project, run_cli, tree_bytes

SEED = SHARED / "seed" / "focus-taiwan-mou.txt"
CONTRACT_KEYS = {
    "title",
    "url",
    "source",
    "published",
    "authors",
    "dateline",
    "language",
    "text",
    "summary",
    "tags",
    "facts",
}


@pytest.mark.skipif(not SEED.exists(), reason="../shared absent")
def test_show_seed_article() -> None:
    result = run_cli("show", str(SEED))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert set(record) >= CONTRACT_KEYS
    assert record["title"] == "Taiwan confirms signing MOU with Japan on border information sharing"
    assert record["published"] == "2025-08-19T15:12:00+08:00"
    assert record["authors"] == ["Joseph Yeh"]
    assert record["dateline"] == "Taipei, Aug. 19 (CNA)"
    assert "Focus Taiwan" in record["source"] and "CNA" in record["source"]
    text = record["text"]
    assert text.startswith("The Ministry of Foreign Affairs (MOFA) confirmed Tuesday")
    assert text.endswith("the Japanese report said.")
    for furniture in (
        "Focus Taiwan App",
        "Download",
        "text-to-speech",
        "CNA file photo",
        "0:00",
        "We value your privacy",
        "Enditem",
        "(By Joseph Yeh)",
    ):
        assert furniture not in text
    assert "\n\n\n" not in text
    assert all(sentence in text for sentence in record["summary"])
    assert all(fact["evidence"] in text for fact in record["facts"])


def test_show_prints_one_line_per_input_in_order_and_reports_failures(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    no_article = tmp_path / "menu.html"
    no_article.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    no_text = tmp_path / "record.json"
    no_text.write_text(json.dumps({"title": "A record without a body"}))
    good = sorted(INBOX.glob("*.txt"))[0]
    inputs = [str(empty), str(good), str(binary), str(no_article), str(no_text)]
    result = run_cli("show", *inputs)
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line.get("input") for line in lines] == [
        str(empty),
        None,
        str(binary),
        str(no_article),
        str(no_text),
    ]
    assert lines[1]["title"] and lines[1]["text"]
    errors = result.stderr.decode().strip().splitlines()
    assert len(errors) == 4
    for path, line in zip([empty, binary, no_article, no_text], errors, strict=True):
        assert str(path) in line


def test_show_reads_stdin_and_takes_url() -> None:
    record = {"text": "A fictional report of some length. It has two sentences in it."}
    result = run_cli(
        "show", "-", "--url", "https://paper.example/a", stdin=json.dumps(record).encode()
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["url"] == "https://paper.example/a"


def test_show_markdown_format_escapes_scraped_text(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.json"
    hostile.write_text(
        json.dumps(
            {
                "title": "<script>alert(1)</script> [link](javascript:alert(2))",
                "text": "A paragraph with <img src=x onerror=alert(3)> inside it, "
                "long enough to keep.\n\n"
                '!!! danger "Injected admonition"\n\nAnother paragraph that is ordinary text.',
            }
        )
    )
    result = run_cli("show", str(hostile), "--format", "markdown")
    assert result.returncode == 0, result.stderr.decode()
    front, body = result.stdout.decode().split("\n---\n", 1)
    assert "<script>alert(1)</script>" in front  # a YAML string there; the hook escapes it
    page = body
    assert "&lt;script&gt;" in page
    assert "\n!!! danger" not in page


@pytest.mark.parametrize(
    "setting,key",
    [
        ("timezone: Mars/Olympus", b"site.timezone"),
        ("items_per_page: 0", b"site.items_per_page"),
        ("min_tag_articles: -1", b"site.min_tag_articles"),
    ],
)
def test_bad_config_is_exit_status_2(tmp_path: Path, setting: str, key: bytes) -> None:
    project = new_project(tmp_path / "p", with_config=False)
    (project / "newsdigest.yml").write_text(f"site:\n  {setting}\n")
    result = run_cli("generate", project=project)
    assert result.returncode == 2
    assert key in result.stderr


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_project(tmp_path_factory.mktemp("demo"))


def test_adding_twice_changes_nothing(demo: Path) -> None:
    before = tree_bytes(demo / "data")
    again = run_cli("add", str(INBOX), project=demo)
    assert again.returncode == 0
    assert b"0 new" in again.stdout
    assert tree_bytes(demo / "data") == before


def test_generate_twice_is_byte_identical(demo: Path) -> None:
    before = tree_bytes(demo / "docs")
    result = run_cli("generate", project=demo)
    assert result.returncode == 0, result.stderr.decode()
    assert tree_bytes(demo / "docs") == before


def test_home_lists_the_latest_day(demo: Path) -> None:
    expectations = json.loads(
        (INBOX.parent.parent / "tests" / "corpus_expectations.json").read_text()
    )
    home = BeautifulSoup((demo / "site" / "index.html").read_text(), "html.parser")
    linked = {a.get_text(" ", strip=True) for a in home.select("article a")}
    assert any(title in linked for title in (e["title"] for e in expectations.values()))
    latest = max(e["published"][:10] for e in expectations.values())
    assert home.select_one(f'a[href^="digest/{latest}"]') is not None


def test_every_article_page_shows_what_a_reader_needs(demo: Path) -> None:
    pages = sorted((demo / "site" / "articles").rglob("index.html"))
    assert len(pages) == len(list(INBOX.iterdir()))
    for page in pages:
        soup = BeautifulSoup(page.read_text(), "html.parser")
        assert soup.select_one("h1").get_text(strip=True), page
        assert soup.select_one(".nd-meta .nd-source"), page
        time = soup.select_one(".nd-meta time")
        assert time is not None and ("UTC" in time.get_text()), page
        assert soup.select_one(".nd-summary"), page
        assert soup.select_one(".nd-text p"), page
        assert soup.select(".nd-tags a"), page
        original = soup.select_one(".nd-original a")
        if original is not None:
            assert original["href"].startswith("https://")
