"""Typed exceptions raised by the engine; the CLI turns them into exit codes."""

from __future__ import annotations

__all__ = ["DedupError", "NoInputError", "SettingsError"]


class DedupError(Exception):
    """Base class for errors a user can act on."""


class NoInputError(DedupError):
    """Nothing readable was found in the paths given."""


class SettingsError(DedupError):
    """A setting is out of range or inconsistent with another."""
