"""``--format csv``: one row a document in a cluster (``scan``) or a match (``find``).

For a spreadsheet, or a database's CSV import: the JSON's fields that hold one value each, named as in the JSON;
its lists (sentences, the links' scores) stay in the JSON.  Values are written as they are (no ``'`` put before a
title starting with ``=``): the file is data, and a pipeline reading it back must get the ids it gave.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from .distinct import kept_member
from .find import Finding
from .report import ClusterReport

__all__ = ["FIND_COLUMNS", "SCAN_COLUMNS", "csv_text", "find_rows", "scan_rows"]

SCAN_COLUMNS = ("cluster", "cluster_relation", "cluster_size", "document", "title", "path", "line", "published",
                "language", "role", "kept", "relation", "score", "words", "reason")
FIND_COLUMNS = ("query", "query_title", "document", "title", "path", "line", "relation", "score", "reason")

Row = tuple[object, ...]


def scan_rows(clusters: Iterable[ClusterReport]) -> Iterator[Row]:
    """A row a document of each cluster, in the JSON's order: the canonical first, its relation, score and reason
    empty (it is what the others are verified against)."""
    for c in clusters:
        kept = kept_member(c).id
        for m in c.documents:
            yield (c.id, c.relation, len(c.documents), m.id, m.title, m.path, m.line, m.published, m.language,
                   m.role, m.id == kept, m.relation, m.score, m.words, m.reason)


def find_rows(findings: Iterable[Finding]) -> Iterator[Row]:
    """A row a match, tightest relation first within each query; a query without matches has no row."""
    for f in findings:
        for m in f.matches:
            yield (f.query.id, f.query.title, m.document.id, m.document.title, m.document.path, m.document.line,
                   m.relation, m.link.score, m.link.reason)


def csv_text(columns: Sequence[str], rows: Iterable[Row]) -> str:
    """A header and the rows as RFC 4180 says: lines ended by CRLF, a cell quoted where it holds a comma, a quote or
    a line break (a lone ``\\r`` too, which a line ended by ``\\n`` alone would leave bare, breaking its row); no
    value as an empty cell, true and false as JSON writes them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return out.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
