"""A test-only MkDocs hook that crashes on marked pages, like a plugin bug would.

`ARTICLE-KILLER` crashes only article pages (the log names the page); `LISTING-KILLER`
crashes any page showing it, listings included (found by bisection).
"""

from __future__ import annotations

from typing import Any


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Raise on a marked page (its source: newsdigest's hook keeps generated HTML out of the
    Markdown that plugins see)."""
    source = page.file.content_string
    if "ARTICLE-KILLER" in source and page.file.src_uri.startswith("articles/"):
        raise RuntimeError("simulated plugin crash on an article page")
    if "LISTING-KILLER" in source:
        raise ValueError("simulated crash on any page showing the marker")
    return markdown
