"""Per-document analysis, in two depths so work is done only where it is needed.

* :class:`Profile` (every document): exact key, shingles, MinHash signatures,
  content-term counts.  This is all LSH needs; it is cheap and runs in parallel.
* :class:`Sentences` (only documents that LSH pairs with another): the sentences,
  their matching keys and their content terms, for alignment and the report.

A corpus-wide :class:`TermWeights` (IDF learned from the documents being scanned)
weighs terms, so "rare" means rare in *this* corpus; :mod:`dedup.terms` turns it
into TF-IDF rows and rare-term fingerprints for all documents at once.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
from collections.abc import Iterator, Sequence, Set as AbstractSet
from dataclasses import dataclass, field, replace

import numpy as np
import xxhash
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

from .background import Background
from .figures import slipped
from .fingerprint import Fingerprinter
from .model import Document
from .normalize import STOPWORDS, fold_lines, is_content_term, long_tokens, tokens
from .segment import ends_as_prose, first_prose, logical_lines, split_sentences
from .terms import LEAD_WORDS, ChunkTerms

__all__ = [
    "Profile",
    "Sentences",
    "ShownSentences",
    "TermWeights",
    "document_body",
    "exact_key",
    "folded_terms",
    "line_hash",
    "lead_facts_found",
    "lead_names_found",
    "names_found",
    "one_edit_among",
    "profiles",
    "sentences",
    "shown_sentences",
]

#: A line with a figure is a report's own ("Pay April 30", "Shr loss 28 cts"), however often it recurs.
_FIGURE = re.compile(r"\d")
#: A term is specific (a name, a rare word) when its IDF is at least this share of an unseen term's.
SPECIFIC_IDF_SHARE = 0.6
COMMON_SHARE = 0.25
COMMON_MIN_DOCS = 4
_NONE: frozenset[str] = frozenset()


def exact_key(words: Sequence[str]) -> str:
    """Content address of a normalized text: equal keys mean ``exact`` duplicates."""
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=16).hexdigest()


def document_body(document: Document) -> str:
    """The text compared: the title is part of the article unless the text repeats it."""
    title = (document.title or "").strip()
    if title and not document.text.lstrip().startswith(title):
        return f"{title}\n\n{document.text}"
    return document.text


def folded_terms(folded: str) -> frozenset[str]:
    """Content terms of a folded text: words of two or more characters that are not stopwords.

    Interned: the corpus's documents hold their sentences' terms until the report, one string for
    "company" in all of them rather than one each (and pickling them from a worker sends it once)."""
    return frozenset(map(sys.intern, long_tokens(folded))).difference(STOPWORDS)


@dataclass(slots=True)
class Profile:
    """What fingerprinting and LSH know about one document.  A scan lets go of the shingles and signatures
    once candidates are drawn (``Corpus.drop_fingerprints``): only the feature matrices and LSH read them."""

    key: str
    word_count: int
    shingles: np.ndarray
    text_signature: np.ndarray
    lead_signature: np.ndarray  # of FingerprintParams.lead_words words from the first prose line (_prose_start)
    line_hashes: frozenset[int]
    #: Its lines of at most ``short_words`` words and no figure (what site chrome is made of): hash -> words.
    short_lines: dict[int, int] = field(default_factory=dict)


def line_hash(folded_line: str) -> int:
    """Identity of a line for boilerplate counting (seeded, process-independent)."""
    return xxhash.xxh64_intdigest(folded_line.encode("utf-8"), 0x5EED)


#: A short line has at most this many characters a word as well: 84 for 12 words, about the longest of English
#: news's 12-word lines (3 of BBC News's 338 are longer, none of Reuters's 6,224).  Where words are long (Tamil,
#: Malayalam: half their lines of 12 words or fewer are 100 characters or more), a story's one-sentence
#: paragraph is no site line, however many of its copies carry it.
_SHORT_LINE_CHARACTERS_A_WORD = 7


def _short_lines(lines: list[str], most_words: int) -> dict[int, int]:
    """The lines of at most ``most_words`` words and no figure, and their words (``dedup.boilerplate``)."""
    found: dict[int, int] = {}
    for line in lines:
        if len(line) <= _SHORT_LINE_CHARACTERS_A_WORD * most_words and not _FIGURE.search(line):
            words = len(tokens(line))
            if words <= most_words:
                h = line_hash(line)
                found[h] = found.get(h, 0) + words
    return found


def _prose_start(lines: list[str], most: int, line_words: int) -> int:
    """Where a text's prose starts, in words: at its first line of ``line_words`` or more that ends as a
    sentence does (or of three times as many: a paragraph cut short), after the lines above it (a headline,
    a byline, site navigation), as long as those hold at most ``most`` words; else 0."""
    skipped = 0
    for line in lines:
        count = len(tokens(line))
        if count >= 3 * line_words or (count >= line_words and ends_as_prose(line)):
            return skipped
        skipped += count
        if skipped > most:
            break
    return 0


def profiles(texts: Sequence[str], fingerprinter: Fingerprinter, short_words: int, *,
             indexed: bool = True) -> tuple[list[Profile], ChunkTerms]:
    """Profiles of many texts, and their term counts; signatures and counts are made in bulk.

    Lines of at most ``short_words`` words are kept as possible chrome (``ScanSettings.boilerplate_words``).
    Texts not ``indexed`` (analysed again to verify pairs: they propose no candidates and carry no chrome
    to count) get no signatures and no lines: a fifth of the work.
    """
    found = []
    for text in texts:
        lines = fold_lines(logical_lines(text))
        found.append((lines, tokens(" ".join(lines))))
    word_lists = [words for _, words in found]
    indptr, flat = fingerprinter.shingle_sets(word_lists)
    if indexed:
        signatures = fingerprinter.signatures(indptr, flat)
        lead, line_words = fingerprinter.params.lead_words, fingerprinter.params.lead_line_words
        starts = [_prose_start(lines, lead, line_words) for lines, _ in found]
        lead_signatures = fingerprinter.signatures(*fingerprinter.shingle_sets(
            [words[start : start + lead] for words, start in zip(word_lists, starts)]))
    else:
        signatures = lead_signatures = np.empty((len(word_lists), 0), dtype=np.uint32)
    shingles = np.split(flat, indptr[1:-1])
    made = [
        Profile(
            key=exact_key(words),
            word_count=len(words),
            shingles=shingles,
            text_signature=signature,
            lead_signature=lead_signature,
            line_hashes=frozenset(map(line_hash, lines)) if indexed else frozenset(),
            short_lines=_short_lines(lines, short_words) if indexed else {},
        )
        for (lines, words), shingles, signature, lead_signature in zip(found, shingles, signatures, lead_signatures)
    ]
    return made, ChunkTerms.count(word_lists)


@dataclass(frozen=True, slots=True)
class ShownSentences:
    """What a report shows of a document's sentences: a small part of their analysis, kept from
    verification until the report for every linked document (:meth:`Sentences.shown`)."""

    text: list[str]
    keys: list[str]
    line_hashes: list[int]  # each sentence's line hash
    words: list[int]

    @property
    def total_words(self) -> int:
        return sum(self.words)


@dataclass(frozen=True, slots=True)
class Sentences(ShownSentences):
    """A document's sentences, their matching keys, and the IDF-weighted term incidence.

    ``entry_sentence`` / ``entry_term`` / ``entry_weight`` flatten the sentence-by-term
    matrix so that :mod:`dedup.align` can score all sentence pairs in numpy.
    """

    lines: list[int]  # each sentence's line, as numbered by segment.logical_lines
    first_prose: int | None  # the first sentence after the first that reads as prose (segment.first_prose)
    terms: list[frozenset[str]]
    facts: list[frozenset[str]]  # words and numbers rare in this corpus: what a template changes
    entry_sentence: np.ndarray
    entry_term: np.ndarray
    entry_weight: np.ndarray
    weight: np.ndarray

    def shown(self) -> ShownSentences:
        return ShownSentences(self.text, self.keys, self.line_hashes, self.words)


#: A name this short that is rare in a corpus is mostly OCR debris ("1l") or an initial.
_NAME_MIN_CHARS = 3


#: A credit line names the outlet's staff, not the story's people: "Reporting by ...; editing by ...",
#: "(Additional reporting by ...)", and a short line opening "By" ("By Jane Doe, News Service").
_CREDIT = re.compile(r"\W*(?:additional\s+)?(?:reporting|reported|writing|written|editing|edited|compiled)\s+by\b")
_BY = re.compile(r"\W*by\s")
_CREDIT_WORDS = 8


def _is_credit(key: str, words: int) -> bool:
    """Whether a sentence (folded) is a byline or reporting credit."""
    return bool(_CREDIT.match(key) or (words <= _CREDIT_WORDS and _BY.match(key)))


def _lead_sentences(s: Sentences, lead_words: int) -> int:
    """How many of the sentences start within the first ``lead_words`` words: a text's lead."""
    start = 0
    for k, words in enumerate(s.words):
        if start >= lead_words:
            return k
        start += words
    return len(s.words)


