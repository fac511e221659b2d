"""Typed exceptions raised by the engine; the CLI turns them into exit codes."""

from __future__ import annotations

__all__ = ["DedupError", "NoInputError", "SettingsError", "UnreadableTable"]


class DedupError(Exception):
    """Base class for errors a user can act on."""


class NoInputError(DedupError):
    """Nothing readable was found in the paths given."""


class SettingsError(DedupError):
    """A setting is out of range or inconsistent with another."""


class UnreadableTable(ValueError):
    """A binary table (Parquet, Arrow, ORC, Excel) cannot be read: its library is missing, the file is not of its
    kind, or it is damaged after row ``rows_read`` (the rows up to it were read; rows as the file numbers
    them).  One problem for that file, not for the scan."""

    def __init__(self, message: str, rows_read: int = 0) -> None:
        super().__init__(message)
        self.rows_read = rows_read
