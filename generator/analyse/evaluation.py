"""Adapters the eval-dev scoring scripts call (`--py generator.analyse.evaluation:summary`)."""

from __future__ import annotations

import dataclasses
import re

from generator.analyse.keyphrases import rank_phrases
from generator.analyse.sentences import split_sentences
from generator.analyse.summary import SummaryWeights, summarise

# A lone line break inside the datasets' text: their paragraphs are one line each.
LINE_BREAK = re.compile(r"\s*\n\s*")


def as_paragraphs(text: str) -> str:
    """Return dataset text with every line as its own paragraph (one blank line between)."""
    return LINE_BREAK.sub("\n\n", text.strip())


def summary(
    text: str,
    lang: str = "en",
    n_sentences: int = 3,
    title: str = "",
    weights: SummaryWeights | None = None,
) -> list[str]:
    """Return the summary sentences of a dataset article, one string per sentence."""
    sentences = split_sentences(as_paragraphs(text), lang)
    chosen = summarise(sentences, title, n_sentences, weights or SummaryWeights(), lang)
    return [sentences[i].text for i in chosen]


def keyphrases(text: str, lang: str = "en", top_k: int = 10, title: str = "") -> list[str]:
    """Return the ranked keyphrases of a dataset article."""
    body = as_paragraphs(text)
    sentences = split_sentences(body, lang)
    return [p.display for p in rank_phrases(sentences, title, lang)][:top_k]


def weights_with(changes: dict[str, float]) -> SummaryWeights:
    """Return the default summary weights with some changed (for tuning runs)."""
    return dataclasses.replace(SummaryWeights(), **changes)  # type: ignore[arg-type]
