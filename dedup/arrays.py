"""Array helpers the pipeline's hot paths share.

``np.unique`` on integers is hash-based in numpy 2.3 and later, and far slower than
sorting at the sizes a scan produces: 1.8 s against 0.05 s for two million pair
codes on the project's machine.  These helpers sort instead.  ``rowwise_dot`` scores many
pairs of sparse rows at once, in batches that bound the memory the row products take.
``lowest_linked`` finds linked groups without scipy's graph module, whose import (it pulls in
scipy.linalg) cost a scan about a tenth of a second.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

__all__ = ["lowest_linked", "rowwise_dot", "unique_sorted", "unique_with_inverse"]

_BATCH = 65536
#: Up to this many pairs, rows are multiplied one pair at a time: scipy's row selection costs about 0.13 ms a
#: call whatever its size, which a verification of one pair (eight products) pays eight times over.
_FEW_PAIRS = 16


def unique_sorted(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending (``np.unique(values)``)."""
    ordered = np.sort(values, kind="stable")
    if len(ordered) == 0:
        return ordered
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]]


def unique_with_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, ascending, and each value's index among them."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    first = np.r_[True, ordered[1:] != ordered[:-1]] if len(ordered) else np.empty(0, dtype=bool)
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


def lowest_linked(count: int, pairs: np.ndarray) -> np.ndarray:
    """For each of ``count`` items, the lowest item the ``pairs`` (rows ``a, b``) link it to, directly or
    through others (its own index if none).  Each round hooks every group's label to the lowest label
    across its pairs, then follows labels to their end: a few rounds, however long a chain."""
    label = np.arange(count, dtype=np.int64)
    if not len(pairs):
        return label
    a, b = pairs[:, 0], pairs[:, 1]
    while True:
        ends_a, ends_b = label[a], label[b]
        apart = ends_a != ends_b
        if not apart.any():
            return label
        ends_a, ends_b = ends_a[apart], ends_b[apart]
        np.minimum.at(label, np.maximum(ends_a, ends_b), np.minimum(ends_a, ends_b))
        while True:  # every label points at a lower one or itself: follow them to the lowest
            followed = label[label]
            if np.array_equal(followed, label):
                break
            label = followed


def rowwise_dot(matrix: sparse.csr_matrix, left: np.ndarray, right: np.ndarray,
                other: sparse.csr_matrix | None = None) -> np.ndarray:
    """``matrix[l] . other[r]`` for each pair (``other`` defaults to ``matrix``; same columns)."""
    other = matrix if other is None else other
    if len(left) <= _FEW_PAIRS and matrix.has_sorted_indices and other.has_sorted_indices:
        return np.array([_row_dot(matrix, i, other, j) for i, j in zip(left.tolist(), right.tolist())],
                        dtype=np.float64)
    out = np.empty(len(left), dtype=np.float64)
    for start in range(0, len(left), _BATCH):
        a = matrix[left[start : start + _BATCH]]
        b = other[right[start : start + _BATCH]]
        out[start : start + _BATCH] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def _row_dot(matrix: sparse.csr_matrix, i: int, other: sparse.csr_matrix, j: int) -> float:
    """``matrix[i] . other[j]``, summed as scipy sums a row (``np.add.reduceat``), so that one pair scores the
    same, to the last bit, alone or in a batch."""
    a0, a1, b0, b1 = matrix.indptr[i], matrix.indptr[i + 1], other.indptr[j], other.indptr[j + 1]
    if a0 == a1 or b0 == b1:
        return 0.0
    columns_a, columns_b = matrix.indices[a0:a1], other.indices[b0:b1]
    at = np.minimum(np.searchsorted(columns_b, columns_a), len(columns_b) - 1)
    hit = columns_b[at] == columns_a
    products = matrix.data[a0:a1][hit] * other.data[b0:b1][at[hit]]
    return float(np.add.reduceat(products, [0])[0]) if len(products) else 0.0
