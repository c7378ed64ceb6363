"""Fact precision on the hand-labelled gold, and fragment/duplicate counts on real pages.

The gold articles (tools/gold/articles.json) are read from ../shared at run time; the repo keeps
only their ids and the labelled fact strings (tools/gold/facts.json). `python tools/factgold.py
dump` prints every fact of the gold articles with its label, for labelling; `score` prints the
tables `make eval` shows.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.analyse import AnalysisSettings, analyse  # noqa: E402
from generator.analyse.evaluation import as_paragraphs  # noqa: E402
from generator.extract import extract  # noqa: E402
from generator.model import Article, Fact, RawInput  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval-dev"
SUMMARIES = EVAL / "summaries"
PAGES = EVAL / "extraction" / "trafilatura" / "html"
GOLD = ROOT / "tools" / "gold"
LABELS = ("good", "useless", "wrong")
KINDS = ("figure", "date", "quote", "person", "organization", "place")
# The number a figure starts with (after any currency sign).
LEADING_NUMBER = re.compile(r"(?:US\$|NT\$|[$€£¥])?\d[\d,.]*")
# What continues a number when written right next to it: more digits, a decimal or thousands
# part, a fraction ("100/1"), or letters glued on ("£5million", "Nexus5").
# (Latin letters only: Chinese and Japanese write numbers against their words.)
NUMBER_GOES_ON = re.compile(r"[0-9A-Za-zÀ-ɏ]|[.,/:]\d")
NUMBER_CAME_FROM = re.compile(r"[0-9A-Za-zÀ-ɏ.,/:$€£¥-]$")
# A figure's text ending in a number, maybe with its sign or scale ("£5", "$1.2bn", "45%").
NUMBER_END = re.compile(r"(?:^|\s)(?:US\$|NT\$|[$€£¥])?\d[\d,./]*(?:bn|m|k|%)?$")
SAMPLE_SEED = 19
Labels = dict[str, dict[str, dict[str, str]]]  # article id -> kind -> fact text -> label


def gold_ids() -> dict[str, list[str]]:
    """Return the gold article ids by corpus (cnndm, bbc, pages)."""
    data = json.loads((GOLD / "articles.json").read_text(encoding="utf-8"))
    return {"cnndm": data["cnndm"], "bbc": data["bbc"], "pages": list(data["pages"].values())}


def _rows(name: str, ids: set[str] | None, limit: int | None) -> Iterator[dict[str, str]]:
    """Yield dataset rows (all, or those with the given ids) of a summaries file."""
    with gzip.open(SUMMARIES / name, "rt", encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if limit is not None and n >= limit:
                return
            row = json.loads(line)
            if ids is None or row["id"] in ids:
                yield row


def row_article(row: dict[str, str]) -> Article:
    """Return the Article newsdigest makes of a dataset row (a scraper record)."""
    record = {"text": as_paragraphs(row["article"]), "title": row.get("title", "")}
    raw = RawInput(origin=row["id"], content=json.dumps(record).encode("utf-8"))
    return extract(raw)


def page_article(name: str) -> Article:
    """Return the Article newsdigest extracts from one trafilatura page."""
    raw = RawInput(origin=name, content=gzip.decompress((PAGES / name).read_bytes()))
    return extract(raw)


def gold_articles() -> Iterator[tuple[str, Article]]:
    """Yield (id, article) for every gold article, in articles.json order."""
    ids = gold_ids()
    for corpus, file in (
        ("cnndm", "sum_cnndm_dev2000.jsonl.gz"),
        ("bbc", "sum_bbc_news_summary.jsonl.gz"),
    ):
        rows = {r["id"]: r for r in _rows(file, set(ids[corpus]), None)}
        for key in ids[corpus]:
            yield key, row_article(rows[key])
    for name in ids["pages"]:
        yield name, page_article(name)


def facts_of(article: Article) -> tuple[Fact, ...]:
    """Return the fact box newsdigest shows for an article."""
    return analyse(article, AnalysisSettings()).facts


def is_fragment(fact: Fact) -> bool:
    """Return True for a figure whose number is only a piece of a longer one in its evidence.

    A figure shown verbatim is a fragment when a number at either end of it runs on in the
    evidence ("£5" of "£5million", "1 success" of "100/1 success"); otherwise its first number
    is looked up in the evidence, and is a fragment when no mention of it stands whole.
    """
    if fact.kind != "figure":
        return False
    at = fact.evidence.find(fact.text)
    if at < 0:
        return _loose_fragment(fact)
    before, after = fact.evidence[:at], fact.evidence[at + len(fact.text) :]
    starts_number = fact.text[:1].isdigit() or LEADING_NUMBER.match(fact.text) is not None
    ends_number = NUMBER_END.search(fact.text) is not None
    return bool(
        (starts_number and NUMBER_CAME_FROM.search(before))
        or (ends_number and NUMBER_GOES_ON.match(after))
    )


def _loose_fragment(fact: Fact) -> bool:
    """Return True when no mention of a figure's first number in its evidence stands whole."""
    number = LEADING_NUMBER.search(fact.text)
    if number is None:
        return False
    token = number.group(0).rstrip(".,")
    at = fact.evidence.find(token)
    while at >= 0:
        before, after = fact.evidence[:at], fact.evidence[at + len(token) :]
        if not NUMBER_CAME_FROM.search(before) and not NUMBER_GOES_ON.match(after):
            return False
        at = fact.evidence.find(token, at + 1)
    return True


