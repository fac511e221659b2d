"""Cheap pair evidence for many candidate pairs at once, as sparse row products.

LSH proposes tens of candidates per document on template-heavy wires (Reuters
earnings tables); scoring each in Python cost ~30 us of dict look-ups.  Here each
document is a sparse row (shingles, TF-IDF terms, lead terms, rare terms) and the
evidence for a whole batch of pairs is a handful of row-wise dot products.
scipy is already installed with datasketch, which uses it to pick LSH bands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .analysis import Profile

__all__ = ["CheapScores", "FeatureMatrices"]

_BATCH = 65536


@dataclass(frozen=True)
class CheapScores:
    """Evidence for ``len(pairs)`` pairs, one array per measure (same order as the pairs)."""

    shared_shingles: np.ndarray
    jaccard: np.ndarray
    containment_a: np.ndarray
    containment_b: np.ndarray
    cosine: np.ndarray
    lead_cosine: np.ndarray
    rare_terms: np.ndarray
    specific_terms: np.ndarray
    specific_containment: np.ndarray  # shared specific terms / those of the side with fewer


def _rows(entries: Sequence[dict[str, float]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """One sparse row per dict of term -> value, columns from a shared vocabulary."""
    indptr = np.zeros(len(entries) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in entries], out=indptr[1:])
    setdefault = vocabulary.setdefault
    columns = np.fromiter((setdefault(t, len(vocabulary)) for e in entries for t in e), dtype=np.int64,
                          count=int(indptr[-1]))
    values = np.fromiter((v for e in entries for v in e.values()), dtype=np.float64, count=int(indptr[-1]))
    return sparse.csr_matrix((values, columns, indptr), shape=(len(entries), max(len(vocabulary), 1)))


def _pad(matrix: sparse.csr_matrix, width: int) -> sparse.csr_matrix:
    matrix.resize((matrix.shape[0], width))
    return matrix


def _rowwise_dot(matrix: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    out = np.empty(len(left), dtype=np.float64)
    for start in range(0, len(left), _BATCH):
        a = matrix[left[start : start + _BATCH]]
        b = matrix[right[start : start + _BATCH]]
        out[start : start + _BATCH] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


@dataclass(frozen=True)
class FeatureMatrices:
    """Each document as sparse rows; built once per scan, read-only afterwards."""

    shingles: sparse.csr_matrix  # binary, one column per distinct shingle hash
    shingle_counts: np.ndarray
    tfidf: sparse.csr_matrix  # unit-length rows
    lead: sparse.csr_matrix  # unit-length rows
    rare: sparse.csr_matrix  # binary: terms rare in this corpus and in English
    specific: sparse.csr_matrix  # binary: non-numeric terms specific for the corpus's size (is_specific)

    @classmethod
    def build(cls, profiles: Sequence[Profile], is_rare: Callable[[str], bool],
              is_specific: Callable[[str], bool]) -> FeatureMatrices:
        counts = np.array([p.shingles.size for p in profiles], dtype=np.int64)
        indptr = np.zeros(len(profiles) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        flat = np.concatenate([p.shingles for p in profiles]) if len(profiles) else np.empty(0, np.uint32)
        _, columns = np.unique(flat, return_inverse=True)
        shingles = sparse.csr_matrix(
            (np.ones(len(flat), dtype=np.float64), columns.ravel(), indptr),
            shape=(len(profiles), int(columns.max()) + 1 if len(flat) else 1),
        )
        vocabulary: dict[str, int] = {}
        tfidf = _rows([p.tfidf for p in profiles], vocabulary)
        lead = _rows([p.lead_tfidf for p in profiles], vocabulary)
        rare = _rows([{t: 1.0 for t in p.term_counts if is_rare(t)} for p in profiles], vocabulary)
        # Names and words only: figures have their own check (numbers_agree), and small
        # numbers ("12", "31") collide by chance between unrelated notices.
        specific = _rows([{t: 1.0 for t in p.term_counts if not t.isdigit() and is_specific(t)} for p in profiles],
                         vocabulary)
        width = max(len(vocabulary), 1)
        return cls(shingles, counts, _pad(tfidf, width), _pad(lead, width), _pad(rare, width),
                   _pad(specific, width))

    def scores(self, pairs: np.ndarray) -> CheapScores:
        """Evidence for every ``(i, j)`` row of ``pairs``."""
        left, right = pairs[:, 0], pairs[:, 1]
        inter = _rowwise_dot(self.shingles, left, right)
        size_a, size_b = self.shingle_counts[left], self.shingle_counts[right]
        union = size_a + size_b - inter

        def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
            return np.divide(num, den, out=np.zeros(len(num)), where=den > 0)

        specific = _rowwise_dot(self.specific, left, right).round().astype(np.int64)
        per_document = np.diff(self.specific.indptr)
        fewer = np.minimum(per_document[left], per_document[right])
        return CheapScores(
            shared_shingles=inter.round().astype(np.int64),
            jaccard=ratio(inter, union),
            containment_a=ratio(inter, size_a),
            containment_b=ratio(inter, size_b),
            cosine=_rowwise_dot(self.tfidf, left, right),
            lead_cosine=_rowwise_dot(self.lead, left, right),
            rare_terms=_rowwise_dot(self.rare, left, right).round().astype(np.int64),
            specific_terms=specific,
            specific_containment=np.where(fewer > 0, specific / np.maximum(fewer, 1), 1.0),
        )
