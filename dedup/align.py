"""Sentence alignment between two documents.

Two sentences match when either their characters agree (rapidfuzz ``ratio``:
verbatim copies, OCR noise, small edits) or their content words agree, as
stems weighted by IDF (paraphrases: "illegally trained the platform using Twitter
data" vs "trained it illegally using Twitter data"; "each dimension corresponds
to a separate term" vs "each separate term corresponding to a dimension").
Matching is one-to-one and greedy by score, so the result does not depend on
which document comes first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from .analysis import Sentences, ShownSentences

__all__ = ["CHAR_MATCH_FLOOR", "LONG_SENTENCE_WORDS", "Alignment", "Match", "align", "aligned_with_itself",
           "alignment_of", "similarity_matrix"]

#: Character similarity counts only from here up: "Share this Article" and
#: "Real Time Analytics" share half their letters and nothing else.
CHAR_MATCH_FLOOR = 0.75
LONG_SENTENCE_WORDS = 8
#: Sentence pairs scored at once: about 40 MB of working arrays, whatever the documents' length.
_BLOCK_CELLS = 1_000_000
_ROW_CANDIDATES = 32
#: Sentence pairs from which two texts' identical sentences are paired first and only the others scored: scoring
#: every pair of two 20,000-sentence texts (a book and its copy) took a minute, most of it on pairs that greedy
#: matching never reaches once each sentence has met its identical twin.
_LONG_PAIR_CELLS = 4_000_000
#: A sentence piece longer than this (96 words at most, so only one made of giant tokens) is compared by its ends.
_CHAR_KEY_CHARS = 4096


@dataclass(frozen=True, slots=True)
class Match:
    a: int
    b: int
    score: float


@dataclass(frozen=True, slots=True)
class Alignment:
    """Matched sentence pairs, best first, plus what they cover of each side."""

    matches: tuple[Match, ...]
    covered_a: float  # share of A's words in matched sentences
    covered_b: float
    in_order: float  # share of matches that keep their relative order

    @property
    def count(self) -> int:
        return len(self.matches)

    def mirrored(self) -> Alignment:
        """The alignment of B with A: the same matches, sides swapped (a permutation's longest increasing
        run is as long as its inverse's, so ``in_order`` stays)."""
        return Alignment(tuple(Match(m.b, m.a, m.score) for m in self.matches), self.covered_b, self.covered_a,
                         self.in_order)


def _term_overlap(a: Sentences, b: Sentences, rows: range) -> np.ndarray:
    """IDF-weighted Dice coefficient of the content words of sentence pairs (``rows`` of ``a``, all of ``b``)."""
    shape = (len(rows), len(b.keys))
    overlap = None
    lo_entry, hi_entry = np.searchsorted(a.entry_sentence, [rows.start, rows.stop])
    a_sentence = a.entry_sentence[lo_entry:hi_entry] - rows.start
    a_term, a_weight = a.entry_term[lo_entry:hi_entry], a.entry_weight[lo_entry:hi_entry]
    if len(a_term) and len(b.entry_term):
        order = np.argsort(b.entry_term, kind="stable")
        b_terms, b_sents, b_weights = b.entry_term[order], b.entry_sentence[order], b.entry_weight[order]
        lo = np.searchsorted(b_terms, a_term, "left")
        hi = np.searchsorted(b_terms, a_term, "right")
        counts = hi - lo
        if counts.sum():
            sentence_rows = np.repeat(a_sentence, counts)
            starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
            matched = starts + np.arange(counts.sum())
            cols = b_sents[matched]
            # A stem shared is weighed as the mean of its two sides' weights (each the rarest of its words
            # there, "vector" / "vectors"): with one side's weight, Dice exceeded 1 and A~B differed from B~A.
            shared = (np.repeat(a_weight, counts) + b_weights[matched]) / 2.0
            # bincount adds in input order, as np.add.at does, and is many times faster
            flat = np.bincount(sentence_rows * len(b.keys) + cols, weights=shared, minlength=shape[0] * shape[1])
            overlap = flat.reshape(shape).astype(np.float64, copy=False)
    if overlap is None:
        return np.zeros(shape)
    total = a.weight[rows.start : rows.stop].reshape(-1, 1) + b.weight.reshape(1, -1)
    return np.divide(2.0 * overlap, total, out=np.zeros_like(overlap), where=total > 0)


def _compared_chars(keys: list[str]) -> list[str]:
    """What the character similarity reads of each sentence: all of it, or, for a piece past ``_CHAR_KEY_CHARS``
    (one giant token: a base64 attachment pasted as text, which the segmenter cannot cut), its two ends, since
    that similarity's cost grows with the product of the lengths (two 500 KB pieces: 4.7 s)."""
    if all(len(key) <= _CHAR_KEY_CHARS for key in keys):
        return keys
    half = _CHAR_KEY_CHARS // 2
    return [key if len(key) <= _CHAR_KEY_CHARS else key[:half] + key[-half:] for key in keys]


def similarity_matrix(a: Sentences, b: Sentences, rows: range | None = None) -> np.ndarray:
    """Similarity in [0, 1] of every sentence of ``a`` (or its ``rows``) to every sentence of ``b``."""
    rows = range(len(a.keys)) if rows is None else rows
    if not len(rows) or not b.keys:
        return np.zeros((len(rows), len(b.keys)))
    chars = cdist(_compared_chars(a.keys[rows.start : rows.stop]), _compared_chars(b.keys), scorer=fuzz.ratio,
                  dtype=np.uint8, workers=1) / 100.0
    short = (np.array(a.words[rows.start : rows.stop]) < LONG_SENTENCE_WORDS).reshape(-1, 1) | (
        np.array(b.words) < LONG_SENTENCE_WORDS
    ).reshape(1, -1)
    chars[short & (chars < CHAR_MATCH_FLOOR)] = 0.0  # short strings share letters by chance
    return np.maximum(chars, _term_overlap(a, b, rows))


def _similar_pairs(a: Sentences, b: Sentences, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(rows, cols, scores)`` of the sentence pairs scoring at least ``threshold``.

    Two long texts (``_LONG_PAIR_CELLS`` pairs of sentences or more) pair their identical sentences first,
    each occurrence with the same occurrence in the other, and score only the pairs of the others.
    """
    if len(a.keys) * len(b.keys) < _LONG_PAIR_CELLS and not _repeats_past_cut(b.keys):
        return _scored_pairs(a, b, threshold)
    same_a, same_b = _identical(a.keys, b.keys)
    rest_a = np.setdiff1d(np.arange(len(a.keys)), same_a)
    rest_b = np.setdiff1d(np.arange(len(b.keys)), same_b)
    rows, cols, scores = _scored_pairs(_only(a, rest_a), _only(b, rest_b), threshold)
    return (np.concatenate([same_a, rest_a[rows]]), np.concatenate([same_b, rest_b[cols]]),
            np.concatenate([np.ones(len(same_a)), scores]))


def _repeats_past_cut(keys: list[str]) -> bool:
    """Whether a sentence recurs more than ``_ROW_CANDIDATES`` times: its later occurrences would be cut from the
    lists of one that matches them all, and left unmatched even in a copy of the same text."""
    if len(keys) <= _ROW_CANDIDATES:
        return False
    counts: dict[str, int] = defaultdict(int)
    for key in keys:
        counts[key] += 1
    return max(counts.values()) > _ROW_CANDIDATES


def _identical(a: list[str], b: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Sentences with the same key on both sides, the k-th occurrence on one with the k-th on the other."""
    where: dict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(b):
        where[key].append(j)
    seen: dict[str, int] = defaultdict(int)
    pairs = []
    for i, key in enumerate(a):
        n = seen[key]
        if n < len(where.get(key, ())):
            pairs.append((i, where[key][n]))
        seen[key] = n + 1
    found = np.array(pairs, dtype=np.intp).reshape(-1, 2)
    return found[:, 0], found[:, 1]


def _only(s: Sentences, index: np.ndarray) -> Sentences:
    """The sentences ``index`` (ascending) of ``s``, numbered from 0, as :func:`similarity_matrix` reads them."""
    number = np.full(len(s.keys), -1, dtype=np.int64)
    number[index] = np.arange(len(index))
    kept = number[s.entry_sentence] >= 0
    picked = index.tolist()
    return replace(s, keys=[s.keys[i] for i in picked], words=[s.words[i] for i in picked],
                   entry_sentence=number[s.entry_sentence[kept]], entry_term=s.entry_term[kept],
                   entry_weight=s.entry_weight[kept], weight=s.weight[index])


def _scored_pairs(a: Sentences, b: Sentences, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(rows, cols, scores)`` of the sentence pairs scoring at least ``threshold``, row by row.

    Computed a block of rows at a time, so that two very long documents (a book, a
    20,000-row table) need memory for the matches, not for every pair of sentences.
    Each sentence of ``a`` keeps its ``_ROW_CANDIDATES`` best counterparts only: a
    row of a long table resembles every other row, and greedy matching never reaches
    that far down a list in prose.
    """
    step = max(1, _BLOCK_CELLS // max(len(b.keys), 1))
    rows: list[np.ndarray] = [np.empty(0, dtype=np.intp)]
    cols: list[np.ndarray] = [np.empty(0, dtype=np.intp)]
    scores: list[np.ndarray] = [np.empty(0)]
    for start in range(0, len(a.keys), step):
        sim = similarity_matrix(a, b, range(start, min(start + step, len(a.keys))))
        kept = sim >= threshold
        if len(b.keys) > _ROW_CANDIDATES and int(kept.sum(axis=1).max(initial=0)) > _ROW_CANDIDATES:
            kept = _best_per_row(sim, kept, _ROW_CANDIDATES)
        r, c = np.nonzero(kept)
        rows.append(r + start)
        cols.append(c)
        scores.append(sim[r, c])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(scores)


def _best_per_row(sim: np.ndarray, kept: np.ndarray, count: int) -> np.ndarray:
    """``kept`` cut to each row's ``count`` best entries, ties by column (in one pass over the block)."""
    candidates = np.where(kept, sim, -1.0)
    kth = -np.partition(-candidates, count - 1, axis=1)[:, count - 1 : count]  # each row's count-th best
    better = candidates > kth
    ties = kept & (candidates == kth)
    room = count - better.sum(axis=1, keepdims=True)
    return better | (ties & (np.cumsum(ties, axis=1) <= room))


def _longest_increasing(values: list[int]) -> int:
    import bisect

    tails: list[int] = []
    for v in values:
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
        else:
            tails[k] = v
    return len(tails)


def aligned_with_itself(s: ShownSentences) -> Alignment:
    """A text aligned with a copy of itself, character for character: each sentence with itself, which is what
    :func:`align` finds (every sentence scores 1 with itself, and ties go to the same sentence, then by position),
    without scoring every pair."""
    n = len(s.keys)
    return Alignment(tuple(Match(k, k, 1.0) for k in range(n)), 1.0 if s.total_words else 0.0,
                     1.0 if s.total_words else 0.0, 1.0 if n else 0.0)


def align(a: Sentences, b: Sentences, threshold: float) -> Alignment:
    """Greedy one-to-one alignment of sentences scoring at least ``threshold``."""
    rows, cols, scores = _similar_pairs(a, b, threshold)
    # Among pairs scoring 1, the same sentence on both sides first: a headline repeated with a word dropped
    # ("after trial") reaches 1 on content words as its exact twin does, and took the twin's place by position.
    same = np.zeros(len(scores), dtype=bool)
    top = np.flatnonzero(scores >= 1.0 - 1e-9)
    same[top] = [a.keys[rows[k]] == b.keys[cols[k]] for k in top.tolist()]
    order = np.lexsort((cols, rows, ~same, -scores))
    used_a: set[int] = set()
    used_b: set[int] = set()
    matches: list[Match] = []
    most = min(len(a.keys), len(b.keys))
    for k in order.tolist():
        i, j = int(rows[k]), int(cols[k])
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        matches.append(Match(i, j, round(float(scores[k]), 4)))
        if len(matches) == most:
            break
    return alignment_of(matches, a, b)


def alignment_of(matches: Sequence[Match], a: ShownSentences, b: ShownSentences) -> Alignment:
    """The alignment these matches make (best first): what they cover of each side, and how many keep their
    order."""
    covered_a = sum(a.words[m.a] for m in matches) / (a.total_words or 1)
    covered_b = sum(b.words[m.b] for m in matches) / (b.total_words or 1)
    by_a = [m.b for m in sorted(matches, key=lambda m: m.a)]
    in_order = _longest_increasing(by_a) / len(by_a) if by_a else 0.0
    return Alignment(tuple(matches), covered_a, covered_b, in_order)