def duplicates(facts: Sequence[Fact]) -> int:
    """Return how many facts repeat another of their kind (same text, or one inside another)."""
    count = 0
    for i, fact in enumerate(facts):
        text = fact.text.casefold()
        if any(
            o.kind == fact.kind and (text in (t := o.text.casefold()) or t in text)
            for o in facts[:i]
        ):
            count += 1
    return count


def not_verbatim(fact: Fact) -> bool:
    """Return True for a figure whose text is not a substring of its evidence sentence."""
    return fact.kind == "figure" and fact.text not in fact.evidence


def load_labels() -> Labels:
    """Return the labels of tools/gold/facts.json (empty when absent)."""
    path = GOLD / "facts.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def precision_table(boxes: Sequence[tuple[str, tuple[Fact, ...]]], labels: Labels) -> list[str]:
    """Return the lines of the per-kind table: facts, wrong and useless shares, unjudged."""
    counts: dict[str, Counter[str]] = {k: Counter() for k in (*KINDS, "all", "all but quote")}
    for key, facts in boxes:
        for fact in facts:
            label = labels.get(key, {}).get(fact.kind, {}).get(fact.text, "unjudged")
            counts[fact.kind][label] += 1
            counts["all"][label] += 1
            counts["all but quote"][label] += fact.kind != "quote"
    lines = [f"{'kind':<14}{'facts':>6}{'good':>8}{'useless':>9}{'wrong':>8}{'unjudged':>10}"]
    for kind, c in counts.items():
        good, useless, wrong = (_share(c, label) for label in LABELS)
        lines.append(f"{kind:<14}{c.total():>6}{good:>8}{useless:>9}{wrong:>8}{c['unjudged']:>10}")
    return lines


def _share(counts: Counter[str], label: str) -> str:
    """Return a label's share of the judged facts ("-" when none was judged)."""
    judged = sum(counts[name] for name in LABELS)
    return f"{counts[label] / judged:.1%}" if judged else "-"


def integrity_line(name: str, boxes: Sequence[tuple[str, tuple[Fact, ...]]]) -> str:
    """Return the counts of fragment figures, non-verbatim figures, duplicates, empty boxes."""
    facts = [f for _, box in boxes for f in box]
    fragments = sum(map(is_fragment, facts))
    verbatim = sum(map(not_verbatim, facts))
    dupes = sum(duplicates(box) for _, box in boxes)
    empty = sum(not box for _, box in boxes)
    return (
        f"{name}: {len(boxes)} articles, {len(facts)} facts, fragment figures {fragments}, "
        f"figures not verbatim {verbatim}, duplicate facts {dupes}, empty boxes {empty}"
    )


def sample_boxes(pages: int, bbc: int) -> list[tuple[str, tuple[Fact, ...]]]:
    """Return the fact boxes of a seeded sample of real pages and BBC articles."""
    names = sorted(p.name for p in PAGES.iterdir())
    chosen = random.Random(SAMPLE_SEED).sample(names, min(pages, len(names)))
    boxes = []
    for name in sorted(chosen):
        try:
            boxes.append((name, facts_of(page_article(name))))
        except Exception:  # a page newsdigest rejects has no box to count
            continue
    rows = list(_rows("sum_bbc_news_summary.jsonl.gz", None, None))
    for row in random.Random(SAMPLE_SEED).sample(rows, min(bbc, len(rows))):
        boxes.append((row["id"], facts_of(row_article(row))))
    return boxes


def score(pages: int, bbc: int) -> None:
    """Print fact precision on the gold and the integrity counts on the gold and a sample."""
    boxes = [(key, facts_of(article)) for key, article in gold_articles()]
    print("Fact precision on the gold (tools/gold/facts.json; shares of judged facts)")
    print("\n".join(precision_table(boxes, load_labels())))
    print(integrity_line("gold", boxes))
    if pages or bbc:
        print(integrity_line(f"sample ({pages} pages, {bbc} BBC)", sample_boxes(pages, bbc)))


def dump() -> None:
    """Print every gold fact with its label (or "?") and evidence, for labelling."""
    labels = load_labels()
    for key, article in gold_articles():
        print(f"## {key} [{article.language}] {article.title[:80]}")
        for fact in facts_of(article):
            label = labels.get(key, {}).get(fact.kind, {}).get(fact.text, "?")
            print(f"  {label:<8} {fact.kind:<12} {fact.text!r}\n           << {fact.evidence}")


def main(argv: list[str] | None = None) -> int:
    """Score or dump the fact gold; skip with a message when ../shared is absent."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=("score", "dump"))
    parser.add_argument("--pages", type=int, default=300, help="real pages in the sample")
    parser.add_argument("--bbc", type=int, default=300, help="BBC articles in the sample")
    args = parser.parse_args(argv)
    if not EVAL.exists():
        print(f"fact gold skipped: {EVAL} absent")
        return 0
    if args.command == "dump":
        dump()
    else:
        score(args.pages, args.bbc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
