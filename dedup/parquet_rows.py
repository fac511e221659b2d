"""Parquet files, read row by row: how Hugging Face and most data lakes ship text datasets.

pyarrow is optional (``pip install 'article-dedup[parquet]'``): a scan of text files should not
need a 55 MB wheel.  Only the columns the reader asks for are read, a batch of rows at a time,
so a file of millions of rows is never held whole.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import BinaryIO

__all__ = ["UnreadableParquet", "parquet_rows"]

_BATCH_ROWS = 1024


class UnreadableParquet(ValueError):
    """pyarrow is missing, the file is no Parquet file, or it is damaged (``rows_read`` were read before)."""

    def __init__(self, message: str, rows_read: int = 0) -> None:
        super().__init__(message)
        self.rows_read = rows_read


def _one_line(exc: Exception) -> str:
    """pyarrow's message on one line (it spans several): an error is one line naming the file."""
    return " ".join(str(exc).split())


def parquet_rows(handle: BinaryIO, columns: Sequence[str]) -> tuple[list[str], Iterator[dict[str, object]]]:
    """The file's column names, and its rows as dicts of those of ``columns`` it has (a struct column's value is
    a dict, so dotted names reach into it).  Raises UnreadableParquet, also while rows are read."""
    try:
        import pyarrow
        import pyarrow.parquet as pq
    except ImportError:
        raise UnreadableParquet("reading Parquet needs pyarrow: pip install 'article-dedup[parquet]'") from None
    if not handle.seekable():  # a decompressor's stream: Parquet's index is at the end
        handle = io.BytesIO(handle.read())
    try:
        file = pq.ParquetFile(handle)
    except (pyarrow.ArrowException, OSError) as exc:
        raise UnreadableParquet(f"not a Parquet file: {_one_line(exc)}") from None
    names = list(file.schema_arrow.names)
    wanted = [name for name in dict.fromkeys(columns) if name in names]

    def rows() -> Iterator[dict[str, object]]:
        read = 0
        try:
            for batch in file.iter_batches(batch_size=_BATCH_ROWS, columns=wanted):
                for row in batch.to_pylist():
                    read += 1
                    yield row
        except (pyarrow.ArrowException, OSError) as exc:
            raise UnreadableParquet(f"damaged Parquet data after row {read}: {_one_line(exc)}; the rows before it "
                                    "are kept", rows_read=read) from None

    return names, rows()
