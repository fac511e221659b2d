"""Regenerate dedup/data/background-*.tsv.gz and languages.tsv.gz: word frequencies for IDF smoothing.

A corpus of three articles says nothing about which words are rare; these tables
do.  Source: the `wordfreq` package (Robyn Speer et al.), whose data is licensed
CC BY-SA 4.0; the derived tables are under the same licence (see README, Credits).

- ``background-en.tsv.gz``: English, the 40,000 commonest words.
- ``background-LL.tsv.gz``: each other language whose words dedup reads whole (Latin, Cyrillic,
  Greek, Arabic, Hebrew, Devanagari, Bengali, Tamil and Hangul scripts): words of Zipf frequency 3.5 or
  more (about one in 300,000 words, below the bar for "rare"), at most 20,000.  Korean's list is split into
  morphemes, its particles apart from their nouns: a Korean word it lacks is judged by its listed stem
  (``dedup.background``).
- ``background-zh.tsv.gz``, ``background-ja.tsv.gz``: Chinese and Japanese, which dedup reads as overlapping
  character bigrams (``dedup.normalize.tokens``): each bigram of their words, as common as all the words that
  hold it together (its frequency across word boundaries is not known, so a bigram such as "的人" is missed),
  those of Zipf frequency 3.5 or more, at most 20,000.  wordfreq's Chinese list is in simplified characters.
- ``background-LL.tsv.gz`` for languages wordfreq has no list for (Amharic, Gujarati, Armenian, Kannada,
  Marathi, Burmese, Nepali, Punjabi, Sinhala): their stop lists, the function words a small corpus would
  otherwise take for rare ones, from spaCy 3.8.18 (``spacy/lang/LL/stop_words.py``, MIT) and the npm
  package stopword 3.1.5 (its MIT-licensed lists: Punjabi, Gujarati, Burmese), each word at Zipf
  frequency 5.3, the median of the stop words of other languages' lists in their wordfreq tables.
- ``languages.tsv.gz``: each language's 300 commonest words that a text's content terms can hold
  (two or more letters, not an English stopword: ``dedup.normalize.is_content_term``), or its stop list's:
  ``dedup.languages`` tells by them which languages a corpus is written in, and loads only those tables.

    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1 && /tmp/wf/bin/pip install -e .
    pip download --no-deps spacy==3.8.18 && npm pack stopword@3.1.5
    /tmp/wf/bin/python tools/make_background.py spacy-3.8.18-*.whl stopword-3.1.5.tgz
"""

import argparse
import ast
import collections
import gzip
import math
import re
import tarfile
import unicodedata
import zipfile
from pathlib import Path

import wordfreq

from dedup.normalize import fold, is_content_term, tokens

ENGLISH_WORDS = 40_000
OTHER_MIN_ZIPF = 3.5
OTHER_MAX_WORDS = 20_000
MARKERS = 300
LANGUAGES = ("ar bg bn ca cs da de el es fa fi fil fr he hi hu id is it lt lv mk ms nb nl pl pt ro ru sh sk sl sv "
             "ta tr uk ur vi ko").split()
#: Languages read as character bigrams: their tables are of bigrams, not words.
BIGRAM_LANGUAGES = ("ja", "zh")
#: Languages without a wordfreq list, and their stop lists: spaCy's (``spacy/lang/LL/stop_words.py``) and the npm
#: package stopword's (``src/stopwords_NAME.js``, only its MIT-licensed ones), merged.
SPACY_STOP_LISTS = ("am", "gu", "hy", "kn", "mr", "ne", "si")
NPM_STOP_LISTS = {"gu": "guj", "my": "mya", "pa": "panGu"}
#: The median Zipf frequency, in their wordfreq tables, of the stop words (those a text's content terms can hold)
#: of spaCy's lists for Arabic, Bengali, German, English, Spanish, Persian, Russian and Tamil: 4.9-5.9.
STOP_LIST_ZIPF = "5.3"
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


def bigrams(language: str) -> list[tuple[str, str]]:
    """The bigrams of a language dedup reads as character bigrams, each as common as the words holding it
    together (a word of one character is one token), commonest first."""
    frequency: collections.Counter[str] = collections.Counter()
    for word, share in wordfreq.get_frequency_dict(language, wordlist="best").items():
        for token in tokens(fold(word)):
            frequency[token] += share
    rows = []
    for token, share in sorted(frequency.items(), key=lambda kv: (-kv[1], kv[0])):
        zipf = math.log10(share) + 9.0
        if zipf < OTHER_MIN_ZIPF or len(rows) == OTHER_MAX_WORDS:
            break
        rows.append((token, f"{zipf:.1f}"))
    return rows


def _spacy_list(wheel: zipfile.ZipFile, language: str) -> list[str]:
    """The words of ``spacy/lang/LL/stop_words.py``: the strings it splits into its ``STOP_WORDS`` (read, not run)."""
    source = wheel.read(f"spacy/lang/{language}/stop_words.py").decode("utf-8")
    return [word for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) for word in node.value.split()]


def _npm_list(package: tarfile.TarFile, name: str) -> list[str]:
    """The quoted words of ``const NAME = [...]`` in the package's ``src/stopwords_NAME.js``, after its licence."""
    member = package.extractfile(f"package/src/stopwords_{name}.js")
    assert member is not None
    source = member.read().decode("utf-8")
    assert "MIT License" in source[:200], f"{name}: not an MIT-licensed list"
    body = source[source.index(f"const {name} = ["):]
    return [a or b for a, b in re.findall(r"'([^']*)'|\"([^\"]*)\"", body[:body.index("]")])]


def stop_lists(spacy_wheel: Path, stopword_package: Path) -> dict[str, list[tuple[str, str]]]:
    """Each stop-listed language's words as dedup reads them (one word each, letters only), merged, sorted."""
    words: dict[str, set[str]] = {}
    with zipfile.ZipFile(spacy_wheel) as wheel, tarfile.open(stopword_package) as package:
        for language in SPACY_STOP_LISTS:
            words.setdefault(language, set()).update(map(fold, _spacy_list(wheel, language)))
        for language, name in NPM_STOP_LISTS.items():
            words.setdefault(language, set()).update(map(fold, _npm_list(package, name)))
    return {language: [(w, STOP_LIST_ZIPF) for w in sorted(listed) if tokens(w) == [w] and _letters(w)]
            for language, listed in sorted(words.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spacy_wheel", type=Path, help="spaCy 3.8.18's wheel (any platform's)")
    parser.add_argument("stopword_package", type=Path, help="the npm package stopword 3.1.5 (npm pack)")
    args = parser.parse_args()
    stop_listed = stop_lists(args.spacy_wheel, args.stopword_package)
    tables = {language: english() if language == "en" else other(language) for language in ("en", *LANGUAGES)}
    tables.update({language: bigrams(language) for language in BIGRAM_LANGUAGES})
    tables.update(stop_listed)
    markers = []
    for language, rows in tables.items():
        write(DATA / f"background-{language}.tsv.gz", [f"{w}\t{z}" for w, z in rows])
        common = list(dict.fromkeys(w for w, _ in rows if is_content_term(w) and _letters(w)))
        common = common if language in stop_listed else common[:MARKERS]  # a stop list is not ranked: all of it
        markers.append(f"{language}\t{' '.join(common)}")
        print(f"{language}: {len(rows)} words")
    write(DATA / "languages.tsv.gz", markers)


if __name__ == "__main__":
    main()
