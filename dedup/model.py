"""Plain records passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["Document", "Problem", "escaped_controls"]

#: Control characters (C0, DEL, C1), Unicode's line and paragraph separators and the two noncharacters XML
#: refuses, as a message shows them.
_ESCAPED = {code: ascii(chr(code))[1:-1]
            for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, 0xFFFE, 0xFFFF)}


def escaped_controls(text: str) -> str:
    """``text`` with its control characters shown as escapes (``\\n``, ``\\x1b``): a file name or a record's id
    with a line break or a terminal escape in it stays one line of a message, colours no terminal, and is
    text an XML report (JUnit) may hold."""
    return text.translate(_ESCAPED)


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
    #: The record as read, as one line of JSON (a JSON Lines line as it was), kept for ``dedup filter``
    #: (``ReadOptions.keep_sources``); None for a document read from a file of its own.
    source: str | None = None


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
        """One line, whatever the path or the reason quotes: control characters are shown escaped."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return escaped_controls(f"{where}: {self.reason}")
