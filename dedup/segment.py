"""Sentence segmentation.

Alignment works on sentences, so a boundary in the wrong place splits a shared
sentence into two half-matches.  Lines are kept as hard boundaries because site
boilerplate ("Share this article", "Popular posts") sits on lines of its own
without a full stop, and so are table rows: joined into one "sentence", two issues
of a rate table could not be compared row by row.
"""

from __future__ import annotations

import re

import xxhash

__all__ = ["first_prose", "logical_lines", "runs_on", "split_sentences"]

#: Full stops that end a sentence wherever they stand, with or without a space or a capital after them:
#: Chinese and Japanese (。！？), the danda of Hindi, Bengali and other Indic scripts (।, ॥), Arabic's
#: question mark (؟), Urdu's full stop (۔), Armenian's (։), Amharic's (።, ፧), Burmese (။) and Khmer (។, ៕).
_OWN_STOPS = "\u3002\uff01\uff1f\u0964\u0965\u061f\u06d4\u0589\u1362\u1367\u104b\u17d4\u17d5"
_BOUNDARY = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*\s+"
                       f"|(?P<own>[{_OWN_STOPS}]+[\u300d\u300f\uff09\"'\u201d\u2019)\\]]*\\s*)")
#: What may open a sentence before its first letter: quotes, brackets, Spanish ¿ and ¡.
_OPENERS = "\"'\u201c\u2018\u201e\u00ab([\u00bf\u00a1"
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr inc corp co ltd plc gov sen rep gen col lt sgt capt
    vs etc no nos fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e
    a.m p.m""".split()
)
#: Initials run together: "J.P. Stevens", "C.R.I. Insured".
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_MIN_CHARS = 2
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")
_TERMINAL = frozenset(".!?:\"'\u201d\u2019)\u2026" + _OWN_STOPS)
_WRAP_MIN = 40
#: How a prose sentence ends; site chrome ("Skip to content", "News | Sport"), headlines and bylines do not.
_PROSE_END = re.compile(f"[.!?:;\"'\u201d\u2019)\u2026{_OWN_STOPS}\u300d\u300f\uff09]\\s*$")
#: A gap between table columns: two or more spaces not after the end of a sentence.
_COLUMN_GAP = re.compile(r"(?<![.!?:;])[ \t]{2,}(?=\S)")


#: A "sentence" of more words than this has no stops to end it (a transcript, OCR output, a list run together).
#: It is cut where its own words say: after a word whose hash is 0 modulo _CUT_EVERY, from _CUT_MIN words on,
#: and at _CUT_MAX words at the latest.  Cuts depend on the words around them, not on where the text starts, so
#: two copies are cut alike however much one adds before a passage, and their pieces align one to one.
_RUN_ON_WORDS = 150
_CUT_EVERY = 32
_CUT_MIN = 12
_CUT_MAX = 96
_WORD_EDGES = "\"'\u201c\u201d\u2018\u2019()[],;:.!?"


def _cut_run_on(sentence: str) -> list[str]:
    if sentence.count(" ") < _RUN_ON_WORDS:  # words are set apart by single spaces in logical lines
        return [sentence]
    words = sentence.split(" ")
    pieces: list[str] = []
    start = 0
    for end, word in enumerate(words, start=1):
        size = end - start
        if size >= _CUT_MAX or (size >= _CUT_MIN and xxhash.xxh32_intdigest(
                word.strip(_WORD_EDGES).lower().encode("utf-8", "surrogatepass"), 0x5EED) % _CUT_EVERY == 0):
            pieces.append(" ".join(words[start:end]))
            start = end
    if start < len(words):
        pieces.append(" ".join(words[start:]))
    return pieces


def _starts_sentence(line: str, at: int) -> bool:
    """Whether a sentence can start at ``at``: with a figure or a letter that is not lower case (a capital, or
    a letter of a script without case: Arabic, Hebrew, Hindi...), after any opening quote or bracket."""
    if at < len(line) and line[at] in _OPENERS:
        at += 1
    if at >= len(line):
        return False
    first = line[at]
    return first.isdigit() or "\u00c0" <= first <= "\u024f" or (first.isalpha() and not first.islower())


def _is_abbreviation(line: str, start: int, end: int) -> bool:
    """Whether the word ending at ``end`` (after ``start``) is an abbreviation or an initial.

    Logical lines hold single spaces only, so the word starts after the last one.
    """
    word = line[max(line.rfind(" ", start, end) + 1, start) : end]
    word = word.rstrip(".!?\u2026").lstrip("\"'(\u201c\u2018").lower()
    if word in _ABBREVIATIONS or _INITIALS.fullmatch(word):
        return True
    return len(word) == 1 and word.isalpha()  # an initial: "J. Smith"


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        # Stops of their own end a sentence wherever they stand: no space need follow, nor a capital.
        if match["own"] is None and (not _starts_sentence(line, end)
                                     or _is_abbreviation(line, start, match.start() + 1)):
            continue
        pieces.append(line[start:end].strip())
        start = end
    pieces.append(line[start:].strip())
    return [cut for p in pieces if len(p) >= _MIN_CHARS for cut in _cut_run_on(p)]


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Wire copy wraps lines at ~65 columns mid-sentence; headlines and footers do not."""
    inner = lines[:-1]
    if not inner:
        return False
    wrapped = sum(1 for line in inner if len(line) >= _WRAP_MIN and line[-1] not in _TERMINAL)
    return wrapped * 2 >= len(inner)


