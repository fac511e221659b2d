"""The corpus's content terms as sparse matrices, so corpus-wide term work is done in bulk.

Document frequencies, TF-IDF rows and each document's top terms were a dict per
document, built in Python: a third of a 5,000-file scan.  Here every document's
term counts are one row of a sparse matrix over a shared vocabulary, and those
statistics are a few array operations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import xxhash
from scipy import sparse

from .arrays import unique_with_inverse
from .normalize import STOPWORDS, is_content_term

if TYPE_CHECKING:
    from .analysis import TermWeights

__all__ = ["LEAD_WORDS", "ChunkTerms", "StemWeights", "TermMatrix"]

#: Headline and first paragraph: where a news report states its event.
LEAD_WORDS = 80
_TERM_SEED = 0x7E57


@dataclass(frozen=True)
class ChunkTerms:
    """Content-term counts of a run of documents, over the run's own vocabulary.

    Made where the documents are profiled (a worker process), so only arrays and
    one vocabulary per run travel back, and runs merge by the terms' 64-bit hashes.
    """

    vocabulary: list[str]  # local column -> term, in order of first use
    hashes: np.ndarray  # xxh64 of each vocabulary term
    indptr: np.ndarray
    columns: np.ndarray
    counts: np.ndarray
    lead_indptr: np.ndarray
    lead_columns: np.ndarray
    lead_counts: np.ndarray

    @classmethod
    def count(cls, texts: Sequence[list[str]]) -> ChunkTerms:
        """Terms (words of two letters or more, no stopwords: :func:`dedup.normalize.is_content_term`) of each
        word list, and of its lead."""
        vocabulary: dict[str, int] = {}
        column_of = vocabulary.setdefault
        full: tuple[list[int], list[int], list[int]] = ([], [], [])  # columns, counts, row sizes
        lead: tuple[list[int], list[int], list[int]] = ([], [], [])
        for words in texts:
            counts = Counter(words)
            # In order of first use; is_content_term inlined for the ASCII words that are most of a corpus's.
            terms = [w for w in counts if (len(w) > 1 and w not in STOPWORDS) if w.isascii() or is_content_term(w)]
            full[0].extend([column_of(t, len(vocabulary)) for t in terms])
            full[1].extend([counts[t] for t in terms])
            full[2].append(len(terms))
            kept = set(terms)  # the lead's terms are the text's: the rule is not applied twice
            opening = Counter(w for w in words[:LEAD_WORDS] if w in kept)
            lead[0].extend([vocabulary[t] for t in opening])
            lead[1].extend(opening.values())
            lead[2].append(len(opening))
        terms = list(vocabulary)
        hashes = np.fromiter((xxhash.xxh64_intdigest(t.encode("utf-8"), _TERM_SEED) for t in terms),
                             dtype=np.uint64, count=len(terms))
        return cls(terms, hashes, *_arrays(*full), *_arrays(*lead))


def _arrays(columns: list[int], counts: list[int], sizes: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    indptr = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=indptr[1:])
    return indptr, np.array(columns, dtype=np.int64), np.array(counts, dtype=np.float64)


def _unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    squares = matrix.multiply(matrix).sum(axis=1).A.ravel()
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def _stack(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]], width: int) -> sparse.csr_matrix:
    """CSR rows of several runs, one after another (columns already global)."""
    if not parts:
        return sparse.csr_matrix((0, width))
    pieces = [parts[0][0]]
    for part in parts[1:]:
        pieces.append(part[0][1:] + pieces[-1][-1])
    indptr = np.concatenate(pieces)
    return sparse.csr_matrix((np.concatenate([p[2] for p in parts]), np.concatenate([p[1] for p in parts]),
                              indptr), shape=(len(indptr) - 1, width))


@dataclass(frozen=True)
class StemWeights:
    """Each word stem's weight: the IDF of its commonest word in the corpus ("bank", "banks")."""

    stems: np.ndarray  # stem hashes, ascending
    weights: np.ndarray

    @classmethod
    def of(cls, idf: np.ndarray, stems: np.ndarray) -> StemWeights:
        """From each term's ``idf`` and ``stems`` (its stem's hash)."""
        distinct, column = unique_with_inverse(stems)
        weights = np.full(len(distinct), np.inf)
        np.minimum.at(weights, column, idf)
        return cls(distinct, weights)

    def overriding(self, own: StemWeights) -> StemWeights:
        """``own`` (the stems of a few of the corpus's texts), weighed as here wherever these stems are known."""
        if not len(self.stems):
            return own
        at = np.minimum(np.searchsorted(self.stems, own.stems), len(self.stems) - 1)
        return StemWeights(own.stems, np.where(self.stems[at] == own.stems, self.weights[at], own.weights))


