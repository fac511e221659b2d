"""Sentence alignment between two documents.

Two sentences match when either their characters agree (rapidfuzz ``ratio``:
verbatim copies, OCR noise, small edits) or their content words agree, weighted
by IDF (paraphrases: "illegally trained the platform using Twitter data" vs
"trained it illegally using Twitter data").  Matching is one-to-one and greedy by
score, so the result does not depend on which document comes first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from .analysis import Sentences

__all__ = ["CHAR_MATCH_FLOOR", "LONG_SENTENCE_WORDS", "Alignment", "Match", "align", "similarity_matrix"]

#: Character similarity counts only from here up: "Share this Article" and
#: "Real Time Analytics" share half their letters and nothing else.
CHAR_MATCH_FLOOR = 0.75
LONG_SENTENCE_WORDS = 8


@dataclass(frozen=True)
class Match:
    a: int
    b: int
    score: float


@dataclass(frozen=True)
class Alignment:
    """Matched sentence pairs, best first, plus what they cover of each side."""

    matches: tuple[Match, ...]
    covered_a: float  # share of A's words in matched sentences
    covered_b: float
    in_order: float  # share of matches that keep their relative order

    @property
    def count(self) -> int:
        return len(self.matches)


def _term_overlap(a: Sentences, b: Sentences) -> np.ndarray:
    """IDF-weighted Dice coefficient of the content words of every sentence pair."""
    overlap = np.zeros((len(a.keys), len(b.keys)), dtype=np.float64)
    if len(a.entry_term) and len(b.entry_term):
        order = np.argsort(b.entry_term, kind="stable")
        b_terms, b_sents = b.entry_term[order], b.entry_sentence[order]
        lo = np.searchsorted(b_terms, a.entry_term, "left")
        hi = np.searchsorted(b_terms, a.entry_term, "right")
        counts = hi - lo
        if counts.sum():
            rows = np.repeat(a.entry_sentence, counts)
            starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
            cols = b_sents[starts + np.arange(counts.sum())]
            np.add.at(overlap, (rows, cols), np.repeat(a.entry_weight, counts))
    total = a.weight.reshape(-1, 1) + b.weight.reshape(1, -1)
    return np.divide(2.0 * overlap, total, out=np.zeros_like(overlap), where=total > 0)


def similarity_matrix(a: Sentences, b: Sentences) -> np.ndarray:
    """Similarity in [0, 1] of every sentence of ``a`` to every sentence of ``b``."""
    if not a.keys or not b.keys:
        return np.zeros((len(a.keys), len(b.keys)))
    chars = cdist(a.keys, b.keys, scorer=fuzz.ratio, dtype=np.uint8, workers=1) / 100.0
    short = (np.array(a.words) < LONG_SENTENCE_WORDS).reshape(-1, 1) | (
        np.array(b.words) < LONG_SENTENCE_WORDS
    ).reshape(1, -1)
    chars[short & (chars < CHAR_MATCH_FLOOR)] = 0.0  # short strings share letters by chance
    return np.maximum(chars, _term_overlap(a, b))


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


def align(a: Sentences, b: Sentences, threshold: float) -> Alignment:
    """Greedy one-to-one alignment of sentences scoring at least ``threshold``."""
    sim = similarity_matrix(a, b)
    rows, cols = np.nonzero(sim >= threshold)
    scores = sim[rows, cols]
    order = np.lexsort((cols, rows, -scores))
    used_a: set[int] = set()
    used_b: set[int] = set()
    matches: list[Match] = []
    for k in order:
        i, j = int(rows[k]), int(cols[k])
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        matches.append(Match(i, j, round(float(scores[k]), 4)))
    covered_a = sum(a.words[m.a] for m in matches) / (a.total_words or 1)
    covered_b = sum(b.words[m.b] for m in matches) / (b.total_words or 1)
    by_a = [m.b for m in sorted(matches, key=lambda m: m.a)]
    in_order = _longest_increasing(by_a) / len(by_a) if by_a else 0.0
    return Alignment(tuple(matches), covered_a, covered_b, in_order)
