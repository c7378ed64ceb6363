"""Table-driven tests of tag merging, editors' vocabulary and cleanliness."""

from __future__ import annotations

import types

import pytest

from generator.analyse import AnalysisSettings, analyse
from generator.model import Article

TEXT = (
    "The Ministry of Foreign Affairs (MOFA) said Japanese officials met Taiwanese officials. "
    "MOFA said the Japanese delegation and the Taiwanese delegation agreed.\n\n"
    "Japan and Taiwan signed a border pact. MOFA said Japan and Taiwan will share border data. "
    "The Harbor Daily reported the border pact on Tuesday."
)


def tags_for(settings: AnalysisSettings, source: str | None = None) -> tuple[str, ...]:
    """Return the tags of the test article under some settings."""
    article = Article(id="t", title="Japan and Taiwan sign border pact", text=TEXT, source=source)
    return analyse(article, settings).tags


@pytest.mark.parametrize(
    ("settings", "source", "present", "absent"),
    [
        (
            AnalysisSettings(),
            None,
            ["Ministry of Foreign Affairs", "Japan", "Taiwan"],
            ["MOFA", "Japanese", "Taiwanese", "said", "The"],
        ),
        (
            AnalysisSettings(tag_aliases=types.MappingProxyType({"mofa": "Foreign Ministry"})),
            None,
            ["Foreign Ministry"],
            ["MOFA"],
        ),
        (AnalysisSettings(tag_blocklist=frozenset({"japan"})), None, ["Taiwan"], ["Japan"]),
        (AnalysisSettings(source_names=("Harbor Daily",)), None, ["Taiwan"], ["Harbor Daily"]),
        (AnalysisSettings(), "Harbor Daily", ["Taiwan"], ["Harbor Daily"]),
        (AnalysisSettings(max_tags=2), None, [], ["border data"]),
    ],
)
def test_tag_rules(
    settings: AnalysisSettings, source: str | None, present: list[str], absent: list[str]
) -> None:
    """Merge acronyms and demonyms, apply aliases and blocklists, keep one form per tag."""
    tags = tags_for(settings, source)
    assert len(tags) <= settings.max_tags
    assert len({t.lower() for t in tags}) == len(tags)
    for tag in present:
        assert tag in tags
    for tag in absent:
        assert tag not in tags


def test_preferred_tags_move_up() -> None:
    """Boost the editors' preferred vocabulary over equally relevant tags."""
    plain = tags_for(AnalysisSettings())
    boosted = tags_for(AnalysisSettings(preferred_tags=("taiwan",)))
    assert boosted.index("Taiwan") < plain.index("Taiwan")
