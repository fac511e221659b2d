"""Excel workbooks (``.xlsx``), read row by row: how media-monitoring services export their clippings.

openpyxl is optional (``pip install 'article-dedup[excel]'``).  A workbook is read in its
read-only mode, a row at a time, values as last calculated (a formula's cached result).  Each
worksheet with a header row naming the text column (among its first ten rows with values: an
export may open with its own title and date) is a table of records; the others (a cover sheet, a
chart's data) are passed over.  An empty cell reads as an empty string, as in a CSV file.
"""

from __future__ import annotations

import io
import itertools
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from .decoding import DAMAGED, OLE2_MAGIC
from .errors import UnreadableRecords

__all__ = ["Sheet", "xlsx_sheets"]

#: What openpyxl raises on a damaged workbook: the zip's complaints (a method or version it does not read, a part
#: that does not inflate), XML that does not parse (ElementTree's ParseError is a SyntaxError), parts missing or
#: of the wrong kind.
_DAMAGE = (*DAMAGED, zipfile.BadZipFile, KeyError, OSError, ValueError, NotImplementedError, SyntaxError, TypeError,
           IndexError, AttributeError)
#: How many rows with a value may stand above a sheet's header (an export's title, its date, its filters).
_HEADER_ROWS = 10


@dataclass(frozen=True)
class Sheet:
    """A worksheet holding records: its name, its header, and its rows after the header, each with its
    row number as Excel shows it."""

    name: str
    header: list[str]
    rows: Iterator[tuple[int, dict[str, object]]]


def _quietly(rows: Iterator[Any]) -> Iterator[Any]:
    """``rows``, with openpyxl's warnings about parts it does not read (styles, data validation) kept off the
    user's terminal, without changing the warning filters of anything else."""
    end = object()
    while True:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            row = next(rows, end)
        if row is end:
            return
        yield row


def _cell(value: object) -> object:
    return "" if value is None else value


def xlsx_sheets(handle: BinaryIO, text_column: str) -> tuple[list[Sheet], dict[str, list[str]]]:
    """The worksheets whose header names ``text_column``, and every worksheet's header (to name the columns
    there are when none has it).  Raises UnreadableRecords, also while a sheet's rows are read."""
    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:
        raise UnreadableRecords("reading Excel needs openpyxl: pip install 'article-dedup[excel]'") from None
    if not handle.seekable():  # a decompressor's stream: a workbook is a zip archive, read from its end
        handle = io.BytesIO(handle.read())
    if handle.read(len(OLE2_MAGIC)) == OLE2_MAGIC:
        raise UnreadableRecords("an Excel 97-2003 workbook (.xls) is not read: save it as .xlsx or CSV")
    handle.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (InvalidFileException, *_DAMAGE) as exc:
        raise UnreadableRecords(f"not an Excel workbook (.xlsx): {exc}") from None
    sheets: list[Sheet] = []
    headers: dict[str, list[str]] = {}
    for sheet in book.worksheets:
        rows = _quietly(enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1))
        try:
            found = _header(rows, text_column)
        except _DAMAGE as exc:
            raise UnreadableRecords(
                f"damaged workbook data in sheet {sheet.title!r}, above its records: {exc}") from None
        if found is not None:
            headers[sheet.title], holds_texts = found
            if holds_texts:
                sheets.append(Sheet(sheet.title, headers[sheet.title], _records(headers[sheet.title], rows,
                                                                                 sheet.title)))
    return sheets, headers


def _header(rows: Iterator[tuple[int, tuple[object, ...]]], text_column: str) -> tuple[list[str], bool] | None:
    """The sheet's header and whether it names ``text_column``, the rows up to it taken from ``rows``; None for
    an empty sheet.  An export may open with a few lines about itself ("Report generated on ...") above its
    header: the first of its first rows with a value that names the text column is the header, else the first."""
    first: list[str] | None = None
    for _, row in itertools.islice(((n, r) for n, r in rows if any(v is not None for v in r)), _HEADER_ROWS):
        names = ["" if v is None else str(v).strip() for v in row]
        while names and not names[-1]:  # a sheet's width is its widest row's
            names.pop()
        if text_column in names:
            return names, True
        first = names if first is None else first
    return None if first is None else (first, False)


def _records(names: list[str], rows: Iterator[tuple[int, tuple[object, ...]]],
             sheet: str) -> Iterator[tuple[int, dict[str, object]]]:
    """Each row that holds a value, as a record of the header's columns."""
    number = 0
    try:
        for number, row in rows:
            if any(v is not None for v in row):
                yield number, {name: _cell(value) for name, value in zip(names, row)}
    except _DAMAGE as exc:
        raise UnreadableRecords(f"damaged workbook data in sheet {sheet!r} after row {number}: {exc}; the rows "
                                "before it are kept", records_read=number) from None  # rows as numbered in the sheet
