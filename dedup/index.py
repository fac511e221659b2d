"""LSH banding: which documents are worth comparing.

The bands are those of ``datasketch.MinHashLSH`` with the same ``(bands, rows)``
(chosen by datasketch's own optimiser for a threshold), and a test proves both
propose the same pairs; banding a whole signature matrix in numpy costs ~20 us a
document against ~140 us for ``MinHashLSH.insert`` + ``query``.  Candidates are
unverified: :mod:`dedup.verify` decides.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from datasketch.lsh import _optimal_param

__all__ = ["BandIndex", "lsh_params"]


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) as ``MinHashLSH(threshold, num_perm)`` would pick them."""
    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(bands), int(rows)


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
        n = signatures.shape[0]
        found: list[np.ndarray] = []
        for band in range(self.bands):
            block = np.ascontiguousarray(signatures[:, band * self.rows : (band + 1) * self.rows])
            keys = block.view(np.dtype((np.void, block.dtype.itemsize * self.rows))).ravel()
            order = np.argsort(keys, kind="stable")
            sorted_keys = keys[order]
            starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
            sizes = np.diff(np.r_[starts, n])
            pairs_of_two = starts[sizes == 2]  # most buckets: one pair each, done in bulk
            found.append(np.sort(np.stack([order[pairs_of_two], order[pairs_of_two + 1]], axis=1), axis=1))
            for start, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist()):
                found.append(self._bucket_pairs(np.sort(order[start : start + size])))
        if not found:
            return np.empty((0, 2), dtype=np.int64)
        pairs = np.concatenate(found).astype(np.int64)
        return np.unique(pairs, axis=0) if len(pairs) else np.empty((0, 2), dtype=np.int64)

    def _bucket_pairs(self, members: np.ndarray) -> np.ndarray:
        size = len(members)
        if size <= self.max_bucket:
            i, j = np.triu_indices(size, k=1)
        else:
            rest = np.arange(1, size)
            i = np.r_[np.zeros(size - 1, dtype=np.int64), rest[:-1]]
            j = np.r_[rest, rest[1:]]
        return np.stack([members[i], members[j]], axis=1).astype(np.int64)
