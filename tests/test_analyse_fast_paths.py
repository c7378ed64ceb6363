"""Analysis's fast paths give what their slow, obvious versions give, over many texts.

Each reference below is the straightforward code a fast path replaced; the texts are the
repository's articles, hostile strings and seeded random sentences built from the pieces
that steer each rule (names, roles, titles, abbreviations, dates, quotes, odd white space).
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from hostile.strings import OWN_STRINGS

from generator.analyse import entities, keyphrases, patterns, sentences, summary, tags, terms
from generator.analyse.lexicon import STOPWORDS

ROOT = Path(__file__).resolve().parents[1]
# The patterns as first written, before the speed work.
OLD_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*\.?|[^\w\s]")
OLD_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
OLD_LATIN_END = re.compile(r"(?:\.\.\.|…|[.!?])+(?:[\"'”’“)\]»]|[ \u00a0\u202f]»)*(?=\s)")
PIECES = (
    "said",
    "says",
    "added",
    "told reporters",
    "told",
    "he said",
    "she said",
    "Mary Smith",
    "Wen-hsiu Lin",
    "Marisol T. Okafor",
    "Okafor",
    "McDonald Smith",
    "Ab Ab",
    "Ab-Ab",
    "Port Council spokeswoman",
    "spokeswoman",
    "mischief",
    "remember",
    "President",
    "Director",
    "Extraordinarilylong Superlongwordhere Anotherverylong Director",
    "Chairman Wu Chien-hung",
    "XXXXXXXXXXXXXXXXXXXX YYYYYYYYYYYYYYYYYYYY ZZZZZZZZZZ Director",
    "ACME-WIDGETS-LTD\n\t",
    "Dr.",
    "Mr.",
    "Gov.",
    "U.S.",
    "e.g.",
    "No.",
    "Aug. 19",
    "Dec. 18, 2024",
    "18 December 2024",
    "2024-12-18",
    "December 2024",
    "2023 report",
    "Monday",
    "on Friday",
    "signed on",
    "the",
    "a",
    "an",
    "of",
    "for",
    "and",
    ",",
    ".",
    "...",
    "…",
    "!",
    "?",
    '"',
    "“",
    "”",
    "'",
    "’",
    "(",
    ")",
    "[",
    "]",
    "(CNA)",
    "(林文秀)",
    "ship's",
    "o'malley",
    "co-op",
    "3.5",
    "7.32 million visits",
    "23 countries",
    "5%",
    "$2.5m",
    "according to Ann Lee",
    ", the agency's director,",
    "Growers' Union",
    "Transit Authority",
    "National Immigration Agency (NIA)",
    "NIA",
    "heritage energy",
    "to raise",
    "will expect",
    "carried",
    "actually",
    "ships need work",
    "Taiwan",
    "Taiwanese",
    "Kestrel Point",
    "_",
    "a_b",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    "\u3000",
    "   ",
    "Ünïcode",
    "naïve café",
    "中文字",
    "台灣的港口",
    "２０２４",
    "²",
    "٣",
    "Taipei, Aug. 19 (CNA)",
)


def _generated(count: int, seed: int) -> list[str]:
    """Return seeded random texts made of PIECES, mostly joined by single spaces."""
    rng = random.Random(seed)
    joins = [" "] * 8 + ["", "\n", "  ", "\u00a0"]
    return [
        "".join(rng.choice(PIECES) + rng.choice(joins) for _ in range(rng.randint(1, 40)))
        for _ in range(count)
    ]


def _files() -> list[str]:
    """Return the repository's article texts (golden Markdown, inbox dumps, fixtures)."""
    paths = [
        *sorted((ROOT / "tests" / "golden" / "corpus").glob("*.md")),
        *sorted((ROOT / "examples" / "inbox").glob("*.txt")),
        *sorted((ROOT / "tests" / "fixtures" / "analyse").glob("*.txt")),
    ]
    return [p.read_text("utf-8") for p in paths]


