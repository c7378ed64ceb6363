"""Check story pages' comparisons on gold stories: disagreements and facts only one report has.

    python tools/story_compare_eval.py [--data ../shared/eval-dev/clustering/ecbplus_dev.jsonl]

Every record of a gold cluster (one event told by several articles) is analysed as `show`
would; each cluster's reports are then compared as a story page compares them. Prints every
disagreement found, with both sentences, for a reader to judge (a disagreement between two
reports of one event that is not one is the error that costs trust), then the counts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.config.load import load_config  # noqa: E402
from generator.extract import ExtractContext  # noqa: E402
from generator.ingest.run import process  # noqa: E402
from generator.model import RawInput  # noqa: E402
from generator.stories.compare import Report, disagreements, own_facts_each  # noqa: E402

DATA = REPO.parent / "shared" / "eval-dev" / "clustering" / "ecbplus_dev.jsonl"


def reports(data: Path) -> dict[str, list[Report]]:
    """Return each gold cluster's records analysed, as reports in file order."""
    config = load_config(REPO)
    clusters: dict[str, list[Report]] = defaultdict(list)
    for line in data.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        raw = RawInput(row["id"], json.dumps({"text": row["text"]}).encode())
        article, analysis = process(raw, config, ExtractContext())
        clusters[row["cluster"]].append(Report(row["id"], article.text, analysis.facts))
    return clusters


def main() -> int:
    """Print the disagreements found in gold clusters and the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"{args.data}: absent, skipped")
        return 0
    clusters = reports(args.data)
    found = own = facts = 0
    for name, members in sorted(clusters.items()):
        for d in disagreements(members):
            found += 1
            print(f"{name} {d.about}: {d.first[1].text!r} <> {d.second[1].text!r}")
            print(f"    {d.first[1].evidence}\n    {d.second[1].evidence}")
        own += sum(map(len, own_facts_each(members)))
        facts += sum(len(r.facts) for r in members)
    print(
        f"{len(clusters)} clusters: {found} disagreements; {own} of {facts} facts "
        "only one report states"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
