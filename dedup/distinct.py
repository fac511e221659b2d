"""A corpus with its copies left out: what ``dedup filter`` writes.

A dataset builder wants the dataset back, each report once, not a list of ids to join against it: each
cluster keeps its canonical (the member the others were verified against, the best-connected and longest),
and a document in no cluster is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Document
from .pipeline import ScanResult
from .records import record_json

__all__ = ["Distinct", "distinct_documents", "document_record"]


@dataclass(frozen=True)
class Distinct:
    """The documents kept, in reading order, and how many each cluster's other members left out."""

    kept: list[Document]
    left_out: int
    clusters: int


def distinct_documents(result: ScanResult) -> Distinct:
    """Each cluster's canonical and every document in no cluster, in the order they were read (by path, then line:
    the same order whatever order the paths were named in)."""
    left_out = {m.id for c in result.clusters for m in c.documents if m.role != "canonical"}
    kept = sorted((d for d in result.documents if d.id not in left_out), key=lambda d: (d.path, d.line or 0, d.id))
    return Distinct(kept, len(left_out), len(result.clusters))


def document_record(document: Document) -> str:
    """One line of JSON Lines: the record as it was read (a JSON Lines line unchanged, every field of a JSON, table or
    feed record), or, for any other document (a file of its own), its ``id``, ``title`` and ``text``."""
    if document.source is not None:
        return document.source
    return record_json({"id": document.id, "title": document.title, "text": document.text})
