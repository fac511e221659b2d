"""The corpus's content terms as sparse matrices, so corpus-wide term work is done in bulk.

Document frequencies, TF-IDF rows and each document's top terms were a dict per
document, built in Python: a third of a 5,000-file scan.  Here every document's
term counts are one row of a sparse matrix over a shared vocabulary, and those
statistics are a few array operations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .analysis import Profile, TermWeights

__all__ = ["TermMatrix"]


def _csr(rows: Sequence[dict[str, int]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """One row per dict of term -> count; new terms are added to ``vocabulary``."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    setdefault = vocabulary.setdefault
    columns = np.fromiter((setdefault(t, len(vocabulary)) for r in rows for t in r), dtype=np.int64,
                          count=int(indptr[-1]))
    values = np.fromiter((c for r in rows for c in r.values()), dtype=np.float64, count=int(indptr[-1]))
    return sparse.csr_matrix((values, columns, indptr), shape=(len(rows), max(len(vocabulary), 1)))


def _unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    squares = matrix.multiply(matrix).sum(axis=1).A.ravel()
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


@dataclass(frozen=True)
class TermMatrix:
    """Content-term counts of every document (``counts``) and of its lead (``lead``)."""

    terms: list[str]  # column -> term
    counts: sparse.csr_matrix
    lead: sparse.csr_matrix

    @classmethod
    def build(cls, profiles: Sequence[Profile]) -> TermMatrix:
        vocabulary: dict[str, int] = {}
        counts = _csr([p.term_counts for p in profiles], vocabulary)
        lead = _csr([p.lead_counts for p in profiles], vocabulary)
        width = max(len(vocabulary), 1)
        counts.resize((len(profiles), width))
        lead.resize((len(profiles), width))
        return cls(list(vocabulary), counts, lead)

    def document_frequencies(self, rows: np.ndarray) -> dict[str, int]:
        """How many of ``rows`` use each term (terms none of them use are left out)."""
        df = np.bincount(self.counts[rows].indices, minlength=len(self.terms))
        return {self.terms[k]: int(df[k]) for k in np.flatnonzero(df).tolist()}

    def idf(self, weights: TermWeights) -> np.ndarray:
        return weights.weights(self.terms)

    def present(self, keep: Callable[[str], bool]) -> sparse.csr_matrix:
        """Binary rows: which of the terms ``keep`` accepts each document uses."""
        wanted = np.fromiter(map(keep, self.terms), dtype=bool, count=len(self.terms))
        hit = wanted[self.counts.indices]
        row = np.repeat(np.arange(self.counts.shape[0]), np.diff(self.counts.indptr))[hit]
        return sparse.csr_matrix((np.ones(len(row)), (row, self.counts.indices[hit])), shape=self.counts.shape)

    def tfidf(self, idf: np.ndarray, *, lead: bool = False, sublinear: bool = True) -> sparse.csr_matrix:
        """Unit-length TF-IDF rows, for cosine similarity; tf is ``1 + log(count)`` or the count."""
        return _unit_rows(self._weighted(self.lead if lead else self.counts, idf, sublinear))

    @staticmethod
    def _weighted(counts: sparse.csr_matrix, idf: np.ndarray, sublinear: bool = True) -> sparse.csr_matrix:
        tf = 1.0 + np.log(counts.data) if sublinear else counts.data
        return sparse.csr_matrix((tf * idf[counts.indices], counts.indices.copy(), counts.indptr.copy()),
                                 shape=counts.shape)

    def top_terms(self, idf: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
        """Each document's ``count`` highest-TF-IDF terms, ties by term: ``(indptr, columns)``."""
        weighted = self._weighted(self.counts, idf)  # the row norm does not change the order
        row = np.repeat(np.arange(weighted.shape[0]), np.diff(weighted.indptr))
        alphabetical = np.empty(len(self.terms), dtype=np.int64)
        alphabetical[np.argsort(np.array(self.terms, dtype=object), kind="stable")] = np.arange(len(self.terms))
        order = np.lexsort((alphabetical[weighted.indices], -weighted.data, row))
        rank = np.arange(len(order)) - weighted.indptr[row[order]]
        chosen = order[rank < count]
        kept = np.bincount(row[chosen], minlength=weighted.shape[0])
        indptr = np.zeros(weighted.shape[0] + 1, dtype=np.int64)
        np.cumsum(kept, out=indptr[1:])
        return indptr, weighted.indices[chosen]