def _is_table_row(inner: str) -> bool:
    """Columns set apart by runs of spaces ("30-180 days  4.75 pct  4.75 pct"), not prose."""
    return "  " in inner and len(_COLUMN_GAP.findall(inner)) >= 2


def _runs(lines: list[str], rows: list[bool]) -> list[list[str]]:
    """A paragraph's lines in runs: each table row alone, consecutive prose lines together."""
    runs: list[list[str]] = []
    previous_is_row = True
    for line, is_row in zip(lines, rows):
        if is_row or previous_is_row:
            runs.append([line])
        else:
            runs[-1].append(line)
        previous_is_row = is_row
    return runs


def _join_wrapped(raw: list[str], lines: list[str]) -> None:
    if _looks_hard_wrapped(raw):
        lines.append(" ".join(raw))
    else:
        lines.extend(raw)


def _logical_lines(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in _PARAGRAPH.split(text):
        inner = [line.strip() for line in paragraph.splitlines()]
        inner = [line for line in inner if line]
        rows = [_is_table_row(line) for line in inner]
        raw = [" ".join(line.split()) for line in inner]
        if not any(rows):  # prose only (almost every paragraph): the one run _runs would make
            _join_wrapped(raw, lines)
            continue
        for run in _runs(raw, rows):
            _join_wrapped(run, lines)
    return lines


def logical_lines(text: str) -> list[str]:
    """Lines as written, with hard-wrapped paragraphs joined; inner whitespace collapsed."""
    return _logical_lines(text)


def split_sentences(lines: list[str]) -> list[tuple[int, str]]:
    """``(line number, sentence)`` in order, for the :func:`logical_lines` of a text."""
    return [(n, s) for n, line in enumerate(lines) for s in _split_line(line)]


def runs_on(sentences: list[str], k: int) -> bool:
    """Sentence ``k`` goes on in the next one ("at the" / "opening, ..."): a hard-wrapped sentence."""
    return k + 1 < len(sentences) and sentences[k + 1][:1].islower()


def ends_as_prose(line: str) -> bool:
    """Whether a line ends as a prose sentence does: site chrome, headlines and bylines do not."""
    return _PROSE_END.search(line) is not None


def first_prose(sentences: list[str]) -> int | None:
    """The first sentence after the first that reads as prose (ends like a sentence, or runs on),
    or None: what sits above it is a headline, site chrome or a byline."""
    return next((k for k in range(1, len(sentences))
                 if ends_as_prose(sentences[k]) or runs_on(sentences, k)), None)
