"""Plain records passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["Document", "Problem"]

#: Control characters (C0, DEL, C1) and Unicode's line and paragraph separators, as a message shows them: a
#: file name or a CSV header with a line break in it stays on the problem's one line.
_ESCAPED = {code: ascii(chr(code))[1:-1] for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)}


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
        """One line, whatever the path or the reason quotes: control characters are shown escaped."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}".translate(_ESCAPED)
