"""Tag quality on the dev data: stop-word tags per language, gold precision, demo counts.

`make eval` runs it after the ROUGE and keyphrase tables. Article text is read from
../shared/eval-dev at run time; tools/gold/tags.json holds only ids, tags and labels.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.analyse import AnalysisSettings, analyse  # noqa: E402
from generator.analyse.evaluation import as_paragraphs  # noqa: E402
from generator.analyse.stopwords import has_function_edge  # noqa: E402
from generator.errors import NewsdigestError  # noqa: E402
from generator.extract import extract  # noqa: E402
from generator.model import Analysis, Article, RawInput  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval-dev"
GOLD = ROOT / "tools" / "gold" / "tags.json"
PAGE_FOLDERS = ("extraction/trafilatura/html", "extraction/newspaper4k/html", "dates/htmldate/html")
SUMMARY_SETS = {
    "cnndm": "summaries/sum_cnndm_dev2000.jsonl.gz",
    "bbc": "summaries/sum_bbc_news_summary.jsonl.gz",
}
LABELS = ("useful", "useless", "wrong")


def dev_pages() -> list[Path]:
    """Return every real dev page (HTML, gzipped), in sorted path order."""
    return sorted(p for folder in PAGE_FOLDERS for p in (EVAL / folder).rglob("*.html*"))


def page_article(path: Path) -> Article:
    """Return the article newsdigest extracts from a dev page."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return extract(RawInput(origin=str(path), content=data))


def page_analysis(path: Path, settings: AnalysisSettings) -> tuple[Article, Analysis] | None:
    """Return a page's article and analysis, None when it holds no article."""
    try:
        article = page_article(path)
    except NewsdigestError:
        return None
    return article, analyse(article, settings)


def stopword_share(pages: list[Path], settings: AnalysisSettings) -> None:
    """Print, per language, the pages with a tag edged by a function word."""
    pages_of: Counter[str] = Counter()
    bad_of: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for path in pages:
        done = page_analysis(path, settings)
        if done is None:
            continue
        article, analysis = done
        lang = article.language.split("-")[0].lower() or "?"
        pages_of[lang] += 1
        bad = [t for t in analysis.tags if has_function_edge(t, article.language)]
        if bad:
            bad_of[lang] += 1
            examples[lang] += bad[:1]
    print("| language | pages | with a stop-word tag | share | examples |")
    print("|---|---|---|---|---|")
    for lang, n in sorted(pages_of.items(), key=lambda kv: (-kv[1], kv[0])):
        shown = ", ".join(examples[lang][:3])
        print(f"| {lang} | {n} | {bad_of[lang]} | {bad_of[lang] / n:.1%} | {shown} |")
    total, bad = sum(pages_of.values()), sum(bad_of.values())
    print(f"| all | {total} | {bad} | {bad / max(1, total):.1%} | |")


def summary_rows(name: str, count: int) -> Iterator[tuple[str, str, str]]:
    """Yield (id, title, text) of the first rows of a summaries data set."""
    with gzip.open(EVAL / SUMMARY_SETS[name], "rt", encoding="utf-8") as rows:
        for line, _ in zip(rows, range(count), strict=False):
            row = json.loads(line)
            yield row["id"], row.get("title") or "", row["article"]


def gold_articles() -> dict[str, Article]:
    """Return the gold's articles by gold id ("cnndm:ID", "bbc:ID", "page:FILE")."""
    found: dict[str, Article] = {}
    for name in SUMMARY_SETS:
        for row_id, title, text in summary_rows(name, 15):
            found[f"{name}:{row_id}"] = Article(id=row_id, title=title, text=as_paragraphs(text))
    for page in json.loads(GOLD.read_text(encoding="utf-8"))["pages"]:
        path = EVAL / "extraction/trafilatura/html" / page
        found[f"page:{page}"] = page_article(path)
    return found


def gold_tags(settings: AnalysisSettings) -> dict[str, dict[str, tuple[str, ...]]]:
    """Return per gold id the tags `show` lists and those the site shows (the 40 as a store)."""
    from generator.placement import make_entry  # noqa: PLC0415
    from generator.render.tagplan import with_site_tags  # noqa: PLC0415

    entries = [
        make_entry(replace(article, id=gold_id), analyse(article, settings), "UTC")
        for gold_id, article in gold_articles().items()
    ]
    site = {e.article.id: e.tags for e in with_site_tags(entries)}
    return {e.article.id: {"show": e.tags, "site": site[e.article.id]} for e in entries}


def gold_precision(settings: AnalysisSettings) -> None:
    """Print the labels of the tags the analyser gives the gold articles, show and site."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["labels"]
    found = gold_tags(settings)
    for view in ("show", "site"):
        counts: Counter[str] = Counter()
        unjudged: list[str] = []
        for gold_id, views in found.items():
            for tag in views[view]:
                label = gold.get(gold_id, {}).get(tag)
                counts[label or "unjudged"] += 1
                if label is None:
                    unjudged.append(f"{gold_id}: {tag}")
        total = sum(counts.values())
        judged = total - counts["unjudged"]
        print(
            f"tags on the {len(found)} gold articles, as {view} gives them: {total}"
            f" ({judged} judged)"
        )
        for label in (*LABELS, "unjudged"):
            print(f"  {label:9} {counts[label]:4}  {counts[label] / max(1, total):.1%}")
        print(f"  wrong, of judged: {counts['wrong'] / max(1, judged):.1%}")
        for line in unjudged[:10]:
            print(f"  unjudged {line}")


def demo_counts(root: Path) -> None:
    """Print the demo's (examples/inbox) tags on the site: how many, how many on one article."""
    from generator.config.load import load_config  # noqa: PLC0415 - only this table needs it
    from generator.ingest.run import process_all  # noqa: PLC0415
    from generator.placement import make_entry  # noqa: PLC0415

    config = load_config(root)
    outcomes = process_all([str(root / "examples" / "inbox")], config, sys.stdin.buffer)
    entries = [make_entry(o[1], o[2], "UTC") for o in outcomes if o[0] == "ok"]  # type: ignore[arg-type]
    try:
        from generator.render.tagplan import with_site_tags  # noqa: PLC0415
    except ImportError:  # the code before tags were planned across articles
        shown = entries
    else:
        shown = with_site_tags(entries)
    uses = Counter(t for e in shown for t in dict.fromkeys(e.tags))
    single = sum(1 for n in uses.values() if n == 1)
    print(
        f"demo: {len(shown)} articles, {len(uses)} distinct tags, {sum(uses.values())} uses, "
        f"{single} on a single article ({single / max(1, len(uses)):.0%})"
    )
    print("  tags: " + ", ".join(sorted(uses, key=lambda t: (-uses[t], t))))


def main(argv: list[str] | None = None) -> int:
    """Print the tag tables; skip with a message when ../shared is absent."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=0, help="every Nth dev page (0: all)")
    parser.add_argument("--skip-pages", action="store_true", help="gold only")
    args = parser.parse_args(argv)
    demo_counts(ROOT)
    if not EVAL.exists():
        print(f"tag eval skipped: {EVAL} absent")
        return 0
    settings = AnalysisSettings()
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    if GOLD.exists():
        gold_precision(settings)
    if not args.skip_pages:
        pages = dev_pages()
        stopword_share(pages[:: args.sample] if args.sample else pages, settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
