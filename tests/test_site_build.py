"""The site build at the generator's speed: generated HTML kept out of Markdown with the same
output, and an incremental build (pages and search index) that gives the same site as a full
one."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
from projects import INBOX, new_project, run_cli, tree_bytes

from generator.publish import hooks, sitebuild
from generator.publish.search import ENTRY

EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]  # as mkdocs.yml enables them


def converted(text: str) -> str:
    """Return Python-Markdown's HTML of `text` with the site's extensions."""
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


@pytest.mark.parametrize(
    "page",
    [
        '<!-- made by a test -->\n\n<h1 class="t">Quay reopens</h1>\n\n## Summary\n\n'
        '<ol class="s"><li><a href="#s-0">The quay reopened on Monday.</a></li></ol>',
        "<p>Alone on the page.</p>",
        "<p>Last block, then a line break.</p>\n",
        "## Related\n\n<ul><li>a</li></ul><p>why</p>\n",
        "Plain words first.\n\n<p>Then a block.</p>",
        "- one\n- two\n\n<p>after a list</p>\n\n!!! note\n\n    inside\n\n<div>last</div>",
        "# Title\n\n<p>two</p><p>elements</p>\n\ntext",
        "<h2>Mon</h2><ul><li>one</li></ul>\n\n<h3>a</h3> words between\n\n<p>x<br>y</p><div></div>",
        "<div><div>nested</div></div>\n\n<div>a</div><p>b</p>\n\nend",
        '<p class="m"><span>Ferry</span> · <time datetime="2026-01-01">1 Jan</time></p>',
        "<ul><li>x</li></ul>\n<p>two lines: left to Markdown</p>",
        "<p>mentions NdStashedBlockQz0Qz</p>\n\n<p>so nothing is stashed</p>",
        "<span>inline first</span>\n\n<p>x</p>",
        "<!-- a -->\n\n<!-- b --> trailing\n\n<table><tr><td>1</td></tr></table>",
    ],
)
def test_stashed_blocks_give_the_same_html_as_markdown(page: str) -> None:
    text, stashed = hooks.stash_blocks(page)
    assert hooks.restore_blocks(converted(text), stashed) == converted(page)


@pytest.mark.parametrize(
    "chunk,expected",
    [
        ("<p>one</p>", ["<p>one</p>"]),
        ('<div class="x"><div>in</div></div>', ['<div class="x"><div>in</div></div>']),
        ("<p>one</p><p>two<br>lines</p>", ["<p>one</p>", "<p>two<br>lines</p>"]),
        ("<h2>Day</h2><ul><li>x</li></ul>", ["<h2>Day</h2>", "<ul><li>x</li></ul>"]),
        ("<div>a</div> tail", None),
        ("<p>a</p><span>inline</span>", None),
        ("<span>inline</span>", None),
        ("<p>open", None),
        ("<p>a</p></div>", None),
        ("<!-- c -->", ["<!-- c -->"]),
        ("<!-- c --> <!-- d -->", None),
        ("<p>a</p><!-- c -->", None),
        ("<pre>x</pre>", None),  # not a block the generator writes on one line
    ],
)
def test_top_elements(chunk: str, expected: list[str] | None) -> None:
    assert hooks.top_elements(chunk) == expected


def test_anchor_ids_of_stashed_blocks() -> None:
    blocks = ('<p id="p-0"><span id="s-0">A</span></p>', '<a name="x&amp;y">b</a>')
    assert hooks.anchor_ids(blocks) == {"p-0", "s-0", "x&y"}


def state(digest: str) -> sitebuild.FileState:
    return sitebuild.FileState(1, 1, digest)


@pytest.mark.parametrize(
    "before,after,changed,removed",
    [
        ({"a.md": "1"}, {"a.md": "1"}, set(), set()),
        ({"a.md": "1"}, {"a.md": "2"}, {"a.md"}, set()),
        ({"a.md": "1"}, {"a.md": "1", "b.md": "3"}, {"b.md"}, set()),
        ({"a.md": "1", "b.md": "3"}, {"b.md": "3"}, set(), {"a.md"}),
    ],
)
def test_changes(
    before: dict[str, str], after: dict[str, str], changed: set[str], removed: set[str]
) -> None:
    found = sitebuild.changes(
        {k: state(v) for k, v in before.items()}, {k: state(v) for k, v in after.items()}
    )
    assert found == (changed, removed)


@pytest.mark.parametrize(
    "nav,expected",
    [
        (None, set()),
        (["index.md", {"About": "about.md"}], {"index.md", "about.md"}),
        (
            [{"Sources": [{"All": "sources/index.md"}, {"Feed": "https://x.example/"}]}],
            {"sources/index.md"},
        ),
    ],
)
def test_nav_pages(nav: object, expected: set[str]) -> None:
    assert sitebuild.nav_pages(nav) == expected


def without_search(root: Path) -> None:
    """Drop MkDocs's search plugin from a project (search is built outside MkDocs)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start, end = text.index("\nplugins:"), text.index("\nmarkdown_extensions:")
    config.write_text(text[:start] + "\nplugins: []\n" + text[end:], encoding="utf-8")


def built(root: Path, *args: str) -> None:
    """Run a newsdigest command in the project; fail with its output if it fails."""
    result = run_cli(*args, project=root)
    assert result.returncode == 0, result.stderr.decode()


def shard_times(site: Path) -> dict[str, int]:
    """Return when each shard of the search index was last written (its entry file's time)."""
    return {p.parent.name: p.stat().st_mtime_ns for p in site.glob("pagefind/*/" + ENTRY)}


def test_incremental_build_gives_the_same_site_as_a_full_one(tmp_path: Path) -> None:
    inputs = sorted(p for p in INBOX.iterdir() if p.suffix in (".txt", ".json"))
    root = new_project(tmp_path / "p")
    without_search(root)
    built(root, "add", *map(str, inputs[1:]))
    built(root, "build")
    indexed = shard_times(root / "site")
    built(root, "build")  # nothing new: no shard of the search index is built again
    assert shard_times(root / "site") == indexed
    docs_before = tree_bytes(root / "docs")
    poison = b"<!-- not rebuilt -->"
    outputs = sorted((root / "site" / "articles").rglob("index.html"))
    for page in outputs:  # a page MkDocs builds again loses the mark
        page.write_bytes(page.read_bytes() + poison)
    built(root, "add", str(inputs[0]))  # one new article: listings, tags and feeds change
    built(root, "build")
    docs_after = tree_bytes(root / "docs")
    again = shard_times(root / "site")  # one new article: only its shards are indexed again
    assert set(again) >= set(indexed)
    assert 0 < len({k for k in again if again[k] != indexed.get(k)}) < len(again)
    for page in outputs:
        rel = page.parent.relative_to(root / "site").as_posix() + ".md"
        data = page.read_bytes()
        assert data.endswith(poison) == (docs_after.get(rel) == docs_before.get(rel)), rel
        page.write_bytes(data.removesuffix(poison))
    full = tmp_path / "full"
    shutil.copytree(root, full, ignore=shutil.ignore_patterns("site", "cache"))
    built(full, "build")
    assert tree_bytes(root / "site") == tree_bytes(full / "site")  # pages and search index
