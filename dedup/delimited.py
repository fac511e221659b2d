"""Delimited tables (CSV, TSV): which delimiter a table uses and where its header row is.

A table's file name promises a delimiter, but Excel writes CSV with ";" where the comma is the decimal mark,
some exports use "|", an Excel "sep=;" first line may name it, and an export's own title lines may stand
above the header.  The header row, which names the text column, settles it.  On stdin, which has no name,
every header cell must read as a column name, so that prose whose first line has commas is no table.
"""

from __future__ import annotations

import re

__all__ = ["HEADER_LINES", "SEP_LINE", "header_delimiter", "opening_delimiter"]

#: A table's delimiter, as its header row shows it: ";" where Excel writes CSV with a decimal comma.
_DELIMITERS = (",", "\t", ";", "|")
#: How many lines after the first may stand above a CSV file's header (an export's title, date, filters).
HEADER_LINES = 10
#: Excel's first line naming a CSV file's delimiter: "sep=;".
SEP_LINE = re.compile(r"sep=(.)")
#: A table's header cell, as told on stdin (which has no file name): a column name, not prose.
_HEADER_CELL = re.compile(r"\w(?:[\w .-]{0,62}\w)?")


def header_delimiter(line: str, text_field: str, *, names_only: bool = True) -> str | None:
    """The delimiter a header row of column names uses, one of them the text field (``id,text,title``, or
    ``id;text;title`` as Excel writes CSV where the comma is the decimal mark); None for anything else.
    ``names_only`` (stdin, where any text may come): every cell must read as a column name, so prose whose
    first line has commas is no table; a file named .csv is one, and its columns may be "Date (UTC)"."""
    line = line.lstrip("\ufeff").rstrip("\r\n")
    for delimiter in _DELIMITERS:
        cells = [cell.strip().strip('"').strip() for cell in line.split(delimiter)]
        if (len(cells) > 1 and text_field in cells
                and (not names_only or all(_HEADER_CELL.fullmatch(cell) for cell in cells))):
            return delimiter
    return None


def opening_delimiter(opening: str, text_field: str) -> str | None:
    """The delimiter of a CSV or TSV table on stdin, told by its header row (or an Excel ``sep=`` line above it);
    None for anything else."""
    first, _, rest = opening.partition("\n")
    declared = SEP_LINE.fullmatch(first.strip())
    if declared:
        return declared.group(1) if header_delimiter(rest.partition("\n")[0], text_field) else None
    return header_delimiter(first, text_field)
