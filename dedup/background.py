"""Background English word frequencies, so "rare" makes sense in a small corpus too.

IDF learned from three articles cannot tell "Musk" from "said".  The shipped
table (40,000 words, derived from wordfreq, CC BY-SA 4.0) acts as a prior of
``pseudo_documents`` imaginary documents: it dominates for small corpora and
fades as the scanned corpus grows.  Words not in the table count as rare.
"""

from __future__ import annotations

import gzip
import math
from dataclasses import dataclass
from importlib import resources

__all__ = ["Background"]

_TABLE = "background-en.tsv.gz"
_UNLISTED_ZIPF = 2.0
_TYPICAL_DOC_WORDS = 400


@dataclass(frozen=True)
class Background:
    zipf: dict[str, float]
    pseudo_documents: int = 1000

    @classmethod
    def load(cls, pseudo_documents: int = 1000) -> Background:
        data = resources.files("dedup").joinpath("data").joinpath(_TABLE).read_bytes()
        table: dict[str, float] = {}
        for line in gzip.decompress(data).decode("utf-8").splitlines():
            word, _, value = line.partition("\t")
            table[word] = float(value)
        return cls(table, pseudo_documents)

    @classmethod
    def empty(cls) -> Background:
        return cls({}, 0)

    def zipf_of(self, term: str) -> float:
        return self.zipf.get(term, _UNLISTED_ZIPF)

    def pseudo_df(self, term: str) -> float:
        """Expected count of the background documents that contain ``term``."""
        if not self.pseudo_documents:
            return 0.0
        per_word = 10.0 ** (self.zipf_of(term) - 9.0)
        return self.pseudo_documents * -math.expm1(-_TYPICAL_DOC_WORDS * per_word)
