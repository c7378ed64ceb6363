"""Whole-article tests: the seed article, fictional fixtures (en, zh, ja), speed, determinism."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.analyse import AnalysisSettings, analyse
from generator.model import Analysis, Article, Published

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "analyse"
SEED = SHARED / "seed" / "focus-taiwan-mou.txt"
PUBLISHED = Published("2025-08-19T15:12:00+08:00", "2025-08-19T15:12:00", "test")


def seed_article() -> Article:
    """Build the seed Article: body from the MOFA line to the report line, dateline cut."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Taipei, Aug. 19 (CNA) "))
    end = next(i for i, line in enumerate(lines) if line.endswith("the Japanese report said."))
    body = [line for line in lines[start : end + 1] if line.strip()]
    body[0] = body[0].removeprefix("Taipei, Aug. 19 (CNA) ")
    return Article(
        id="seed",
        title=lines[3],
        text="\n\n".join(body),
        source="Focus Taiwan (CNA)",
        published=PUBLISHED,
        dateline="Taipei, Aug. 19 (CNA)",
    )


def fixture(name: str, language: str) -> Article:
    """Build an Article from a fictional fixture file."""
    text = (FIXTURES / name).read_text(encoding="utf-8").strip()
    return Article(id=name, title="", text=text, language=language, published=PUBLISHED)


def assert_grounded(article: Article, analysis: Analysis) -> None:
    """Check that summary and evidence are verbatim sentences of the text."""
    texts = [s.text for s in analysis.sentences]
    assert analysis.summary == tuple(sorted(analysis.summary))
    for s in analysis.summary_sentences():
        assert s.text in article.text
    for fact in analysis.facts:
        assert fact.evidence == texts[fact.sentence]


@pytest.mark.skipif(not SHARED.exists(), reason="../shared absent")
def test_seed_article() -> None:
    """Produce the summary, tags and facts the issue requires on the seed article."""
    article = seed_article()
    result = analyse(article, AnalysisSettings())
    assert_grounded(article, result)
    assert 1 <= len(result.summary) <= 3
    assert {"Taiwan", "Japan"} <= set(result.tags)
    assert {"Ministry of Foreign Affairs", "National Immigration Agency"} & set(result.tags)
    assert not {"said", "CNA", "Focus Taiwan"} & set(result.tags)
    facts = {(f.kind, f.text) for f in result.facts}
    texts = " | ".join(f.text for f in result.facts)
    assert len(result.facts) <= 8
    for wanted in [
        ("figure", "7.32 million visits"),
        ("figure", "control affairs with 23 countries"),
        ("organization", "National Immigration Agency (NIA)"),
        ("organization", "Yomiuri Shinbun"),
        ("place", "Australia, New Zealand"),
    ]:
        assert wanted in facts
    assert "2024-12-18: MOU signed" in texts
    assert any(
        f.kind == "quote" and f.text.startswith("Hsiao Kuangwei (蕭光偉), MOFA spokesperson")
        for f in result.facts
    )


@pytest.mark.parametrize(
    ("name", "language", "summary_has", "tag_has"),
    [
        ("zh-harbour.txt", "zh", "北岸碼頭", "碼頭"),
        ("ja-library.txt", "ja", "図書館", "中央図書館"),
        ("en-bridge.txt", "en", "Old Mill Bridge", "Riverton City Council"),
    ],
)
def test_fixture_articles(name: str, language: str, summary_has: str, tag_has: str) -> None:
    """Summarise in the article's script and tag with multi-character names."""
    article = fixture(name, language)
    result = analyse(article, AnalysisSettings())
    assert_grounded(article, result)
    assert any(summary_has in s.text for s in result.summary_sentences())
    assert tag_has in result.tags
    assert all(len(tag) >= 2 for tag in result.tags)


def test_bridge_facts() -> None:
    """Attribute quotes explicitly and resolve a surname to the introduced person."""
    result = analyse(fixture("en-bridge.txt", "en"), AnalysisSettings())
    texts = [f.text for f in result.facts]
    assert "approved a $42.5 million plan" in texts
    assert "Riverton City Council (RCC)" in texts
    assert any(t.startswith("Dana Whitfield, Council member: ") for t in texts)
    assert any(t.startswith("2026-03-03: ") for t in texts) or "2026-03-03" not in str(texts)


@pytest.mark.skipif(not SHARED.exists(), reason="../shared absent")
def test_speed_and_determinism() -> None:
    """Analyse a 1,000-word article well under 50 ms, byte for byte the same every time."""
    base = seed_article()
    words = len(base.text.split())
    text = "\n\n".join([base.text] * (1000 // words + 1))
    article = Article(id="big", title=base.title, text=text, published=PUBLISHED)
    first = analyse(article, AnalysisSettings())
    started = time.process_time()
    for _ in range(5):
        assert analyse(article, AnalysisSettings()) == first
    assert (time.process_time() - started) / 5 < 0.05