def _sentence_names(s: Sentences, end: int | None = None, chrome: frozenset[int] = frozenset()) -> Iterator[list[str]]:
    """The names of each of a text's first ``end`` sentences (all by default), its credit lines and the site
    chrome above its headline or lead (``chrome``: "Skip to main content") left out: every copy may credit
    its own staff, and every site has its own chrome."""
    for k, (key, words, found) in enumerate(zip(s.keys[:end], s.words[:end], s.facts[:end])):
        if k not in chrome and not _is_credit(key, words):
            yield [t for t in found if not t.isdigit() and len(t) >= _NAME_MIN_CHARS]


def _names(s: Sentences, lead_words: int | None = None, chrome: frozenset[int] = frozenset()) -> frozenset[str]:
    """A text's names (of its lead only, given ``lead_words``), as :func:`_sentence_names` reads them."""
    end = None if lead_words is None else _lead_sentences(s, lead_words)
    return frozenset(t for names in _sentence_names(s, end, chrome) for t in names)


def names_found(a: Sentences, b: Sentences, common: frozenset[str] = frozenset(),
                chrome: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())) -> float:
    """Share of the names of the text that has fewer found in the other, a name one edit away
    from a word of the other counting as found: OCR and retyping garble names ("Ga1las",
    "f0r"), and the garbled word would otherwise read as a name the other text lacks.  A
    template's next instance changes its names outright, and still falls short.

    A "name" one edit away from a word a quarter of the corpus's texts use (``common``) is that
    word garbled, wherever it stands: where one story's copies are most of a corpus, its real
    names are common too, and the words each copy garbled are all that is left specific."""
    names_a, names_b = _names(a, chrome=chrome[0]), _names(b, chrome=chrome[1])
    fewer, other = (names_a, b) if len(names_a) <= len(names_b) else (names_b, a)
    return _found(fewer, other, common)


