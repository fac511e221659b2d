"""Background word frequencies, so "rare" makes sense in a small corpus too.

IDF learned from three articles cannot tell "Musk" from "said".  The shipped
tables (derived from wordfreq, CC BY-SA 4.0: English's 40,000 commonest words, and
for 39 other languages those of Zipf frequency 3.5 or more; for 9 languages wordfreq
lacks, their stop lists, MIT, each word at Zipf 5.3) act as a prior of
``pseudo_documents`` imaginary documents: it dominates for small corpora and
fades as the scanned corpus grows.  Words in none of the tables count as rare.
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


@dataclass(frozen=True)
class Background:
    zipf: dict[str, float]
    pseudo_documents: int = 1000
    languages: tuple[str, ...] = ("en",)

    @classmethod
    def load(cls, pseudo_documents: int = 1000, languages: Sequence[str] = ()) -> Background:
        """English, and the other ``languages`` (see ``dedup.languages``): a word is as common as it is in
        the one where it is commonest ("die" as in German, "gift" as in English)."""
        table = _table("en")
        for language in sorted(set(languages) - {"en"}):
            for word, zipf in _table(language).items():
                if zipf > table.get(word, 0.0):
                    table[word] = zipf
        return cls(table, pseudo_documents, tuple(sorted({"en", *languages})))

    @classmethod
    def empty(cls) -> Background:
        return cls({}, 0, ())

    def zipf_of(self, term: str) -> float:
        return self.zipf.get(term, _UNLISTED_ZIPF)

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


def _table(language: str) -> dict[str, float]:
    return {word: float(value) for word, value in data_rows(_TABLE.format(language))}
