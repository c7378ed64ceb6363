"""Table-driven tests of issue 19's tag rules: function-word edges in every language, key
phrases only when they recur across articles, publisher tags kept, at most 6 tags."""

from __future__ import annotations

import pytest

from generator.analyse import AnalysisSettings, analyse
from generator.analyse.keyphrases import _candidates, rank_phrases
from generator.analyse.sentences import split_sentences
from generator.analyse.stopwords import has_function_edge
from generator.analyse.tags import TagRules, publisher_tags
from generator.model import Analysis, Article, Entry
from generator.render.tagplan import site_tags, with_site_tags


@pytest.mark.parametrize(
    ("tag", "language", "edged"),
    [
        ("der neue Hafen", "de", True),
        ("Hafenbehörde", "de", False),
        ("la nueva terminal", "es", True),
        ("terminal portuaria", "es", False),
        ("par une compagnie maritime", "fr", True),
        ("compagnie maritime", "fr", False),
        ("J’ai", "fr", True),
        ("L’Oréal", "fr", False),
        ("promu nad rzeką", "pl", False),
        ("w porcie", "pl", True),
        ("que chegou ontem", "pt", True),
        ("terminal marítimo", "pt", False),
        ("nel porto", "it", True),
        ("traghetto veloce", "it", False),
        ("van de haven", "nl", True),
        ("veerboot", "nl", False),
        ("в порту", "ru", True),
        ("паром", "ru", False),
        ("的渡轮", "zh", True),
        ("渡轮公司", "zh", False),
        ("港の", "ja", True),
        ("フェリー", "ja", False),
        ("the lifeboat", "en", True),
        ("lifeboat crew", "en", False),
        ("New York", "en", False),
        ("None", "en", True),
    ],
)
def test_function_word_edges(tag: str, language: str, edged: bool) -> None:
    """A tag may not start or end with a function word of the article's language."""
    assert has_function_edge(tag, language) is edged


GERMAN = (
    "Die Fähre legte am Morgen im Hafen an. Der Kapitän sagte, die Fähre sei pünktlich. "
    "Die neue Fähre fährt nach Helgoland und zurück."
)
FRENCH = (
    "Le bateau de sauvetage est parti par une mer agitée. Les sauveteurs ont ramené le bateau "
    "de sauvetage au port par une mer agitée vers midi."
)


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        ("Neue Fähre", GERMAN, "de"),
        ("Sauvetage", FRENCH, "fr"),
    ],
)
def test_no_tag_edged_by_a_function_word(title: str, text: str, language: str) -> None:
    """Whole articles in other languages get no tag edged by one of their function words."""
    analysis = analyse(
        Article(id="a", title=title, text=text, language=language), AnalysisSettings()
    )
    for tag in (*analysis.tags, *analysis.more_tags):
        assert not has_function_edge(tag, language), tag


def _entry(
    ident: str, tags: tuple[str, ...], more: tuple[str, ...] = (), phrases: tuple[str, ...] = ()
) -> Entry:
    analysis = Analysis((), (), tags, (), "t", more_tags=more, phrase_tags=phrases)
    return Entry(Article(id=ident, title=ident, text=""), analysis, f"{ident}.md", None, ident)


@pytest.mark.parametrize(
    ("others", "expected"),
    [
        ([], ("Stourhaven", "RNLI")),  # the phrases are on this article only
        ([("cheap tea",)], ("Stourhaven", "cheap tea", "RNLI")),  # another article has one
        ([("Cheap Tea",)], ("Stourhaven", "cheap tea", "RNLI")),  # compared case-folded
        ([("lifeboat crew", "cheap tea")], ("Stourhaven", "cheap tea", "RNLI")),  # cap kept
    ],
)
def test_key_phrases_show_only_when_they_recur(
    others: list[tuple[str, ...]], expected: tuple[str, ...]
) -> None:
    """A key phrase of a single article is no tag; names need no second article."""
    mine = _entry(
        "a",
        ("Stourhaven", "cheap tea", "three-day food"),
        ("RNLI", "lifeboat crew"),
        ("cheap tea", "three-day food", "lifeboat crew"),
    )
    entries = [mine, *(_entry(f"o{i}", tags) for i, tags in enumerate(others))]
    assert with_site_tags(entries)[0].tags == expected


