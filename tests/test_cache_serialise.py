"""The analysis cache's JSON is what dataclasses.asdict gave, and it reads back (issue 9)."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path

import pytest
from hostile.strings import OWN_STRINGS

from generator.analyse import AnalysisSettings, analyse
from generator.extract import extract
from generator.model import Analysis, Fact, RawInput, Sentence
from generator.store.cache import analysis_from_json, analysis_to_json

INBOX = Path(__file__).resolve().parent.parent / "examples" / "inbox"


def _inbox_analyses() -> list[Analysis]:
    """Return the analyses of the bundled sample articles."""
    found = []
    for path in sorted(INBOX.iterdir()):
        article = extract(RawInput(origin=str(path), content=path.read_bytes()))
        found.append(analyse(article, AnalysisSettings()))
    return found


def _hostile_analysis(text: str) -> Analysis:
    """Return an analysis whose every string is a hostile one."""
    sentence = Sentence(index=0, paragraph=0, start=0, end=len(text), text=text)
    return Analysis(
        sentences=(sentence,),
        summary=(0,),
        tags=(text, "x"),
        facts=(Fact(kind="quote", text=text, evidence=text, sentence=0),),
        version=text,
    )


ANALYSES = [
    *_inbox_analyses(),
    *map(_hostile_analysis, OWN_STRINGS),
    Analysis(sentences=(), summary=(), tags=()),
]


def test_the_inbox_gives_analyses_with_facts() -> None:
    assert len(ANALYSES) > 20
    assert any(a.facts for a in ANALYSES[:20]) and all(a.sentences for a in ANALYSES[:20])


@pytest.mark.parametrize("analysis", ANALYSES)
def test_json_is_asdict_and_reads_back(analysis: Analysis) -> None:
    expected = json.dumps(asdict(analysis), ensure_ascii=False, separators=(",", ":"))
    assert analysis_to_json(analysis) == expected
    assert analysis_from_json(analysis_to_json(analysis)) == analysis


def test_every_field_of_an_analysis_is_written() -> None:
    written = json.loads(analysis_to_json(ANALYSES[0]))
    assert list(written) == [f.name for f in fields(Analysis)]
