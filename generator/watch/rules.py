"""Read the `watch:` rules of newsdigest.yml into typed, validated rules."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from generator.config.keys import check_keys
from generator.errors import ConfigError
from generator.slugs import slugify

# Names and phrases matched as whole words in titles, summaries and tags (see match.py).
TERM_KEYS = ("words", "people", "organisations", "places")
RULE_KEYS = frozenset({"name", "slug", *TERM_KEYS, "tags", "sources", "aliases", "quiet_days"})
QUIET_DAYS = 14  # a rule without a match for this many days is reported by generate/build
SLUG_LENGTH = 40


@dataclass(frozen=True)
class WatchRule:
    """One watch rule: what it matches (every spelling, aliases included) and its page slug."""

    name: str
    slug: str
    terms: tuple[tuple[str, tuple[str, ...]], ...]  # (key, spellings) per TERM_KEYS key used
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    quiet_days: int = QUIET_DAYS

    @property
    def page(self) -> str:
        """Return the rule's docs-relative page path."""
        return f"watch/{self.slug}.md"

    def spellings(self) -> tuple[str, ...]:
        """Return every term matched as words, whatever key it was given under."""
        return tuple(dict.fromkeys(t for _, group in self.terms for t in group))


def rule_slug(name: str, given: str | None) -> str:
    """Return the page slug: the given one, else the name's, else a hash (a CJK-only name)."""
    slug = slugify(given if given is not None else name, SLUG_LENGTH)
    return slug or "rule-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


def parse_watch(data: object, file: str) -> tuple[WatchRule, ...]:
    """Validate the `watch:` list; raise ConfigError naming the rule and key at fault."""
    if not isinstance(data, list):
        raise ConfigError(f"{file}: watch: expected a list of rules")
    rules = tuple(_rule(item, file, f"watch[{i}]") for i, item in enumerate(data))
    for attr in ("name", "slug"):
        seen: set[str] = set()
        for i, rule in enumerate(rules):
            value = getattr(rule, attr)
            if value.casefold() in seen:
                raise ConfigError(
                    f"{file}: watch[{i}].{attr}: {value!r} is used by an earlier "
                    "rule (each rule needs its own name and page)"
                )
            seen.add(value.casefold())
    return rules


def _rule(item: object, file: str, where: str) -> WatchRule:
    if not isinstance(item, dict):
        raise ConfigError(f"{file}: {where}: expected a mapping with at least name:")
    check_keys(item, RULE_KEYS, file, where)
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{file}: {where}.name: expected a non-empty string")
    where = f"watch {name!r}"
    slug = item.get("slug")
    if slug is not None and (not isinstance(slug, str) or not slugify(slug)):
        raise ConfigError(f"{file}: {where}.slug: expected letters or digits (a-z, 0-9)")
    aliases = _aliases(item.get("aliases") or {}, file, where)
    terms = tuple(
        (key, _with_aliases(_strings(item[key], file, f"{where}.{key}"), aliases))
        for key in TERM_KEYS
        if key in item
    )
    tags = _with_aliases(_strings(item.get("tags", []), file, f"{where}.tags"), aliases)
    sources = tuple(_strings(item.get("sources", []), file, f"{where}.sources"))
    given = {
        v.casefold()
        for key in (*TERM_KEYS, "tags")
        if key in item
        for v in _strings(item[key], file, key)
    }
    stray = sorted(set(aliases) - given)
    if stray:
        raise ConfigError(
            f"{file}: {where}.aliases.{stray[0]}: not one of the rule's terms "
            "or tags (aliases are other spellings of a term the rule lists)"
        )
    if not any(group for _, group in terms) and not tags and not sources:
        raise ConfigError(
            f"{file}: {where}: matches nothing (give at least one of "
            f"{', '.join(TERM_KEYS)}, tags or sources)"
        )
    return WatchRule(
        name.strip(),
        rule_slug(name, slug),
        terms,
        tags,
        sources,
        _quiet_days(item.get("quiet_days", QUIET_DAYS), file, where),
    )


def _quiet_days(value: object, file: str, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{file}: {where}.quiet_days: expected a whole number of at least 1")
    return value


def _strings(data: object, file: str, key: str) -> list[str]:
    """Return a list of non-empty strings (a single string is a list of one)."""
    items = [data] if isinstance(data, str) else data
    if not isinstance(items, list) or not all(isinstance(s, str) and s.strip() for s in items):
        raise ConfigError(f"{file}: {key}: expected a list of non-empty strings")
    return [s.strip() for s in items]


def _aliases(data: object, file: str, where: str) -> dict[str, list[str]]:
    """Return term -> other spellings (case-folded term keys)."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{file}: {where}.aliases: expected a mapping of term to spellings")
    table: dict[str, list[str]] = {}
    for term, spellings in data.items():
        if not isinstance(term, str) or not term.strip():
            raise ConfigError(f"{file}: {where}.aliases: expected string terms, got {term!r}")
        table[term.strip().casefold()] = _strings(spellings, file, f"{where}.aliases.{term}")
    return table


def _with_aliases(values: list[str], aliases: Mapping[str, list[str]]) -> tuple[str, ...]:
    """Return the values each followed by its aliases, once each."""
    return tuple(dict.fromkeys(s for v in values for s in (v, *aliases.get(v.casefold(), ()))))
