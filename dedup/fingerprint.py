"""MinHash fingerprints, computed in numpy in datasketch's ``affine32`` scheme.

Two fingerprints per document, because copies and rewrites overlap in different ways:

* ``text``: word n-gram shingles.  Verbatim copies (trimmed, re-headlined, wrapped
  in boilerplate) share most of them.
* ``terms``: the document's rarest content words by TF-IDF.  Paraphrases and
  independent write-ups of one report share almost no n-grams but do share the
  names, places and numbers the report is about.

Signatures are bit-identical to ``datasketch.MinHash(hashfunc=...)`` fed the same
input hashes (a test proves it); computing them in numpy is ~50x faster than
``MinHash.update`` per shingle.  The permutations are drawn here exactly as
datasketch draws them, so a scan does not pay datasketch's import (it loads
scipy.integrate: ~0.5 s, a quarter of a 5,000-file scan); :func:`to_minhash`
hands a signature to datasketch for storage in its LSH backends.  Token hashes
are xxh32 with a fixed seed, so fingerprints are the same in every process and
on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import Stemmer
import xxhash

from .arrays import unique_sorted

if TYPE_CHECKING:
    from datasketch import LeanMinHash
__all__ = ["SENTENCE_TERMS", "FingerprintParams", "Fingerprinter", "combine_shingles", "fmix32", "permutations",
           "to_minhash"]

_M32 = np.uint32
_SHINGLE_MULTIPLIERS = (_M32(0x9E3779B1), _M32(0x85EBCA77), _M32(0xC2B2AE3D),
                        _M32(0x27D4EB2F), _M32(0x165667B1), _M32(0xD3A2646C),
                        _M32(0xFD7046C5), _M32(0xB55A4F09))
_TOKEN_SEED = 0x5EED
#: How sentence alignment names a content word (recorded with saved results).
SENTENCE_TERMS = "snowball-english-stem"
_CHUNK = 4096  # shingles per block: keeps num_perm x chunk in cache, bounds memory


@dataclass(frozen=True)
class FingerprintParams:
    """Everything that changes a fingerprint; recorded with every saved result."""

    num_perm: int = 128
    seed: int = 1
    shingle_words: int = 3
    term_count: int = 40
    lead_words: int = 50  # the opening signed on its own: a copy cut short keeps it
    #: ... from the first line of this many words: the short lines above it (headline, byline, navigation)
    #: are what a copy changes.
    lead_line_words: int = 8
    scheme: str = "affine32"
    token_hash: str = "xxh32(seed=0x5EED)"

    def as_dict(self) -> dict[str, object]:
        return {
            "scheme": self.scheme,
            "num_perm": self.num_perm,
            "seed": self.seed,
            "shingles": f"word {self.shingle_words}-grams",
            "term_count": self.term_count,
            "lead_words": self.lead_words,
            "lead_line_words": self.lead_line_words,
            "token_hash": self.token_hash,
        }


def fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer, as datasketch applies it before the affine permutations."""
    h = values.astype(np.uint32, copy=True)
    h ^= h >> _M32(16)
    h *= _M32(0x85EBCA6B)
    h ^= h >> _M32(13)
    h *= _M32(0xC2B2AE35)
    h ^= h >> _M32(16)
    return h


