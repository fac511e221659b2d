"""Signs, read from two texts' tops, that they are instances of one template rather than one report.

A wire service sends the same frame many times: another company's dividend notice, the next
day's price notice, the same accord with another partner, the same table an hour later.  Their
sentences align; what tells them apart sits in the headline and lead.  Each sign here names the
two differing values, for the reason a pair is given; ``None`` means the sign is absent.
Verification decides what the signs mean (they do not apply to a correction, which changes
figures and dates by design).

A follow-up on one topic is read from the tops too: its headline announces news the earlier
report's opening lacks (``headline_support``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .analysis import Sentences
from .companies import Company, companies_apart, company, one_company, tags_company
from .dates import Date, Times, dates, lead_dates_apart, times_apart, times_of
from .directions import Direction, direction, directions_apart
from .figures import LEAD_SENTENCES, differing_lead_figures, quantities
from .places import places_apart, places_named
from .segment import runs_on

__all__ = ["TemplateSigns", "Top", "headline_support", "lead_end", "opens_as_correction", "read_top",
           "template_signs"]

#: A wire correction's headline: "CORRECTED - GM TO IDLE SIX PLANTS", "(CORRECTED)-...", "Correction: ...".
_CORRECTION = re.compile(r"\W*correct(?:ed|ion)\b")
#: How a sentence ends; a headline does not, though it may end with a quote ("Deal 'at risk'").
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s*$")
#: ... except a short question or exclamation, which headlines often are ("What's next for next-gen consoles?"):
#: a prose sentence asking one runs longer.
_ASKS = re.compile(r"[!?][\"'\u201d\u2019)]*\s*$")
_HEADLINE_QUESTION_WORDS = 10
#: Lines of chrome a lead may sit beneath before it is no longer a lead.
_MOST_CHROME = 5


@dataclass(frozen=True, slots=True)
class TemplateSigns:
    """What two texts' tops say about them; each pair of values is (first text's, second text's)."""

    lead_dates: tuple[Date, Date] | None = None  # both leads date the report, and differently
    lead_figures: tuple[str, str] | None = None  # both leads open with a figure the other text lacks
    companies: tuple[str, str] | None = None  # the headlines tag different companies
    directions: tuple[str, str] | None = None  # the headlines say things moved different ways
    places: tuple[str, str] | None = None  # each headline names a place the other's opening lacks
    times: tuple[str, str] | None = None  # the headlines are stamped with different clock times
    correction: bool = False  # either text is headed as a correction ("CORRECTED - ..."): exempt from the signs
    one_company: bool = False  # both headlines tag one company: whose notice it is


def lead_end(s: Sentences, count: int) -> int:
    """Index just past a text's lead: its first ``count`` sentences, not counting the lines without
    a full stop that do not run on (chrome, bylines) between the first line and the first prose sentence.

    Two sites' copies of one report may each carry several lines of navigation above the headline;
    their leads are still their leads.  A text without prose near its top (a notice, a table) keeps
    the plain first ``count``.
    """
    first_prose = _first_prose(s, count + _MOST_CHROME)
    if first_prose is None:
        return count
    return max(count, first_prose + count - 1)


def _first_prose(s: Sentences, within: int) -> int | None:
    """The first sentence after the first line, among the first ``within``, that reads as prose."""
    return s.first_prose if s.first_prose is not None and s.first_prose < within else None


def _top_end(s: Sentences) -> int:
    """Index just past the lines above a text's first prose sentence: its headline, and any chrome
    and byline around it (the first line alone when prose follows it, or none does near the top)."""
    return _first_prose(s, 1 + _MOST_CHROME) or 1


def _heads_correction(folded_lines: Iterable[str]) -> bool:
    return any(_CORRECTION.match(line) is not None for line in folded_lines)


def _is_correction(s: Sentences, top_end: int) -> bool:
    return _heads_correction(s.keys[:top_end])


def opens_as_correction(text: str) -> bool:
    """Whether one of a raw text's first lines (where chrome and the headline sit) heads a correction:
    the same reading as a pair's, for when a text's sentences are not analysed."""
    lines = [line for line in text.splitlines() if line.strip()][: 1 + _MOST_CHROME]
    return _heads_correction(line.casefold() for line in lines)


def _headline(s: Sentences, top_end: int) -> str:
    """The line a text is headed by: its first, or below site navigation the first top line tagging a company."""
    return next((line for line in s.text[:top_end] if tags_company(line)), s.text[0])


def _asks_briefly(s: Sentences, k: int) -> bool:
    return s.words[k] <= _HEADLINE_QUESTION_WORDS and _ASKS.search(s.text[k]) is not None


def _headline_line(s: Sentences, top_end: int) -> int | None:
    """The first top line that is not prose, nor a row of links ("News | Sport"), and carries at least
    half the IDF weight of the heaviest such line: the headline, not the site chrome above it ("Skip to
    main content"), whose words are common.  A byline or a photo credit below it may weigh more (rare
    names, dates), so the heaviest is not taken.  None for a text that opens with prose (an essay, an
    answer): it has no headline to read."""
    lines = [k for k in range(min(top_end, len(s.text)))
             if (not _SENTENCE_END.search(s.text[k]) or _asks_briefly(s, k))
             and not runs_on(s.text, k) and " | " not in s.text[k]]
    if not lines:
        return None
    heaviest = max(s.weight[k] for k in lines)
    return next(k for k in lines if s.weight[k] * 2 >= heaviest)


