"""Background word frequencies, so "rare" makes sense in a small corpus too.

IDF learned from three articles cannot tell "Musk" from "said".  The shipped
tables (derived from wordfreq, CC BY-SA 4.0: English's 40,000 commonest words, and
for 39 other languages those of Zipf frequency 3.5 or more; for Chinese and Japanese, read as
character bigrams, the bigrams of their words; for 9 languages wordfreq lacks, their stop lists,
MIT, each word at Zipf 5.3) act as a prior of
``pseudo_documents`` imaginary documents: it dominates for small corpora and
fades as the scanned corpus grows.  Words in none of the tables count as rare, but a Korean
word is judged by its stem, as the Korean table lists stems and particles apart.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

__all__ = ["Background", "data_rows"]

_TABLE = "background-{}.tsv.gz"
_UNLISTED_ZIPF = 2.0
_TYPICAL_DOC_WORDS = 400
#: A Korean word joins a stem to its particle or ending ("권리를": the right, as an object), while
#: wordfreq's Korean list holds them apart (권리 4.8, 를 7.1).  A word not in the list is as common as its
#: longest listed stem, where what follows the stem is one or two of the list's grammatical morphemes: all
#: of Zipf 6 or more (particles 은 는 이 가 을 를 의 에 도 으로, endings 한 여 했 다 고).  A name keeps its
#: rarity unless its first syllables are a listed word themselves.
_KOREAN_ENDING_ZIPF = 6.0


@dataclass(frozen=True)
class Background:
    zipf: dict[str, float]
    pseudo_documents: int = 1000
    languages: tuple[str, ...] = ("en",)
    #: Those of ``languages`` whose table ranks words by frequency (a stop list only names function words): in
    #: them a word the table calls rare is rare in the language, whatever a small corpus's copies say.
    ranked: tuple[str, ...] = ("en",)

    @classmethod
    def load(cls, pseudo_documents: int = 1000, languages: Sequence[str] = ()) -> Background:
        """English, and the other ``languages`` (see ``dedup.languages``): a word is as common as it is in
        the one where it is commonest ("die" as in German, "gift" as in English)."""
        table = _table("en")
        ranked = ["en"]
        for language in sorted(set(languages) - {"en"}):
            own = _table(language)
            if len(set(own.values())) > 1:  # a stop list gives every word one frequency (tools/make_background.py)
                ranked.append(language)
            for word, zipf in own.items():
                if zipf > table.get(word, 0.0):
                    table[word] = zipf
        return cls(table, pseudo_documents, tuple(sorted({"en", *languages})), tuple(sorted(ranked)))

    @classmethod
    def empty(cls) -> Background:
        return cls({}, 0, (), ())

    def zipf_of(self, term: str) -> float:
        found = self.zipf.get(term)
        if found is not None:
            return found
        if "ko" in self.languages and _hangul(term):
            return self._korean_stem_zipf(term)
        return _UNLISTED_ZIPF

    def _korean_stem_zipf(self, word: str) -> float:
        """The Zipf of a Korean word's longest listed stem followed by its particles or endings (see above)."""
        for cut in range(len(word) - 1, 0, -1):
            stem = self.zipf.get(word[:cut])
            if stem is not None and self._korean_endings(word[cut:]):
                return stem
        return _UNLISTED_ZIPF

    def _korean_endings(self, rest: str) -> bool:
        """Whether ``rest`` is one grammatical morpheme, or two in a row ("했다": 했 + 다; "된다고": 된 + 다고)."""
        def ending(part: str) -> bool:
            return self.zipf.get(part, 0.0) >= _KOREAN_ENDING_ZIPF

        return ending(rest) or any(ending(rest[:k]) and ending(rest[k:]) for k in range(1, len(rest)))

    def pseudo_df(self, term: str) -> float:
        """Expected count of the background documents that contain ``term``."""
        if not self.pseudo_documents:
            return 0.0
        per_word = 10.0 ** (self.zipf_of(term) - 9.0)
        return self.pseudo_documents * -math.expm1(-_TYPICAL_DOC_WORDS * per_word)


def data_rows(name: str) -> list[tuple[str, str]]:
    """The rows of a gzipped two-column table shipped in ``dedup/data``."""
    data = resources.files("dedup").joinpath("data").joinpath(name).read_bytes()
    return [(key, value) for key, _, value in (line.partition("\t") for line in
                                               gzip.decompress(data).decode("utf-8").splitlines())]


def _hangul(word: str) -> bool:
    """Whether ``word`` opens with a Hangul syllable."""
    return "\uac00" <= word[:1] <= "\ud7a3"


def _table(language: str) -> dict[str, float]:
    return {word: float(value) for word, value in data_rows(_TABLE.format(language))}
