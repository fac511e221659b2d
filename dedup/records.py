"""What a record or a text holds: fields by dotted name, markup, escaped characters, broken escapes.

Exports and feeds bend the formats they use: a news API nests its article ("article.body"), a
content system stores a body as HTML, a feed leaves "caf&#233;" escaped, a broken exporter writes
half a UTF-16 surrogate pair ("\\udc00").  These helpers say what a reader should make of each.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping
from datetime import date, time
from typing import cast

import orjson

__all__ = ["field_value", "has_lone_surrogate", "holds_json_lines", "is_markup", "keyed_records", "record_json",
           "records_inside", "unescaped", "without_lone_surrogates"]

#: A web page on stdin opens with its doctype, its root element or a comment.
_HTML_START = re.compile(r"<(?:!doctype\s+html|html[\s>]|!--)", re.IGNORECASE)

#: A body as a content system stores it: opening with an element ("<p>", "<div class=...>", not a wire story's
#: "<Strong Point Inc> said", whose name has no attributes), or closing two paragraphs or breaking two lines
#: in its first 20,000 characters.
_FRAGMENT_START = re.compile(
    r"<(?:p|div|h[1-6]|article|section|header|main|span|a|ul|ol|li|blockquote|figure|table|img|br|strong|em|b|i)"
    r"(?:\s*/?>|\s+[\w:-]+\s*=)", re.IGNORECASE)

_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6])\s*>|<br\s*/?>", re.IGNORECASE)

_FRAGMENT_SCAN_CHARS = 20_000

#: A character reference in text that is not markup ("caf&#233;", "Q&amp;A"): what a feed or an export left
#: escaped.  Whole references only: html.unescape alone would read "&copyright" as "\u00a9right".
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")

#: Half of a UTF-16 pair, which JSON can escape ("\\udc00") but is no character: nothing can write it out.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def holds_json_lines(head: bytes) -> bool:
    """Whether a file's first bytes are JSON Lines: a whole object on the first line, and more after it."""
    first, _, rest = head.lstrip().partition(b"\n")
    if not first.startswith(b"{") or not rest.strip():
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:  # also a line that is not UTF-8: left to the JSON reader to report
        return False


#: How deep in an API response its list of records is looked for: {"articles": [...]} (NewsAPI) is one level,
#: {"hits": {"hits": [...]}} (Elasticsearch) two.
_WRAPPED_DEPTH = 3


def records_inside(data: Mapping[str, object], text_field: str) -> list[object] | None:
    """The records of an API response that wraps them and is no record itself: the one list of objects
    carrying ``text_field`` within a few levels of it.  None where there is no such list, or more than one
    (a record's own lists, of authors or images, carry no text)."""
    found: list[list[object]] = []

    def look(value: object, depth: int) -> None:
        if isinstance(value, list):
            if any(isinstance(item, dict) and field_value(item, text_field) is not None for item in value):
                found.append(value)
        elif isinstance(value, dict) and depth < _WRAPPED_DEPTH:
            for inner in value.values():
                look(inner, depth + 1)

    for value in data.values():
        look(value, 1)
    return found[0] if len(found) == 1 else None


def _carries(record: object, name: str) -> bool:
    return isinstance(record, dict) and (name in record or field_value(record, name) is not None)


def keyed_records(data: Mapping[str, object], text_field: str) -> list[tuple[str, dict[str, object]]] | None:
    """The records of a JSON object that names each one by a key, with their keys, in the file's order; None
    where ``data`` is no such object.

    Three layouts: each value a record carrying ``text_field`` (``{"url1": {...}, "url2": {...}}``, pandas'
    ``to_json(orient="index")``); a column a value, ``text_field``'s a mapping of row keys to texts
    (``{"id": {"0": ...}, "text": {"0": ...}}``: pandas' ``DataFrame.to_json()`` as it writes by default); and
    pandas' ``orient="split"``, ``{"columns": [...], "index": [...], "data": [[...], ...]}``.
    """
    names, rows, index = data.get("columns"), data.get("data"), data.get("index")
    if isinstance(names, list) and text_field in names and isinstance(rows, list) and all(
            isinstance(row, list) and len(row) == len(names) for row in rows):
        keys = index if isinstance(index, list) and len(index) == len(rows) else range(len(rows))
        return [(str(key), dict(zip(names, row))) for key, row in zip(keys, rows)]
    if not data or not all(isinstance(value, dict) for value in data.values()):
        return None
    column = data.get(text_field)
    if isinstance(column, dict) and column and all(isinstance(v, str) or v is None for v in column.values()):
        columns = cast(Mapping[str, Mapping[str, object]], data)
        return [(key, {name: values.get(key) for name, values in columns.items()}) for key in column]
    if all(_carries(value, text_field) for value in data.values()):
        return [(key, cast(dict[str, object], value)) for key, value in data.items()]
    return None


def field_value(record: Mapping[str, object], name: str) -> object:
    """A record's field; a dotted name ("article.body") reaches into nested objects when no key is the name."""
    if name in record or "." not in name:
        return record.get(name)
    value: object = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def record_json(record: object) -> str:
    """A record of any format (or one of its values) as one line of JSON, its fields in their order: a table's
    dates and times as ISO 8601, bytes as text, other values a table may hold (decimals) as their strings, a missing
    float (NaN) as null.
    An integer beyond 64 bits, half a surrogate pair or more than 254 levels of nesting, which orjson refuses, is
    written as Python's json does.  Raises RecursionError for a record nested deeper than Python's json can go."""
    try:
        return orjson.dumps(record, default=_plain).decode()
    except orjson.JSONEncodeError:
        pass
    try:
        return json.dumps(record, default=_plain, allow_nan=False)
    except ValueError:  # NaN or an infinity, which JSON has no word for
        return json.dumps(_finite(record), default=_plain)


def _finite(value: object) -> object:
    """``value`` with null for each NaN or infinity, which JSON has no word for (orjson's reading of them)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _plain(value: object) -> object:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, (date, time)):  # a subclass orjson does not take (pandas' Timestamp): datetime is a date
        return value.isoformat()
    return str(value)


def unescaped(text: str) -> str:
    """``text`` with its character references read ("&#233;" is "\u00e9"; an unknown name stays as written)."""
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), text)


def is_markup(text: str) -> bool:
    """A page as fetched, or an HTML body as a content system exports it: read as a page, not as text whose
    tags and attributes ("href", "class") would count as words."""
    if "<" not in text:  # most texts: a scan in C before any expression
        return False
    start = text.lstrip("\ufeff \t\r\n\f\v")
    if _HTML_START.match(start) or _FRAGMENT_START.match(start):
        return True
    return len(_BLOCK_END.findall(text, 0, _FRAGMENT_SCAN_CHARS)) >= 2


def has_lone_surrogate(text: str) -> bool:
    # An ASCII string, which CPython knows without a scan, holds none: most records are looked at once.
    return not text.isascii() and _LONE_SURROGATE.search(text) is not None


def without_lone_surrogates(text: str) -> str:
    """``text`` with U+FFFD for each half of a surrogate pair, which no encoder can write out."""
    return _LONE_SURROGATE.sub("\ufffd", text)
