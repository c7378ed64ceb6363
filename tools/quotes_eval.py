"""Score who-said-what in-process on annotated news (fast twin of score_quotes.py).

Runs extraction and the quote finder on every article of a PolNeAR split and scores the
result with ../shared/eval-dev/scripts/score_quotes.py's own score(); report figures with
that script itself (it runs `newsdigest show`). Usage:

    .venv/bin/python tools/quotes_eval.py --data ../shared/eval-dev/quotes/polnear_train.jsonl
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from generator.analyse.quotes import find_quotes
from generator.analyse.sentences import split_sentences
from generator.extract import ExtractContext, extract
from generator.model import RawInput

SCRIPTS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval-dev" / "scripts"


def scorer() -> ModuleType:
    """Load score_quotes.py from the shared evaluation scripts."""
    spec = importlib.util.spec_from_file_location("score_quotes", SCRIPTS / "score_quotes.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no score_quotes.py in {SCRIPTS}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record(article: dict[str, Any], body_of: Any) -> dict[str, Any]:
    """Return the `quotes` record newsdigest would print for one annotated article."""
    title, body = body_of(article)
    raw = json.dumps(
        {
            "title": title,
            "text": body,
            "url": f"https://quotes.example/{article['id']}",
            "published": "2016-01-01T12:00:00+00:00",
            "source": "Unknown",
        }
    )
    extracted = extract(
        RawInput(article["id"], raw.encode("utf-8")),
        ExtractContext(boilerplate_lines=frozenset(), default_timezone=None),
    )
    sentences = split_sentences(extracted.text, extracted.language)
    quotes = [q for q in find_quotes(extracted.text, sentences) if q.speaker is not None]
    return {
        "quotes": [{"speaker": q.speaker, "text": q.text, "evidence": q.evidence} for q in quotes]
    }


def main() -> None:
    """Print the score of one split (and the worst wrong speakers)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", required=True)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--worst", type=int, default=20)
    args = parser.parse_args()
    module = scorer()
    lines = Path(args.data).read_text(encoding="utf-8").splitlines()
    articles = [json.loads(line) for line in lines[: args.limit or None]]
    records = [record(a, module.body_of) for a in articles]
    figures = module.score(articles, records, args.worst)
    worst = figures.pop("worst")
    print(json.dumps(figures))
    for art, predicted, gold, words in worst:
        print(f"  wrong: {art}: said by {gold!r}, given to {predicted!r}: “{words}”")


if __name__ == "__main__":
    main()
