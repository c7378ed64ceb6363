"""Escaping, links and slugs: the pieces every page is built from."""

from __future__ import annotations

import pytest
import yaml

from generator.errors import FrontMatterError
from generator.render.frontmatter import front_matter
from generator.render.html import esc, external_link, href, page_url, safe_http_url
from generator.slugs import article_page, slugify


@pytest.mark.parametrize(
    "path,url",
    [
        ("index.md", ""),
        ("tags/index.md", "tags/"),
        ("digest/2026-03-10.md", "digest/2026-03-10/"),
        ("articles/2026/03/x.md", "articles/2026/03/x/"),
    ],
)
def test_page_url(path: str, url: str) -> None:
    assert page_url(path) == url


@pytest.mark.parametrize(
    "src,dst,expected",
    [
        ("index.md", "digest/2026-03-10.md", "digest/2026-03-10/"),
        ("digest/2026-03-10.md", "index.md", "../../"),
        ("articles/2026/03/x.md", "tags/taiwan-ab12cd.md", "../../../../tags/taiwan-ab12cd/"),
        ("tags/a.md", "tags/b.md", "../b/"),
        ("tags/index.md", "tags/b.md", "b/"),
        ("tags/a.md", "tags/a.md", "./"),
    ],
)
def test_relative_links(src: str, dst: str, expected: str) -> None:
    assert href(src, dst) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#x27;single&#x27;"),
        ("bidi\u202eevil\u200b", "bidievil"),
        ("<![CDATA[x]]>", "&lt;![CDATA[x]]&gt;"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert esc(text) == expected


@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://example.com/a?b=1", True),
        ("http://example.com", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("file:///etc/passwd", False),
        ("//example.com/x", False),
        ("https://", False),
        ("https://exa mple.com", False),
        (None, False),
    ],
)
def test_only_http_urls_become_links(url: str | None, ok: bool) -> None:
    assert (safe_http_url(url) is not None) is ok
    rendered = external_link(url, "orig")
    assert ("<a " in rendered) is ok


@pytest.mark.parametrize(
    "title",
    [
        "Plain title",
        "title: injected\nredirect: https://evil.example",
        "--- \n---",
        "&lt;script&gt;",
        "'; DROP TABLE",
        "💥 emoji",
        "null",
        "yes",
        "1e3",
        "[1, 2]",
        "{a: b}",
    ],
)
def test_front_matter_round_trips(title: str) -> None:
    text = front_matter({"title": title, "newsdigest": {"kind": "article"}})
    assert text.startswith("---\n") and text.endswith("---\n")
    data = yaml.safe_load(text.removeprefix("---\n").removesuffix("---\n"))
    assert data == {"title": title, "newsdigest": {"kind": "article"}}


def test_front_matter_refuses_unknown_keys() -> None:
    with pytest.raises(FrontMatterError):
        front_matter({"redirect": "https://evil.example"})


@pytest.mark.parametrize(
    "title,slug",
    [
        ("Taiwan confirms signing MOU with Japan", "taiwan-confirms-signing-mou-with-japan"),
        ("../../etc/passwd", "etc-passwd"),
        ("林文秀訪問", ""),
        ("Café déjà vu", "cafe-deja-vu"),
        (".hidden", "hidden"),
        ("a" * 300, "a" * 60),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_article_page_paths_are_bounded_and_unique() -> None:
    path = article_page("0123456789ab", "2026-03-10", "x" * 500)
    assert path.startswith("articles/2026/03/2026-03-10-0123456789ab-")
    assert len(path.encode()) < 255
    assert article_page("0123456789ab", None, "林") == "articles/undated/0123456789ab.md"