@dataclass(frozen=True)
class TermMatrix:
    """Content-term counts of every document (``counts``) and of its lead (``lead``)."""

    terms: list[str]  # column -> term, in order of first use across the documents
    counts: sparse.csr_matrix
    lead: sparse.csr_matrix

    @classmethod
    def build(cls, chunks: Sequence[ChunkTerms]) -> TermMatrix:
        """One matrix from runs profiled apart; columns in order of first use, as one pass would give."""
        hashes = np.concatenate([c.hashes for c in chunks]) if chunks else np.empty(0, dtype=np.uint64)
        strings = [t for c in chunks for t in c.vocabulary]
        distinct, inverse = unique_with_inverse(hashes)
        first = np.full(len(distinct), len(hashes), dtype=np.int64)
        np.minimum.at(first, inverse, np.arange(len(hashes)))
        by_first_use = np.argsort(first, kind="stable")
        column = np.empty(len(distinct), dtype=np.int64)
        column[by_first_use] = np.arange(len(distinct))
        global_column = column[inverse]
        width = max(len(distinct), 1)
        full, lead = [], []
        offset = 0
        for c in chunks:
            local = global_column[offset : offset + len(c.vocabulary)]
            full.append((c.indptr, local[c.columns], c.counts))
            lead.append((c.lead_indptr, local[c.lead_columns], c.lead_counts))
            offset += len(c.vocabulary)
        terms = [strings[k] for k in first[by_first_use].tolist()]
        return cls(terms, _stack(full, width), _stack(lead, width))

    def with_rows(self, rows: np.ndarray) -> TermMatrix:
        """The matrix whose row ``k`` is row ``rows[k]`` of this one (a text's counts for each document that gives
        it); itself when that is every row in order."""
        if len(rows) == self.counts.shape[0] and np.array_equal(rows, np.arange(len(rows))):
            return self
        return TermMatrix(self.terms, self.counts[rows], self.lead[rows])

    def document_frequencies(self, rows: np.ndarray) -> dict[str, int]:
        """How many of ``rows`` use each term (terms none of them use are left out)."""
        df = np.bincount(self.counts[rows].indices, minlength=len(self.terms))
        return {self.terms[k]: int(df[k]) for k in np.flatnonzero(df).tolist()}

    def family_frequencies(self, rows: np.ndarray, *groupings: np.ndarray) -> list[tuple[dict[str, int], int]]:
        """For each grouping of ``rows`` into families (near-copies of one text, ``dedup.near_copies``): how many
        of ``rows`` use each term, the rows of one family counted once, and how many families there are: what says
        a term is a template's frame, or rare, read in the texts' own words and not in their copies'.  The rows'
        terms are read once for all the groupings."""
        present = self.present()[rows]
        counted = []
        for family in groupings:
            _, member_of = np.unique(family, return_inverse=True)
            families = int(member_of.max()) + 1 if len(rows) else 0
            membership = sparse.csr_matrix((np.ones(len(rows)), (member_of, np.arange(len(rows)))),
                                           shape=(families, len(rows)))
            df = np.asarray(((membership @ present) > 0).sum(axis=0)).ravel()
            counted.append(({self.terms[k]: int(df[k]) for k in np.flatnonzero(df).tolist()}, families))
        return counted

    def idf(self, weights: TermWeights) -> np.ndarray:
        return weights.weights(self.terms)

    def present(self, keep: Callable[[str], bool] | None = None, *, lead: bool = False) -> sparse.csr_matrix:
        """Binary rows: which of the terms ``keep`` accepts (all by default) each document, or its lead, uses."""
        counts = self.lead if lead else self.counts
        hit = np.ones(len(counts.indices), dtype=bool)
        if keep is not None:
            hit = np.fromiter(map(keep, self.terms), dtype=bool, count=len(self.terms))[counts.indices]
        row = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))[hit]
        return sparse.csr_matrix((np.ones(len(row)), (row, counts.indices[hit])), shape=counts.shape)

    def tfidf(self, idf: np.ndarray, *, lead: bool = False) -> sparse.csr_matrix:
        """Unit-length TF-IDF rows, for cosine similarity; tf is ``1 + log(count)``."""
        return _unit_rows(self._weighted(self.lead if lead else self.counts, idf))

    def stem_tfidf(self, stems: np.ndarray, weights: StemWeights) -> sparse.csr_matrix:
        """Unit-length rows with raw counts as tf, over word stems (``stems``: each term's stem hash;
        ``weights``: one for each distinct stem, in ascending order of hash, as :meth:`StemWeights.of` makes them).

        "Bank" and "banks" count as one term, weighted as the stem's commonest word (its lowest IDF;
        :meth:`StemWeights.of`): a corpus that writes both forms uses the stem at least that often.
        """
        _, column = unique_with_inverse(stems)
        width = max(len(weights.stems), 1)  # as in build: a corpus without terms still has a column
        merge = sparse.csr_matrix((np.ones(len(column)), (np.arange(len(column)), column)),
                                  shape=(self.counts.shape[1], width))
        weight = np.full(width, np.inf)  # the placeholder column of a corpus without terms has no counts
        weight[: len(weights.stems)] = weights.weights
        return _unit_rows(self._weighted(sparse.csr_matrix(self.counts @ merge), weight, sublinear=False))

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
        alphabetical[sorted(range(len(self.terms)), key=self.terms.__getitem__)] = np.arange(len(self.terms))
        order = np.lexsort((alphabetical[weighted.indices], -weighted.data, row))
        rank = np.arange(len(order)) - weighted.indptr[row[order]]
        chosen = order[rank < count]
        kept = np.bincount(row[chosen], minlength=weighted.shape[0])
        indptr = np.zeros(weighted.shape[0] + 1, dtype=np.int64)
        np.cumsum(kept, out=indptr[1:])
        return indptr, weighted.indices[chosen]
