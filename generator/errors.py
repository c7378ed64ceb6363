"""A small error hierarchy: every failure carries the reason a user can act on.

Every exception class of newsdigest lives here, so that one file shows what can go wrong
and which failures a run survives (InputError and its children) and which stop it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


class NewsdigestError(Exception):
    """Base of every error newsdigest raises on purpose."""


class ConfigError(NewsdigestError):
    """Bad usage or configuration: exit status 2, before any work is done."""


class LockError(NewsdigestError):
    """Another newsdigest run holds the checkout's lock."""


class InputError(NewsdigestError):
    """One input cannot be read or recognised; the run goes on without it."""


class ExtractionError(InputError):
    """An input was read but holds no usable article."""


class FetchError(InputError):
    """A network fetch failed or was refused by a safety rule."""


class ConnectionFailed(FetchError):
    """The connection failed or broke; worth a retry."""


class AddressRefused(FetchError):
    """The host resolves only to addresses this source may not reach."""


class FetchDeferred(FetchError):
    """The source must wait for a later run (long Retry-After, run deadline reached)."""


class NoteError(NewsdigestError):
    """An editor's note is malformed; reported with its file and line."""


@dataclass(frozen=True)
class FieldError(Exception):
    """A front matter value that does not fit its key; turned into a NoteError with a line."""

    field: str
    line: int
    reason: str


class FrontMatterError(NewsdigestError):
    """Front matter that would not read back as written."""


class ArticleFailure(Exception):
    """Unexpected errors while reading stored articles (bugs met on their records): id ->
    error, to leave them out of the site (generator.pipeline quarantines them)."""

    def __init__(self, errors: Mapping[str, Exception]) -> None:
        super().__init__(", ".join(sorted(errors)))
        self.errors = dict(errors)


class IsolationError(NewsdigestError):
    """The build fails even without any article, or for too many articles to isolate."""


class DeliveryError(NewsdigestError):
    """The mail server could not be reached or refused us: nothing was sent."""
