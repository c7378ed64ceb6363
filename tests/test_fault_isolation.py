"""Issue 17: every input ends stored or as a named error, and nothing done is lost.

Pages here are written for these tests (no real article text): JSON-LD dates at the ends of
what datetime can hold (0001-01-01, 9999-12-31), which once raised OverflowError while
extracting, analysing and placing the article, next to ordinary pages.
"""

from __future__ import annotations

import dataclasses
import io
import json
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fetchserver import FetchServer, Reply
from hostile.project import hostile_article, make_project

import generator.ingest.run
import generator.render.pagetypes
from generator.cli.main import main
from generator.config.load import load_config
from generator.errors import ExtractionError
from generator.extract import repeated_lines
from generator.faults import ProblemLog, guarded, one_line
from generator.ingest.run import repeated
from generator.model import Article, Problem, Published
from generator.placement import make_entry, site_day, sort_key
from generator.publish import quarantine as isolation
from generator.store.articles import Store

TOWNS = ("Harwick", "Lowmere", "Stanbridge", "Eastholm", "Corrin", "Wexby", "Altmoor")
EXTREME_DATES = (
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "0001-01-01",
    "9999-12-31T23:59:59-12:00",
    "2026-02-30T10:00:00Z",
    "2026-03-01T10:00:00+23:00",
    "2016-12-31T23:59:60Z",
    "not a date",
    "",
    "１２３４-05-06",
)


def page(number: int, published: str = "2026-03-04T09:30:00+08:00") -> bytes:
    """Return a news page of our own with a JSON-LD date (and relative days in its text)."""
    town = TOWNS[number % len(TOWNS)]
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": f"{town} ferry adds late sailings, story {number}",
            "datePublished": published,
            "dateModified": published,
        }
    )
    paragraphs = [
        f"The {town} ferry board said on Tuesday it would add {number + 2} late sailings each "
        "week from April, after commuters asked for boats after ten at night.",
        f'"People told us they want to get home later," said board chair Ada Quill, who added '
        f"that the {town} council would cover the cost for the first year.",
        f"Last Friday the board also agreed to repaint the {town} pier shelter and to add "
        "two benches, work that should be finished before the summer timetable starts.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{town} ferry story {number}</title>"
        f'<script type="application/ld+json">{ld}</script></head><body><article>'
        f"<h1>{town} ferry adds late sailings, story {number}</h1>{body}"
        "</article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("plain", "plain"),
        ("two\nlines\r\nand\ttabs", "two lines and tabs"),
        ("  spaced   out  ", "spaced out"),
        ("bell\x07and\x00nul", "bell and nul"),
        ("x" * 400, "x" * 299 + "…"),
    ],
)
def test_one_line(text: str, expected: str) -> None:
    assert one_line(text) == expected


def test_expected_failure_is_its_reason_and_a_bug_is_logged(tmp_path: Path) -> None:
    log = ProblemLog.under(tmp_path)
    expected = log.problem("a.html", ExtractionError("no article body found"))
    assert expected == Problem("a.html", "no article body found")
    assert not log.path.exists()

    def bug() -> str:
        raise ValueError("the\nkey")

    found = guarded("b.html", log, bug)
    assert isinstance(found, Problem) and found.origin == "b.html"
    assert found.reason.startswith("ValueError: the key (traceback in ")
    assert str(log.path) in found.reason and "\n" not in found.line()
    logged = log.path.read_text(encoding="utf-8")
    assert "'b.html'" in logged and "Traceback" in logged and "def bug" not in found.reason
    assert guarded("c.html", log, lambda: 3) == 3


def test_interrupt_is_not_an_input_problem(tmp_path: Path) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        guarded("d.html", ProblemLog.under(tmp_path), interrupted)


def stored(iso: str | None, local: str, fetched: str | None = None) -> Article:
    """Return an article as a store may hold it, with the given times."""
    base = hostile_article(1, "Ferry timetable")
    published = Published(iso, local, "json-ld") if local else None
    return dataclasses.replace(base, published=published, fetched_at=fetched)


