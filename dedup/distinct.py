"""A corpus with its copies left out: what ``dedup filter`` writes.

A dataset builder wants the dataset back, each report once, not a list of ids to join against it: each
cluster keeps one member, the cleanest (fewest site lines), and a document in no cluster is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Document
from .pipeline import ScanResult
from .records import record_json
from .report import ClusterReport, MemberReport

__all__ = ["Distinct", "distinct_documents", "document_record", "kept_member"]


@dataclass(frozen=True)
class Distinct:
    """The documents kept, in reading order; how many were left out (the clusters' other members), of how many
    clusters."""

    kept: list[Document]
    left_out: int
    clusters: int


def distinct_documents(result: ScanResult) -> Distinct:
    """One member of each cluster (:func:`kept_member`) and every document in no cluster, in the order they were
    read (by path, then line: the same order whatever order the paths were named in)."""
    kept_ids = {kept_member(c).id for c in result.clusters}
    left_out = {m.id for c in result.clusters for m in c.documents if m.id not in kept_ids}
    kept = sorted((d for d in result.documents if d.id not in left_out), key=lambda d: (d.path, d.line or 0, d.id))
    return Distinct(kept, len(left_out), len(result.clusters))


def kept_member(cluster: ClusterReport) -> MemberReport:
    """The version worth keeping: the one with the fewest site lines (boilerplate: lines that recur across unrelated
    documents), as the original is before outlets wrap it in their chrome; of those, the canonical (the best
    connected), else the longest.  The canonical alone, often a trimmed copy at the centre of its copies, is the
    generator's source in two clusters of three; this member in 98% (README, Commands)."""
    fewest = min(len(m.boilerplate) for m in cluster.documents)
    clean = [m for m in cluster.documents if len(m.boilerplate) == fewest]
    canonical = next((m for m in clean if m.role == "canonical"), None)
    return canonical or min(clean, key=lambda m: (-m.words, m.id))


def document_record(document: Document) -> str:
    """One line of JSON Lines: the record as it was read (a JSON Lines line unchanged, every field of a JSON, table or
    feed record), or, for any other document (a file of its own), its ``id``, ``title`` and ``text``."""
    if document.source is not None:
        return document.source
    return record_json({"id": document.id, "title": document.title, "text": document.text})
