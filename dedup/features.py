"""Cheap pair evidence for many candidate pairs at once, as sparse row products.

LSH proposes tens of candidates per document on template-heavy wires (Reuters
earnings tables); scoring each in Python cost ~30 us of dict look-ups.  Here each
document is a sparse row (shingles, TF-IDF terms, lead terms, rare terms) and the
evidence for a whole batch of pairs is a handful of row-wise dot products.
scipy is already installed with datasketch, which uses it to pick LSH bands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

import numpy as np
from scipy import sparse

from .analysis import Profile
from .arrays import rowwise_dot, unique_with_inverse

__all__ = ["CheapScores", "FeatureMatrices"]


@dataclass(frozen=True)
class CheapScores:
    """Evidence for ``len(pairs)`` pairs, one array per measure (same order as the pairs)."""

    shared_shingles: np.ndarray
    jaccard: np.ndarray
    containment_a: np.ndarray
    containment_b: np.ndarray
    cosine: np.ndarray
    lead_cosine: np.ndarray
    count_cosine: np.ndarray  # TF-IDF cosine of word stems with raw counts: a link's reported score
    rare_terms: np.ndarray
    specific_terms: np.ndarray
    specific_containment: np.ndarray  # shared specific terms / those of the side with fewer
    lead_facts: np.ndarray  # share of a lead's names and figures found in the other text (the better side)

    def rows(self, kept: np.ndarray) -> CheapScores:
        """The scores of the pairs ``kept`` selects (a mask or indices)."""
        return CheapScores(**{f.name: getattr(self, f.name)[kept] for f in fields(self)})


def _on_shared_columns(reference: sparse.csr_matrix, *matrices: sparse.csr_matrix) -> list[sparse.csr_matrix]:
    """``matrices`` on the columns two or more rows of ``reference`` use: no pair product needs the others.

    Most shingles and many terms belong to a single document; dropping them makes
    every row product below several times cheaper and changes no result.
    """
    used = np.flatnonzero(np.bincount(reference.indices, minlength=reference.shape[1]) >= 2)
    kept = [matrix[:, used] for matrix in matrices]
    for matrix in kept:
        matrix.sort_indices()
    return kept


def _shared_columns(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    return _on_shared_columns(matrix, matrix)[0]



@dataclass(frozen=True)
class FeatureMatrices:
    """Each document as sparse rows; built once per scan, read-only afterwards.

    Only columns shared by two or more documents are kept: the rest never add to a
    pair's products.  Per-document totals are kept beside them.
    """

    shingles: sparse.csr_matrix  # binary, one column per distinct shingle hash
    shingle_counts: np.ndarray
    tfidf: sparse.csr_matrix  # unit-length rows
    count_tfidf: sparse.csr_matrix  # unit-length rows over word stems, raw counts as tf
    lead: sparse.csr_matrix  # unit-length rows
    rare: sparse.csr_matrix  # binary: terms rare in this corpus and in English
    specific: sparse.csr_matrix  # binary: non-numeric terms specific for the corpus's size (is_specific)
    specific_counts: np.ndarray  # specific terms per document (the matrices keep shared columns only)
    lead_facts: sparse.csr_matrix  # binary: names and figures of each document's lead
    present: sparse.csr_matrix  # binary: every term of each document (same columns as lead_facts)
    lead_fact_counts: np.ndarray

    @classmethod
    def build(cls, profiles: Sequence[Profile], tfidf: sparse.csr_matrix, count_tfidf: sparse.csr_matrix,
              lead: sparse.csr_matrix, rare: sparse.csr_matrix, specific: sparse.csr_matrix,
              lead_facts: sparse.csr_matrix, present: sparse.csr_matrix) -> FeatureMatrices:
        """``tfidf``, ``count_tfidf`` and ``lead`` have unit rows; the others are binary, over the same terms."""
        counts = np.array([p.shingles.size for p in profiles], dtype=np.int64)
        indptr = np.zeros(len(profiles) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        flat = np.concatenate([p.shingles for p in profiles]) if len(profiles) else np.empty(0, np.uint32)
        _, columns = unique_with_inverse(flat)
        shingles = sparse.csr_matrix(
            (np.ones(len(flat), dtype=np.float64), columns.ravel(), indptr),
            shape=(len(profiles), int(columns.max()) + 1 if len(flat) else 1),
        )
        lead_facts_kept, present_kept = _on_shared_columns(present, lead_facts, present)
        return cls(_shared_columns(shingles), counts, _shared_columns(tfidf), _shared_columns(count_tfidf),
                   _shared_columns(lead), _shared_columns(rare), _shared_columns(specific),
                   np.diff(specific.indptr), lead_facts_kept, present_kept, np.diff(lead_facts.indptr))

    def scores(self, pairs: np.ndarray, *, cosines: bool = True) -> CheapScores:
        """Evidence for every ``(i, j)`` row of ``pairs``.

        Without ``cosines`` the TF-IDF cosines and lead facts are left at infinity, an
        upper bound for screening many pairs before the costlier products.
        """
        left, right = pairs[:, 0], pairs[:, 1]
        inter = rowwise_dot(self.shingles, left, right)
        size_a, size_b = self.shingle_counts[left], self.shingle_counts[right]
        union = size_a + size_b - inter

        def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
            return np.divide(num, den, out=np.zeros(len(num)), where=den > 0)

        def unless_screening(measure: Callable[[], np.ndarray]) -> np.ndarray:
            return measure() if cosines else np.full(len(pairs), np.inf)

        specific = rowwise_dot(self.specific, left, right).round().astype(np.int64)
        fewer = np.minimum(self.specific_counts[left], self.specific_counts[right])
        return CheapScores(
            shared_shingles=inter.round().astype(np.int64),
            jaccard=ratio(inter, union),
            containment_a=ratio(inter, size_a),
            containment_b=ratio(inter, size_b),
            cosine=unless_screening(lambda: rowwise_dot(self.tfidf, left, right)),
            lead_cosine=unless_screening(lambda: rowwise_dot(self.lead, left, right)),
            count_cosine=unless_screening(lambda: rowwise_dot(self.count_tfidf, left, right)),
            rare_terms=rowwise_dot(self.rare, left, right).round().astype(np.int64),
            specific_terms=specific,
            specific_containment=np.where(fewer > 0, specific / np.maximum(fewer, 1), 1.0),
            lead_facts=unless_screening(lambda: self._lead_facts(left, right)),
        )

    def _lead_facts(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Share of one lead's names and figures that the other text has; the better of the two sides.

        A lead with fewer than two such facts says nothing and counts as kept.
        """
        kept = []
        for a, b in ((left, right), (right, left)):
            facts = self.lead_fact_counts[a]
            found = rowwise_dot(self.lead_facts, a, b, other=self.present)
            kept.append(np.where(facts >= 2, found / np.maximum(facts, 1), 1.0))
        return np.maximum(*kept)
