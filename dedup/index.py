"""LSH banding: which documents are worth comparing.

The bands are those of ``datasketch.MinHashLSH`` with the same ``(bands, rows)``
(chosen by datasketch's optimiser for a threshold, recomputed here without its
scipy import), and tests prove both pick the same parameters and propose the
same pairs; banding a whole signature matrix in numpy costs ~20 us a document
against ~140 us for ``MinHashLSH.insert`` + ``query``.  Candidates are
unverified: :mod:`dedup.verify` decides.

Terms rare in the corpus are few per document and each in few documents, so the
pairs that share several of them (what a ``story`` needs) are listed exactly, by
an inverted index, instead of hoping a band catches them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .arrays import unique_sorted

__all__ = ["BandIndex", "decode_pairs", "lsh_params", "shared_term_pairs"]


def _areas(lo: float, hi: float, bands: np.ndarray, rows: np.ndarray, nodes: np.ndarray,
           weights: np.ndarray) -> np.ndarray:
    """Integral over [lo, hi] of the collision probability ``1 - (1 - s**r)**b``, per (b, r)."""
    half = (hi - lo) / 2.0
    s = (half * nodes + (hi + lo) / 2.0).reshape(1, -1)
    collide = 1.0 - (1.0 - s ** rows.reshape(-1, 1)) ** bands.reshape(-1, 1)
    return half * (collide @ weights)


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) as ``MinHashLSH(threshold, num_perm)`` picks them.

    The same search as datasketch's ``_optimal_param`` with equal weights: minimise the
    area of false positives below the threshold plus false negatives above it.  The
    integrands are polynomials of degree ``bands * rows <= num_perm``, so Gauss-Legendre
    quadrature with ``num_perm // 2 + 1`` nodes is exact.
    """
    pairs = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    bands, rows = (np.array(column, dtype=np.float64) for column in zip(*pairs))
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    false_positive = _areas(0.0, threshold, bands, rows, nodes, weights)
    false_negative = (1.0 - threshold) - _areas(threshold, 1.0, bands, rows, nodes, weights)
    return pairs[int(np.argmin(0.5 * false_positive + 0.5 * false_negative))]


@dataclass(frozen=True)
class BandIndex:
    """Bands a signature matrix (one row a document) into candidate pairs.

    ``max_bucket`` bounds the work on buckets that templates fill (stock tables,
    weather reports): past it, each member is paired with the bucket's first
    member and its neighbour only, which still connects a large syndicated cluster.
    """

    bands: int
    rows: int
    max_bucket: int = 64

    def candidates(self, signatures: np.ndarray) -> np.ndarray:
        """Unique pairs ``(i, j)``, ``i < j``, as an ``(n, 2)`` int64 array, sorted."""
        return decode_pairs(self.pair_codes(signatures), signatures.shape[0])

    def pair_codes(self, signatures: np.ndarray) -> np.ndarray:
        """The candidate pairs coded ``i * n + j`` (``n`` rows), unique and sorted."""
        codes = [self._band_pairs(signatures[:, band * self.rows : (band + 1) * self.rows])
                 for band in range(self.bands)]
        return unique_sorted(np.concatenate(codes)) if codes else np.empty(0, dtype=np.int64)

    def _band_pairs(self, block: np.ndarray) -> np.ndarray:
        """Pairs sharing a bucket in one band, each coded ``i * n + j``."""
        n = block.shape[0]
        block = np.ascontiguousarray(block)
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * block.shape[1]))).ravel()
        order = np.argsort(keys, kind="stable")  # a bucket's members in document order
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, n])
        small = (sizes >= 2) & (sizes <= self.max_bucket)
        # Every pair in a small bucket: the member at position p pairs with the size - 1 - p after it.
        first, size = starts[small], sizes[small]
        position = np.repeat(first, size) + _ranks(size)
        later = np.repeat(size, size) - 1 - _ranks(size)
        left = np.repeat(position, later)
        right = left + 1 + _ranks(later)
        # An oversized bucket: everyone pairs with its first member and with the next member.
        first, size = starts[sizes > self.max_bucket], sizes[sizes > self.max_bucket]
        member = np.repeat(first, size - 1) + 1 + _ranks(size - 1)
        hub = np.repeat(first, size - 1)
        chain = member[np.r_[np.diff(hub) == 0, False]] if len(member) else member
        left = np.concatenate([left, hub, chain])
        right = np.concatenate([right, member, chain + 1])
        return order[left].astype(np.int64) * n + order[right]


def decode_pairs(codes: np.ndarray, n: int) -> np.ndarray:
    """``i * n + j`` codes back to an ``(m, 2)`` array of pairs."""
    return np.stack([codes // max(n, 1), codes % max(n, 1)], axis=1).astype(np.int64)


def _ranks(sizes: np.ndarray) -> np.ndarray:
    """0, 1, ..., size - 1 for each size, concatenated."""
    total = int(sizes.sum())
    return np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)


def shared_term_pairs(present: sparse.csr_matrix, minimum: int) -> np.ndarray:
    """Pairs of rows of a binary matrix that share at least ``minimum`` columns, coded ``i * n + j``
    (``i < j``), unique and sorted.  Meant for columns used by few rows: a column in ``k`` rows
    costs ``k * k`` products."""
    n = present.shape[0]
    shared = sparse.triu(present @ present.T, k=1).tocoo()
    keep = shared.data >= minimum
    return np.sort(shared.row[keep].astype(np.int64) * n + shared.col[keep])
