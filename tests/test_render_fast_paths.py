"""Rendering's fast paths write the bytes their slow, obvious versions write (issue 9)."""

from __future__ import annotations

import copy
import dataclasses
import html
import posixpath
import random
import re
from collections import defaultdict
from itertools import product

import pytest
import yaml
from hostile.strings import OWN_STRINGS, fast_subset, shared_strings

from generator.model import (
    Analysis,
    Article,
    EditorChanges,
    Entry,
    Profile,
    Published,
    RelatedState,
    Sentence,
)
from generator.placement import make_entry
from generator.render.article import (
    CJK_CHARS_PER_MINUTE,
    WORDS_PER_MINUTE,
    reading_minutes,
)
from generator.render.context import key_hash
from generator.render.frontmatter import front_matter
from generator.render.html import (
    CONTROL_CHARS,
    INVISIBLE_CHARS,
    LINE_BREAK,
    clean,
    esc,
    href,
    link,
)
from generator.render.stories import StoryItems
from generator.render.times import stamp
from generator.slugs import name_page
from generator.stories import related
from generator.stories.related import profile, related_ids, update_related

HOSTILE = list(OWN_STRINGS) + shared_strings()
# PyYAML's pure Python emitter, the reference, takes about a millisecond a block.
FRONT_MATTER_SAMPLE = 1500
SEGMENTS = ("", "a", "b", "tags", "x-1", ".", "..")


def _python_block(meta: dict[str, object]) -> str:
    """Return front matter as PyYAML's pure Python emitter writes it (the reference)."""
    data = copy.deepcopy(meta)
    for key in ("title", "description"):
        data[key] = clean(data[key])
    data["newsdigest"]["tags"] = [clean(t) for t in data["newsdigest"]["tags"]]
    text = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=True, width=10_000, default_flow_style=False
    )
    return f"---\n{text}---\n"


def test_front_matter_bytes_do_not_depend_on_the_emitter() -> None:
    samples = fast_subset(HOSTILE, FRONT_MATTER_SAMPLE)
    for text in [*OWN_STRINGS, *samples, "emoji 👩🏽 and 𠀋", "plain title", "a: b # c"]:
        meta = {
            "title": text,
            "description": text,
            "newsdigest": {"kind": "article", "tags": [text, "Taiwan"], "url": None},
        }
        assert front_matter(meta) == _python_block(meta), repr(text)


def test_esc_matches_the_escape_chain() -> None:
    for text in [
        *HOSTILE,
        "",
        "plain",
        "l'été",
        "a\r\nb",
        "it's\r",
        '"\n',
        "'\r\n\u200b\n",
        "a &\rb",
        "x\u2028y'",
    ]:
        stripped = CONTROL_CHARS.sub("", INVISIBLE_CHARS.sub("", text))
        assert clean(text) == stripped, repr(text)
        assert esc(text) == LINE_BREAK.sub("&#10;", html.escape(stripped, quote=True)), repr(text)


@pytest.mark.parametrize("source", ["/".join(a) for a in product(SEGMENTS, repeat=2)])
def test_href_matches_relpath(source: str) -> None:
    for target in ("/".join(b) for b in product(SEGMENTS, repeat=3)):
        relative = posixpath.relpath(f"/{target}/", f"/{source}/")
        expected = "./" if relative == "." else relative + "/"
        assert href(source + ".md", target + ".md") == expected, target


def _story_item(
    from_page: str, entry: Entry, tag_pages: dict[str, str], summary_sentences: int, same_day: bool
) -> str:
    """Return one listing item as the straightforward version made it (the reference)."""
    article = entry.article
    source = f'<span class="nd-source">{esc(article.source)}</span>' if article.source else ""
    when = stamp(entry, same_day)
    summary = " ".join(entry.summary_texts()[:summary_sentences])
    tags = "".join(link(from_page, tag_pages[t], t) for t in entry.tags[:4] if t in tag_pages)
    lang = esc(article.language)
    return (
        f'<li class="nd-story"><a class="nd-story-title" lang="{lang}" '
        f'href="{esc(href(from_page, entry.page))}">{esc(entry.title)}</a>'
        f'<span class="nd-story-meta">{" · ".join(x for x in (source, when) if x)}</span>'
        + (f'<span class="nd-story-summary" lang="{lang}">{esc(summary)}</span>' if summary else "")
        + (f'<span class="nd-tags">{tags}</span>' if tags else "")
        + "</li>"
    )


