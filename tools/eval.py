"""Run the eval-dev scorers (`make eval`): ROUGE vs Lead-3, keyphrase F1 vs YAKE, fact precision.

Summary weights are tuned (tools/tune_summary.py) on CNN/DM rows 1000-1999 and on the BBC rows
at odd positions only; every summary score printed here is on rows the tuning never saw (CNN/DM
rows 0-999, BBC rows at even positions), except one CNN/DM line, a whole-file sample kept for
comparison with the README of eval-dev (about half of it lies in the tuning rows). Each table
is preceded by a line that says which rows it scores.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval-dev"
CNNDM = EVAL / "summaries" / "sum_cnndm_dev2000.jsonl.gz"
BBC = EVAL / "summaries" / "sum_bbc_news_summary.jsonl.gz"
SUMMARY = "generator.analyse.evaluation:summary"
KEYPHRASES = "generator.analyse.evaluation:keyphrases"
HELD_OUT_ROWS = 1000  # CNN/DM rows before this index were never used for tuning
BBC_HELD_OUT_PARITY = 0  # BBC rows at even positions were never used for tuning
REPORT_SEED = "29"  # sampling seed used only for reporting, never for tuning


def held_out_rows() -> dict[str, list[dict[str, Any]]]:
    """Return the rows of each summary set that tuning never saw."""
    rows = {}
    for name, path in (("cnndm", CNNDM), ("bbc", BBC)):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            rows[name] = [json.loads(line) for line in lines]
    return {
        "cnndm": rows["cnndm"][:HELD_OUT_ROWS],
        "bbc": rows["bbc"][BBC_HELD_OUT_PARITY::2],
    }


def lead_not_news(rows: list[dict[str, Any]]) -> list[str]:
    """Return the ids of rows whose first sentence is furniture, a question, a quote or thin."""
    sys.path.insert(0, str(ROOT))
    from generator.analyse.evaluation import as_paragraphs  # noqa: PLC0415 - after the path
    from generator.analyse.sentences import split_sentences  # noqa: PLC0415
    from generator.analyse.summary import OPENS_QUOTE, eligible  # noqa: PLC0415

    ids = []
    for row in rows:
        text = row["article"].replace("``", '"').replace("''", '"')  # the PTB quotes
        first = split_sentences(as_paragraphs(text), "en")[:1]
        if first and (not eligible(first[0]) or OPENS_QUOTE.match(first[0].text)):
            ids.append(row["id"])
    return ids


def write_ids(folder: Path, name: str, ids: list[str]) -> Path:
    """Write row ids one per line into the folder; return the file."""
    target = folder / f"{name}.txt"
    target.write_text("\n".join(ids) + "\n", encoding="utf-8")
    return target


def commands(sample: int, bbc_sample: int, folder: Path) -> list[tuple[str, list[str]]]:
    """Return the labelled scoring commands: summaries, keyphrases and fact precision."""
    rows = held_out_rows()
    ids = {name: write_ids(folder, name, [r["id"] for r in got]) for name, got in rows.items()}
    odd = {name: lead_not_news(got) for name, got in rows.items()}
    odd_ids = {name: write_ids(folder, f"{name}-lead-not-news", got) for name, got in odd.items()}
    scripts, py = EVAL / "scripts", sys.executable
    score = [py, str(scripts / "sum_eval.py"), "--method", "lead3", "--py", SUMMARY]
    score += ["--pypath", str(ROOT)]
    seeded = ["--sample", str(sample), "--seed", REPORT_SEED]
    bbc = ["--data", str(BBC), "--sample", str(bbc_sample), "--seed", REPORT_SEED]
    # pysbd (the script's default splitter for BBC) is not installed: use its regex splitter.
    bbc += ["--split", "regex"]
    kp = ["--method", "yake", "--py", KEYPHRASES, "--pypath", str(ROOT)]
    held = "never used for tuning"
    return [
        (f"CNN/DM rows 0-499 ({held})", [*score, "--data", str(CNNDM), "--limit", "500"]),
        (
            f"CNN/DM seeded sample of rows 0-999 ({held})",
            [*score, "--data", str(CNNDM), "--ids", str(ids["cnndm"]), *seeded],
        ),
        (
            "CNN/DM seeded sample of the whole file (about half in the tuning rows 1000-1999; "
            "for comparison with the README of eval-dev only)",
            [*score, "--data", str(CNNDM), *seeded],
        ),
        (f"BBC seeded sample of the even rows ({held})", [*score, *bbc, "--ids", str(ids["bbc"])]),
        (
            f"CNN/DM rows 0-999 whose lead is a question, quote, furniture or too thin "
            f"({len(odd['cnndm'])} rows, {held})",
            [*score, "--data", str(CNNDM), "--ids", str(odd_ids["cnndm"])],
        ),
        (
            f"BBC even rows whose lead is a question, quote, furniture or too thin "
            f"({len(odd['bbc'])} rows, {held})",
            [*score, *bbc, "--ids", str(odd_ids["bbc"])],
        ),
        (
            "DUC-2001 keyphrases (not tuned on)",
            [
                py,
                str(scripts / "kp_eval.py"),
                "--data",
                str(EVAL / "keyphrases/kp_duc2001.jsonl"),
                *kp,
            ],
        ),
        (
            "Fact precision on our own gold (tools/gold)",
            [py, str(ROOT / "tools" / "factgold.py"), "score"],
        ),
        (
            "Who said what on polnear_dev (speaker precision, recall, quotes not in marks)",
            [
                py,
                str(scripts / "score_quotes.py"),
                "--data",
                str(EVAL / "quotes/polnear_dev.jsonl"),
                "--project",
                str(ROOT),
            ],
        ),
        (
            "Tags: gold precision, stop-word tags per language on real dev pages, demo counts",
            [py, str(ROOT / "tools" / "eval_tags.py")],
        ),
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
    print(
        "Summary weights were tuned (tools/tune_summary.py) on CNN/DM rows 1000-1999 and BBC rows "
        "at odd positions; the summary tables below score other rows unless they say so."
    )
    status = 0
    with tempfile.TemporaryDirectory() as folder:
        for label, command in commands(args.sample, args.bbc_sample, Path(folder)):
            print(f"\n## {label}\n$ " + " ".join(command), flush=True)
            status = max(status, subprocess.run(command, cwd=ROOT, check=False).returncode)
    return status


if __name__ == "__main__":
    sys.exit(main())
