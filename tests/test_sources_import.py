"""`newsdigest sources import FILE.opml` (issue 22): OPML files of our own, shaped like exports."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli.main import main
from generator.config.load import load_config
from generator.config.opml import append_sources

CONFIG = """\
# Our newsroom's configuration: keep this comment.
site:
  title: Test Digest   # the name readers see

sources:
  # Local files first.
  - name: Wessex Courier
    local: true
  - name: Harbour Wire
    feed: https://wire.example/rss.xml   # the wire's main feed

# Fetch politely.
fetch:
  contact: https://project.example/
"""

# A feed reader's export: folders, a feed without a title, a duplicate (host in other case),
# one already configured, a non-http URL, a leaf without xmlUrl, a title that breaks YAML.
READER_EXPORT = """\
<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="Local news" title="Local news">
      <outline type="rss" text="Valley Post" title="Valley Post"
               xmlUrl="https://valley.example/feed" htmlUrl="https://valley.example/"/>
      <outline type="rss" xmlUrl="https://hills.example/atom.xml"/>
      <outline text="Deeper folder">
        <outline type="rss" text="Valley Post again" xmlUrl="https://VALLEY.example/feed"/>
      </outline>
    </outline>
    <outline type="rss" text="Wire (already there)" xmlUrl="https://wire.example/rss.xml"/>
    <outline type="rss" text="Old podcast" xmlUrl="feed://podcast.example/rss"/>
    <outline type="link" text="Just a bookmark"/>
    <outline type="rss" text='Quay: "news" &amp; #views - here' xmlurl="http://quay.example/"/>
    <outline type="rss" text="Wessex Courier" xmlUrl="https://courier.example/feed"/>
  </body>
</opml>
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "newsdigest.yml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def run_import(project: Path, text: str, *extra: str) -> int:
    opml = project / "subs.opml"
    opml.write_text(text, encoding="utf-8")
    return main(["--project", str(project), "sources", "import", str(opml), *extra])


def test_reader_export_adds_new_feeds_in_order_and_keeps_comments(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(project, READER_EXPORT) == 1  # broken outlines were skipped
    text = (project / "newsdigest.yml").read_text(encoding="utf-8")
    assert text.startswith(CONFIG.split("\n# Fetch politely.", maxsplit=1)[0])
    assert text.endswith("# Fetch politely.\nfetch:\n  contact: https://project.example/\n")
    sources = load_config(project).sources
    assert [(s.name, s.locations) for s in sources[2:]] == [
        ("Valley Post", ("https://valley.example/feed",)),
        ("hills.example", ("https://hills.example/atom.xml",)),
        ('Quay: "news" & #views - here', ("http://quay.example/",)),
        ("Wessex Courier (courier.example)", ("https://courier.example/feed",)),
    ]
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 4 and all(
        line.startswith(f"{project / 'subs.opml'}: outline ") for line in err
    )
    assert ["duplicate" in e for e in err] == [True, True, False, False]
    assert "not an http or https URL" in err[2] and "no xmlUrl" in err[3]


def test_a_second_import_writes_nothing_twice(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_import(project, READER_EXPORT)
    first = (project / "newsdigest.yml").read_text(encoding="utf-8")
    run_import(project, READER_EXPORT)
    assert (project / "newsdigest.yml").read_text(encoding="utf-8") == first
    assert "0 sources added" in capsys.readouterr().out


def test_dry_run_changes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import(project, READER_EXPORT, "--dry-run") == 1
    assert (project / "newsdigest.yml").read_text(encoding="utf-8") == CONFIG
    assert "would add: Valley Post <https://valley.example/feed>" in capsys.readouterr().out


@pytest.mark.parametrize(
    "bad,reason",
    [
        ("<opml><body><outline xmlUrl='https://a.example/f'>", "not well-formed XML"),
        ("", "not well-formed XML"),
        ("<rss version='2.0'><channel/></rss>", "not an OPML file"),
        (
            '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<opml><body><outline text="&b;" xmlUrl="https://a.example/f"/></body></opml>',
            "declares XML entities",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<opml><body><outline text="&x;" xmlUrl="https://a.example/f"/></body></opml>',
            "references external entity",
        ),
    ],
)
def test_bad_xml_is_refused_and_nothing_written(
    project: Path, bad: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(project, bad) == 1
    assert (project / "newsdigest.yml").read_text(encoding="utf-8") == CONFIG
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and reason in err[0] and "subs.opml" in err[0]


ONE = [("Valley Post", "https://valley.example/feed")]
ADDED = '- name: "Valley Post"\n  feed: "https://valley.example/feed"\n'


def indented(block: str, indent: str) -> str:
    return "".join(indent + line for line in block.splitlines(keepends=True))


@pytest.mark.parametrize(
    "before,after",
    [
        ("", "sources:\n" + indented(ADDED, "  ")),
        ("site:\n  title: T", "site:\n  title: T\nsources:\n" + indented(ADDED, "  ")),
        ("sources: []  # none yet\n", "sources:\n" + indented(ADDED, "  ")),
        ("sources:\n- name: A\n  local: true\n", "sources:\n- name: A\n  local: true\n" + ADDED),
        (
            "sources:\n    - name: A\n      local: true\n# tail\nfetch: {}\n",
            "sources:\n    - name: A\n      local: true\n"
            + indented(ADDED, "    ")
            + "# tail\nfetch: {}\n",
        ),
        (
            "sources:\n  - name: A\n    local: true",
            "sources:\n  - name: A\n    local: true\n" + indented(ADDED, "  "),
        ),
    ],
)
def test_append_sources_keeps_the_text_around(before: str, after: str) -> None:
    result = append_sources(before, ONE, "")
    assert result == after
    assert yaml.safe_load(result)["sources"][-1] == {
        "name": "Valley Post",
        "feed": "https://valley.example/feed",
    }


def test_append_refuses_a_flow_list_with_entries() -> None:
    with pytest.raises(Exception, match="block list"):
        append_sources("sources: [{name: A, local: true}]\n", ONE, "")
