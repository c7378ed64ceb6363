"""One site address: `site.url` in newsdigest.yml, handed to MkDocs, checked at start.

The address is written once, in newsdigest.yml. mkdocs.yml reads it from the environment
(`site_url: !ENV [NEWSDIGEST_SITE_URL, null]`), which newsdigest sets for the MkDocs it runs,
so canonical links, Open Graph tags, the sitemap and the feeds cannot point at two places.
A fork that has not set one gets the GitHub Pages address the publishing workflow reads
from actions/configure-pages (NEWSDIGEST_PAGES_URL). When two places still disagree, the
run stops with exit status 2 and a message naming both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ConfigError

# Read by mkdocs.yml's `!ENV` tag; set by newsdigest for the MkDocs it runs.
SITE_URL_ENV = "NEWSDIGEST_SITE_URL"
# The Pages address the publishing workflow found (configure-pages' base_url output).
PAGES_URL_ENV = "NEWSDIGEST_PAGES_URL"
ENV_LINE = f"site_url: !ENV [{SITE_URL_ENV}, null]"


@dataclass(frozen=True)
class MkdocsAddress:
    """What mkdocs.yml says about site_url: a literal address, or an !ENV lookup."""

    literal: str | None = None  # `site_url: https://...`
    env: tuple[str, ...] = ()  # the variables of `site_url: !ENV [...]`, in order
    default: str | None = None  # the !ENV default (its last item), when not null


class _Loader(yaml.SafeLoader):
    """A YAML loader for mkdocs.yml that keeps !ENV and ignores other MkDocs tags."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> MkdocsAddress:
    if isinstance(node, yaml.ScalarNode):
        return MkdocsAddress(env=(str(loader.construct_scalar(node)),))
    items = [loader.construct_object(child) for child in node.value]
    names = tuple(str(i) for i in items[:-1])
    return MkdocsAddress(env=names, default=None if items[-1] is None else str(items[-1]))


def _other(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None  # !!python/name:... and the like: not ours to read


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _other)


def mkdocs_address(text: str) -> MkdocsAddress | None:
    """Return what mkdocs.yml's text says about site_url (None when it has no site_url)."""
    data = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    if not isinstance(data, dict) or data.get("site_url") is None:
        return None
    value = data["site_url"]
    return value if isinstance(value, MkdocsAddress) else MkdocsAddress(literal=str(value))


def same(one: str | None, other: str | None) -> bool:
    """Return True when two addresses are the same site (a trailing slash aside)."""

    def norm(url: str | None) -> str | None:
        return url.strip().rstrip("/") + "/" if url and url.strip() else None

    return norm(one) == norm(other)


def check_address(
    url: str | None,
    config_file: str,
    mkdocs_file: str,
    said: MkdocsAddress | None,
    env: Mapping[str, str],
) -> None:
    """Raise ConfigError naming both places when mkdocs.yml (or the environment it reads)
    gives another address than newsdigest.yml's site.url."""
    shown = url or "(not set)"
    fix = (
        f"set the address once, as site.url in {config_file}, and write `{ENV_LINE}` "
        f"in {mkdocs_file}"
    )
    if said is not None and said.literal is not None and not same(said.literal, url):
        raise ConfigError(
            f"{mkdocs_file}: site_url is {said.literal} but {config_file}: "
            f"site.url is {shown}; {fix}"
        )
    if said is not None and said.env:
        if said.env[0] != SITE_URL_ENV:
            raise ConfigError(
                f"{mkdocs_file}: site_url reads ${said.env[0]}, which newsdigest "
                f"does not set; {fix}"
            )
        if said.default is not None and not same(said.default, url):
            raise ConfigError(
                f"{mkdocs_file}: site_url defaults to {said.default} but "
                f"{config_file}: site.url is {shown}; {fix}"
            )
    outside = env.get(SITE_URL_ENV)
    if outside and not same(outside, url):
        raise ConfigError(
            f"environment: {SITE_URL_ENV} is {outside} but {config_file}: "
            f"site.url is {shown}; unset {SITE_URL_ENV} and {fix}"
        )


def site_address(configured: str | None, env: Mapping[str, str]) -> str | None:
    """Return the site's address: newsdigest.yml's, else the Pages address of the workflow."""
    if configured:
        return configured
    pages = (env.get(PAGES_URL_ENV) or "").strip()
    return pages or None


def checked_address(
    configured: str | None, root: Path, config_file: str, env: Mapping[str, str]
) -> str | None:
    """Return the one site address after checking mkdocs.yml and the environment agree."""
    url = site_address(configured, env)
    mkdocs = root / "mkdocs.yml"
    said = None
    if mkdocs.exists():
        try:
            said = mkdocs_address(mkdocs.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise ConfigError(f"{mkdocs}: cannot read ({error})") from error
    check_address(url, config_file, str(mkdocs), said, env)
    return url