def lead_names_found(a: Sentences, b: Sentences, common: frozenset[str] = frozenset(),
                     chrome: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset()),
                     lead_words: int = LEAD_WORDS) -> float:
    """The lesser share of either lead's names found in the other text, as :func:`names_found` reads them:
    where two texts share their whole lead, the names only one carries below it are lines of its own."""
    return min(_found(_names(a, lead_words, chrome[0]), b, common),
               _found(_names(b, lead_words, chrome[1]), a, common))


def lines_of_own_names(a: Sentences, b: Sentences, common: frozenset[str] = frozenset(),
                       chrome: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())) -> int:
    """How many sentences of the shorter text name someone or something the other text lacks (names read as
    :func:`names_found` reads them): a clipping adds a line or two of its own (a councillor's reaction),
    while a template's next instance, or a partial copy's own material, names its own in line after line.
    The longer text's are not counted: they may be the paragraphs the shorter one cut."""
    if a.total_words > b.total_words:
        a, b, chrome = b, a, (chrome[1], chrome[0])
    words = _words_with(b, common)
    return sum(1 for names in _sentence_names(a, chrome=chrome[0])
               if any(not one_edit_among(t, words) for t in names))


def _words_with(other: Sentences, common: frozenset[str]) -> set[str]:
    """The words of ``other``, and those a quarter of the corpus uses: where a name counts as found."""
    return {w for key in other.keys for w in tokens(key)} | common


def _found(names: frozenset[str], other: Sentences, common: frozenset[str]) -> float:
    if not names:
        return 1.0
    words = _words_with(other, common)
    return sum(1 for name in names if one_edit_among(name, words)) / len(names)


def one_edit_among(name: str, words: AbstractSet[str]) -> bool:
    """Whether ``name`` is one of ``words``, or one edit from one (a garbled letter)."""
    return name in words or extractOne(name, words, scorer=Levenshtein.distance, score_cutoff=1) is not None


def lead_facts_found(a: Sentences, b: Sentences, common: frozenset[str] = frozenset(),
                     lead_words: int = LEAD_WORDS) -> float:
    """The better side's share of its lead's names and two-digit figures found in the other text, a name one
    edit from a word of the other or of ``common`` counting as found (as :func:`names_found` reads them).

    A lead is the sentences that start within its first ``lead_words`` words; a side with fewer than two
    such facts says nothing and counts as found.  Figures must be found as written, or slipped by their last
    digit (``figures.slipped``: "1.28711" set for "1.2871").
    """
    def share(lead: Sentences, other: Sentences) -> float:
        names = _names(lead, lead_words)
        figures = {t for terms in lead.terms[: _lead_sentences(lead, lead_words)] for t in terms
                   if t.isdigit() and len(t) >= 2}
        if len(names) + len(figures) < 2:
            return 1.0
        present = {t for found in other.terms for t in found}
        known = present | common
        numbers = [t for t in present if t.isdigit()]
        found = (sum(1 for f in figures if f in present or any(slipped(f, n) for n in numbers))
                 + sum(1 for name in names if one_edit_among(name, known)))
        return found / (len(names) + len(figures))

    return max(share(a, b), share(b, a))