ARTICLES = [*_files(), *_generated(300, 1)]
TEXTS = [*ARTICLES, *OWN_STRINGS, *_generated(3000, 2), "", " ", ".", "a."]
SENTENCES = [s for text in ARTICLES for s in sentences.split_sentences(text, "en")]


def _old_words(text: str) -> list[str]:
    return [t[:-1] if t[-1] == "." else t for t in OLD_TOKEN.findall(text) if t[0].isalnum()]


def _old_counts(text: str) -> tuple[int, int]:
    runs = terms.CJK_RUN.findall(text)
    if not runs:
        return 0, len(_old_words(text))
    return sum(map(len, runs)), len(OLD_WORD.findall(terms.CJK_RUN.sub(" ", text)))


def test_tokens_words_and_terms_match_the_regex_versions() -> None:
    for text in TEXTS:
        assert terms.tokens(text) == tuple(OLD_TOKEN.findall(text)), repr(text)
        assert terms.WORD.findall(text) == OLD_WORD.findall(text), repr(text)
        cjk, latin = _old_counts(text)
        mostly = terms.CJK_RUN.search(text) is not None and cjk >= latin
        assert terms.mostly_cjk(text) == mostly, repr(text)
        assert terms.word_count(text) == cjk + latin, repr(text)
        if not mostly:
            expected = {
                terms.fold(w)
                for w in _old_words(text)
                if w.isalpha() and w.lower() not in STOPWORDS
            }
            assert terms.content_terms(text) == expected, repr(text)


def _old_is_abbreviation(before_dot: str | None, word: str, caseless: bool) -> bool:
    if before_dot is None:
        return False
    token = before_dot.lower().lstrip(".")
    opener = word.strip("\"'“‘(").lower() in sentences.SENTENCE_OPENERS
    if (
        token in sentences.TITLE_ABBREVIATIONS
        or token in sentences.MONTH_ABBREVIATIONS
        or (token == "no")
    ):
        return (
            token in sentences.TITLE_ABBREVIATIONS
            or word[:1].isdigit()
            or (token != "no" and not opener)
        )
    if token in sentences.DOTTED_ABBREVIATIONS or sentences.DOTTED_TOKEN.fullmatch(token):
        return not opener
    if len(token) == 1 and token.isalpha():
        return not caseless or not opener
    return False