def test_site_tags_leave_editors_tags_alone() -> None:
    """Tags an editor's note set are shown as written."""
    from collections import Counter  # noqa: PLC0415

    from generator.model import EditorChanges  # noqa: PLC0415

    entry = _entry("a", ("cheap tea",), (), ("cheap tea",))
    edited = Entry(
        entry.article,
        entry.analysis,
        entry.page,
        None,
        "a",
        editor=EditorChanges(fields=("tags",), tags=("cheap tea",)),
    )
    assert site_tags(entry, Counter()) == ()
    assert site_tags(edited, Counter()) == ("cheap tea",)


RULES = TagRules(acronyms={}, aliases={}, blocked=frozenset({"harbour daily"}), preferred=())


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (("Stourhaven", "Lifeboat"), ["Stourhaven", "Lifeboat"]),
        (("#ferry", " ferry ", "Ferry"), ["ferry"]),  # marks dropped, one form per tag
        (("Harbour Daily", "news, sport, weather"), []),  # source name; a list in one tag
        (("https://example.org/tag/x", "2024", "<b>x</b>"), []),
        (("the harbour",), []),  # a function word at its edge
        (("a tag of far too many words for browsing",), []),
        (("ferry", "harbour", "lifeboat", "coast", "tide"), ["ferry", "harbour", "lifeboat"]),
    ],
)
def test_publisher_tags_cleaned_and_capped(given: tuple[str, ...], expected: list[str]) -> None:
    """The publisher's own tags are kept, cleaned, at most the cap."""
    assert publisher_tags(given, RULES, 3) == expected


TEXT = (
    "The Stourhaven lifeboat was launched on Sunday. Volunteers from the RNLI station at "
    "Stourhaven reached the yacht. Martin Ellery of the RNLI said the crew worked fast. "
    "Harbour Master Jane Porter thanked the RNLI. The Coastguard at Portland and the "
    "Wessex Ambulance Service helped. Kestrel Marine and Dorset Police were told."
)


@pytest.mark.parametrize("limit", [1, 3, 6])
def test_publisher_tags_first_and_at_most_max_tags(limit: int) -> None:
    """Publisher tags come first; never more tags than max_tags (6 by default)."""
    article = Article(
        id="p",
        title="Lifeboat rescue",
        text=TEXT,
        feed_tags=("Lifeboat", "Stourhaven", "Coastal news"),
    )
    tags = analyse(article, AnalysisSettings(max_tags=limit)).tags
    assert len(tags) <= limit
    assert tags[0] == "Lifeboat"
    assert len(analyse(article, AnalysisSettings()).tags) == AnalysisSettings().max_tags == 6


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Analysts said the port was busy. The analysts expect more ships. Analysts agree.",
            "Analysts",
        ),  # a sentence opener also written in lower case
        ("Revised figures came out. Revised plans followed. Revised tables too.", "Revised"),
        (
            "The pass costs NT$500. A child pays NT$250 at Kaohsiung Station. NT$50 buys tea.",
            "NT",
        ),  # a currency prefix, not a name
    ],
)
def test_sentence_openers_are_no_names(text: str, absent: str) -> None:
    """A capitalised word seen only opening sentences, or also in lower case, is no name."""
    assert absent not in analyse(Article(id="o", title="", text=text), AnalysisSettings()).tags


def test_chinese_terms_wait_for_a_second_article() -> None:
    """Chinese terms are key phrases (a capital marks no name there): they need recurrence."""
    text = "渡轮公司今天增加班次。渡轮公司表示，夜间航班也会增加。旅客可以在码头买票。"
    analysis = analyse(Article(id="z", title="渡轮", text=text, language="zh"), AnalysisSettings())
    assert set(analysis.tags) <= set(analysis.phrase_tags)
    for tag in analysis.tags:
        assert not has_function_edge(tag, "zh"), tag