@pytest.mark.parametrize(
    "iso,local,fetched,day",
    [
        ("0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00", None, None),
        (
            "9999-12-31T23:59:59-05:00",
            "9999-12-31T23:59:59",
            "2026-03-02T08:00:00+00:00",
            "2026-03-02",
        ),
        ("0001-01-01T00:00:00+08:00", "0001-01-01T00:00:00", "bad", None),
        ("2026-03-02T03:00:00+15:30", "2026-03-02T03:00:00", None, None),
        (None, "0001-01-01T00:00:00", None, None),
        (None, "garbage", None, None),
        ("2026-03-02T03:00:00+08:00", "2026-03-02T03:00:00", None, "2026-03-01"),
        (None, "2026-03-02T03:00:00", None, "2026-03-02"),
    ],
)
def test_times_the_site_cannot_show_count_as_absent(
    iso: str | None, local: str, fetched: str | None, day: str | None
) -> None:
    article = stored(iso, local, fetched)
    assert site_day(article, "America/New_York") == day
    assert sort_key(article).endswith(f"|{article.id}")
    entry = make_entry(article, (None), "Pacific/Kiritimati")  # type: ignore[arg-type]
    assert entry.article.published is None or entry.day is not None


def test_streamed_furniture_lines_match_repeated_lines() -> None:
    rng = random.Random(17)
    pool = [f"line {n}" for n in range(12)] + ["  Download the app  ", "", "Enditem/AW"]
    for dumps in range(1, 9):
        texts = ["\n".join(rng.choices(pool, k=8)) for _ in range(dumps)]
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update({generator.ingest.run.clean_line(x) for x in text.split("\n")} - {""})
        assert repeated(counts, dumps) == repeated_lines(texts)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the repository's theme and hooks, in the UTC newsroom zone."""
    return make_project(tmp_path / "p")


def run(root: Path, *args: str) -> int:
    """Run the command line in this process."""
    return main(["--project", str(root), *args])


