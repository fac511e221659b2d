"""``dedup filter --format parquet``: the records kept, as one Parquet table.

A dataset read from Parquet should come back as Parquet, its columns typed as they were: rows of a Parquet, Arrow
or ORC file are taken from the file's own table (``ReadOptions.keep_tables``), so timestamps stay timestamps and
int32 stays int32.  A JSON record's fields are typed as pyarrow reads them; a field whose values no one Parquet type
holds (a number in one record, text in another; an empty object) is written as JSON text, and said.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .columnar import Kept
from .errors import DedupError
from .model import Document
from .records import record_json

if TYPE_CHECKING:
    import pyarrow

__all__ = ["KeptTable", "kept_table", "parquet_bytes", "require_pyarrow"]

#: The schema metadata key saying what wrote the file and how (the scan's parameters, the counts).
METADATA_KEY = b"article_dedup"
#: Schema metadata that describes the columns' types, which a column written as JSON text no longer has.
_TYPES_METADATA = frozenset({b"pandas", b"huggingface"})


@dataclass(frozen=True)
class KeptTable:
    table: pyarrow.Table
    #: Fields written as JSON text: no one Parquet type holds their values (of several types; an empty object).
    as_json_text: tuple[str, ...]


def kept_table(documents: Sequence[Document], tables: Mapping[str, Kept]) -> KeptTable:
    """``documents`` (in their order) as one table: a columnar file's rows from its own table, a JSON record's
    fields as read, any other document's ``id``, ``title`` and ``text``.  Raises DedupError without pyarrow."""
    pa = require_pyarrow()
    pieces: list[tuple[pyarrow.Table, list[str]]] = []  # each with its fields written as JSON text already
    for path, run in itertools.groupby(documents, key=lambda d: d.path):
        docs = list(run)
        batches = tables.get(path)
        if batches and all(d.line for d in docs):
            pieces.append((pa.concat_tables(batches).take([d.line - 1 for d in docs if d.line]), []))
        else:
            pieces.append(_records_table(pa, [_record(d) for d in docs]))
    as_text = [name for _, names in pieces for name in names]
    typed, mixed = _one_schema(pa, pieces)
    try:
        table = pa.concat_tables(typed, promote_options="permissive")
    except pa.ArrowException as exc:
        raise DedupError(f"cannot make the records one table: {' '.join(str(exc).split())}; use --format jsonl") \
            from None
    empty = [name for name, kind in zip(table.column_names, table.schema.types) if not _parquet_holds(pa, kind)]
    for name in empty:  # a JSON record's {} is a struct of no fields, which Parquet has no layout for
        table = _as_json_column(pa, table, name)
    return KeptTable(table, tuple(dict.fromkeys([*as_text, *mixed, *empty])))


def _parquet_holds(pa: Any, kind: pyarrow.DataType) -> bool:
    """Whether Parquet has a layout for ``kind``: anything but a struct of no fields, at any depth."""
    if pa.types.is_struct(kind):
        return kind.num_fields > 0 and all(_parquet_holds(pa, kind.field(k).type) for k in range(kind.num_fields))
    if pa.types.is_map(kind):
        return _parquet_holds(pa, kind.key_type) and _parquet_holds(pa, kind.item_type)
    if pa.types.is_list(kind) or pa.types.is_large_list(kind) or pa.types.is_fixed_size_list(kind):
        return bool(_parquet_holds(pa, kind.value_type))
    return True


def parquet_bytes(kept: KeptTable, about: Mapping[str, object]) -> bytes:
    """The table as a Parquet file, ``about`` (what wrote it: parameters, counts) in its schema's metadata."""
    pa = require_pyarrow()
    import pyarrow.parquet as pq

    table = kept.table
    metadata = dict(table.schema.metadata or {})
    if kept.as_json_text:  # pandas' and Hugging Face's own descriptions of the columns' types no longer hold
        metadata = {k: v for k, v in metadata.items() if k not in _TYPES_METADATA}
    metadata[METADATA_KEY] = json.dumps(about, sort_keys=True).encode()
    sink = pa.BufferOutputStream()
    try:
        pq.write_table(table.replace_schema_metadata(metadata), sink)
    except (pa.ArrowException, ValueError) as exc:  # a type Parquet has no layout for (a struct of no fields)
        raise DedupError(f"cannot write the records as Parquet: {' '.join(str(exc).split())}; use --format jsonl") \
            from None
    return bytes(sink.getvalue())