def _story(number: int, text: str) -> Entry:
    """Return an entry with hostile title, source, tags and summary; times vary by number."""
    first, second = f"{text} was reported.", f"Then {text!r} & more."
    body = f"{first} {second}"
    sentences = (
        Sentence(0, 0, 0, len(first), first),
        Sentence(1, 0, len(first) + 1, len(body), second),
    )
    published = [
        Published(
            iso=f"2026-03-{number % 28 + 1:02d}T0{number % 10}:15:00+05:30",
            local=f"2026-03-{number % 28 + 1:02d}T0{number % 10}:15:00",
            signal="test",
        ),
        Published(iso=None, local="2026-03-09T23:45:00", signal="test"),
        None,
    ][number % 3]
    article = Article(
        id=f"{number:012x}",
        title=text,
        text=body,
        source=[text, None, "Wessex Courier"][number % 3],
        published=published,
        language=["en", "zh", 'x"y'][number % 3],
    )
    tags = (text, "harbour", f"tag {number % 7}", "ferries", "tea")[number % 4 :]
    entry = make_entry(
        article,
        Analysis(sentences=sentences, summary=(0, 1)[: number % 3], tags=tags),
        "Europe/London",
    )
    if number % 5 == 0:
        return dataclasses.replace(entry, editor=EditorChanges(("summary",), summary=(text,)))
    return entry


def test_story_items_match_the_plain_listing_item() -> None:
    stories = [_story(i, text) for i, text in enumerate(fast_subset(HOSTILE, 300))]
    names = {t for e in stories for t in e.tags}
    tag_pages = {t: name_page("tags", t, key_hash(t)) for t in names if len(t) % 4}
    froms = [
        "index.md",
        "tags/index.md",
        "x.md",
        "y.md",
        "digest/2026-03-10.md",
        "digest/week-2026-W11.md",
        "sources/a-1.md",
        "a/./b.md",
        "a/../c.md",
        "tags/deep/page.md",
        *list(tag_pages.values())[:40],
    ]
    items = StoryItems(tag_pages)  # one for every page, as plan_site uses it
    for number, page in enumerate(froms):
        group = stories[number % 7 :: 3]
        for sentences, same_day in product((1, 2), (False, True)):
            expected = "".join(_story_item(page, e, tag_pages, sentences, same_day) for e in group)
            assert items.story_list(page, group, sentences, same_day) == (
                f'<ul class="nd-stories">{expected}</ul>'
            ), page


def test_story_items_follow_a_replaced_entry() -> None:
    items = StoryItems({})
    old = _story(1, "Old title")
    new = dataclasses.replace(old, article=dataclasses.replace(old.article, title="New"))
    assert ">Old title</a>" in items.story_list("x.md", [old])
    assert ">New</a>" in items.story_list("x.md", [new])


@pytest.mark.parametrize(
    "text",
    [
        *OWN_STRINGS,
        "",
        "one two  three\n\nfour",
        "台湾 日本語 の記事",
        "mixed 漢字 and words",
        "ascii only\tline\x1cbreak",
    ],
)
def test_reading_minutes_match_the_plain_count(text: str) -> None:
    article = Article(id="a", title="t", text=text * 40)
    cjk = len(re.findall("[\u3040-\u9fff]", article.text))  # one match per character
    plain = len(article.text.split()) / WORDS_PER_MINUTE + cjk / CJK_CHARS_PER_MINUTE
    assert reading_minutes(article) == max(1, round(plain))


@pytest.mark.parametrize(
    "source,target",
    [
        ("articles/2026/03/a.md", "tags/t.md"),
        ("index.md", "tags/t.md"),
        ("tags/t.md", "tags/u.md"),
        ("a/./b.md", "tags/t.md"),
        ("x.md", "y/z.md"),
    ],
)
def test_href_anchors_follow_the_link(source: str, target: str) -> None:
    assert href(source, target, "s-3") == href(source, target) + "#s-3"


def _plain_related(profiles: list[Profile]) -> dict[str, tuple[str, ...]]:
    """Return related coverage as the straightforward loop found it, with _score (reference)."""
    by_tag: dict[str, list[Profile]] = defaultdict(list)
    for p in profiles:
        for tag in sorted(p.tags):
            by_tag[tag].append(p)
    newest: dict[str, list[Profile]] = {}
    result = {}
    for p in profiles:
        scored, seen = [], {p.id}
        for q in related._candidates(p, by_tag, newest):
            if q.id not in seen:
                seen.add(q.id)
                if (score := related._score(p, q)) >= related.MIN_SCORE:
                    scored.append((-score, q.id))
        result[p.id] = tuple(i for _, i in sorted(scored)[: related.MAX_RELATED])
    return result


@pytest.mark.parametrize("seed", range(30))
def test_related_ids_match_the_plain_loop_and_the_update(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small limits so that popular tags, the candidate cap and the fallback all occur.
    monkeypatch.setattr(related, "MAX_TAG_CANDIDATES", 6)
    monkeypatch.setattr(related, "MAX_CANDIDATES", 5)
    rng = random.Random(seed)
    words = ["ferry", "tram", "port", "tea", "harbour", "night", "rail", "台", "湾"]
    tags = [f"tag{k}" for k in range(10)]
    profiles = [
        profile(
            f"id{rng.randint(0, 60):04d}",
            " ".join(rng.sample(words, rng.randint(0, 4))),
            rng.sample(tags, rng.randint(0, 5)),
            f"2025-01-{rng.randint(1, 28):02d}",
        )
        for _ in range(rng.randint(1, 60))
    ]
    fresh = related_ids(profiles)  # duplicate ids included: the last one's result stands
    assert fresh == _plain_related(profiles)
    assert fresh == dict(update_related(profiles, RelatedState({}, {})).related)