def _stem_entries(sentence: np.ndarray, stem: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, ...]:
    """One entry per stem of a sentence, weighted as its rarest word ("vector", "vectors"): a
    sentence's terms are a set, and a similarity must not count one stem twice."""
    order = np.lexsort((-weight, stem, sentence))
    sentence, stem, weight = sentence[order], stem[order], weight[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (sentence[1:] != sentence[:-1]) | (stem[1:] != stem[:-1])
    return sentence[first], stem[first], weight[first]


def _numbered_sentences(text: str) -> tuple[ShownSentences, list[int]]:
    """A text's sentences as shown, and the line each is on."""
    lines = logical_lines(text)
    numbered = split_sentences(lines)
    display = [s for _, s in numbered]
    keys = fold_lines(display)
    folded_lines = fold_lines(lines)
    # Each line hashed once, not once per sentence on it: a text that never ends a sentence is one line cut into
    # thousands, and hashing its megabytes for each took seconds (quadratic in the line).
    hashed = {n: line_hash(folded_lines[n]) for n in dict.fromkeys(n for n, _ in numbered)}
    shown = ShownSentences(display, keys, [hashed[n] for n, _ in numbered], [len(tokens(k)) for k in keys])
    return shown, [n for n, _ in numbered]


def shown_sentences(text: str) -> ShownSentences:
    """What a report shows of a text's sentences, without what aligning them with another text needs: for the
    canonical copy of a dataset's exact duplicates, only ever aligned with itself, half the work."""
    return _numbered_sentences(text)[0]


def sentences(text: str, fingerprinter: Fingerprinter, weights: TermWeights) -> Sentences:
    shown, lines = _numbered_sentences(text)
    display, keys = shown.text, shown.keys
    terms = [folded_terms(k) for k in keys]
    flat = [t for ts in terms for t in sorted(ts)]
    entry_sentence, entry_term, entry_weight = _stem_entries(
        np.repeat(np.arange(len(terms), dtype=np.int64), [len(ts) for ts in terms]),
        fingerprinter.stem_hashes(flat),
        weights.weights(flat),
    )
    return Sentences(
        text=display,
        keys=keys,
        lines=lines,
        line_hashes=shown.line_hashes,
        words=shown.words,
        first_prose=first_prose(display),
        terms=terms,
        facts=[weights.specific_among(ts) for ts in terms],
        entry_sentence=entry_sentence,
        entry_term=entry_term,
        entry_weight=entry_weight,
        weight=np.bincount(entry_sentence, weights=entry_weight, minlength=len(terms)).astype(np.float64),
    )


@dataclass(frozen=True)
class TermWeights:
    """Smoothed IDF over the distinct texts of a corpus (exact copies counted once)."""

    idf: dict[str, float]
    default: float
    #: Terms in at least COMMON_SHARE of the texts: a template's frame, never specific.
    common: frozenset[str] = frozenset()
    #: The corpus's terms, and those of them that :meth:`is_specific` accepts, found once.
    known: frozenset[str] = frozenset()
    specific: frozenset[str] = frozenset()

    @classmethod
    def learn(cls, df: dict[str, int], documents: int, background: Background,
              frame: tuple[dict[str, int], int] | None = None) -> TermWeights:
        """IDF from document frequencies, smoothed by the background's pseudo-documents; the ``common`` terms
        from ``frame`` (frequencies and texts with near-copies counted once, TermMatrix.family_frequencies)
        where given, else from ``df``."""
        total = documents + background.pseudo_documents + 1
        idf = {t: math.log(total / (c + background.pseudo_df(t) + 1)) + 1.0 for t, c in df.items()}
        frame_df, texts = frame if frame is not None else (df, documents)
        floor = max(COMMON_MIN_DOCS, COMMON_SHARE * texts)
        unweighted = cls(idf, math.log(total) + 1.0, frozenset(t for t, c in frame_df.items() if c >= floor))
        return replace(unweighted, known=frozenset(idf), specific=frozenset(filter(unweighted.is_specific, idf)))

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.default)

    def is_specific(self, term: str) -> bool:
        """Rare in this corpus and in English: names, places, jargon; not a template's frame words."""
        return (is_content_term(term) and term not in self.common
                and self.weight(term) >= SPECIFIC_IDF_SHARE * self.default)

    def specific_among(self, terms: frozenset[str]) -> frozenset[str]:
        """The specific ones of a set of content terms; the corpus's own were found once, in :meth:`learn`."""
        found = terms & self.specific
        unknown = terms.difference(self.known)
        found = found | frozenset(filter(self.is_specific, unknown)) if unknown else found
        return found or _NONE  # most sentences have none: one empty set for all of them

    def weights(self, terms: Sequence[str]) -> np.ndarray:
        get, default = self.idf.get, self.default
        return np.fromiter((get(t, default) for t in terms), dtype=np.float64, count=len(terms))
