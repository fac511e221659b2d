"""Which texts of a corpus are near-copies of one another, so that a story's copies count once.

A template's frame is the words a quarter of a corpus's texts share (``TermWeights.common``); a
copy must keep the names that are not frame.  In a folder of a dozen articles, four copies of one
wire story put its names in a quarter of the texts too, and each copy is then left with only the
words it added (a byline, a site's line, a garbled word) as its names: copies were parted as
"another instance of a template".  Counting near-copies once when finding the frame keeps the
story's names names.  Likewise a name is rare in at most three texts: one reprint of one of a
report's three write-ups made its names a fourth text's, and the write-ups fell apart.

Near-copies share most names and figures (rare words) and most sentences, and every name or figure
either text lacks is explained: a word one letter from one of the other's (garbled, not a figure),
or in a sentence of its own, none of the other's having most of its words, below the headline (a
byline, a site's line, a paragraph cut) or above the other's headline (a site's line put over it).
A template's next instance changes its names or figures inside the sentences it shares ("Tokyo
Optical is launching a 50 mln dlr eurobond" and "Canon Sales is launching ..."; a weather report's
temperatures; a price table's rows, "Chicago 3.04" and "Chicago 3.03", however few words beside the
figures), or in its headline, however few the names it changes; two stories on one topic share names,
not sentences.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .analysis import folded_terms, one_edit_among
from .figures import UNITS
from .normalize import fold
from .segment import logical_lines, split_sentences

__all__ = ["close_pairs", "near_copy_pairs"]

#: A figure as written, not part of a word ("c0ach" is a garbled coach); whole, with any unit on it
#: ("17.30m" is 17.30, not 17).
_FIGURE = re.compile(r"(?<!\w)(\d+(?:[.,]\d+)*)(?i:" + UNITS + r")?(?!\w)(?![.,]\d)")
#: Near-copies keep this share of the rare words of the one with fewer, of which it has at least this many.
SHARE = 0.8
MIN_RARE = 5
#: A sentence is the text's own when no sentence of the other text has this share of its words.
OWN_SENTENCE = 0.5
#: Near-copies: more than this share of the sentences of the one with fewer are not its own.
SHARED_SENTENCES = 0.5


@dataclass(frozen=True)
class _Words:
    sentences: list[frozenset[str]]  # each one's content terms, and its figures as written ("0.2")
    wordings: list[frozenset[str]]  # each one's words but its figures: a table's row is its place
    words: frozenset[str]
    figures: frozenset[str]  # a template's next instance changes them
    #: which sentences hold each term, so that a sentence's counterparts are looked for among those sharing its
    #: rarest terms: comparing every sentence with every other took two 6,000-sentence reports 20 s
    holding: dict[str, list[int]]
    distinct: frozenset[frozenset[str]]  # a copy's sentences are mostly the other's as they are: found at once

    @classmethod
    def of(cls, text: str) -> _Words:
        folded = [fold(s) for _, s in split_sentences(logical_lines(text))]
        terms = [folded_terms(s) for s in folded]
        figures = [frozenset(_FIGURE.findall(s)) for s in folded]
        wordings = [frozenset(w for w in t if not w.isdigit()) for t in terms]
        return cls.made([t | f for t, f in zip(terms, figures)], wordings, frozenset().union(*figures))

    @classmethod
    def made(cls, sentences: list[frozenset[str]], wordings: list[frozenset[str]], figures: frozenset[str]
             ) -> _Words:
        """The words of sentences already read, indexed by term."""
        holding: dict[str, list[int]] = {}
        for k, sentence in enumerate(sentences):
            for term in sentence:
                holding.setdefault(term, []).append(k)
        return cls(sentences, wordings, frozenset().union(*wordings), figures, holding, frozenset(sentences))

    def holding_any(self, terms: frozenset[str], needed: int) -> set[int]:
        """The sentences that may hold ``needed`` of ``terms``: one that does holds one of any
        ``len(terms) - needed + 1`` of them, so those in the fewest sentences are looked up."""
        rarest = sorted(terms, key=lambda term: len(self.holding.get(term, ())))[:len(terms) - needed + 1]
        return {k for term in rarest for k in self.holding.get(term, ())}


def near_copy_pairs(texts: Sequence[str], names: sparse.csr_matrix, terms: Sequence[str],
                    close: np.ndarray | None = None) -> np.ndarray:
    """The pairs of texts (rows of an ``(n, 2)`` array, lower index first) that are near-copies.

    ``names`` has a binary row per text: which of ``terms`` (the corpus's, as ``TermMatrix`` holds them) are its
    rare words.  Only pairs sharing enough of them are read (split into sentences): the fewer texts each
    name is in, the fewer pairs that is; those of ``close`` (:func:`close_pairs`, or a part of them) where given.
    """
    names = sparse.csr_matrix(names, dtype=np.int32)
    rare_words: dict[int, frozenset[str]] = {}
    read: dict[int, _Words] = {}
    joined = []
    for a, b in (close_pairs(names) if close is None else close).tolist():
        for k in (a, b):
            if k not in read:
                read[k] = _Words.of(texts[k])
                rare_words[k] = frozenset(terms[c] for c in names.indices[names.indptr[k]:names.indptr[k + 1]])
        first, second = read[a], read[b]
        if (_mostly_shared(first, second)
                and _explained((rare_words[a] - rare_words[b]) | (first.figures - second.figures), first, second)
                and _explained((rare_words[b] - rare_words[a]) | (second.figures - first.figures), second, first)):
            joined.append((a, b))
    return np.array(joined, dtype=np.int64).reshape(-1, 2)


def close_pairs(names: sparse.csr_matrix, block: int = 2048) -> np.ndarray:
    """The pairs (rows of an ``(n, 2)`` array, lower index first, in order) of rows of ``names`` that share most of
    the names of the one with fewer: those worth reading.  Counted a block of rows at a time: a large corpus's
    every pair sharing a name would not fit."""
    names = sparse.csr_matrix(names, dtype=np.int32)
    own = np.diff(names.indptr)
    by_columns = sparse.csr_matrix(names.T)
    found: list[tuple[int, int]] = []
    for start in range(0, names.shape[0], block):
        shared = (names[start:start + block] @ by_columns).tocoo()
        row = shared.row + start
        fewer = np.minimum(own[row], own[shared.col])
        close = (row < shared.col) & (fewer >= MIN_RARE) & (shared.data >= SHARE * fewer)
        found.extend(zip(row[close].tolist(), shared.col[close].tolist()))
    return np.array(sorted(found), dtype=np.int64).reshape(-1, 2)


def _explained(missing: frozenset[str], text: _Words, other: _Words) -> bool:
    """Whether every word of ``text`` that ``other`` lacks is garbled (one letter off one of the other's, not a
    figure: another figure is another fact) or stands in a sentence of its own below the first (a headline
    names whose news it is: a notice's company), or above the other's headline (a site's line put over it).
    A figure's sentence must also be no row of the other's with other figures ("Chicago 3.04" and "Chicago 3.03":
    a table's next instance)."""
    below = 0 if _headline_lower(text, other) else 1
    for word in missing:
        figure = any(c.isdigit() for c in word)
        if not figure and one_edit_among(word, other.words):
            continue
        if not any(_own(text.sentences[k], other) and not (figure and _same_row(text.wordings[k], other))
                   for k in text.holding.get(word, ()) if k >= below):
            return False
    return True


def _headline_lower(text: _Words, other: _Words) -> bool:
    """Whether the first sentence of ``other`` (its headline) has a counterpart below the first of ``text``:
    then that first one is a line put above the headline, not another headline."""
    headline = other.sentences[0] if other.sentences else frozenset()
    return bool(headline) and any(len(headline & s) >= OWN_SENTENCE * len(headline) for s in text.sentences[1:])


def _mostly_shared(text: _Words, other: _Words) -> bool:
    """Whether most sentences of the one with fewer have a counterpart in the other: two stories on one topic
    share many names, but not their sentences."""
    fewer, more = (text, other) if len(text.sentences) <= len(other.sentences) else (other, text)
    counted = [s for s in fewer.sentences if s]
    enough = SHARED_SENTENCES * len(counted)
    shared = 0
    for k, sentence in enumerate(counted):  # until the answer is certain: a long text's copy is soon told
        if not _own(sentence, more):
            shared += 1
            if shared > enough:
                return True
        elif shared + len(counted) - k - 1 <= enough:
            return False
    return shared > enough


def _own(sentence: frozenset[str], other: _Words) -> bool:
    """Whether no sentence of ``other`` has most of the words of ``sentence``: it has no counterpart there."""
    if not sentence:
        return not other.sentences
    if sentence in other.distinct:
        return False
    needed = math.ceil(OWN_SENTENCE * len(sentence))
    return all(len(sentence & other.sentences[k]) < needed for k in other.holding_any(sentence, needed))


def _same_row(wording: frozenset[str], other: _Words) -> bool:
    """Whether a sentence's ``wording`` (its words but its figures) is all in one of ``other``'s: the same line with
    other figures, or only figures."""
    if not wording:
        return bool(other.wordings)
    return any(wording <= other.wordings[k] for k in other.holding_any(wording, len(wording)))
