"""The exceptions newsaudit raises. Each message says what went wrong and what to do next.

The CLI turns any ``NewsauditError`` into one line on stderr and the exit code
named by ``exit_code``; nothing else should reach the user as a traceback.
"""

from __future__ import annotations


class NewsauditError(Exception):
    """Base class. ``exit_code`` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class InputError(NewsauditError):
    """The input cannot be read: binary, empty, malformed, too large, unknown format."""

    exit_code = 2


class UnsupportedFormat(InputError):
    """No reader recognises the input."""


class InputTooLarge(InputError):
    """The input is over the configured size cap."""


class FetchError(InputError):
    """A URL could not be fetched (unreachable, bad status, wrong content type, too big)."""

    exit_code = 3


class BlockedURL(FetchError):
    """The URL resolves to an address we refuse to fetch (loopback, private, link-local)."""


class StoreError(NewsauditError):
    """The DuckDB store cannot be opened or written."""

    exit_code = 4


class NotFound(NewsauditError):
    """A stored report, or a data set on disk, does not exist."""

    exit_code = 5


class EvalError(NewsauditError):
    """An evaluation could not run (data missing or malformed), or fell below its floor."""

    exit_code = 6


class ConfigError(NewsauditError):
    """The settings file is malformed or names an unknown option."""

    exit_code = 7


class ModelError(NewsauditError):
    """A shipped model, or the package that carries one, is missing or unreadable."""

    exit_code = 8
