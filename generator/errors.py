"""A small error hierarchy: every failure carries the reason a user can act on."""


class NewsdigestError(Exception):
    """Base of every error newsdigest raises on purpose."""


class ConfigError(NewsdigestError):
    """Bad usage or configuration: exit status 2, before any work is done."""


class InputError(NewsdigestError):
    """One input cannot be read or recognised; the run goes on without it."""


class ExtractionError(InputError):
    """An input was read but holds no usable article."""


class FetchError(InputError):
    """A network fetch failed or was refused by a safety rule."""


class NoteError(NewsdigestError):
    """An editor's note is malformed; reported with its file and line."""
