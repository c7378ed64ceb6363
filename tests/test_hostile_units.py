"""Each threat of issue 8 closed by design: escaping, front matter, slugs, hooks, sanitiser."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from hostile.project import add_articles, make_project, newsdigest
from hostile.strings import OWN_STRINGS, shared_strings
from markupsafe import Markup
from mkdocs.utils.meta import get_data

from generator.model import Analysis, Article, Sentence
from generator.placement import make_entry
from generator.publish import hooks
from generator.render.article import render_article
from generator.render.frontmatter import front_matter
from generator.render.html import INVISIBLE_CHARS, clean, esc
from generator.slugs import article_page, name_page

REPO = Path(__file__).resolve().parents[1]
NAUGHTY = list(OWN_STRINGS) + shared_strings()
# Windows reserved device names, in any case, with or without an extension.
RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
# What a generated page path may look like: fixed folders, [a-z0-9-] names, .md.
SAFE_PATH = re.compile(r"^articles/(\d{4}/\d{2}|undated)/[0-9a-f][a-z0-9-]*\.md$")


def test_every_naughty_string_round_trips_front_matter_as_mkdocs_reads_it() -> None:
    for text in NAUGHTY:
        block = front_matter(
            {"title": text, "description": text, "newsdigest": {"kind": "article", "tags": [text]}}
        )
        data = get_data(block + "\n# body\n")[1]
        assert data["title"] == clean(text) and isinstance(data["title"], str), repr(text)
        assert data["description"] == clean(text)
        assert data["newsdigest"] == {"kind": "article", "tags": [clean(text)]}
        assert set(data) == {"title", "description", "newsdigest"}


@pytest.mark.parametrize("text", NAUGHTY[:400] + list(OWN_STRINGS))
def test_escaped_text_is_inert_one_line_html(text: str) -> None:
    escaped = esc(text)
    assert "<" not in escaped and ">" not in escaped and '"' not in escaped
    assert "\n" not in escaped and "\r" not in escaped
    assert INVISIBLE_CHARS.search(escaped) is None
    assert html.unescape(escaped).replace("\r\n", "\n").replace("\r", "\n") == clean(text).replace(
        "\r\n", "\n"
    ).replace("\r", "\n")


@pytest.mark.parametrize("title", NAUGHTY[:600] + list(OWN_STRINGS))
def test_article_paths_are_safe_for_any_title(title: str) -> None:
    path = article_page("0123456789ab", "2026-03-10", title)
    name = path.rsplit("/", 1)[1]
    assert SAFE_PATH.match(path), path
    assert len(path.encode()) < 255 and not RESERVED.match(name.removesuffix(".md"))
    assert name not in ("index.md",) and not name.startswith(".")


@pytest.mark.parametrize(
    "article_id,day",
    [
        ("../../../etc", "../../x"),
        ("CON", "2026-13"),
        ("", None),
        (".git", "2026-03-10/.."),
        ("0123456789ab\u202e", "2026-03-10"),
        ("NUL", "..\\..\\win"),
    ],
)
def test_hostile_ids_and_days_cannot_escape_the_folder(article_id: str, day: str) -> None:
    path = article_page(article_id, day, "x")
    assert SAFE_PATH.match(path), path
    assert ".." not in path and "\\" not in path


def test_distinct_ids_never_share_a_page() -> None:
    ids = [f"{n:012x}" for n in range(0, 2**40, 2**40 // 3000)]
    paths = {article_page(i, "2026-03-10", "same title") for i in ids}
    assert len(paths) == len(ids)
    names = {name_page("tags", f"tag {n}", f"{n:064x}") for n in range(3000)}
    assert len(names) == 3000


@pytest.mark.parametrize(
    "text",
    ["a\u202eb", "a\u200bb", "a\u2066b\u2069", "a\ufeffb", "a\u061cb", "a\u180eb", "a\u200db"],
)
def test_bidi_and_zero_width_characters_are_stripped(text: str) -> None:
    assert clean(text) == "ab"
    assert "ab" in article_page("0123456789ab", None, text)


def test_hook_is_registered_in_mkdocs_yml() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "generator/publish/hooks.py" in (config.get("hooks") or []), (
        "mkdocs.yml must list generator/publish/hooks.py under hooks:"
    )


def test_theme_escapes_the_title_block() -> None:
    theme = (REPO / "generator" / "theme" / "main.html").read_text(encoding="utf-8")
    block = theme.split("{% block htmltitle %}")[1].split("{% endblock %}")[0]
    printed = re.findall(r"{{(.*?)}}", block)
    assert printed and all(re.search(r"\|\s*e\s*$", p.strip()) for p in printed), printed


def page_stub(src_uri: str, meta: dict[str, object]) -> SimpleNamespace:
    """Return the parts of an MkDocs page the hooks use."""
    return SimpleNamespace(meta=meta, file=SimpleNamespace(src_uri=src_uri), title=None)


@pytest.mark.parametrize(
    "tags,kept",
    [
        (["plain", "<b>x</b>"], ["plain", "&lt;b&gt;x&lt;/b&gt;"]),
        ([["nested"], {"a": "b"}, None, True, 3, "ok"], ["3", "ok"]),
        ("single <i>", ["single &lt;i&gt;"]),
        ({"a": 1}, []),
    ],
)
def test_hook_escapes_meta_and_drops_non_scalar_tags(tags: object, kept: list[str]) -> None:
    page = page_stub(
        "articles/2026/03/x.md",
        {
            "title": "<script>alert(1)</script>",
            "description": '"><img src=x onerror=alert(1)>',
            "tags": tags,
            "template": "redirect.html",
            "redirect": "https://evil.example/",
        },
    )
    hooks.on_page_markdown("", page, None, None)
    assert page.meta["title"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert isinstance(page.meta["title"], Markup)
    assert Markup.escape(page.meta["title"]) == page.meta["title"]  # `| e` leaves it alone
    assert page.meta["description"] == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert [str(t) for t in page.meta["tags"]] == kept
    assert "template" not in page.meta and "redirect" not in page.meta


def test_hook_keeps_editor_page_keys_but_escapes_their_title() -> None:
    page = page_stub("about.md", {"title": "A & B", "template": "custom.html"})
    hooks.on_page_markdown("", page, None, None)
    assert page.meta == {"title": "A &amp; B", "template": "custom.html"}


@pytest.mark.parametrize(
    "fragment,expected",
    [
        ('<p onclick="alert(1)">x</p>', "<p>x</p>"),
        ("<script>alert(1)</script><p>x</p>", "<p>x</p>"),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href=" JaVa&#x09;script:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="data:text/html,x">x</a>', "<a>x</a>"),
        (
            '<a href="https://example.com/" rel="nofollow">x</a>',
            '<a href="https://example.com/" rel="nofollow">x</a>',
        ),
        ('<a href="../../tags/x/#s-1">x</a>', '<a href="../../tags/x/#s-1">x</a>'),
        ('<a href="//evil.example/">x</a>', "<a>x</a>"),
        ('<img src="https://tracker.example/p.gif">', "<img>"),
        ('<img src="//tracker.example/p.gif">', "<img>"),
        ('<img src="pic.png" alt="a">', '<img src="pic.png" alt="a">'),
        ("<iframe src=x></iframe><object></object><embed><form><input></form>", ""),
        ('<meta http-equiv="refresh" content="0;url=x">', ""),
        ("<svg onload=alert(1)><circle/></svg>", ""),
        ('<div style="position:fixed" data-md-component="x">t</div>', "<div>t</div>"),
        ('<time datetime="2026-03-10">t</time>', '<time datetime="2026-03-10">t</time>'),
        (
            '<span id="s-1" class="a" lang="zh" title="t">x</span>',
            '<span id="s-1" class="a" lang="zh" title="t">x</span>',
        ),
        ("x <![CDATA[y]]> z", "x  z"),
    ],
)
def test_sanitiser_allow_list(fragment: str, expected: str) -> None:
    assert hooks.sanitise(fragment) == expected


def test_sanitiser_keeps_everything_an_article_page_emits() -> None:
    article = Article(
        id="0123456789ab",
        title="T",
        text="One. Two.",
        url="https://e.example/",
        source="S",
        authors=("A",),
        dateline="D",
    )
    sentences = (Sentence(0, 0, 0, 4, "One."), Sentence(1, 0, 5, 9, "Two."))
    entry = make_entry(article, Analysis(sentences, (0,), ("tag",)), "UTC")
    markdown = render_article(entry, {"tag": "tags/tag-0123456789.md"}, {})
    blocks = [b for b in markdown.split("\n\n") if b.startswith("<")]
    for block in blocks:
        assert hooks.sanitise(block) == block.replace(
            "data-pagefind-ignore>", 'data-pagefind-ignore="">'
        ), block


def test_eight_thousand_brackets_render_and_build_fast(tmp_path: Path) -> None:
    root = make_project(tmp_path / "brackets")
    add_articles(root, ["[" * 8000, "[" * 8000 + "](x)" + "]" * 8000, "*_" * 8000])
    started = time.monotonic()
    result = newsdigest(root, "build", timeout=300)
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]
    assert seconds < 60, f"8,000 brackets took {seconds:.1f}s"
    print(f"\n8,000 '[' article: render + build {seconds:.1f}s")
