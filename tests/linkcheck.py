"""A link checker over a built site/: every internal href and src lands on a file and anchor."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

# Attributes of a built page that point at another file of the site.
LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))


def page_url(site: Path, file: Path) -> str:
    """Return the site-absolute URL a built file is served at."""
    return "/" + file.relative_to(site).as_posix()


def links_of(html: bytes) -> Iterator[str]:
    """Yield the href/src values of a page, and a meta refresh's target."""
    tree = lxml.html.fromstring(html)
    for element, attribute in LINK_ATTRIBUTES:
        for node in tree.iter(element):
            value = node.get(attribute)
            if value is not None:
                yield value
    for meta in tree.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "refresh":
            yield (meta.get("content") or "").partition("url=")[2]


@functools.cache
def ids_of(file: Path) -> frozenset[str]:
    """Return the ids and names a page's anchors can reach."""
    tree = lxml.html.fromstring(file.read_bytes())
    return frozenset(v for node in tree.iter() for v in (node.get("id"), node.get("name")) if v)


def resolve(site: Path, base: str, link: str) -> Path | None:
    """Return the file an internal link lands on; None for a link to another site."""
    target = urlsplit(urljoin(base, link))
    if target.scheme or target.netloc or link.startswith(("mailto:", "data:")):
        return None
    path = site / unquote(target.path).lstrip("/")
    return path / "index.html" if target.path.endswith("/") or path.is_dir() else path


def broken_links(site: Path) -> list[str]:
    """Return 'page -> link: why' for every internal link that does not resolve."""
    broken = []
    for file in sorted(site.rglob("*.html")):
        base = page_url(site, file)
        for link in links_of(file.read_bytes()):
            target = resolve(site, base, link)
            if target is None:
                continue
            fragment = unquote(urlsplit(link).fragment)
            if not target.is_file():
                broken.append(f"{base} -> {link}: no such file")
            elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                broken.append(f"{base} -> {link}: no such anchor")
    return broken
