"""Plain records passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["Document", "Problem"]


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read: ``id`` is what the user sees, ``text`` is untouched."""

    id: str
    text: str
    title: str | None = None
    path: str = ""
    line: int | None = None
    published: datetime | None = None  # read from the record's date field, with --within-days
    label: str | None = None  # the record's true cluster, read for ``dedup eval`` (--label-field)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something about the input the user should know: a file skipped, truncated or renamed.

    ``fatal`` problems lost the input (it was not scanned); the others are warnings.
    """

    path: str
    reason: str
    line: int | None = None
    fatal: bool = True

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"
