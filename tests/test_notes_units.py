"""Editors' notes, piece by piece: front matter, references, links, and `newsdigest note`."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from mkdocs.structure.files import File, Files

from generator.cli.note import add_note_parser
from generator.config.load import load_config
from generator.errors import InputError, NoteError
from generator.model import Article, Published
from generator.notes.load import read_note
from generator.notes.note import BrokenNote, Note, Override
from generator.notes.parse import TEMPLATE_BODY, parse_note, placeholder_line, split_front_matter
from generator.notes.resolve import index_rows, page_key, resolve_article
from generator.publish import hooks
from generator.render.notes import body_html, rebase
from generator.slugs import article_page
from generator.store.articles import Store


@pytest.mark.parametrize(
    "text,field,expected",
    [
        ("---\narticles: [000000000002]\n---\n", "articles", ("000000000002",)),
        ("---\narticles: 0123456789ab\n---\n", "articles", ("0123456789ab",)),
        (
            "---\narticles:\n  - https://x.example/a?utm_source=y\n---\n",
            "articles",
            ("https://x.example/a?utm_source=y",),
        ),
        ("---\ntags: [on, 2026, Ferry]\n---\n", "tags", ("on", "2026", "Ferry")),
        ("---\ndays: [2026-03-10]\n---\n", "days", ("2026-03-10",)),
        ("---\ndate: 2026-03-10\n---\n", "date", "2026-03-10"),
        ("---\nauthor: 'Ana <b>'\n---\n", "author", "Ana <b>"),
        ("---\npin: yes\n---\n", "pin", True),
        ("---\nhidden: false\n---\n", "hidden", False),
        ("---\nreason:\n---\n", "reason", None),
        (
            "---\noverride:\n  summary: One line.\n---\n",
            "override",
            Override(summary=("One line.",)),
        ),
        (
            "---\noverride:\n  title: T\n  tags: [a, b]\n---\n",
            "override",
            Override(title="T", tags=("a", "b")),
        ),
        ("no front matter\n", "body", "no front matter\n"),
        ("---\nhide: [toc]\nsearch: {exclude: true}\n---\nB", "body", "B"),
    ],
)
def test_front_matter_values(text: str, field: str, expected: object) -> None:
    note = parse_note(text, "notes/n.md")
    value = getattr(note, field)
    if field in ("articles", "tags", "days"):
        value = tuple(r.value for r in value)
    assert value == expected


@pytest.mark.parametrize(
    "text,line,message",
    [
        ("---\ntitle: [unclosed\n---\n", 3, "invalid YAML"),
        ("---\ntitle: ok\ncolour: red\n---\n", 3, "colour: unknown key"),
        ("---\npin: maybe\n---\n", 2, "pin: expected true or false"),
        ("---\nhidden: 1\n---\n", 2, "hidden: expected true or false"),
        ("---\nhide: true\n---\n", 2, "to hide an article use `hidden: true`"),
        ("---\ndays: [2026-02-30]\n---\n", 2, "days[0]: expected a day as YYYY-MM-DD"),
        ("---\ndate: March 3\n---\n", 2, "date: expected a day"),
        (
            "---\narticles:\n  - 0123456789ab\n  - abc\n---\n",
            4,
            "articles[1]: 'abc' is not an article",
        ),
        ("---\ntags: {a: b}\n---\n", 2, "tags: expected a list"),
        ("---\nauthor: [a, b]\n---\n", 2, "author: expected text"),
        ("---\noverride:\n  colour: red\n---\n", 3, "override.colour: unknown key"),
        ("---\noverride: yes\n---\n", 2, "override: expected a mapping"),
        ("---\ntitle: a\ntitle: b\n---\n", 3, "title: given twice"),
        ("---\n- a\n- b\n---\n", 2, "front matter must be a mapping"),
        ("---\ntitle: never closed\n", 1, "never closed"),
    ],
)
def test_front_matter_errors_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(NoteError) as caught:
        parse_note(text, "notes/n.md")
    number, _, reason = str(caught.value).partition(": ")
    assert int(number) == line and message in reason


@pytest.mark.parametrize("content,line", [(b"---\npin: maybe\n---\n", 2), (b"\xff\xfe", 1)])
def test_unreadable_note_becomes_broken_note(tmp_path: Path, content: bytes, line: int) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(content)
    result = read_note(path, "notes/n.md")
    assert isinstance(result, BrokenNote) and result.line == line


def test_split_keeps_body_and_line() -> None:
    front, body, line = split_front_matter("---\na: 1\n...\nBody\n")
    assert (front, body, line) == ("a: 1\n", "Body\n", 4)


ROWS = [
    ("0123456789ab", "https://news.example/a/1", "articles/2026/03/2026-03-10-x.md"),
    ("ba9876543210", None, "articles/undated/y.md"),
]


@pytest.mark.parametrize(
    "value,expected",
    [
        ("0123456789ab", "0123456789ab"),
        ("0123456789AB", "0123456789ab"),
        ("0123456789ac", None),
        ("https://NEWS.example/a/1?utm_source=rss#top", "0123456789ab"),
        ("https://news.example/a/2", None),
        ("articles/2026/03/2026-03-10-x.md", "0123456789ab"),
        ("docs/articles/2026/03/2026-03-10-x.md", "0123456789ab"),
        ("../articles/2026/03/2026-03-10-x/", "0123456789ab"),
        ("https://site.example/digest/articles/undated/y/", "ba9876543210"),
        ("/articles/undated/y/index.html", "ba9876543210"),
        ("articles/undated/z.md", None),
    ],
)
def test_article_references(value: str, expected: str | None) -> None:
    assert resolve_article(value, index_rows(ROWS)) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        ("articles/a/b.md#s-1", "articles/a/b.md"),
        ("about.md", None),
        ("articles/x/", "articles/x.md"),
    ],
)
def test_page_key(value: str, expected: str | None) -> None:
    assert page_key(value) == expected


@pytest.mark.parametrize(
    "link,page,expected",
    [
        ("../about.md", "articles/2026/03/a.md", "../../../../about/"),
        ("../about.md#team", "index.md", "about/#team"),
        ("other.md", "tags/t.md", "../../notes/other/"),
        ("#part", "digest/2026-03-10.md", "../../notes/n/#part"),
        ("img/map.png", "digest/2026-03-10.md", "../../notes/img/map.png"),
        ("https://example.org/x", "index.md", "https://example.org/x"),
        ("/abs/path/", "index.md", "/abs/path/"),
        ("../../outside.md", "index.md", "../../outside.md"),
    ],
)
def test_links_rebased_onto_the_showing_page(link: str, page: str, expected: str) -> None:
    assert rebase(link, "notes/n.md", page) == expected


@pytest.mark.parametrize(
    "body,present,absent",
    [
        ("**bold** and <script>alert(1)</script>", "<strong>bold</strong>", "<script"),
        ('<a href="javascript:alert(1)">x</a>', "<a", "javascript:"),
        ('<img src="x.png" onerror="alert(1)">', "<img", "onerror"),
        ("```\none\n\ntwo\n```", "one&#10;&#10;two", "\n\n"),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "<table>", "\n\n"),
    ],
)
def test_body_is_markdown_made_safe(body: str, present: str, absent: str) -> None:
    html = body_html(Note(path="notes/n.md", body=body), "index.md")
    assert present in html and absent not in html


# ---------------------------------------------------------------- newsdigest note


def note_cli(project: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_note_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["note", *argv])
    status: int = args.run(args, load_config(project))
    return status


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "newsdigest.yml").write_text(
        "site:\n  timezone: UTC\nfetch:\n  contact: https://example.org/nd\n"
    )
    Store(tmp_path / "data" / "articles").add(
        Article(
            id="0123456789ab",
            title='Gull Island ferry: "night boats" return',
            text="T.",
            url="https://news.example/a/1",
            published=Published("2026-03-10T08:00:00+00:00", "2026-03-10T08:00:00", "test"),
        )
    )
    return tmp_path


@pytest.mark.parametrize(
    "reference", ["0123456789ab", "https://news.example/a/1", "articles/2026/03/x-0123456789ab.md"]
)
def test_note_command_creates_a_valid_note(
    project: Path, reference: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if reference.startswith("articles/"):
        reference = article_page(
            "0123456789ab", "2026-03-10", 'Gull Island ferry: "night boats" return'
        )
    assert note_cli(project, reference, "--author", "Ana", "--date", "2026-03-12") == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.parent == project / "docs" / "notes"
    note = parse_note(path.read_text(encoding="utf-8"), "notes/x.md")
    assert [r.value for r in note.articles] == ["0123456789ab"]
    assert (note.author, note.date) == ("Ana", "2026-03-12")
    assert note.title == 'Note on: Gull Island ferry: "night boats" return'


def test_note_command_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = []
    for _ in range(3):
        note_cli(project, "0123456789ab", "--date", "2026-03-12")
        paths.append(capsys.readouterr().out.strip())
        Path(paths[-1]).write_text(Path(paths[-1]).read_text() + f"edit {len(paths)}\n")
    assert len(set(paths)) == 3
    assert [Path(p).read_text().endswith(f"edit {i}\n") for i, p in enumerate(paths, 1)] == [
        True
    ] * 3


def test_note_command_unknown_article(project: Path) -> None:
    with pytest.raises(InputError, match="no stored article"):
        note_cli(project, "ffffffffffff")
    assert not (project / "docs" / "notes").exists()


def test_new_note_is_unpublished_until_its_placeholder_is_replaced(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note_cli(project, "0123456789ab", "--author", "Ana", "--date", "2026-03-12")
    path = Path(capsys.readouterr().out.strip())
    text = path.read_text(encoding="utf-8")
    placeholder = text.split("\n").index(TEMPLATE_BODY.rstrip("\n")) + 1
    draft = read_note(path, "notes/new.md")
    assert isinstance(draft, BrokenNote)
    assert (draft.line, draft.level) == (placeholder, "warning")
    assert "template's text" in draft.reason
    path.write_text(
        text.replace(TEMPLATE_BODY, "The night boats return on Friday.\n"), encoding="utf-8"
    )
    assert isinstance(read_note(path, "notes/new.md"), Note)


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("Write the note here, in Markdown.\n", 4),
        ("Checked.\n\n  Write the note here, in Markdown. And more.\n", 6),
        ("Write the note here in Markdown.\n", None),  # reworded: the editor wrote it
        ("A finished note about the pier.\n", None),
    ],
)
def test_placeholder_line(body: str, line: int | None) -> None:
    note = parse_note(f"---\ntitle: T\n---\n{body}", "notes/t.md")
    assert placeholder_line(note) == line


def test_unpublished_notes_are_left_out_of_the_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "notes").mkdir(parents=True)
    (docs / "notes" / "done.md").write_text("---\ntitle: Done\n---\nThe pier reopens.\n")
    (docs / "notes" / "draft.md").write_text(f"---\ntitle: Draft\n---\n{TEMPLATE_BODY}")
    (docs / "notes" / "bad.md").write_text("---\npin: maybe\n---\nBody\n")
    (docs / "about.md").write_text(f"# About\n\n{TEMPLATE_BODY}")  # not a note: kept
    files = Files(
        [
            File(
                p.relative_to(docs).as_posix(),
                str(docs),
                str(tmp_path / "site"),
                use_directory_urls=True,
            )
            for p in sorted(docs.rglob("*.md"))
        ]
    )
    kept = hooks.on_files(files, config=None)
    assert sorted(f.src_uri for f in kept) == ["about.md", "notes/done.md"]
