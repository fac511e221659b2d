"""Cheap pair evidence for many candidate pairs at once, as sparse row products.

LSH proposes tens of candidates per document on template-heavy wires (Reuters
earnings tables); scoring each in Python cost ~30 us of dict look-ups.  Here each
document is a sparse row (shingles, TF-IDF terms, lead terms, rare terms) and the
evidence for a whole batch of pairs is a handful of row-wise dot products.
scipy is already installed with datasketch, which uses it to pick LSH bands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace

import numpy as np
from scipy import sparse

from .analysis import Profile
from .arrays import rowwise_dot, unique_with_inverse

__all__ = ["CheapScores", "FeatureMatrices"]

#: A feature matrix, made when asked for.
Matrix = Callable[[], sparse.csr_matrix]


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
    rare_words: np.ndarray  # those of the shared rare terms that are not figures
    specific_terms: np.ndarray
    specific_containment: np.ndarray  # shared specific terms / those of the side with fewer
    lead_facts: np.ndarray  # share of a lead's names and figures found in the other text (the better side)

    def rows(self, kept: np.ndarray) -> CheapScores:
        """The scores of the pairs ``kept`` selects (a mask or indices)."""
        return CheapScores(**{f.name: getattr(self, f.name)[kept] for f in fields(self)})


def _shared(matrix: sparse.csr_matrix, reference: sparse.csr_matrix | None = None) -> sparse.csr_matrix:
    """``matrix`` on the columns two or more rows of ``reference`` (default: ``matrix``) use: no pair product
    needs the others.

    Most shingles and many terms belong to a single document; dropping them makes
    every row product below several times cheaper and changes no result.
    """
    reference = matrix if reference is None else reference
    used = np.flatnonzero(np.bincount(reference.indices, minlength=reference.shape[1]) >= 2)
    kept = matrix[:, used]
    kept.sort_indices()
    return kept


def _shared_shingles(profiles: Sequence[Profile], texts: np.ndarray) -> sparse.csr_matrix:
    """Binary rows over the shingles two or more documents hold, columns in hash order: what ``_shared`` makes
    of every document's shingles, without the matrix of them all.  A profile's shingles are distinct and
    ascending (``Fingerprinter.shingle_sets``), so each row's columns come in order.  Documents giving one
    text (``texts``: which each gives) share its row: each text is read once, counted as often as it is given."""
    if not len(profiles):
        return sparse.csr_matrix((0, 0))
    _, first = np.unique(texts, return_index=True)  # texts are numbered in order of first use
    own = [profiles[i] for i in first.tolist()]
    sizes = np.array([p.shingles.size for p in own], dtype=np.int64)
    ends = np.cumsum(sizes)
    flat = np.concatenate([p.shingles for p in own])
    distinct, column = unique_with_inverse(flat)
    del flat
    given = np.bincount(texts, minlength=len(own))[np.repeat(np.arange(len(own)), sizes)]
    shared = np.bincount(column, weights=given, minlength=len(distinct)) >= 2
    kept = shared[column]
    indptr = np.zeros(len(own) + 1, dtype=np.int64)
    indptr[1:] = np.r_[0, np.cumsum(kept)][ends]  # shared shingles up to each row's end
    columns = (np.cumsum(shared) - 1)[column[kept]]  # a shared shingle's rank among the shared ones
    rows = sparse.csr_matrix((np.ones(len(columns), dtype=np.float64), columns, indptr),
                             shape=(len(own), int(np.count_nonzero(shared))))
    return rows if len(own) == len(profiles) else rows[texts]


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
    rare_words: sparse.csr_matrix  # binary: those of them that are not figures
    specific: sparse.csr_matrix  # binary: non-numeric terms specific for the corpus's size (is_specific)
    specific_counts: np.ndarray  # specific terms per document (the matrices keep shared columns only)
    lead_facts: sparse.csr_matrix  # binary: names and figures of each document's lead
    present: sparse.csr_matrix  # binary: every term of each document (same columns as lead_facts)
    lead_fact_counts: np.ndarray

    @classmethod
    def build(cls, profiles: Sequence[Profile], texts: np.ndarray, *, tfidf: Matrix, count_tfidf: Matrix,
              lead: Matrix, rare: Matrix, rare_words: Matrix, specific: Matrix, lead_facts: Matrix,
              present: Matrix) -> FeatureMatrices:
        """``tfidf``, ``count_tfidf`` and ``lead`` make unit rows; the others binary ones, over the same terms.

        Each matrix is made when it is needed and cut to its shared columns at once: one full matrix is held
        at a time, not all seven (300 MiB less at the peak of building them for 55,000 texts)."""
        specific_full = specific()
        specific_counts, specific_kept = np.diff(specific_full.indptr), _shared(specific_full)
        del specific_full
        present_full = present()
        lead_facts_full = lead_facts()
        lead_fact_counts = np.diff(lead_facts_full.indptr)
        lead_facts_kept, present_kept = _shared(lead_facts_full, present_full), _shared(present_full)
        del present_full, lead_facts_full
        return cls(
            shingles=_shared_shingles(profiles, texts),
            shingle_counts=np.array([p.shingles.size for p in profiles], dtype=np.int64),
            tfidf=_shared(tfidf()),
            count_tfidf=_shared(count_tfidf()),
            lead=_shared(lead()),
            rare=_shared(rare()),
            rare_words=_shared(rare_words()),
            specific=specific_kept,
            specific_counts=specific_counts,
            lead_facts=lead_facts_kept,
            present=present_kept,
            lead_fact_counts=lead_fact_counts,
        )

    @classmethod
    def empty(cls, documents: int) -> FeatureMatrices:
        """No columns: what a corpus keeps once no pair is to be scored (``Corpus.drop_pair_evidence``)."""
        none = sparse.csr_matrix((documents, 0), dtype=np.float64)
        counts = np.zeros(documents, dtype=np.int64)
        return cls(shingles=none, shingle_counts=counts, tfidf=none, count_tfidf=none, lead=none, rare=none,
                   rare_words=none,
                   specific=none, specific_counts=counts, lead_facts=none, present=none, lead_fact_counts=counts)

    def scores(self, pairs: np.ndarray, *, cosines: bool = True) -> CheapScores:
        """Evidence for every ``(i, j)`` row of ``pairs``.

        Without ``cosines`` the TF-IDF cosines and lead facts are left at infinity, an
        upper bound for screening many pairs before the costlier products (:meth:`with_cosines`).
        """
        left, right = pairs[:, 0], pairs[:, 1]
        inter = rowwise_dot(self.shingles, left, right)
        size_a, size_b = self.shingle_counts[left], self.shingle_counts[right]
        union = size_a + size_b - inter

        def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
            return np.divide(num, den, out=np.zeros(len(num)), where=den > 0)

        specific = rowwise_dot(self.specific, left, right).round().astype(np.int64)
        fewer = np.minimum(self.specific_counts[left], self.specific_counts[right])
        unknown = np.full(len(pairs), np.inf)
        screening = CheapScores(
            shared_shingles=inter.round().astype(np.int64),
            jaccard=ratio(inter, union),
            containment_a=ratio(inter, size_a),
            containment_b=ratio(inter, size_b),
            cosine=unknown,
            lead_cosine=unknown,
            count_cosine=unknown,
            rare_terms=rowwise_dot(self.rare, left, right).round().astype(np.int64),
            rare_words=rowwise_dot(self.rare_words, left, right).round().astype(np.int64),
            specific_terms=specific,
            specific_containment=np.where(fewer > 0, specific / np.maximum(fewer, 1), 1.0),
            lead_facts=unknown,
        )
        return self.with_cosines(pairs, screening) if cosines else screening

    def with_cosines(self, pairs: np.ndarray, screening: CheapScores) -> CheapScores:
        """``screening``, the scores of ``pairs`` without cosines, completed: the pairs a screen keeps are not
        scored again from the start (3,000 copies of one story keep 480,000 of 520,000 candidates)."""
        left, right = pairs[:, 0], pairs[:, 1]
        return replace(
            screening,
            cosine=rowwise_dot(self.tfidf, left, right),
            lead_cosine=rowwise_dot(self.lead, left, right),
            count_cosine=rowwise_dot(self.count_tfidf, left, right),
            lead_facts=self._lead_facts(left, right),
        )

    def count_cosines(self, pairs: np.ndarray) -> np.ndarray:
        """The ``count_cosine`` of each pair alone, to the bits :meth:`with_cosines` gives."""
        return rowwise_dot(self.count_tfidf, pairs[:, 0], pairs[:, 1])

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
