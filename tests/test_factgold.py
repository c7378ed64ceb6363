"""Tests of the fact-gold tool's counts (fragments, repeats) and of the gold's ids."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from generator.model import Fact

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval-dev"


def factgold() -> ModuleType:
    """Import tools/factgold.py (a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("factgold", ROOT / "tools" / "factgold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["factgold"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("text", "evidence", "fragment"),
    [
        ("£5", "The trust set aside £5million for the dunes.", True),
        ("set aside £5", "The trust set aside £5million for the dunes.", True),
        ("1 success", "The colt won at 100/1 success odds.", True),
        ("won at 100/1 odds", "The colt won at 100/1 odds.", False),
        ("rose 4", "Fares rose 45% in a year.", True),
        ("rose 45%", "Fares rose 45% in a year.", False),
        ("3 metres", "The wall is 13 metres high.", True),
        ("27天", "封城27天后，病例下降。", False),
    ],
)
def test_fragment_count(text: str, evidence: str, fragment: bool) -> None:
    """A figure counts as a fragment when a number at its edge runs on in the evidence."""
    assert factgold().is_fragment(Fact("figure", text, evidence, 0)) is fragment


@pytest.mark.parametrize(
    ("texts", "repeats"),
    [
        (["Lisbon", "Porto"], 0),
        (["Harbour Trust", "Kestrel Harbour Trust"], 1),
        (["Tidewater Board", "tidewater board", "Tidewater Board"], 2),
    ],
)
def test_duplicate_count(texts: list[str], repeats: int) -> None:
    """A fact repeating another of its kind (same text, or inside it) is counted."""
    facts = [Fact("organization", t, "Some evidence.", 0) for t in texts]
    assert factgold().duplicates(facts) == repeats


@pytest.mark.skipif(not SHARED.exists(), reason="../shared absent")
def test_gold_articles_exist_and_every_label_is_known() -> None:
    """Every gold id is in ../shared, and every label is one of the three."""
    gold = factgold()
    ids = gold.gold_ids()
    assert len(ids["cnndm"]) == len(ids["bbc"]) == 15
    assert all((gold.PAGES / name).exists() for name in ids["pages"])
    labels = json.loads((ROOT / "tools" / "gold" / "facts.json").read_text(encoding="utf-8"))
    known = {*ids["cnndm"], *ids["bbc"], *ids["pages"], "_about"}
    assert set(labels) <= known
    assert {
        v
        for k, kinds in labels.items()
        if k != "_about"
        for texts in kinds.values()
        for v in texts.values()
    } <= set(gold.LABELS)
