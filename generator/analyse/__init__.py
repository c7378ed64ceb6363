"""The analyse stage: sentences, extractive summary, tags and fact box of one article."""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.model import Analysis, Article

__all__ = ["ANALYSER_VERSION", "AnalysisSettings", "analyse"]

ANALYSER_VERSION = "4"
# The default (empty, immutable) alias table.
_EMPTY: Mapping[str, str] = types.MappingProxyType({})


@dataclass(frozen=True)
class AnalysisSettings:
    """Limits and editors' vocabulary for analysis."""

    summary_sentences: int = 3
    max_tags: int = 6
    max_facts: int = 8
    tag_aliases: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    tag_blocklist: frozenset[str] = frozenset()
    preferred_tags: tuple[str, ...] = ()
    source_names: tuple[str, ...] = ()


def analyse(article: Article, settings: AnalysisSettings) -> Analysis:
    """Return the analysis of one article (generator.analyse.run does the work).

    The analyser's modules load on the first call: a run over an unchanged archive analyses
    nothing, and loading them was a tenth of such a run's start-up.
    """
    from generator.analyse.run import analyse_article  # noqa: PLC0415 - see the docstring

    return analyse_article(article, settings)
