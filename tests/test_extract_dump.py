"""Plain-text page dumps: title, date line, dateline, byline, end marker and furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.data.furniture import furniture_reason
from generator.extract import ExtractContext, extract, repeated_lines
from generator.extract.dateline import byline_authors, is_end_marker, split_dateline
from generator.model import RawInput

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "focus-taiwan-mou.txt"


def run(path: Path, **raw: str) -> object:
    """Return the Article extracted from a file."""
    return extract(RawInput(origin=str(path), content=path.read_bytes(), **raw))


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.exists(), reason="../shared absent")
def test_seed_dump() -> None:
    article = extract(RawInput(origin=str(SEED), content=SEED.read_bytes()))
    assert article.title == "Taiwan confirms signing MOU with Japan on border information sharing"
    assert article.published is not None
    assert article.published.iso == "2025-08-19T15:12:00+08:00"
    assert article.published.zone == "Asia/Taipei"
    assert article.authors == ("Joseph Yeh",)
    assert article.dateline == "Taipei, Aug. 19 (CNA)"
    assert article.source == "Focus Taiwan (CNA)"
    assert article.text.startswith("The Ministry of Foreign Affairs (MOFA) confirmed Tuesday")
    assert article.text.endswith("the Japanese report said.")
    assert "\n\n\n" not in article.text
    for furniture in ("App", "Download", "file photo", "0:00", "privacy", "Enditem", "By Joseph"):
        assert furniture not in article.text


def test_wire_dump() -> None:
    article = extract(RawInput(origin="wire", content=(FIXTURES / "dump-wire.txt").read_bytes()))
    assert article.title == "Harbor city approves floating solar farm on old reservoir"
    assert article.published is not None
    assert article.published.iso == "2026-03-10T09:45:00+08:00"
    assert article.published.signal == "text date line, zone from dateline city"
    assert article.authors == ("Wen Li-hua", "Marcus O. Tendai")
    assert article.dateline == "Hsinchu, March 10 (LWA)"
    assert article.source == "Lantern Wire (LWA)"
    assert article.text.startswith("The Hsinchu city council on Tuesday approved")
    assert article.text.endswith('Now it will earn its keep," Ren said.')
    assert "Residents can download the full environmental report" in article.text
    for furniture in ("App", "file photo", "0:00", "text-to-speech", "Enditem", "57"):
        assert furniture not in article.text
    assert all(p.strip() == p and p for p in article.text.split("\n\n"))


def test_local_dump() -> None:
    article = extract(
        RawInput(
            origin="local",
            content=(FIXTURES / "dump-local.txt").read_bytes(),
            source="Dorset Ledger",
        )
    )
    assert article.title == "Village bakery wins national sourdough award after 40 years"
    assert article.published is not None
    assert article.published.iso is None
    assert article.published.local == "2026-03-10T09:05:00"
    assert article.published.signal == "text date line, zone unknown"
    assert article.authors == ("Agnes Pellow", "Rupert Haines")
    assert article.source == "Dorset Ledger"
    assert article.text.startswith("A family bakery in the village")
    assert article.text.endswith("except Sundays.")
    for furniture in (
        "Advertisement",
        "Community Reporting",
        "Harbour car park",
        "views",
        "cookies",
        "inbox",
        "Share",
    ):
        assert furniture not in article.text
    assert len(article.paragraphs) == 4


def test_configured_zone_and_default_zone() -> None:
    local = FIXTURES / "dump-local.txt"
    by_config = extract(RawInput(origin="l", content=local.read_bytes(), timezone="Europe/London"))
    assert by_config.published is not None
    assert by_config.published.iso == "2026-03-10T09:05:00+00:00"
    assert by_config.published.signal == "text date line, zone from source config"
    by_default = extract(
        RawInput(origin="l", content=local.read_bytes()),
        ExtractContext(default_timezone="Europe/Berlin"),
    )
    assert by_default.published is not None
    assert by_default.published.iso == "2026-03-10T09:05:00+01:00"
    assert by_default.published.zone == "Europe/Berlin"


def test_boilerplate_lines_are_dropped() -> None:
    content = (FIXTURES / "dump-wire.txt").read_text("utf-8")
    context = ExtractContext(
        boilerplate_lines=frozenset(
            {'"The reservoir has been empty for a decade. Now it will earn its keep," Ren said.'}
        )
    )
    article = extract(RawInput(origin="w", content=content.encode()), context)
    assert "earn its keep" not in article.text


def test_repeated_lines() -> None:
    dumps = [
        "Site App\nStory one.\nShare",
        "Site App\nStory two.\nShare",
        "Site App\nThree.\n  Share ",
        "Site App\nFour.",
    ]
    assert repeated_lines(dumps) == frozenset({"Site App", "Share"})
    assert repeated_lines(dumps, min_share=0.9) == frozenset({"Site App"})
    assert repeated_lines(dumps[:2]) == frozenset()
    assert repeated_lines(dumps, min_count=5) == frozenset()


@pytest.mark.parametrize(
    "line,reason",
    [
        ("Focus Taiwan App", "app banner"),
        ("Download", "phrase"),
        ("Advertisement", "phrase"),
        (
            "To activate the text-to-speech service, "
            "please first agree to the privacy policy below.",
            "privacy notice",
        ),
        ("We value your privacy.", "privacy notice"),
        ("Lantern Wire uses cookies. Click here to read our privacy policy.", "privacy notice"),
        ("CNA file photo", "photo credit"),
        ("Reuters photo Aug. 19, 2025", "photo credit"),
        ("Photo courtesy of the Ministry of Culture", "photo source"),
        ("Photo: Jane Doe", "photo source"),
        ("0:00", "counter"),
        ("/", "counter"),
        ("0:00 / 0:00", "counter"),
        ("40", "counter"),
        ("846 views", "engagement counter"),
        ("1.2K views", "engagement counter"),
        ("Home | News | Sport", "menu"),
        ("Share this article", "share prompt"),
        ("Subscribe to our newsletter", "share prompt"),
        ("Get the day's top stories straight to your inbox.", "newsletter prompt"),
        ("Read more: Bridge to close for repairs", "teaser"),
        ("© 2026 The Estuary Post", "copyright"),
        ("Story continues below advertisement", "ad prompt"),
    ],
)
def test_furniture_lines(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Residents can download the full report from the ministry's website.",
        "The company said it would tighten its privacy policy after the leak.",
        "Regulators asked whether the app shares data with advertisers.",
        "The photo shows the minister shaking hands with protesters outside parliament.",
        "About 40 people attended the meeting, which ran until 10 p.m.",
        "Subscribers rose 12 percent in the quarter, the company said.",
        "Shares of the company fell 3 percent on Tuesday.",
    ],
)
def test_sentences_are_not_furniture(line: str) -> None:
    assert furniture_reason(line) is None


@pytest.mark.parametrize(
    "paragraph,dateline,place,agency,rest",
    [
        (
            "Taipei, Aug. 19 (CNA) The ministry said.",
            "Taipei, Aug. 19 (CNA)",
            "Taipei",
            "CNA",
            "The ministry said.",
        ),
        (
            "TAIPEI, March 10 (Reuters) - Taiwan said.",
            "TAIPEI, March 10 (Reuters)",
            "TAIPEI",
            "Reuters",
            "Taiwan said.",
        ),
        (
            "WASHINGTON (AP) — The senate voted.",
            "WASHINGTON (AP)",
            "WASHINGTON",
            "AP",
            "The senate voted.",
        ),
        ("LONDON — Britain said.", "LONDON", "LONDON", None, "Britain said."),
        ("Tokyo, March 10 -- Japan said.", "Tokyo, March 10", "Tokyo", None, "Japan said."),
        (
            "Portland, Ore., March 10, 2026 (AP) -- Rain fell.",
            "Portland, Ore., March 10, 2026 (AP)",
            "Portland, Ore.",
            "AP",
            "Rain fell.",
        ),
        (
            "（海光社記者王小明台北10日電）行政院今天表示。",
            "（海光社記者王小明台北10日電）",
            None,
            "海光社",
            "行政院今天表示。",
        ),
    ],
)
def test_datelines(
    paragraph: str, dateline: str, place: str | None, agency: str | None, rest: str
) -> None:
    found = split_dateline(paragraph)
    assert found is not None
    actual = (found.dateline, found.place, found.agency, found.rest)
    assert actual == (dateline, place, agency, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The ministry said on Tuesday that talks would resume.",
        "In a statement, the council said it would appeal.",
        "US — short",
    ],
)
def test_not_datelines(paragraph: str) -> None:
    assert split_dateline(paragraph) is None


@pytest.mark.parametrize(
    "line,authors",
    [
        ("(By Joseph Yeh)", ("Joseph Yeh",)),
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("By Jane Doe, John Roe", ("Jane Doe", "John Roe")),
        ("By Ann Lee, Bo Chen and Cy Diaz", ("Ann Lee", "Bo Chen", "Cy Diaz")),
        ("BY JANE DOE", ("Jane Doe",)),
        ("By Jane Doe, staff reporter", ("Jane Doe",)),
        ("By the way, this is not a byline", None),
        ("By 2030 the city will have 40 stations.", None),
        ("Jane Doe", None),
    ],
)
def test_bylines(line: str, authors: tuple[str, ...] | None) -> None:
    assert byline_authors(line) == authors


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Enditem/AW", True),
        ("--END--", True),
        ("(END)", True),
        ("-- ends --", True),
        ("-30-", True),
        ("（編輯：張三）1150310", True),
        ("The end of an era.", False),
        ("Endings matter", False),
    ],
)
def test_end_markers(line: str, expected: bool) -> None:
    assert is_end_marker(line) is expected


def test_text_after_end_marker_is_dropped() -> None:
    dump = (
        "Council opens new library in harbour district\n\nMarch 10, 2026 15:40\n\n"
        "The council opened a new library on Tuesday, officials said at the ceremony.\n\n"
        "(END)\n\nA paragraph of another story that follows the marker on the page.\n"
    )
    article = extract(RawInput(origin="d", content=dump.encode()))
    assert article.text == (
        "The council opened a new library on Tuesday, officials said at the ceremony."
    )


def test_hard_wrapped_lines_join() -> None:
    dump = (
        "Rail operator adds night trains on coastal line\n2026-03-10 09:05 (GMT+8)\n"
        "The operator will add four night trains on the coastal line from April, its\n"
        "spokesperson said on Tuesday.\nTickets go on sale next week.\n"
    )
    article = extract(RawInput(origin="d", content=dump.encode()))
    assert article.paragraphs == [
        "The operator will add four night trains on the coastal line from April, its "
        "spokesperson said on Tuesday.",
        "Tickets go on sale next week.",
    ]
    assert article.published is not None
    assert article.published.iso == "2026-03-10T09:05:00+08:00"