def _old_trimmed_spans(chunk: str, ends: list[int]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for end in [*ends, len(chunk)]:
        piece = chunk[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = end
    return spans


def test_sentence_ends_match_the_slow_versions() -> None:
    befores = [None, "Dr", "u.s", "U.S", "Aug", "no", "No", "x", "A", "year", "e.g", "a.b.c", "7"]
    words = ["The", "the", '"The', "(he", "19", "Smith", "", "however"]
    for before in befores:
        for word in words:
            for caseless in (False, True):
                expected = _old_is_abbreviation(before, word, caseless)
                assert sentences._is_abbreviation(before, word, caseless) == expected
    for text in TEXTS:
        new_ends = [m.end() for m in sentences.LATIN_END.finditer(text)]
        assert new_ends == [m.end() for m in OLD_LATIN_END.finditer(text)], repr(text)
        assert list(sentences._trimmed_spans(text, new_ends)) == _old_trimmed_spans(text, new_ends)


def _old_candidates(text: str) -> tuple[list[str], list[str], int]:
    pieces = [*OLD_TOKEN.findall(text), "."]
    classes = "".join(map(keyphrases._token_classes, pieces))
    forms: list[str] = []
    keys: list[str] = []
    for start, end in keyphrases._name_spans(tuple(pieces), classes[0::2]):
        if end - start <= keyphrases.MAX_WORDS + 1:
            words = list(map(keyphrases._span_word, pieces[start:end]))
            forms.append(" ".join(words))
            keys.append(keyphrases._joined_key(words))
    proper = len(keys)
    for run in keyphrases.CONTENT_RUN.finditer(classes[1::2]):
        start, end = run.span()
        keyphrases._sub_phrases(list(map(keyphrases._low, pieces[start:end])), forms, keys)
    return forms, keys, proper


def _old_rank(sentence_texts: list[str], title: str) -> list[tuple[object, ...]]:
    """Return rank_phrases' phrases as fields, from the candidates counted one by one."""
    pairs: list[tuple[str, str, int, bool]] = []  # (key, form, sentence, proper)
    for index, text in enumerate(sentence_texts):
        forms, keys, proper = _old_candidates(text)
        is_name = [n < proper for n in range(len(keys))]
        pairs += zip(keys, forms, [index] * len(keys), is_name, strict=True)
    pairs = [p for p in pairs if p[0]]
    counts = Counter(k for k, *_ in pairs)
    named = Counter(k for k, _, _, proper in pairs if proper)
    first = {k: min(i for key, _, i, _ in pairs if key == k) for k in counts}
    seen = Counter((k, f) for k, f, *_ in pairs)  # in the order first seen
    display = {
        k: max((f for key, f in seen if key == k), key=lambda f, k=k: seen[k, f]) for k in counts
    }  # the most frequent form, the first seen of equals
    title_keys = set(_old_candidates(title)[1]) if title else set()
    words = Counter(w for k, *_ in pairs for w in k.split())
    total = max(1, len(sentence_texts))
    rows = []
    for key, count in counts.items():
        parts = key.split()
        weight = sum(math.log1p(words[w]) for w in parts) / len(parts)
        score = (
            math.log1p(count)
            * weight
            * (1.0 + 1.0 / (1.0 + 4.0 * first[key] / total))
            * (1.0 + keyphrases.LENGTH_BONUS * (len(parts) - 1))
            * (1.5 if key in title_keys else 1.0)
        )
        rows.append((display[key], key, score, 2 * named[key] >= count, first[key], count))
    names = {display[k] for k in named}
    cut = keyphrases._cut_fragments(names, sentence_texts)
    cut |= keyphrases._adjectives(names, sentence_texts)
    rows = [r for r in rows if r[0] not in cut]
    return sorted(rows, key=lambda r: (-r[2], r[4], r[1]))  # type: ignore[operator]


def test_candidates_and_ranking_match_the_slow_versions() -> None:
    assert keyphrases._token_classes(".") == "xx"  # the sentinel _candidates appends
    for text in TEXTS:
        if not terms.mostly_cjk(text):
            assert keyphrases._candidates(text) == _old_candidates(text), repr(text)
    for text in ARTICLES:
        found = sentences.split_sentences(text, "en")
        title = found[0].text if found else ""
        ranked = [
            (p.display, p.key, p.score, p.proper, p.first, p.count)
            for p in keyphrases.rank_phrases(found, title, "en")
        ]
        if not any(terms.mostly_cjk(s.text) for s in found):
            assert ranked == _old_rank([s.text for s in found], title), text[:60]


@pytest.mark.parametrize("published", [None, dt.date(2024, 12, 20)])
def test_dates_match_the_full_scan(published: dt.date | None) -> None:
    for text in [*TEXTS, *(s.text for s in SENTENCES)]:
        matches = list(patterns.DATE.finditer(text)) if patterns.DIGIT.search(text) else []
        assert [m.span() for m in patterns._date_matches(text)] == [m.span() for m in matches]
        found = [(iso, m.start()) for m in matches if (iso := patterns._iso(m, published))]
        if published is not None and "day" in text:
            for m in patterns.WEEKDAY.finditer(text):
                back = (
                    published.weekday() - patterns.WEEKDAYS.index(m.group("weekday").lower())
                ) % 7
                found.append(((published - dt.timedelta(days=back)).isoformat(), m.start()))
        assert patterns.dates(text, published) == sorted(found, key=lambda pair: pair[1])


def _old_whole_words(word: str, text: str) -> int:
    if not (re.match(r"\w", word) and re.match(r"\w", word[-1])):
        return len(re.findall(rf"\b{re.escape(word)}\b", text))
    count, at = 0, text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and re.match(r"\w", text[at - 1])) and not re.match(r"\w", text[end:]):
            count += 1
        at = text.find(word, at + 1)
    return count


def _old_attributions(
    pattern: re.Pattern[str], not_after: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    """Return the pattern's matches not right after a `not_after` character, as fields."""
    found, at = [], 0
    while (match := pattern.search(text, at)) is not None:
        if match.start() and not_after.match(text, match.start() - 1):
            at = match.start() + 1
            continue
        found.append((match.span(), match.groupdict()))
        at = match.end()
    return found


def test_people_scans_match_the_full_scans() -> None:
    for text in TEXTS:
        starts = [at for at in range(len(text)) if entities.FULL_NAME.match(text, at)]
        assert [m.start() for m in entities.NAME_START.finditer(text)] == starts
        fields = [(m.span(), m.groupdict()) for m in entities.PERSON.finditer(text)]
        found = entities._person_matches(text, starts)
        assert [(m.span(), m.groupdict()) for m in found] == fields
        said = _old_attributions(entities.SAID_NAME, entities.WORD_BEFORE, text)
        found = entities._said_name_matches(text)
        assert [(m.span(), m.groupdict()) for m in found] == said
        said = _old_attributions(entities.NAME_SAID, entities.NAME_BEFORE, text)
        found = entities._name_said_matches(text, starts)
        assert [(m.span(), m.groupdict()) for m in found] == said
    names = ["Mary Smith", "Ab Ab", "Ab-Ab", "Okafor", "Marisol T. Okafor", "Wen-hsiu Lin"]
    for text in [*TEXTS[:500], "Ab Ab Ab-Ab-Ab Ab", "Mary Smith said Smith, Smiths, Smith-Jones"]:
        for name in names:
            word = name.rsplit(maxsplit=1)[-1]
            expected = (_old_whole_words(word, text), text.count(name))
            assert entities._mentions(word, name, text) == expected, (name, text)


def _old_person(form: str, people: tuple[str, ...]) -> str | None:
    return next((p for p in people if p in form or form in p.split()), None)


@pytest.mark.parametrize(
    "people",
    [
        (),
        ("Mary Smith", "Wen Lin"),
        ("Smith", "Mary Smith"),
        ("Mary\tSmith", "Ann Lee"),
        ("", "Ann Lee"),
    ],
)
def test_canonical_finds_the_same_person(people: tuple[str, ...]) -> None:
    rules = tags.TagRules(
        acronyms={"NIA": "National Immigration Agency"},
        aliases={},
        blocked=frozenset(),
        preferred=(),
        people=people,
    )
    forms = [
        "Smith",
        "Mary",
        "Lee",
        "Mary Smith",
        "Mayor Mary Smith",
        "Smith Mary",
        "NIA",
        "",
        "Ann Lee said",
        "Mary\tSmith",
        "Lin",
        "Wen Lin",
        "Taiwanese",
        "Smithson",
    ]
    for form in forms:
        normal = rules.acronyms.get(" ".join(form.split()), " ".join(form.split()))
        person = _old_person(normal, people)
        assert tags.canonical(form, rules) == (person or entities.country_of(normal)), form


def test_summary_quick_tests_match_the_regexes() -> None:
    for text in [*TEXTS, "Taipei, Aug. 19 (CNA)", "Taipei, Aug. 19 --", "Why?", "“Why?”"]:
        stripped = text.strip()
        assert summary._dateline_only(stripped) == bool(summary.DATELINE_ONLY.match(stripped))
        assert summary._question(stripped) == bool(summary.QUESTION.search(stripped))
