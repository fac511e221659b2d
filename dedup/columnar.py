"""Parquet, Arrow and ORC files, read row by row: how Hugging Face and most data lakes ship text datasets.

pyarrow is optional (``pip install 'article-dedup[parquet]'``, or ``[arrow]``: the same): a scan of
text files should not need a 55 MB wheel.  Only the columns the reader asks for are read (Parquet,
ORC) or turned into Python values (Arrow), a batch of rows at a time, so a file of millions of rows
is never held whole as Python objects.  Arrow comes in two layouts: the IPC file (``.arrow``, and
Feather version 2, ``.feather``), which opens with ``ARROW1``, and the IPC stream, which Hugging Face
``datasets`` writes for ``save_to_disk`` and its cache (``data-00000-of-00001.arrow``).  ORC, Hive's
format, is read a stripe at a time.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from .errors import UnreadableRecords

if TYPE_CHECKING:
    import pyarrow

__all__ = ["Kept", "UnreadableRow", "arrow_rows", "orc_rows", "parquet_rows"]

_BATCH_ROWS = 1024
_ARROW_FILE_MAGIC = b"ARROW1"
_FEATHER_V1_MAGIC = b"FEA1"
_NEEDS_PYARROW = "reading {kind} needs pyarrow: pip install 'article-dedup[{extra}]'"
#: Before pyarrow 19, a damaged ORC stripe footer throws a C++ exception nothing catches: the process aborts, and a
#: scan of thousands of files with it (measured: 14.0, 16.0, 18.0 abort on a garbled byte; 19.0 raises OSError).
_ORC_SAFE_FROM = 19

#: What pyarrow raises, besides its own ArrowException, on a damaged file: a name or string that is no UTF-8,
#: a length read as gigabytes, a layout it does not implement.
_DAMAGE = (OSError, NotImplementedError, UnicodeDecodeError, MemoryError)

#: What pyarrow raises turning a value Python has no object for into one: a timestamp past the year 9999 or before
#: the year 1 (a sentinel, or a garbled one: both are valid Arrow), a date likewise.
_NO_PYTHON_VALUE = (OverflowError, ValueError)


@dataclass(frozen=True)
class UnreadableRow:
    """A row of the file with a value Python cannot hold: an error for that record, the rows after it read."""

    reason: str


#: What a reader returns: the file's column names, and its rows as dicts of the columns asked for.
Rows = tuple[list[str], Iterator["dict[str, object] | UnreadableRow"]]
#: Where a reader puts each batch it has read, as a table (``dedup filter --format parquet`` writes rows back typed).
Kept = list["pyarrow.Table"]


def _one_line(exc: Exception) -> str:
    """pyarrow's message on one line (it spans several): an error is one line naming the file."""
    return " ".join(str(exc).split())


def _pyarrow(kind: str) -> Any:
    try:
        import pyarrow
    except ImportError:
        extra = "parquet" if kind == "ORC" else kind.lower()
        raise UnreadableRecords(_NEEDS_PYARROW.format(kind=kind, extra=extra)) from None
    return pyarrow


def _seekable(handle: BinaryIO) -> BinaryIO:
    """A decompressor's stream held in memory: Parquet's index and an Arrow file's footer are at the end."""
    return handle if handle.seekable() else io.BytesIO(handle.read())


#: How a reader opens its file: the column names, and the tables of the columns wanted, a batch at a time.
Opened = tuple[list[str], Callable[[list[str]], Iterable["pyarrow.Table"]]]


def _rows(kind: str, what: str, pa: Any, columns: Sequence[str] | None, opening: Callable[[], Opened],
          keep: Kept | None) -> Rows:
    """The file's column names and its rows as dicts (of every column where ``columns`` is None), a batch at a time,
    each batch also put in ``keep`` (where given) once checked.  ``opening`` is where damage shows first ("not
    {what}"); damage found while reading keeps the rows before it."""
    try:
        names, tables = opening()
    except (pa.ArrowException, *_DAMAGE) as exc:
        raise UnreadableRecords(f"not {what}: {_one_line(exc)}") from None
    wanted = list(names) if columns is None else [name for name in dict.fromkeys(columns) if name in names]

    def rows() -> Iterator[dict[str, object] | UnreadableRow]:
        read = 0
        try:
            for table in tables(wanted):
                # Checked whole before any value is read: a damaged file's offsets point anywhere, and
                # turning them into Python values would read memory that is not the file's (a crash).
                table.validate(full=True)
                if keep is not None:
                    keep.append(table)
                for start in range(0, table.num_rows, _BATCH_ROWS):
                    batch = table.slice(start, _BATCH_ROWS)
                    try:
                        found: list[dict[str, object] | UnreadableRow] = batch.to_pylist()
                    except _NO_PYTHON_VALUE:  # which row, which column: the others are read
                        found = [_row(batch.slice(k, 1)) for k in range(batch.num_rows)]
                    for row in found:
                        read += 1
                        yield row
        except (pa.ArrowException, *_DAMAGE) as exc:
            raise UnreadableRecords(f"damaged {kind} data after row {read}: {_one_line(exc)}; the rows before it "
                                    "are kept", records_read=read) from None

    return names, rows()