def test_show_prints_one_line_per_input_whatever_fails(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = project / "in"
    inbox.mkdir()
    names = []
    for n, date in enumerate(("2026-03-04T09:30:00+08:00", *EXTREME_DATES)):
        (inbox / f"page-{n:02d}.html").write_bytes(page(n, date))
        names.append(str(inbox / f"page-{n:02d}.html"))
    names.append(str(inbox / "missing.html"))
    status = run(project, "show", *names)
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == len(names)
    assert lines[0]["title"].startswith("Harwick ferry")
    assert lines[-1] == {"input": names[-1], "error": "no such file"}
    for name, line in zip(names, lines, strict=True):
        assert "title" in line or line["input"] == name
        assert ("error" in line) == (f"error: {name}: " in err)
    assert status == (1 if any("error" in line for line in lines) else 0)


def test_show_markdown_of_a_year_one_page_does_not_crash(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "one.html"
    path.write_bytes(page(3, "0001-01-01T00:00:00Z"))
    status = run(project, "show", "--format", "markdown", str(path))
    out, err = capsys.readouterr()
    assert ((status, err) == (0, "") and "ferry adds late sailings" in out) or (
        status == 1 and err.startswith(f"error: {path}: ")
    )
    assert "0001" not in out


def test_add_of_a_mixed_folder_stores_every_good_page(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = project / "inbox"
    inbox.mkdir()
    for n in range(20):
        (inbox / f"good-{n:02d}.html").write_bytes(page(n))
    for n, date in enumerate(EXTREME_DATES[:3]):
        (inbox / f"odd-{n}.html").write_bytes(page(40 + n, date))
    (inbox / "junk.html").write_bytes(bytes(range(256)) * 4)
    status = run(project, "add", str(inbox))
    out, err = capsys.readouterr()
    titles = {a.title for a in Store(project / "data" / "articles")}
    assert all(f"story {n}" in " ".join(titles) for n in range(20))
    reported = {line.split(": ")[1] for line in err.splitlines() if line.startswith("error: ")}
    assert str(inbox / "junk.html") in reported
    for n in range(3):  # each odd page is stored or reported, never lost silently
        assert (f"story {40 + n}" in " ".join(titles)) != (str(inbox / f"odd-{n}.html") in reported)
    failed = len(reported)
    assert out.splitlines()[-1] == f"added: {len(titles)} new, 0 already stored, {failed} failed"
    assert status == (1 if failed else 0)
    assert run(project, "generate") in (0, 1)
    pages = list((project / "docs" / "articles").rglob("*.md"))
    assert len(pages) >= 20


def test_stored_records_with_extreme_dates_still_generate(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(project / "data" / "articles")
    good = [hostile_article(n, f"Ordinary harbour report {n}") for n in range(4)]
    plain = "The harbour ferry council met to discuss the timetable and the new piers."
    odd = [
        dataclasses.replace(
            hostile_article(10 + n, f"Odd date report {n}"),
            text=plain,
            published=Published(iso, iso[:19], "json-ld"),
        )
        for n, iso in enumerate(
            ("0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+08:00")
        )
    ]
    for article in good + odd:
        store.add(article)
    assert run(project, "generate") == 0, capsys.readouterr().err
    text = "".join(p.read_text("utf-8") for p in (project / "docs").rglob("*.md"))
    assert all(a.title in text for a in good + odd)
    assert "0001-01-01" not in text and "9999-12-31" not in text


BOOM = "BOOM render failure"


@pytest.fixture
def failing_render(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make article pages and day digests that show the BOOM article raise (a render bug)."""
    pagetypes = generator.render.pagetypes
    article_page, digest = pagetypes.render_article, pagetypes.render_digest

    def render_article(entry, *args, **kwargs):  # type: ignore[no-untyped-def]
        if BOOM in entry.article.title:
            raise ZeroDivisionError("simulated page bug")
        return article_page(entry, *args, **kwargs)

    def render_digest(day, entries, *args, **kwargs):  # type: ignore[no-untyped-def]
        if any("LISTING" in e.article.title for e in entries):
            raise ValueError("simulated listing bug")
        return digest(day, entries, *args, **kwargs)

    monkeypatch.setattr(pagetypes, "render_article", render_article)
    monkeypatch.setattr(pagetypes, "render_digest", render_digest)


@pytest.mark.usefixtures("failing_render")
def test_render_failure_is_quarantined_while_the_site_builds(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(project / "data" / "articles")
    titles = [f"Ordinary harbour report {n}" for n in range(6)] + [BOOM, "LISTING report"]
    articles = [hostile_article(n, t, day=10 + n % 3) for n, t in enumerate(titles)]
    for article in articles:
        store.add(article)
    bad = {a.id for a in articles[-2:]}
    assert run(project, "build") == 1
    err = capsys.readouterr().err
    for article_id in bad:
        assert f"error: {article_id}: left out of the site: it cannot be rendered (" in err
    assert "ZeroDivisionError: simulated page bug" in err
    assert "ValueError: simulated listing bug" in err
    built = "".join(p.read_text("utf-8") for p in (project / "site").rglob("index.html"))
    assert all(a.title in built for a in articles[:-2]) and BOOM not in built
    saved = json.loads((project / "data" / "state" / "quarantine.json").read_text("utf-8"))
    assert set(saved["articles"]) == bad
    assert run(project, "generate") == 0  # remembered: a warning, no second search
    assert capsys.readouterr().err.count("warning: ") == 2
    monkeypatch.setattr(isolation, "release", lambda: "a later release")
    assert run(project, "generate") == 1  # retried, and still failing
    assert len(capsys.readouterr().err.splitlines()) == 2


def write_config(root: Path, server: FetchServer) -> None:
    """Give the project two feeds on the loopback server and quick fetch settings."""
    config = yaml.safe_load((root / "newsdigest.yml").read_text("utf-8"))
    config["fetch"] = {
        "contact": "https://example.org/newsdigest",
        "delay": 0.01,
        "retries": 0,
        "run_deadline": 30,
    }
    config["sources"] = [
        {
            "name": "Harbour Feed",
            "feed": server.url("/feed.xml"),
            "allow_private": True,
            "timezone": "UTC",
        },
        {"name": "Broken Feed", "feed": server.url("/broken.xml"), "allow_private": True},
    ]
    (root / "newsdigest.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


def rss(server: FetchServer, count: int) -> bytes:
    """Return an RSS feed of `count` items on the server."""
    items = "".join(
        f"<item><title>Story {n}</title><link>{server.url(f'/story/{n}')}</link>"
        "<pubDate>Wed, 04 Mar 2026 09:30:00 GMT</pubDate></item>"
        for n in range(count)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>'
        f"<link>{server.url('/')}</link>{items}</channel></rss>"
    ).encode()


@pytest.fixture
def fetch_project(project: Path, server: FetchServer) -> Iterator[Path]:
    """A project whose feed lists four pages (one of them a year-one page), and a broken feed."""
    write_config(project, server)
    server.routes["/feed.xml"] = Reply(
        body=rss(server, 4), headers=(("Content-Type", "application/rss+xml"), ("ETag", '"v1"'))
    )
    server.routes["/broken.xml"] = Reply(
        body=b"<rss><channel><item>", headers=(("Content-Type", "application/rss+xml"),)
    )
    for n in range(4):
        server.routes[f"/story/{n}"] = Reply(
            body=page(n, "0001-01-01T00:00:00Z" if n == 2 else "2026-03-04T09:30:00+08:00")
        )
    yield project


def test_fetch_keeps_its_state_when_an_article_raises(
    fetch_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    analyse = generator.ingest.run.analyse

    def failing(article, settings):  # type: ignore[no-untyped-def]
        if "story 1" in article.title:
            raise RuntimeError("simulated analysis bug")
        return analyse(article, settings)

    monkeypatch.setattr(generator.ingest.run, "analyse", failing)
    status = run(fetch_project, "fetch")
    err = capsys.readouterr().err
    assert status == 1
    assert "RuntimeError: simulated analysis bug (traceback in " in err
    titles = " ".join(a.title for a in Store(fetch_project / "data" / "articles"))
    assert "story 0" in titles and "story 3" in titles and "story 1" not in titles
    state = fetch_project / "data" / "state"
    health = json.loads((state / "health.json").read_text("utf-8"))
    assert {"Harbour Feed", "Broken Feed"} <= set(json.dumps(health).split('"'))
    assert (state / "http-cache.json").exists()
    assert "Traceback" in (fetch_project / "build" / "logs" / "problems.log").read_text("utf-8")


def test_interrupted_fetch_saves_its_state(
    fetch_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    process = generator.ingest.run.process

    def interrupted(raw, config, context):  # type: ignore[no-untyped-def]
        calls.append(raw.url)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return process(raw, config, context)

    monkeypatch.setattr(generator.ingest.run, "process", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(fetch_project, "fetch", "--source", "Harbour Feed")
    state = fetch_project / "data" / "state"
    assert (state / "health.json").exists() and (state / "http-cache.json").exists()
    assert len(list(Store(fetch_project / "data" / "articles"))) == 1


def test_records_that_cannot_be_analysed_are_all_left_out_at_once(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import generator.store.index  # noqa: PLC0415

    analyse = generator.store.index.analyse

    def failing(article, settings):  # type: ignore[no-untyped-def]
        if article.title.startswith("Broken"):
            raise IndexError("simulated analyser bug")
        return analyse(article, settings)

    monkeypatch.setattr(generator.store.index, "analyse", failing)
    store = Store(project / "data" / "articles")
    titles = [f"Ordinary harbour report {n}" for n in range(3)] + [
        f"Broken report {n}" for n in range(30)
    ]  # more than isolation.MAX_CULPRITS
    for n, title in enumerate(titles):
        store.add(hostile_article(n, title))
    assert run(project, "generate") == 1
    err = capsys.readouterr().err
    assert err.count("it cannot be rendered (IndexError: simulated analyser bug; ") == 30
    text = "".join(p.read_text("utf-8") for p in (project / "docs" / "articles").rglob("*.md"))
    assert all(t in text for t in titles[:3]) and "Broken" not in text


def test_a_failure_that_is_no_article_s_is_not_pinned_on_one(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.pipeline  # noqa: PLC0415

    store = Store(project / "data" / "articles")
    for n in range(4):
        store.add(hostile_article(n, f"Ordinary harbour report {n}"))

    def full_disk(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(generator.pipeline, "_write", full_disk)
    with pytest.raises(OSError, match="No space left"):
        generator.pipeline.generate(load_config(project))
    assert not (project / "data" / "state" / "quarantine.json").exists()


def test_process_all_lists_each_input_in_order(project: Path) -> None:
    (project / "good.html").write_bytes(page(1))
    names = [str(project / "good.html"), str(project / "absent.html")]
    outcomes = generator.ingest.run.process_all(names, load_config(project), io.BytesIO())
    assert [o[0] for o in outcomes] == ["ok", "error"]
    assert outcomes[1][1] == Problem(names[1], "no such file")


def test_a_bug_in_one_source_leaves_the_others_fetched(
    fetch_project: Path,
    server: FetchServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import generator.fetch.run  # noqa: PLC0415

    choose = generator.fetch.run._choose

    def failing(source, items):  # type: ignore[no-untyped-def]
        if source.name == "Broken Feed":
            raise AttributeError("simulated source bug")
        return choose(source, items)

    monkeypatch.setattr(generator.fetch.run, "_choose", failing)
    server.routes["/broken.xml"] = Reply(
        body=rss(server, 0), headers=(("Content-Type", "application/rss+xml"),)
    )
    assert run(fetch_project, "fetch") == 1
    err = capsys.readouterr().err
    assert "Broken Feed: AttributeError: simulated source bug (traceback in " in err
    assert len(list(Store(fetch_project / "data" / "articles"))) >= 3
    assert (fetch_project / "data" / "state" / "health.json").exists()
