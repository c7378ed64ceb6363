"""The sample corpus in examples/inbox/ against tests/corpus_expectations.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.extract import extract
from generator.model import Article, RawInput

ROOT = Path(__file__).resolve().parents[1]
INBOX = ROOT / "examples" / "inbox"
EXPECTATIONS = ROOT / "tests" / "corpus_expectations.json"
CASES: dict[str, dict[str, Any]] = (
    json.loads(EXPECTATIONS.read_text("utf-8")) if EXPECTATIONS.exists() else {}
)


def actual_value(article: Article, key: str) -> object:
    """Return the article's value for an expectation key (as `show` would print it)."""
    if key == "published":
        return article.published.iso if article.published else None
    if key == "authors":
        return list(article.authors)
    return getattr(article, key)


def check(article: Article, key: str, expected: Any) -> bool:
    """Return True when the article meets one expectation."""
    if key == "text_starts":
        return article.text.startswith(expected)
    if key == "text_ends":
        return article.text.endswith(expected)
    if key == "must_not_contain":
        return not any(phrase in article.text for phrase in expected)
    return bool(actual_value(article, key) == expected)


# Keys about later stages (analysis, clustering); extraction has nothing to say about them.
NOT_EXTRACTION = frozenset({"same_event_group", "summary", "tags", "facts", "related"})


@pytest.mark.skipif(not CASES, reason="tests/corpus_expectations.json absent")
@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_expectations(name: str) -> None:
    path = INBOX / name
    article = extract(RawInput(origin=str(path), content=path.read_bytes()))
    failures = {
        key: (
            expected,
            actual_value(article, key)
            if key in Article.__dataclass_fields__ or key == "published"
            else article.text[:80] + " … " + article.text[-80:],
        )
        for key, expected in CASES[name].items()
        if key not in NOT_EXTRACTION and not check(article, key, expected)
    }
    assert failures == {}
