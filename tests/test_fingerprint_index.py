"""The numpy fast paths must be exactly datasketch's, so saved signatures stay comparable."""

import numpy as np
import pytest
import xxhash
from datasketch import LeanMinHash, MinHash, MinHashLSH

from dedup.fingerprint import FingerprintParams, Fingerprinter, combine_shingles
from dedup.index import BandIndex, lsh_params


def test_signature_is_bit_identical_to_datasketch_affine32():
    fp = Fingerprinter(FingerprintParams(num_perm=64, seed=7))
    words = "the council voted seven to two on tuesday to replace its ferries".split()
    shingles = fp.shingles(words)
    expected = MinHash(num_perm=64, seed=7, hashfunc=lambda v: int(v))
    for value in shingles.tolist():
        expected.update(value)
    assert expected.scheme == "affine32"
    np.testing.assert_array_equal(fp.signature(shingles), expected.hashvalues)


def test_token_hashes_are_seeded_xxh32_not_the_salted_builtin():
    fp = Fingerprinter()
    assert fp.token_hashes(["musk"])[0] == xxhash.xxh32_intdigest(b"musk", 0x5EED)


def test_shingles_depend_on_word_order():
    h = np.array([1, 2, 3, 4], dtype=np.uint32)
    assert set(combine_shingles(h, 3)) != set(combine_shingles(h[::-1].copy(), 3))
    assert len(combine_shingles(h[:2], 3)) == 1  # a short text is one shingle


def test_empty_set_signature_is_all_max():
    sig = Fingerprinter().signature(np.empty(0, dtype=np.uint32))
    assert (sig == np.iinfo(np.uint32).max).all()


@pytest.mark.parametrize("threshold", [0.15, 0.3, 0.5])
def test_lsh_params_match_minhashlsh(threshold):
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    assert lsh_params(threshold, 128) == (lsh.b, lsh.r)


def test_band_index_proposes_the_same_pairs_as_minhashlsh():
    rng = np.random.default_rng(3)
    fp = Fingerprinter()
    base = rng.integers(0, 2**32, size=300, dtype=np.uint32)
    sets = []
    for k in range(40):  # families of overlapping sets plus noise
        keep = rng.random(300) < (0.9 if k % 4 else 0.3)
        sets.append(np.unique(np.r_[base[keep] + np.uint32(k // 8), rng.integers(0, 2**32, 20, dtype=np.uint32)]))
    sigs = np.vstack([fp.signature(s) for s in sets])
    bands, rows = lsh_params(0.5, 128)
    ours = {tuple(p) for p in BandIndex(bands, rows).candidates(sigs).tolist()}
    lsh = MinHashLSH(num_perm=128, params=(bands, rows))
    for i, sig in enumerate(sigs):
        lsh.insert(i, LeanMinHash(seed=1, hashvalues=sig, scheme="affine32"))
    theirs = {tuple(sorted((i, j))) for i, sig in enumerate(sigs)
              for j in lsh.query(LeanMinHash(seed=1, hashvalues=sig, scheme="affine32")) if i != j}
    assert ours == theirs and ours


def test_oversized_buckets_still_connect_every_member():
    sigs = np.zeros((100, 128), dtype=np.uint32)  # 100 identical signatures
    pairs = BandIndex(32, 4, max_bucket=10).candidates(sigs)
    assert len(pairs) < 100 * 99 // 2
    assert set(pairs.ravel().tolist()) == set(range(100))
