"""Typed exceptions raised by the engine; the CLI turns them into exit codes."""

from __future__ import annotations

__all__ = ["DedupError", "NoInputError", "SettingsError", "UnreadableRecords"]


class DedupError(Exception):
    """Base class for errors a user can act on."""


class NoInputError(DedupError):
    """Nothing readable was found in the paths given."""


class SettingsError(DedupError):
    """A setting is out of range or inconsistent with another."""


class UnreadableRecords(ValueError):
    """A file of records (a Parquet, Arrow, ORC or Excel table, a web archive) cannot be read: its library is
    missing, the file is not of its kind, or it is damaged after record ``records_read`` (the records up to it
    were read; numbered as the file numbers them).  One problem for that file, not for the scan."""

    def __init__(self, message: str, records_read: int = 0) -> None:
        super().__init__(message)
        self.records_read = records_read
