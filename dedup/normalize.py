"""Text normalization: one canonical form for comparing, the original kept for display.

Copies of one report differ in typography more than in words (curly vs straight
quotes, en dashes, non-breaking spaces, full-width digits), so everything that is
hashed or compared goes through :func:`normalize` first.  Lower-casing happens only
in :func:`fold`, the form used for hashing and matching.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "NORMALIZER_VERSION",
    "STOPWORDS",
    "content_terms",
    "fold",
    "fold_lines",
    "has_cjk",
    "long_tokens",
    "normalize",
    "tokens",
]

#: Recorded in every saved result: changing any rule here changes fingerprints.
NORMALIZER_VERSION = "nfkc-quotes-dashes-ws-casefold-cjk-bigrams/2"

#: Typographic quotes and dashes made plain; soft hyphens and zero-width characters dropped.
_PLAIN = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
}
#: A regex finds them: ``str.translate`` looks up every character of a text that is not all ASCII
#: (a "£" is enough) in its table, six times slower on news pages (benchmarks/stages.py).
_TYPOGRAPHIC = re.compile("[" + "".join(_PLAIN) + "]")


def _plain(text: str) -> str:
    return _TYPOGRAPHIC.sub(lambda match: _PLAIN[match.group()], text)


_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\s*\n\s*")
_WORD = re.compile(r"\w+")
_LONG_WORD = re.compile(r"\w\w+")
#: Chinese and Japanese (kana and kanji) are written without spaces, so a run of them is one "word" as long
#: as a clause: one character changed and the whole clause is another token.  Overlapping character
#: bigrams stand in for their words, as search engines index these scripts (Lucene's CJK analyzer).
#: Kana (without the middle dot ・ and the double hyphen ゠, which separate words) and kanji.
_CJK = "\u3040-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
_CJK_RUN_OR_WORD = re.compile(f"[{_CJK}]+|[^\\W{_CJK}]+")

#: Function words that say nothing about which story a text tells.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own per s said same says she should so some such t than that the their
    theirs them themselves then there these they this those through to too under until up us very
    was we were what when where which while who whom why will with would you your yours yourself
    yourselves mr mrs ms one two new also may might must shall year years told""".split()
)


def normalize(text: str) -> str:
    """NFKC, straight quotes, plain dashes, one space between words, newlines kept."""
    text = _plain(unicodedata.normalize("NFKC", text))
    text = _SPACES.sub(" ", text)
    return _NEWLINES.sub("\n", text).strip()


def fold(text: str) -> str:
    """The matching form: normalized, case-folded, newlines as spaces."""
    return normalize(text).casefold().replace("\n", " ")


def has_cjk(text: str) -> bool:
    """Whether ``text`` has Chinese or Japanese characters, which :func:`tokens` reads as bigrams."""
    return _HAS_CJK.search(text) is not None


def tokens(folded: str) -> list[str]:
    """Word tokens of an already folded text; in Chinese and Japanese, character bigrams."""
    if not has_cjk(folded):
        return _WORD.findall(folded)
    found: list[str] = []
    for run in _CJK_RUN_OR_WORD.findall(folded):
        if len(run) > 1 and _HAS_CJK.match(run):
            found.extend(run[k : k + 2] for k in range(len(run) - 1))
        else:
            found.append(run)
    return found


def long_tokens(folded: str) -> list[str]:
    """The :func:`tokens` of two characters or more (a text's candidate terms), in one pass where it can."""
    if not has_cjk(folded):
        return _LONG_WORD.findall(folded)
    return [w for w in tokens(folded) if len(w) > 1]


def content_terms(words: list[str]) -> list[str]:
    """Words that can carry a story's identity: no stopwords, no one-letter words."""
    return [w for w in words if len(w) > 1 and w not in STOPWORDS]


def fold_lines(lines: list[str]) -> list[str]:
    """:func:`fold` of each line, done in one pass (lines must not contain newlines)."""
    if not lines:
        return []
    joined = _plain(unicodedata.normalize("NFKC", "\n".join(lines))).casefold()
    folded = joined.split("\n")
    if len(folded) != len(lines):  # a character normalized into a line break
        return [fold(line) for line in lines]
    return [" ".join(line.split()) for line in folded]
