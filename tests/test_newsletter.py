"""`newsdigest newsletter` (issue 22): rendered, and received by a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import datetime
import email
import email.policy
import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import projects
import pytest
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup

from generator.cli.main import main
from generator.cli.newsletter import resolve_day
from generator.errors import ConfigError
from generator.publish.mail import smtp_settings

SITE_URL = "https://digest.example/"
HOSTILE = 'Quay <script>alert("x")</script> & <b>ferry</b> timetable'
# Scraper records of our own (fictional), two on one day, one the day before.
RECORDS = [
    {
        "title": HOSTILE,
        "source": "Wessex Courier",
        "url": "https://courier.example/quay",
        "published": "2026-03-10T09:00:00+00:00",
        "text": "The harbour board approved a new ferry timetable on Tuesday. Boats will leave "
        "the quay every forty minutes from April. The board said fares would not change.",
    },
    {
        "title": "Tea growers report a record spring",
        "source": "Harbour Light",
        "url": "https://light.example/tea",
        "published": "2026-03-10T18:30:00+08:00",
        "text": "Tea growers in the hills reported a record spring harvest on Tuesday. The "
        "federation said exports rose by a fifth. Prices at the auction held steady.",
    },
    {
        "title": "Bridge closed for repairs",
        "source": "Wessex Courier",
        "url": "https://courier.example/bridge",
        "published": "2026-03-09T08:00:00+00:00",
        "text": "The old bridge closed for repairs on Monday. Engineers expect the work to last "
        "three weeks. A shuttle bus will run every half hour.",
    },
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = projects.new_project(tmp_path_factory.mktemp("newsletter"))
    config = root / "newsdigest.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "https://digest.harbour-hills.example/", SITE_URL
        ),
        encoding="utf-8",
    )
    inbox = root / "inbox"
    inbox.mkdir()
    for i, record in enumerate(RECORDS):
        (inbox / f"r{i}.json").write_text(json.dumps(record), encoding="utf-8")
    assert main(["--project", str(root), "add", str(inbox)]) == 0
    return root


@dataclass
class Mailbox:
    """What the SMTP server received: one (envelope recipients, message) per DATA."""

    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    refuse: frozenset[str] = frozenset()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    mailbox, port = Mailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield mailbox, port
    controller.stop()


def smtp_env(monkeypatch: pytest.MonkeyPatch, port: int, to: str = "") -> None:
    monkeypatch.setenv("NEWSDIGEST_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("NEWSDIGEST_SMTP_PORT", str(port))
    monkeypatch.setenv("NEWSDIGEST_SMTP_SECURITY", "none")
    monkeypatch.setenv("NEWSDIGEST_SMTP_FROM", "Digest <news@digest.example>")
    monkeypatch.setenv("NEWSDIGEST_SMTP_TO", to)
    monkeypatch.setenv("NEWSDIGEST_UNSUBSCRIBE", "https://digest.example/unsubscribe")


def sent_log(project: Path) -> Path:
    return project / "data" / "state" / "newsletter.json"


def parts(msg: EmailMessage) -> tuple[str, str]:
    text = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def render(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--project", str(project), "newsletter", *args]) == 0
    return capsys.readouterr().out


def test_rendered_message_has_both_parts_and_absolute_links(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = render(project, capsys, "--day", "2026-03-10")
    msg = email.message_from_string(out, policy=email.policy.default)
    assert isinstance(msg, EmailMessage) and msg.get_content_type() == "multipart/alternative"
    text, html = parts(msg)
    assert "2 stories" in msg["Subject"] and "Tea growers report a record spring" in text
    links = [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a")]
    assert links and all(str(h).startswith(SITE_URL) for h in links)
    assert f"{SITE_URL}digest/2026-03-10/" in links  # the web view
    assert "Bridge closed" not in text  # another day's story
    assert render(project, capsys, "--day", "2026-03-10") == out  # reproducible


def test_hostile_titles_are_escaped_in_html_and_plain_in_text(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = render(project, capsys, "--day", "2026-03-10", "--format", "html")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find("script") and not soup.find("b")
    assert HOSTILE in soup.get_text()
    assert all(tag.get("style") for tag in soup.body.find_all(["p", "h1", "h2", "a"]))
    assert "<style" not in html  # mail clients drop style blocks: styles are inline
    assert HOSTILE in render(project, capsys, "--day", "2026-03-10", "--format", "text")


def test_default_day_is_the_newest(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "2026-03-10" in render(project, capsys, "--format", "text").splitlines()[2]


def test_send_delivers_one_message_per_recipient_and_logs_them(
    project: Path,
    smtp: tuple[Mailbox, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mailbox, port = smtp
    smtp_env(monkeypatch, port)
    to = tmp_path / "to.txt"
    to.write_text("# readers\nann@readers.example\nbob@readers.example  # Bob\n\n")
    sent_log(project).unlink(missing_ok=True)
    args = [
        "--project",
        str(project),
        "newsletter",
        "--day",
        "2026-03-09",
        "--send",
        "--to-file",
        str(to),
    ]
    assert main(args) == 0
    assert sorted(r for r, _ in mailbox.messages) == [
        ["ann@readers.example"],
        ["bob@readers.example"],
    ]
    for rcpt, msg in mailbox.messages:
        assert msg["To"] == rcpt[0] and msg["List-Unsubscribe"]
        text, html = parts(msg)
        assert "Bridge closed for repairs" in text and "https://digest.example/unsubscribe" in html
    log = sent_log(project).read_text(encoding="utf-8")
    assert "readers.example" not in log and len(json.loads(log)["2026-03-09"]) == 2
    assert main(args) == 0  # a rerun sends nothing twice
    assert len(mailbox.messages) == 2 and "2 had it already" in capsys.readouterr().out


def test_refused_recipient_is_reported_and_not_logged(
    project: Path,
    smtp: tuple[Mailbox, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mailbox, port = smtp
    mailbox.refuse = frozenset({"gone@readers.example"})
    smtp_env(monkeypatch, port, "gone@readers.example, cat@readers.example")
    sent_log(project).unlink(missing_ok=True)
    assert main(["--project", str(project), "newsletter", "--day", "2026-03-10", "--send"]) == 1
    assert [r for r, _ in mailbox.messages] == [["cat@readers.example"]]
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "gone@readers.example" in err[0]
    assert len(json.loads(sent_log(project).read_text())["2026-03-10"]) == 1


def test_failed_connection_exits_1_and_marks_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    smtp_env(monkeypatch, free_port(), "ann@readers.example")  # nothing listens there
    sent_log(project).unlink(missing_ok=True)
    assert main(["--project", str(project), "newsletter", "--send"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "cannot connect" in err[0]
    assert not sent_log(project).exists()


BASE = {
    "NEWSDIGEST_SMTP_HOST": "mail.example",
    "NEWSDIGEST_SMTP_FROM": "news@digest.example",
    "NEWSDIGEST_SMTP_TO": "ann@readers.example",
}


@pytest.mark.parametrize(
    "change,message",
    [
        ({"NEWSDIGEST_SMTP_HOST": ""}, "HOST: not set"),
        ({"NEWSDIGEST_SMTP_SECURITY": "ssl3"}, "SECURITY: expected one of"),
        ({"NEWSDIGEST_SMTP_PORT": "99999"}, "PORT: expected a port"),
        ({"NEWSDIGEST_SMTP_SECURITY": "none", "NEWSDIGEST_SMTP_PASSWORD": "pw"}, "clear text"),
        ({"NEWSDIGEST_SMTP_FROM": "news@x\r\nBcc: all@x"}, "FROM: expected"),
        ({"NEWSDIGEST_SMTP_TO": ""}, "no recipients"),
        ({"NEWSDIGEST_SMTP_TO": "ann@readers.example, not-an-address"}, "not a mail address"),
    ],
)
def test_bad_smtp_settings_are_refused(change: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        smtp_settings({**BASE, **change}, None)


@pytest.mark.parametrize(
    "change,expected",
    [
        ({}, ("starttls", 587, ("ann@readers.example",))),
        ({"NEWSDIGEST_SMTP_SECURITY": "TLS"}, ("tls", 465, ("ann@readers.example",))),
        (
            {
                "NEWSDIGEST_SMTP_PORT": "2525",
                "NEWSDIGEST_SMTP_TO": "a@x.example b@x.example,a@x.example",
            },
            ("starttls", 2525, ("a@x.example", "b@x.example")),
        ),
    ],
)
def test_smtp_settings_defaults(
    change: dict[str, str], expected: tuple[str, int, tuple[str, ...]]
) -> None:
    settings = smtp_settings({**BASE, **change}, None)
    assert (settings.security, settings.port, settings.recipients) == expected
    secret = smtp_settings({**BASE, "NEWSDIGEST_SMTP_PASSWORD": "s3cret-pw"}, None)
    assert secret.password == "s3cret-pw" and "s3cret-pw" not in repr(secret)


NOW = datetime.datetime(2026, 3, 10, 23, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "word,zone,expected",
    [
        ("latest", "UTC", "2026-03-09"),
        ("2026-01-02", "UTC", "2026-01-02"),
        ("today", "UTC", "2026-03-10"),
        ("yesterday", "UTC", "2026-03-09"),
        ("today", "Asia/Taipei", "2026-03-11"),  # 07:30 next morning in Taipei
        ("yesterday", "Asia/Taipei", "2026-03-10"),
    ],
)
def test_day_words_resolve_in_the_sites_zone(word: str, zone: str, expected: str) -> None:
    assert resolve_day(word, ["2026-03-09", "2026-03-08"], zone, NOW) == expected


def test_latest_of_an_empty_store_is_none() -> None:
    assert resolve_day("latest", [], "UTC", NOW) is None
