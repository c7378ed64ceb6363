"""Score summary weights on the tuning rows only (CNN/DM rows 1000-1999, odd BBC rows).

`tools/eval.py` reports on the other rows (CNN/DM rows 0-999, even BBC rows), so a weight
chosen here is never judged on the rows it was chosen on. Usage:

    .venv/bin/python tools/tune_summary.py [--sample N] [name=value ...]

prints mean ROUGE-1/2/L F1 of the summariser with the named weights changed, beside Lead-3.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval-dev"
sys.path[:0] = [str(ROOT), str(EVAL / "scripts")]

from generator.analyse.evaluation import summary, weights_with  # noqa: E402

TUNE_CNNDM = range(1000, 2000)  # CNN/DM rows that tuning may see
BBC_TUNE_PARITY = 1  # BBC rows at odd positions are for tuning, even ones for reports


def tuning_rows(name: str, sample: int, seed: int) -> list[dict[str, Any]]:
    """Return a seeded sample of the tuning rows of one data set ("cnndm" or "bbc")."""
    path = EVAL / "summaries" / f"sum_{'cnndm_dev2000' if name == 'cnndm' else 'bbc_news_summary'}"
    with gzip.open(f"{path}.jsonl.gz", "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    rows = [rows[i] for i in TUNE_CNNDM] if name == "cnndm" else rows[BBC_TUNE_PARITY::2]
    return random.Random(seed).sample(rows, min(sample, len(rows)))


def score(name: str, rows: list[dict[str, Any]], changes: dict[str, float]) -> str:
    """Return one line: ROUGE-1/2/L of the summariser and of Lead-3 on the rows."""
    import sum_eval  # type: ignore[import-not-found]  # noqa: PLC0415 - eval-dev script

    splitter = sum_eval.make_splitter("tok" if name == "cnndm" else "regex", "en")
    scorer = sum_eval.make_scorer("en")
    weights = weights_with(changes)
    ours: list[list[float]] = []
    lead: list[list[float]] = []
    for row in rows:
        text, ref = sum_eval.clean_text(row["article"]), sum_eval.clean_text(row["reference"])
        for out, hyp in (
            (ours, summary(text, title=row.get("title", ""), weights=weights)),
            (lead, splitter(text)[:3]),
        ):
            got = scorer.score(ref, "\n".join(hyp))
            out.append([100 * got[k].fmeasure for k in ("rouge1", "rouge2", "rougeLsum")])
    return f"{name:6} n={len(rows)} ours {_means(ours)} lead3 {_means(lead)}"


def _means(table: list[list[float]]) -> str:
    """Return the column means of a score table as R-1/R-2/R-Lsum."""
    return "/".join(f"{statistics.fmean(column):.2f}" for column in zip(*table, strict=True))


def main() -> int:
    """Print the scores of the given weight changes on both tuning sets."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("changes", nargs="*", help="weight=value")
    args = parser.parse_args()
    changes = {k: float(v) for k, v in (c.split("=", 1) for c in args.changes)}
    for name in ("cnndm", "bbc"):
        print(score(name, tuning_rows(name, args.sample, args.seed), changes), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
