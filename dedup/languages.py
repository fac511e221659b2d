"""Which languages a corpus is written in, so that each one's common words count as common.

Rarity is judged against background word frequencies (``dedup.background``).  Judged
against English alone, a Spanish text's "que", "los" and "para" are rare words, and
two unrelated Spanish speeches share a dozen of them.  A text is in a language when
that language's commonest words make a good share of its content terms, more than
any other language's; the corpus is then judged against English and every language
found (each word as common as it is in the language where it is commonest).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .background import data_rows

__all__ = ["LanguageMarkers", "languages_found"]

_MARKERS = "languages.tsv.gz"
#: A text's content terms must be at least this many, and a language's markers (its 300 commonest words)
#: this share of them.  English news holds at most 19% of another language's (Reuters: "Generale de Banque
#: SA", French bond issues), speeches in German, Spanish or Dutch 37% or more of their own; Polish and
#: Russian news paragraphs about 30%.
MIN_TERMS = 20
MIN_SHARE = 0.25
#: English's markers are its commonest words that are no stopwords (content terms hold none), so English text
#: shows fewer of them: BBC News at least 4% (1% of its articles under 8%), texts in Estonian, Swahili, Welsh,
#: Basque or Albanian (no table here) none.  English is always in the background, so this bar only names the
#: language in the output; it changes no weight.
MIN_SHARE_ENGLISH = 0.04
#: A language not written in the Latin script is named from 5%: English news does not borrow its words, and the
#: languages of one script are told apart by which has the largest share.  Stop lists (the languages wordfreq has
#: no list for) are shorter than 300 words, and agglutinative languages' commonest forms are a small share of
#: their words: in the UDHR's passages, Marathi 7-16%, Kannada 7-21%, Tamil 6-25%, Amharic 9-20%.
MIN_SHARE_NON_LATIN = 0.05


@dataclass(frozen=True)
class LanguageMarkers:
    """Each language's commonest words (those a text's content terms can hold), from wordfreq."""

    languages: tuple[str, ...]
    words: dict[str, tuple[int, ...]]  # word -> the languages (indexes) it marks
    bars: tuple[float, ...]  # each language's least share of a text's content terms

    @classmethod
    def load(cls) -> LanguageMarkers:
        languages: list[str] = []
        words: dict[str, list[int]] = {}
        bars: list[float] = []
        for language, common in data_rows(_MARKERS):
            for word in common.split():
                words.setdefault(word, []).append(len(languages))
            languages.append(language)
            bars.append(MIN_SHARE_ENGLISH if language == "en" else
                        MIN_SHARE if _latin(common) else MIN_SHARE_NON_LATIN)
        return cls(tuple(languages), {w: tuple(at) for w, at in words.items()}, tuple(bars))

    def of_texts(self, terms: list[str], counts: sparse.csr_matrix) -> list[str | None]:
        """The language of each text whose content-term ``counts`` (one row a text, one column a term of
        ``terms``) show one, else None (too few terms, or no language's markers a good share of them)."""
        rows, columns = [], []
        for k, term in enumerate(terms):
            for language in self.words.get(term, ()):
                rows.append(k)
                columns.append(language)
        if not rows or not counts.shape[0]:
            return [None] * counts.shape[0]
        marks = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(terms), len(self.languages)))
        per_language = (counts @ marks).toarray()
        totals = np.asarray(counts.sum(axis=1)).ravel()
        best = per_language.argmax(axis=1)
        bars = np.array(self.bars)[best]
        shown = (totals >= MIN_TERMS) & (per_language.max(axis=1) >= bars * totals)
        return [self.languages[b] if s else None for b, s in zip(best.tolist(), shown.tolist())]


def _latin(words: str) -> bool:
    """Whether most of the first hundred letters of ``words`` are Latin ones."""
    letters = [unicodedata.name(ch, "").startswith("LATIN") for ch in words[:200] if ch.isalpha()][:100]
    return sum(letters) * 2 > len(letters)


def languages_found(of_texts: Sequence[str | None]) -> tuple[str, ...]:
    """The languages among ``of_texts`` (see :meth:`LanguageMarkers.of_texts`), in alphabetical order."""
    return tuple(sorted({language for language in of_texts if language is not None}))
