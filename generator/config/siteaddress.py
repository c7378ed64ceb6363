"""One site address: `site.url` in newsdigest.yml, used by MkDocs too, checked at start.

The address is written once, in newsdigest.yml. mkdocs.yml sets no site_url: the hook
(generator/publish/hooks.py, on_config) takes it from here, so canonical links, Open Graph tags, the
sitemap and the feeds cannot point at two places, whether the site is built by newsdigest or
by `mkdocs build`. A fork that has not set one gets the GitHub Pages address the publishing
workflow reads from actions/configure-pages (NEWSDIGEST_PAGES_URL). mkdocs.yml may still
name it (a literal, or `!ENV [NEWSDIGEST_SITE_URL, ...]`); when that, or the environment,
disagrees with site.url, every command stops with exit status 2 and a message naming both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import ConfigError

# The variable an `!ENV` site_url in mkdocs.yml may read (newsdigest never sets it).
SITE_URL_ENV = "NEWSDIGEST_SITE_URL"
# The Pages address the publishing workflow found (configure-pages' base_url output).
PAGES_URL_ENV = "NEWSDIGEST_PAGES_URL"
FIX = "write the address once, as site.url in {config}, and no site_url in {mkdocs}"


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


def mkdocs_value(said: MkdocsAddress | None, env: Mapping[str, str]) -> tuple[str | None, str]:
    """Return the address MkDocs would read from mkdocs.yml, and where it comes from."""
    if said is None:
        return None, ""
    if said.literal is not None:
        return said.literal, "site_url"
    for name in said.env:  # !ENV takes the first variable that is set
        if env.get(name):
            return env[name], f"site_url (from ${name})"
    return said.default, "site_url (its !ENV default)"


def check_address(
    url: str | None,
    config_file: str,
    mkdocs_file: str,
    said: MkdocsAddress | None,
    env: Mapping[str, str],
) -> None:
    """Raise ConfigError naming both places when mkdocs.yml gives another address than
    newsdigest.yml's site.url (no site_url in mkdocs.yml always agrees: the hook fills it)."""
    value, where = mkdocs_value(said, env)
    if value is not None and not same(value, url):
        raise ConfigError(
            f"{mkdocs_file}: {where} is {value} but {config_file}: site.url is "
            f"{url or '(not set)'}; " + FIX.format(config=config_file, mkdocs=mkdocs_file)
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


def project_address(root: Path, env: Mapping[str, str]) -> str | None:
    """Return the address newsdigest.yml under `root` gives (or the Pages address), for
    MkDocs; the command that started the build has validated the file already."""
    path = root / "newsdigest.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    except (OSError, yaml.YAMLError):
        data = None
    site = data.get("site") if isinstance(data, dict) else None
    url = site.get("url") if isinstance(site, dict) else None
    return site_address(url if isinstance(url, str) else None, env)
