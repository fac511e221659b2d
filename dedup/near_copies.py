"""Which texts of a small corpus are near-copies of one another, so that a story's copies are not
taken for a template's instances.

A template's frame is the words a quarter of a corpus's texts share (``TermWeights.common``); a
copy must keep the names that are not frame.  In a folder of a dozen articles, four copies of one
wire story put its names in a quarter of the texts too, and each copy is then left with only the
words it added (a byline, a site's line, a garbled word) as its names: copies were parted as
"another instance of a template".  Counting near-copies once when finding the frame keeps the
story's names names.

Near-copies share most names and figures (rare words), and every one either text lacks is
explained: a word one letter from one of the other's (garbled), or below the headline in a sentence
of its own, none of the other's having most of its words (a byline, a site's line, a paragraph
cut).  A template's next instance changes its names inside the sentences it shares ("Tokyo
Optical is launching a 50 mln dlr eurobond" and "Canon Sales is launching ..."), or in its
headline, however few the names it changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .analysis import folded_terms, one_edit_among
from .normalize import fold
from .segment import logical_lines, split_sentences

__all__ = ["near_copy_families"]

#: Near-copies keep this share of the rare words of the one with fewer, of which it has at least this many.
SHARE = 0.8
MIN_RARE = 5
#: A sentence is the text's own when no sentence of the other text has this share of its words.
OWN_SENTENCE = 0.5


@dataclass(frozen=True)
class _Words:
    sentences: list[frozenset[str]]
    words: frozenset[str]

    @classmethod
    def of(cls, text: str) -> _Words:
        sentences = [folded_terms(fold(s)) for _, s in split_sentences(logical_lines(text))]
        return cls(sentences, frozenset().union(*sentences))


def near_copy_families(texts: Sequence[str], names: sparse.csr_matrix, terms: Sequence[str]) -> np.ndarray:
    """Each text's family: the lowest index of the near-copies it is joined with (its own if none).

    ``names`` has a binary row per text: which of ``terms`` (the corpus's, as ``TermMatrix`` holds them) are its
    rare words.  Every pair sharing enough of them is read, so this is for corpora small enough to verify every
    pair; only the texts of such pairs are split into sentences.
    """
    names = sparse.csr_matrix(names)
    own = np.diff(names.indptr)
    shared = (names @ names.T).toarray()
    fewer = np.minimum.outer(own, own)
    close = np.triu((fewer >= MIN_RARE) & (shared >= SHARE * fewer), 1)
    rare_words: dict[int, frozenset[str]] = {}
    read: dict[int, _Words] = {}
    family = np.arange(len(texts))
    for a, b in zip(*np.nonzero(close)):
        for k in (a, b):
            if k not in read:
                read[k] = _Words.of(texts[k])
                rare_words[k] = frozenset(terms[c] for c in names.indices[names.indptr[k]:names.indptr[k + 1]])
        if (_explained(rare_words[a] - rare_words[b], read[a], read[b])
                and _explained(rare_words[b] - rare_words[a], read[b], read[a])):
            low, high = sorted((family[a], family[b]))
            family[family == high] = low
    return family


def _explained(missing: frozenset[str], text: _Words, other: _Words) -> bool:
    """Whether every word of ``text`` that ``other`` lacks is garbled (one letter off one of the other's, not a
    figure: another figure is another fact) or stands in a sentence of its own below the first (a headline
    names whose news it is: a notice's company)."""
    for word in missing:
        if not any(c.isdigit() for c in word) and one_edit_among(word, other.words):
            continue
        if not any(word in s and _own(s, other) for s in text.sentences[1:]):
            return False
    return True


def _own(sentence: frozenset[str], other: _Words) -> bool:
    """Whether no sentence of ``other`` has most of the words of ``sentence``: it has no counterpart there."""
    return all(len(sentence & s) < OWN_SENTENCE * len(sentence) for s in other.sentences)