def combine_shingles(token_hashes: np.ndarray, width: int) -> np.ndarray:
    """Hash every run of ``width`` consecutive tokens; a shorter text is one shingle."""
    n = len(token_hashes)
    if n == 0:
        return np.empty(0, dtype=np.uint32)
    width = min(width, n)
    count = n - width + 1
    out = np.zeros(count, dtype=np.uint32)
    for offset in range(width):
        out ^= token_hashes[offset : offset + count] * _SHINGLE_MULTIPLIERS[offset % 8]
        out = (out << _M32(5)) | (out >> _M32(27))
    return out


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` of datasketch's affine32 permutations ``a * h + b mod 2**32`` (odd ``a``)."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def to_minhash(signature: np.ndarray, params: FingerprintParams) -> LeanMinHash:
    """A signature as a ``datasketch.LeanMinHash``, e.g. to keep in a ``MinHashLSH`` on redis."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=params.seed, hashvalues=signature, scheme=params.scheme)


class _TokenHashes(dict[str, int]):
    """Memo of xxh32 per distinct word; a corpus has far fewer words than tokens."""

    def __missing__(self, word: str) -> int:
        value = self[word] = xxhash.xxh32_intdigest(word.encode("utf-8"), _TOKEN_SEED)
        return value


class _StemHashes(dict[str, int]):
    """Memo of the stem's token hash per distinct term.

    PyStemmer's own cache is turned off: stemming 25,000 distinct words took 0.11 s with it and
    0.018 s without, and this memo already sees each word once.
    """

    def __init__(self, stem: Callable[[str], str], token_hashes: _TokenHashes) -> None:
        super().__init__()
        self._stem = stem
        self._token_hashes = token_hashes

    def __missing__(self, term: str) -> int:
        value = self[term] = self._token_hashes[self._stem(term)]
        return value


@dataclass
class Fingerprinter:
    """Holds the permutations and a token-hash cache for one scan (no global state)."""

    params: FingerprintParams = field(default_factory=FingerprintParams)

    def __post_init__(self) -> None:
        a, b = permutations(self.params.num_perm, self.params.seed)
        self._a = a.reshape(-1, 1)
        self._b = b.reshape(-1, 1)
        self._token_cache = _TokenHashes()
        self._stem_cache = _StemHashes(Stemmer.Stemmer("english", 0).stemWord, self._token_cache)

    def token_hashes(self, words: list[str]) -> np.ndarray:
        return np.fromiter(map(self._token_cache.__getitem__, words), dtype=np.uint32, count=len(words))

    def stem_hashes(self, terms: list[str]) -> np.ndarray:
        """Hashes of the terms' Snowball stems, so a reworded sentence's "corresponds" meets "corresponding"."""
        return np.fromiter(map(self._stem_cache.__getitem__, terms), dtype=np.uint32, count=len(terms))

    def shingles(self, words: list[str]) -> np.ndarray:
        """Sorted unique shingle hashes: the exact set, for verification and for the signature."""
        return unique_sorted(combine_shingles(self.token_hashes(words), self.params.shingle_words))

    def shingle_sets(self, texts: Sequence[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`shingles` of many word lists in bulk, as CSR-like ``(indptr, hashes)``."""
        width = self.params.shingle_words
        lengths = np.array([len(words) for words in texts], dtype=np.int64)
        hashes = self.token_hashes([w for words in texts for w in words])
        ends = np.cumsum(lengths)
        starts = ends - lengths
        combined = combine_shingles(hashes, width) if len(hashes) >= width else np.empty(0, dtype=np.uint32)
        # A shingle belongs to the text it starts in if it also ends there.
        owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)[: len(combined)]
        inside = np.arange(len(combined)) + width <= ends[owner]
        owner, combined = owner[inside], combined[inside]
        short = np.flatnonzero((lengths > 0) & (lengths < width))  # a short text is one shingle
        if len(short):
            owner = np.r_[owner, short]
            combined = np.r_[combined, [combine_shingles(hashes[starts[k] : ends[k]], width)[0] for k in short]]
        keys = unique_sorted((owner.astype(np.uint64) << np.uint64(32)) | combined.astype(np.uint64))
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(np.bincount((keys >> np.uint64(32)).astype(np.int64), minlength=len(texts)), out=indptr[1:])
        return indptr, (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)

    def signatures(self, indptr: np.ndarray, hashes: np.ndarray) -> np.ndarray:
        """One signature per row of a CSR-like ``(indptr, hashes)``: many small sets in bulk."""
        rows = len(indptr) - 1
        result = np.full((rows, self.params.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
        filled = np.flatnonzero(np.diff(indptr) > 0)
        mixed = fmix32(hashes)
        start = 0
        while start < len(filled):  # blocks of about _CHUNK hashes
            stop = int(np.searchsorted(indptr[filled + 1], indptr[filled[start]] + _CHUNK, "right"))
            stop = max(stop, start + 1)
            block = filled[start:stop]
            lo, hi = int(indptr[block[0]]), int(indptr[block[-1] + 1])
            if hi - lo > _CHUNK:  # one long text alone: its own blocks, not a permutation table of all its shingles
                result[block[0]] = self._least(mixed[lo:hi])
            else:
                permuted = self._a * mixed[lo:hi].reshape(1, -1) + self._b
                result[block] = np.minimum.reduceat(permuted, indptr[block] - lo, axis=1).T
            start = stop
        return result

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """The MinHash signature of a set of 32-bit input hashes (all maximal for the empty set)."""
        return self._least(fmix32(hashes))

    def _least(self, mixed: np.ndarray) -> np.ndarray:
        """Each permutation's least value over ``mixed`` hashes, _CHUNK at a time: memory bounded whatever the
        text's length (a million-word text's whole table took 500 MB)."""
        result = np.full(self.params.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
        for start in range(0, len(mixed), _CHUNK):
            block = mixed[start : start + _CHUNK].reshape(1, -1)
            np.minimum(result, (self._a * block + self._b).min(axis=1), out=result)
        return result