def _names(text: str) -> list[str]:
    """Return the name spans the phrase ranker finds in one sentence."""
    forms, _, proper = _candidates(text)
    return forms[:proper]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a name ends at a possessive: what follows is another name
        (
            "Last week Harbor Group's Pacific Shipping arm sold two ferries.",
            ["Harbor Group", "Pacific Shipping"],
        ),
        (
            "The ferry joined Lord Anselm Grey's Tidewater Lines in May.",
            ["Lord Anselm Grey", "Tidewater Lines"],
        ),
        ("visitors praised the Port Authority's terminal.", ["Port Authority"]),
        # a hyphenated place adjective is no word of a name
        ("said Lisbon-based Dutch broker Anna Veldt.", ["Dutch", "Anna Veldt"]),
        ("the Oslo-born skipper Kari Lund won.", ["Kari Lund"]),
        ("Lin Wen-hsiu met Smith-Jones.", ["Lin Wen-hsiu", "Smith-Jones"]),
        # "Capitalised and" takes in an organisation's name after it, nothing else
        (
            "the Fishing and Ferries Council met the Tidal Energy Board.",
            ["Fishing and Ferries Council", "Tidal Energy Board"],
        ),
        ("Norway and Iceland signed.", ["Norway", "Iceland"]),
    ],
)
def test_name_spans_split_and_joined(sentence: str, names: list[str]) -> None:
    """A name span never glues two names together and never keeps a cut fragment."""
    assert _names(sentence) == names


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Troubled Canadian ferry line Northway cut routes. Canadian regulators asked why. "
            "The Canadian line said fuel costs rose.",
            "Troubled Canadian",
            "Northway",
        ),  # an opener before a place's name is cut
        (
            "Quiet Harbour Council approved the budget. Critics said Harbour Council moved fast. "
            "Harbour Council will vote again.",
            "Quiet Harbour Council",
            "Harbour Council",
        ),  # the body's name without the opener
        (
            "Maren Holt, the ferry line's director, said fares rise. Holt said costs grew. "
            "Ms Holt said so again.",
            "Holt",
            "Maren Holt",
        ),  # a person's given name opening a sentence stays
    ],
)
def test_sentence_opener_cut_from_place_names(text: str, absent: str, present: str) -> None:
    """A word that only opens sentences is cut from a place's or body's name, not a person's."""
    tags = analyse(Article(id="c", title="", text=text), AnalysisSettings()).tags
    assert absent not in tags
    assert present in tags


@pytest.mark.parametrize(
    ("sentence", "language", "names"),
    [
        ("The skipper Karl von Kessel sailed.", "en", ["Karl von Kessel"]),
        ("Analyst Pia Van den Bosch spoke.", "en", ["Analyst Pia Van den Bosch"]),
        (
            "Die Fähre der Reederei Nordsee lag im Hafen.",
            "de",
            ["Fähre", "Reederei Nordsee", "Hafen"],
        ),
    ],
)
def test_name_particles_join_english_names_only(
    sentence: str, language: str, names: list[str]
) -> None:
    """Particles join a person's name in English; elsewhere they are function words."""
    forms, _, proper = _candidates(sentence, language)
    assert forms[:proper] == names


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "The Morning and Evening Gazette cut jobs. Staff at the Evening Gazette struck. "
            "The Morning Gazette closed a desk.",
            "Morning",
            "Evening Gazette",
        ),  # only ever before "and" or inside a longer name: a cut fragment
        (
            "Ships from Norway and Iceland docked. Norway sent two more. Iceland sent one.",
            "",
            "Norway",
        ),  # a place in a list stays
        (
            "Aid came from the Harbour Trust and the Sailing Club. The Harbour Trust paid.",
            "",
            "Harbour Trust",
        ),  # a body in a list stays
    ],
)
def test_cut_fragments_before_and(text: str, absent: str, present: str) -> None:
    """A name written only right before "and" and another name is part of a longer one."""
    phrases = {p.display for p in rank_phrases(split_sentences(text, "en"), "", "en")}
    assert present in phrases
    assert not absent or absent not in phrases


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Crowds filled the Georgian terrace at Marlow Quay. The Georgian windows were mended. "
            "Marlow Quay reopened.",
            "Georgian",
            "Marlow Quay",
        ),  # an adjective made from a name, always before a lower-case noun
        (
            "Trains stop near Arden and Sisters Creek. Arden and Sisters Creek flooded. "
            "Crews reached Arden and Sisters Creek.",
            "Arden",
            "Sisters Creek",
        ),  # before "and" and a longer name: its cut first part
        (
            "Crews worked near Bellmoor Flats and Cray. Bellmoor Flats and Cray lost power. "
            "Bellmoor Flats and Cray wait.",
            "",
            "Bellmoor Flats",
        ),  # before "and" and a shorter name: a list, both names stay
    ],
)
def test_adjectives_and_list_names(text: str, absent: str, present: str) -> None:
    """A name's adjective is no name; a list's names are no fragments."""
    phrases = {p.display for p in rank_phrases(split_sentences(text, "en"), "", "en")}
    assert present in phrases
    assert not absent or absent not in phrases
