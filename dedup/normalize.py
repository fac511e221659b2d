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
    "is_content_term",
    "has_cjk",
    "long_tokens",
    "normalize",
    "tokens",
]

#: Recorded in every saved result: changing any rule here changes fingerprints.
NORMALIZER_VERSION = "nfkc-quotes-dashes-ws-casefold-marks-in-words-cjk-bigrams/3"

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
#: Combining marks (Unicode 14.0's Mn, Mc and Me in the Basic Multilingual Plane) belong to the word they
#: follow: Hindi, Bengali, Tamil and the other Indic scripts write most vowels as marks, and ``\w`` alone cut
#: "हिन्दी" into "ह", "न", "द".  Listed, not looked up at start-up, so that every Python reads words alike.
#: Not Thai's, Lao's or Khmer's: written without spaces between words, their runs are phrases, and cut at
#: the vowel signs they come in pieces about a syllable long, which find copies where whole runs do not
#: (the UDHR's passages, evaluation/udhr.py: copies found in Thai 100% against 11%).
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7\u0610-\u061a\u064b-\u065f"
    "\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-\u06ed\u0711\u0730-\u074a\u07a6-\u07b0\u07eb-\u07f3"
    "\u07fd\u0816-\u0819\u081b-\u0823\u0825-\u0827\u0829-\u082d\u0859-\u085b\u0898-\u089f\u08ca-\u08e1"
    "\u08e3-\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0963\u0981-\u0983\u09bc\u09be-\u09c4"
    "\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3\u09fe\u0a01-\u0a03\u0a3c\u0a3e-\u0a42\u0a47-\u0a48"
    "\u0a4b-\u0a4d\u0a51\u0a70-\u0a71\u0a75\u0a81-\u0a83\u0abc\u0abe-\u0ac5\u0ac7-\u0ac9\u0acb-\u0acd"
    "\u0ae2-\u0ae3\u0afa-\u0aff\u0b01-\u0b03\u0b3c\u0b3e-\u0b44\u0b47-\u0b48\u0b4b-\u0b4d\u0b55-\u0b57"
    "\u0b62-\u0b63\u0b82\u0bbe-\u0bc2\u0bc6-\u0bc8\u0bca-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c\u0c3e-\u0c44"
    "\u0c46-\u0c48\u0c4a-\u0c4d\u0c55-\u0c56\u0c62-\u0c63\u0c81-\u0c83\u0cbc\u0cbe-\u0cc4\u0cc6-\u0cc8"
    "\u0cca-\u0ccd\u0cd5-\u0cd6\u0ce2-\u0ce3\u0d00-\u0d03\u0d3b-\u0d3c\u0d3e-\u0d44\u0d46-\u0d48\u0d4a-\u0d4d"
    "\u0d57\u0d62-\u0d63\u0d81-\u0d83\u0dca\u0dcf-\u0dd4\u0dd6\u0dd8-\u0ddf\u0df2-\u0df3"
    "\u0f18-\u0f19\u0f35\u0f37\u0f39\u0f3e-\u0f3f\u0f71-\u0f84"
    "\u0f86-\u0f87\u0f8d-\u0f97\u0f99-\u0fbc\u0fc6\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064"
    "\u1067-\u106d\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d\u135d-\u135f\u1712-\u1715\u1732-\u1734"
    "\u1752-\u1753\u1772-\u1773\u180b-\u180d\u180f\u1885-\u1886\u18a9\u1920-\u192b"
    "\u1930-\u193b\u1a17-\u1a1b\u1a55-\u1a5e\u1a60-\u1a7c\u1a7f\u1ab0-\u1ace\u1b00-\u1b04\u1b34-\u1b44"
    "\u1b6b-\u1b73\u1b80-\u1b82\u1ba1-\u1bad\u1be6-\u1bf3\u1c24-\u1c37\u1cd0-\u1cd2\u1cd4-\u1ce8\u1ced\u1cf4"
    "\u1cf7-\u1cf9\u1dc0-\u1dff\u20d0-\u20f0\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099-\u309a"
    "\ua66f-\ua672\ua674-\ua67d\ua69e-\ua69f\ua6f0-\ua6f1\ua802\ua806\ua80b\ua823-\ua827\ua82c\ua880-\ua881"
    "\ua8b4-\ua8c5\ua8e0-\ua8f1\ua8ff\ua926-\ua92d\ua947-\ua953\ua980-\ua983\ua9b3-\ua9c0\ua9e5\uaa29-\uaa36"
    "\uaa43\uaa4c-\uaa4d\uaa7b-\uaa7d\uaab0\uaab2-\uaab4\uaab7-\uaab8\uaabe-\uaabf\uaac1\uaaeb-\uaaef"
    "\uaaf5-\uaaf6\uabe3-\uabea\uabec-\uabed\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f"
)
_WORD = re.compile(f"\\w[\\w{_MARKS}]*")
#: Two letters or more (with their marks): a word that can be a term.  One letter says nothing of a story:
#: "a", and in Indic scripts a consonant with its vowel sign, one syllable (Hindi's "है", "is", "की", "of").
_LONG_WORD = re.compile(f"\\w[{_MARKS}]*\\w[\\w{_MARKS}]*")
#: Chinese and Japanese (kana and kanji) are written without spaces, so a run of them is one "word" as long
#: as a clause: one character changed and the whole clause is another token.  Overlapping character
#: bigrams stand in for their words, as search engines index these scripts (Lucene's CJK analyzer).
#: Kana (without the middle dot ・ and the double hyphen ゠, which separate words) and kanji.
_CJK = "\u3040-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
_CJK_RUN_OR_WORD = re.compile(f"[{_CJK}]+|[^\\W{_CJK}](?:[^\\W{_CJK}]|(?![{_CJK}])[{_MARKS}])*")

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
    """Word tokens of an already folded text (letters with their combining marks); in Chinese and Japanese,
    character bigrams."""
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
    return [w for w in tokens(folded) if len(w) > 1 and (w.isascii() or _LONG_WORD.fullmatch(w))]


def is_content_term(word: str) -> bool:
    """Whether a word (a token) can carry a story's identity: no stopword, no one-letter word."""
    return len(word) > 1 and word not in STOPWORDS and (word.isascii() or _LONG_WORD.fullmatch(word) is not None)


def content_terms(words: list[str]) -> list[str]:
    """The words that can carry a story's identity (:func:`is_content_term`)."""
    return [w for w in words if is_content_term(w)]


def fold_lines(lines: list[str]) -> list[str]:
    """:func:`fold` of each line, done in one pass (lines must not contain newlines)."""
    if not lines:
        return []
    joined = _plain(unicodedata.normalize("NFKC", "\n".join(lines))).casefold()
    folded = joined.split("\n")
    if len(folded) != len(lines):  # a character normalized into a line break
        return [fold(line) for line in lines]
    return [" ".join(line.split()) for line in folded]
