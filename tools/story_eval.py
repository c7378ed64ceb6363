"""Cross-validate story grouping over ECB+ topics: tune the threshold on half, test on the rest.

    python tools/story_eval.py [--data ../shared/eval-dev/clustering/ecbplus_dev.jsonl]

Topics are split into two halves (alternate topics); for each half the highest threshold within
0.005 of the best B-cubed F1 on the other half is used (precision first), and B-cubed and
pairwise precision, recall and F1 on the half itself are printed. Articles are placed in one
batch, in the order of a hash of their ids, as `newsdigest stories` places a fresh store.
Data is read from ../shared at run time and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.extract import extract  # noqa: E402
from generator.model import RawInput  # noqa: E402
from generator.stories import group  # noqa: E402
from generator.stories.features import features  # noqa: E402
from generator.stories.run import article_day  # noqa: E402

SHARED = REPO.parent / "shared" / "eval-dev"
PUBLISHED = "2026-03-10T12:00:00+00:00"  # as score_stories.py publishes every document
GRID = [x / 100 for x in range(4, 40, 2)]


def load(path: Path) -> list[dict[str, Any]]:
    """Return the documents with their grouping items, in placing order.

    Each is read as the score script's JSON record through the real extraction (which drops
    page furniture), so the whole file scores as `score_stories.py` does.
    """
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for d in docs:
        lines = d["text"].split("\n")
        text = "\n\n".join(lines[1:]) or lines[0]
        record = {"title": lines[0][:150], "text": text, "published": PUBLISHED}
        raw = RawInput(origin=d["id"], content=json.dumps(record).encode())
        article = extract(raw)
        found = features(article.title, article.text)
        d["item"] = group.Item(d["id"], found.terms, article_day(article))
    return sorted(docs, key=lambda d: zlib.crc32(d["id"].encode()))


def scores(docs: Sequence[dict[str, Any]], threshold: float) -> tuple[float, ...]:
    """Return B-cubed P, R, F1 and pairwise P, R, F1 of grouping at a threshold."""
    from score_stories import bcubed, pairwise  # noqa: PLC0415 - found in ../shared at run time

    group.JOIN_THRESHOLD = threshold
    pred = group.add_items(group.Grouping(), [d["item"] for d in docs]).story_of
    gold = {d["id"]: d["cluster"] for d in docs}
    return (*bcubed(pred, gold), *pairwise(pred, gold))


def main() -> int:
    """Print each half's tuned threshold and scores, and the whole file's at the default."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED / "clustering" / "ecbplus_dev.jsonl")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} not found")
        return 0
    sys.path.insert(0, str(SHARED / "scripts"))
    default = group.JOIN_THRESHOLD
    docs = load(args.data)
    topics = sorted({d["topic"] for d in docs}, key=int)
    halves = [[d for d in docs if topics.index(d["topic"]) % 2 == h] for h in (0, 1)]
    for h, test in enumerate(halves):
        tune = halves[1 - h]
        tuned = {t: scores(tune, t)[2] for t in GRID}
        # Precision first: the highest threshold within 0.005 of the best F1.
        best = max(t for t in GRID if tuned[t] >= max(tuned.values()) - 0.005)
        s = scores(test, best)
        print(
            f"half {h}: threshold {best:.2f} (tuned on the other half) B3 P/R/F1 "
            f"{s[0]:.3f}/{s[1]:.3f}/{s[2]:.3f} pairwise {s[3]:.3f}/{s[4]:.3f}/{s[5]:.3f}"
        )
    s = scores(docs, default)
    print(
        f"all: threshold {default:.2f} B3 P/R/F1 {s[0]:.3f}/{s[1]:.3f}/{s[2]:.3f} "
        f"pairwise {s[3]:.3f}/{s[4]:.3f}/{s[5]:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