def _row(row: pyarrow.Table) -> dict[str, object] | UnreadableRow:
    """A table of one row as a dict, or why it cannot be one: the first column whose value Python cannot hold."""
    try:
        return row.to_pylist()[0]
    except _NO_PYTHON_VALUE:
        for name, column in zip(row.column_names, row.columns):
            try:
                column.to_pylist()
            except _NO_PYTHON_VALUE as exc:
                return UnreadableRow(f"column {name!r}: a {column.type} value out of Python's range ({exc}); the "
                                     "row is not read")
        raise


def parquet_rows(handle: BinaryIO, columns: Sequence[str] | None, keep: Kept | None = None) -> Rows:
    """The file's column names, and its rows as dicts of those of ``columns`` it has (a struct column's value is
    a dict, so dotted names reach into it).  Raises UnreadableRecords, also while rows are read."""
    pa = _pyarrow("Parquet")
    import pyarrow.parquet as pq

    def opening() -> Opened:
        file = pq.ParquetFile(_seekable(handle))
        return list(file.schema_arrow.names), lambda wanted: (
            pa.Table.from_batches([batch]) for batch in file.iter_batches(batch_size=_BATCH_ROWS, columns=wanted))

    return _rows("Parquet", "a Parquet file", pa, columns, opening, keep)


def arrow_rows(handle: BinaryIO, columns: Sequence[str] | None, keep: Kept | None = None) -> Rows:
    """An Arrow IPC file or stream (Feather version 2 is the file), as :func:`parquet_rows` reads Parquet.

    An IPC file's batch may hold the whole table; it is turned into Python values a slice at a time."""
    pa = _pyarrow("Arrow")
    handle = _seekable(handle)
    layout = handle.read(len(_ARROW_FILE_MAGIC))
    handle.seek(0)
    if layout.startswith(_FEATHER_V1_MAGIC):
        raise UnreadableRecords("Feather version 1 is not read: save it as Feather version 2, Arrow or Parquet")

    def opening() -> Opened:
        if layout == _ARROW_FILE_MAGIC:
            file = pa.ipc.open_file(handle)
            schema, batches = file.schema, (file.get_batch(k) for k in range(file.num_record_batches))
        else:
            stream = pa.ipc.open_stream(handle)
            schema, batches = stream.schema, iter(stream)
        return list(schema.names), lambda wanted: (
            pa.Table.from_batches([batch]).select(wanted) for batch in batches)

    return _rows("Arrow", "an Arrow IPC file or stream", pa, columns, opening, keep)


def orc_rows(handle: BinaryIO, columns: Sequence[str] | None, keep: Kept | None = None) -> Rows:
    """An ORC file, as :func:`parquet_rows` reads Parquet: a stripe at a time, only the columns asked for."""
    pa = _pyarrow("ORC")
    if int(pa.__version__.split(".")[0]) < _ORC_SAFE_FROM:
        raise UnreadableRecords(f"reading ORC needs pyarrow {_ORC_SAFE_FROM} or later (this is {pa.__version__}, "
                                "which stops the whole process on a damaged ORC file): pip install -U pyarrow")
    try:
        import pyarrow.orc as orc
    except ImportError:  # pyarrow builds without ORC (Windows)
        raise UnreadableRecords("this pyarrow has no ORC support; convert the file to Parquet") from None

    def opening() -> Opened:
        file = orc.ORCFile(_seekable(handle))
        return list(file.schema.names), lambda wanted: (
            pa.Table.from_batches([file.read_stripe(k, columns=wanted)]) for k in range(file.nstripes))

    return _rows("ORC", "an ORC file", pa, columns, opening, keep)