@dataclass(frozen=True, slots=True)
class Top:
    """What one text's top says, read once per text (:func:`read_top`); pairs compare two of them."""

    figures: list[dict[str, str]]  # each sentence's quantities (figures.quantities)
    lead: int  # index just past the lead (lead_end with LEAD_SENTENCES)
    lead_dates: list[Date]
    dates: frozenset[Date]  # every date in the text, read only when the lead carries one
    company: Company  # the headline's ticker and name
    direction: Direction  # of the lines above the first prose sentence
    top_places: frozenset[str]
    opening_places: frozenset[str]  # of the headline and first sentence
    times: Times
    correction: bool
    headline_stems: tuple[int, ...] = ()  # the headline's stems and their IDF weights (none: no headline)
    headline_weights: tuple[float, ...] = ()
    opening_stems: frozenset[int] = frozenset()
    #: Lines above the first prose sentence other than the headline, without figures: navigation, ads,
    #: bylines.  Many unrelated texts of one site share them word for word, so they are no evidence of
    #: a shared lead.  (A table's rows carry figures: they are its lead.)
    chrome: frozenset[int] = frozenset()
    empty: bool = False  # a text without sentences has no top to read
    #: A text without a headline: its first sentence's stems and weights, the news it opens with.
    first_stems: tuple[int, ...] = ()
    first_weights: tuple[float, ...] = ()


def read_top(s: Sentences) -> Top:
    """Read a text's top once: the signs and the headline's terms every pair it is in compares."""
    figures = [quantities(k) for k in s.keys]
    if not s.text:
        return Top(figures, 0, [], frozenset(), None, None, frozenset(), frozenset(), ([], []), False, empty=True)
    lead = lead_end(s, LEAD_SENTENCES)  # chrome above it not counted
    top_end = _top_end(s)  # the headline and any chrome and byline around it
    top_line = " ".join(s.text[:top_end])
    # The headline and the first sentence say whose story it is; later ones give its background.
    opening_end = lead_end(s, 2)
    lead_dates = dates(s.keys[:lead])
    headline = _headline_line(s, top_end)
    # Entries are sorted by sentence: slices of them, then sets of a few dozen stems.
    start, end = np.searchsorted(s.entry_sentence, [headline, headline + 1]) if headline is not None else (0, 0)
    # Without a headline, the first sentence is where a text says what its news is.
    first_start, first_end = np.searchsorted(s.entry_sentence, [0, 1]) if headline is None else (0, 0)
    return Top(
        figures=figures,
        lead=lead,
        lead_dates=lead_dates,
        dates=frozenset(dates(s.keys)) if lead_dates else frozenset(),
        company=company(_headline(s, top_end)),
        direction=direction(top_line),
        top_places=places_named(top_line),
        opening_places=places_named(" ".join(s.text[:opening_end])),
        times=times_of(top_line),
        correction=_is_correction(s, top_end),
        headline_stems=tuple(s.entry_term[start:end].tolist()),
        headline_weights=tuple(s.entry_weight[start:end].tolist()),
        opening_stems=frozenset(s.entry_term[: np.searchsorted(s.entry_sentence, opening_end)].tolist()),
        chrome=frozenset(k for k in range(top_end) if k != headline and not figures[k]) if headline is not None
        else frozenset(),
        first_stems=tuple(s.entry_term[first_start:first_end].tolist()),
        first_weights=tuple(s.entry_weight[first_start:first_end].tolist()),
    )


def _announced(stems: tuple[int, ...], weights: tuple[float, ...], other: Top) -> float:
    """Share of the IDF weight of ``stems`` (a headline's, or a first sentence's) found in ``other``'s opening
    (headline and first sentence); 1.0 for no terms, which says nothing."""
    total = sum(weights)
    if total <= 0.0:
        return 1.0
    return sum(w for w, stem in zip(weights, stems) if stem in other.opening_stems) / total


def headline_support(a: Top, b: Top) -> float:
    """How far each headline's news is announced in the other text's opening (the lesser of the two).

    Two write-ups of one report announce the same news, in their own words but with its names
    and key words; a follow-up announces news the earlier report's opening cannot have (a ruling
    appealed, a bid rejected), though the two share the background's rare names.
    """
    if a.empty or b.empty:
        return 1.0
    return min(_announced(a.headline_stems, a.headline_weights, b), _announced(b.headline_stems, b.headline_weights, a))


def lead_support(a: Top, b: Top) -> float:
    """The same for a text without a headline (a body-only dataset's), its first sentence standing in for one:
    1.0 where both texts have headlines."""
    if a.empty or b.empty:
        return 1.0
    return min(_announced(a.first_stems, a.first_weights, b), _announced(b.first_stems, b.first_weights, a))


def template_signs(a: Top, b: Top) -> TemplateSigns:
    """The signs of two texts' tops."""
    if a.empty or b.empty:  # an empty text has no top to read
        return TemplateSigns()
    return TemplateSigns(
        lead_dates=lead_dates_apart(a.lead_dates, a.dates, b.lead_dates, b.dates),
        lead_figures=differing_lead_figures(a.figures, b.figures, (a.lead, b.lead)),
        companies=companies_apart(a.company, b.company),
        directions=directions_apart(a.direction, b.direction),
        places=places_apart(a.top_places, b.top_places, a.opening_places, b.opening_places),
        times=times_apart(a.times, b.times),
        correction=a.correction or b.correction,
        one_company=one_company(a.company, b.company),
    )
