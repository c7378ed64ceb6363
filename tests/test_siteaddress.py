"""One site address (issue 21): set in newsdigest.yml, read by MkDocs, checked at start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from projects import REPO, new_project, run_cli

from generator.config.load import load_config
from generator.config.siteaddress import (
    PAGES_URL_ENV,
    SITE_URL_ENV,
    MkdocsAddress,
    check_address,
    mkdocs_address,
)
from generator.errors import ConfigError

SITE = "https://news.gullbay.example/"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("site_name: x\n", None),
        ("site_url: https://a.example/\n", MkdocsAddress(literal="https://a.example/")),
        ("site_url: !ENV [NEWSDIGEST_SITE_URL, null]\n", MkdocsAddress(env=(SITE_URL_ENV,))),
        ("site_url: !ENV NEWSDIGEST_SITE_URL\n", MkdocsAddress(env=(SITE_URL_ENV,))),
        (
            "site_url: !ENV [A, B, 'https://b.example/']\n",
            MkdocsAddress(env=("A", "B"), default="https://b.example/"),
        ),
        # other MkDocs tags do not stop the reading
        (
            "site_url: https://a.example/\nx: !!python/name:material.extensions.emoji.twemoji\n",
            MkdocsAddress(literal="https://a.example/"),
        ),
    ],
)
def test_mkdocs_address(text: str, expected: MkdocsAddress | None) -> None:
    assert mkdocs_address(text) == expected


@pytest.mark.parametrize(
    "url,said,env",
    [
        (SITE, None, {}),  # no site_url in mkdocs.yml: the hook fills in site.url
        (None, None, {}),
        (SITE, MkdocsAddress(literal=SITE.rstrip("/")), {}),  # a trailing slash is no difference
        (SITE, MkdocsAddress(env=(SITE_URL_ENV,)), {}),  # unset, no default: the hook fills it
        (SITE, MkdocsAddress(env=(SITE_URL_ENV,), default=SITE), {}),
        (
            SITE,
            MkdocsAddress(env=(SITE_URL_ENV,), default="https://old.example/"),
            {SITE_URL_ENV: SITE},
        ),  # the variable wins over the default
    ],
)
def test_agreeing_addresses_pass(
    url: str | None, said: MkdocsAddress | None, env: dict[str, str]
) -> None:
    check_address(url, "newsdigest.yml", "mkdocs.yml", said, env)


@pytest.mark.parametrize(
    "url,said,env,named",
    [
        (SITE, MkdocsAddress(literal="https://old.example/"), {}, "mkdocs.yml: site_url is"),
        (None, MkdocsAddress(literal="https://old.example/"), {}, "site.url is (not set)"),
        (
            SITE,
            MkdocsAddress(env=(SITE_URL_ENV,), default="https://old.example/"),
            {},
            "its !ENV default",
        ),
        (
            SITE,
            MkdocsAddress(env=("OTHER", SITE_URL_ENV)),
            {SITE_URL_ENV: "https://old.example/"},
            f"from ${SITE_URL_ENV}",
        ),
    ],
)
def test_disagreeing_addresses_name_both_places(
    url: str | None, said: MkdocsAddress, env: dict[str, str], named: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        check_address(url, "newsdigest.yml", "mkdocs.yml", said, env)
    message = str(raised.value)
    assert named in message and "newsdigest.yml" in message and "mkdocs.yml" in message
    assert "https://old.example/" in message


def test_pages_url_fills_an_unset_address(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p", with_config=False)
    (project / "newsdigest.yml").write_text("site:\n  title: Gull Bay\n")
    pages = "https://gullbay.github.io/digest/"
    assert load_config(project, {PAGES_URL_ENV: pages}).site.url == pages
    assert load_config(project, {}).site.url is None
    (project / "newsdigest.yml").write_text(f"site:\n  url: {SITE}\n")
    assert load_config(project, {PAGES_URL_ENV: pages}).site.url == SITE  # the user's wins


def test_the_repository_sets_its_address_once() -> None:
    assert mkdocs_address((REPO / "mkdocs.yml").read_text("utf-8")) is None
    assert load_config(REPO, {}).site.url


def test_mismatched_address_stops_the_run_with_exit_2(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text("utf-8") + "site_url: https://elsewhere.example/\n")
    result = run_cli("generate", project=project)
    assert result.returncode == 2
    error = result.stderr.decode()
    assert "mkdocs.yml" in error and "newsdigest.yml" in error
    assert "https://elsewhere.example/" in error
    assert len(error.strip().splitlines()) == 1


def test_build_uses_the_pages_address_when_none_is_set(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p", with_config=False)
    pages = "https://gullbay.github.io/digest/"
    (project / "newsdigest.yml").write_text("site:\n  title: Gull Bay\n")
    result = run_cli("build", project=project, env={PAGES_URL_ENV: pages})
    assert result.returncode == 0, result.stderr.decode()
    home = (project / "site" / "index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{pages}">' in home
    assert f"<loc>{pages}</loc>" in (project / "site" / "sitemap.xml").read_text("utf-8")
    assert pages in (project / "site" / "feed.json").read_text("utf-8")


def test_plain_mkdocs_build_uses_site_url(tmp_path: Path) -> None:
    """The hook gives MkDocs newsdigest.yml's address, however the build is started."""
    project = new_project(tmp_path / "p", with_config=False)
    (project / "newsdigest.yml").write_text(f"site:\n  url: {SITE}\n")
    assert run_cli("generate", project=project).returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        check=False,
        cwd=project,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr.decode()
    home = (project / "site" / "index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{SITE}">' in home