def require_pyarrow() -> Any:
    """pyarrow, which Parquet output needs; raises DedupError, saying how to install it, where it is missing."""
    try:
        import pyarrow
    except ImportError:
        raise DedupError("--format parquet needs pyarrow: pip install 'article-dedup[parquet]'") from None
    return pyarrow


def _record(document: Document) -> dict[str, object]:
    """The record as read (its line of JSON), or a document of its own's ``id``, ``title`` and ``text``."""
    if document.source is None:
        return {"id": document.id, "title": document.title, "text": document.text}
    record = json.loads(document.source)  # not orjson, which reads an integer beyond 64 bits as a float
    return record if isinstance(record, dict) else {"text": record}  # JSON Lines of strings


def _records_table(pa: Any, records: list[dict[str, object]]) -> tuple[pyarrow.Table, list[str]]:
    """Records as a table: every field any of them has, in the order first seen (pyarrow's own ``from_pylist``
    takes the first record's fields only).  A field is JSON text where pyarrow cannot type its values, and where
    the typed values would not read back as written (checked, not trusted: a conversion made silently would
    change the dataset)."""
    names = list(dict.fromkeys(name for record in records for name in record))
    columns, mixed = [], []
    for name in names:
        values = [record.get(name) for record in records]
        try:
            column = pa.array(values)
            typed = pa.types.is_string(column.type) or _canonical(column.to_pylist()) == _canonical(values)
        except (pa.ArrowException, OverflowError, ValueError, TypeError):
            typed = False
        if not typed:
            column = _json_text(pa, values)
            mixed.append(name)
        columns.append(column)
    return pa.table(columns, names=names), mixed


def _canonical(value: object) -> object:
    """``value`` as compared after a trip through Arrow: a number by its value (1 and 1.0 alike), never a bool
    as a number, an object's keys in any order, a key whose value is null as no key (a struct's missing field)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value if value is None else (type(value).__name__, value)
    if isinstance(value, float) and value.is_integer():
        return ("number", int(value))
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, list):
        return ("list", tuple(_canonical(v) for v in value))
    if isinstance(value, dict):
        return ("object", tuple(sorted((str(k), _canonical(v)) for k, v in value.items() if v is not None)))
    return ("other", repr(value))


def _json_text(pa: Any, values: list[object]) -> pyarrow.Array:
    return pa.array([None if value is None else _as_json(value) for value in values], pa.string())


def _as_json_column(pa: Any, table: pyarrow.Table, name: str) -> pyarrow.Table:
    """``table`` with its column ``name`` as JSON text."""
    k = table.column_names.index(name)
    return table.set_column(k, name, _json_text(pa, table.column(k).to_pylist()))


def _as_json(value: object) -> str:
    """``value`` as JSON text read back to the same value: an infinity or NaN as ``Infinity`` or ``NaN``, as the
    JSON it was read from had it (and as Python's json and pandas read it), not as null; a date of a table's
    column as ISO 8601 (:func:`records.record_json`)."""
    try:
        return json.dumps(value, separators=(",", ":"))
    except TypeError:  # a value JSON has no type for: a column's date, decimal or bytes
        return record_json(value)


def _one_schema(pa: Any, pieces: list[tuple[pyarrow.Table, list[str]]]) -> tuple[list[pyarrow.Table], list[str]]:
    """The pieces, each field that no one type can hold across them (int64 in one file, text in another) as JSON
    text in all (where a piece's is not already); fields of types one can hold (int32 and int64, a field missing
    from some) are left to ``concat_tables`` to widen."""
    fields: dict[str, list[pyarrow.Field]] = {}
    for piece, _ in pieces:
        for f in piece.schema:
            fields.setdefault(f.name, []).append(f)
    mixed = []
    for name, found in fields.items():
        try:
            pa.unify_schemas([pa.schema([f]) for f in found], promote_options="permissive")
        except (pa.ArrowException, TypeError):
            mixed.append(name)
    changed = []
    for piece, as_text in pieces:
        for name in mixed:
            if name in piece.column_names and name not in as_text:
                piece = _as_json_column(pa, piece, name)
        changed.append(piece)
    return changed, mixed
