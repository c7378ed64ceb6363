"""The one check of a mapping's keys in newsdigest.yml, shared by every section's reader."""

from __future__ import annotations

from generator.errors import ConfigError


def check_keys(data: object, allowed: frozenset[str], file: str, where: str) -> None:
    """Refuse a value that is not a mapping, or a key the section does not know, by name."""
    if not isinstance(data, dict):
        raise ConfigError(f"{file}: {where or 'top level'}: expected a mapping")
    unknown = sorted(set(map(str, data)) - allowed)
    if unknown:
        raise ConfigError(
            f"{file}: {where + '.' if where else ''}{unknown[0]}: unknown key "
            f"(expected one of: {', '.join(sorted(allowed))})"
        )
