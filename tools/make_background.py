"""Regenerate dedup/data/background-*.tsv.gz and languages.tsv.gz: word frequencies for IDF smoothing.

A corpus of three articles says nothing about which words are rare; these tables
do.  Source: the `wordfreq` package (Robyn Speer et al.), whose data is licensed
CC BY-SA 4.0; the derived tables are under the same licence (see README, Credits).

- ``background-en.tsv.gz``: English, the 40,000 commonest words.
- ``background-LL.tsv.gz``: each other language whose words dedup reads whole (Latin, Cyrillic,
  Greek, Arabic, Hebrew, Devanagari, Bengali and Tamil scripts; not Chinese or Japanese, read as
  bigrams, nor Korean, whose wordfreq list is split into morphemes): words of Zipf frequency 3.5 or
  more (about one in 300,000 words, below the bar for "rare"), at most 20,000.
- ``languages.tsv.gz``: each language's 300 commonest words that a text's content terms can hold
  (two or more letters, not an English stopword: ``dedup.normalize.is_content_term``): ``dedup.languages``
  tells by them which languages a corpus is written in, and loads only those tables.

    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1 && /tmp/wf/bin/pip install -e .
    /tmp/wf/bin/python tools/make_background.py
"""

import gzip
import math
import re
import unicodedata
from pathlib import Path

import wordfreq

from dedup.normalize import fold, is_content_term, tokens

ENGLISH_WORDS = 40_000
OTHER_MIN_ZIPF = 3.5
OTHER_MAX_WORDS = 20_000
MARKERS = 300
LANGUAGES = ("ar bg bn ca cs da de el es fa fi fil fr he hi hu id is it lt lv mk ms nb nl pl pt ro ru sh sk sl sv "
             "ta tr uk ur vi").split()
DATA = Path(__file__).resolve().parent.parent / "dedup" / "data"


def _letters(word: str) -> bool:
    """Letters only, and the vowel signs and other marks that go with them: no figures."""
    return all(ch.isalpha() or unicodedata.category(ch).startswith("M") for ch in word)


def write(path: Path, lines: list[str]) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))


def english() -> list[tuple[str, str]]:
    rows = []
    for word in wordfreq.top_n_list("en", ENGLISH_WORDS * 2, wordlist="large"):
        folded = word.casefold()
        if re.fullmatch(r"\w+", folded):
            rows.append((folded, f"{wordfreq.zipf_frequency(word, 'en', wordlist='large'):.2f}"))
        if len(rows) == ENGLISH_WORDS:
            break
    return rows


def other(language: str) -> list[tuple[str, str]]:
    """Words as dedup reads them (NFKC, case-folded: German "groß" is "gross"), commonest first."""
    rows: dict[str, str] = {}
    ranked = sorted(wordfreq.get_frequency_dict(language, wordlist="best").items(), key=lambda kv: (-kv[1], kv[0]))
    for word, frequency in ranked:
        zipf = math.log10(frequency) + 9.0
        if zipf < OTHER_MIN_ZIPF or len(rows) == OTHER_MAX_WORDS:
            break
        folded = fold(word)
        if tokens(folded) == [folded] and folded not in rows:  # one word as dedup reads it; its commonest spelling
            rows[folded] = f"{zipf:.1f}"
    return list(rows.items())


def main() -> None:
    markers = []
    for language in ("en", *LANGUAGES):
        rows = english() if language == "en" else other(language)
        write(DATA / f"background-{language}.tsv.gz", [f"{w}\t{z}" for w, z in rows])
        common = list(dict.fromkeys(w for w, _ in rows if is_content_term(w) and _letters(w)))
        common = common[:MARKERS]
        markers.append(f"{language}\t{' '.join(common)}")
        print(f"{language}: {len(rows)} words")
    write(DATA / "languages.tsv.gz", markers)


if __name__ == "__main__":
    main()
