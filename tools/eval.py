"""Run the eval-dev scorers on the analyser: ROUGE vs Lead-3, keyphrase F1 vs YAKE (`make eval`)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval-dev"
SUMMARY = "generator.analyse.evaluation:summary"
KEYPHRASES = "generator.analyse.evaluation:keyphrases"


def commands(sample: int, bbc_sample: int) -> list[list[str]]:
    """Return the scoring commands: CNN/DM and BBC summaries, DUC-2001 keyphrases.

    Summary weights were tuned on CNN/DM rows 200-699, so the first 200 rows are held out.
    """
    scripts, py = EVAL / "scripts", sys.executable
    cnndm = str(EVAL / "summaries" / "sum_cnndm_dev2000.jsonl.gz")
    bbc = str(EVAL / "summaries" / "sum_bbc_news_summary.jsonl.gz")
    score = [
        py,
        str(scripts / "sum_eval.py"),
        "--method",
        "lead3",
        "--py",
        SUMMARY,
        "--pypath",
        str(ROOT),
    ]
    return [
        [*score, "--data", cnndm, "--limit", "200"],
        [*score, "--data", cnndm, "--sample", str(sample)],
        # pysbd (the script's default splitter for BBC) is not installed: use its regex splitter.
        [*score, "--data", bbc, "--sample", str(bbc_sample), "--split", "regex"],
        [
            py,
            str(scripts / "kp_eval.py"),
            "--data",
            str(EVAL / "keyphrases/kp_duc2001.jsonl"),
            "--method",
            "yake",
            "--py",
            KEYPHRASES,
            "--pypath",
            str(ROOT),
        ],
    ]


def main(argv: list[str] | None = None) -> int:
    """Print every score table; skip with a message when ../shared is absent."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=500, help="CNN/DM documents (seeded sample)")
    parser.add_argument("--bbc-sample", type=int, default=500, help="BBC documents (seeded sample)")
    args = parser.parse_args(argv)
    if not EVAL.exists():
        print(f"eval skipped: {EVAL} absent")
        return 0
    status = 0
    for command in commands(args.sample, args.bbc_sample):
        print("$ " + " ".join(command), flush=True)
        status = max(status, subprocess.run(command, cwd=ROOT, check=False).returncode)
    return status


if __name__ == "__main__":
    sys.exit(main())
