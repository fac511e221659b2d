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
from .companies import different_companies, same_company, tags_company
from .dates import Date, differing_lead_dates, differing_times
from .directions import opposite_directions
from .figures import LEAD_SENTENCES, differing_lead_figures
from .places import different_places
from .segment import runs_on

__all__ = ["TemplateSigns", "headline_support", "lead_end", "opens_as_correction", "template_signs"]

#: A wire correction's headline: "CORRECTED - GM TO IDLE SIX PLANTS", "(CORRECTED)-...", "Correction: ...".
_CORRECTION = re.compile(r"\W*correct(?:ed|ion)\b")
#: How a sentence ends; a headline does not, though it may end with a quote ("Deal 'at risk'").
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s*$")
#: Lines of chrome a lead may sit beneath before it is no longer a lead.
_MOST_CHROME = 5


@dataclass(frozen=True)
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


def _headline_line(s: Sentences) -> int | None:
    """The first top line that is not prose, nor a row of links ("News | Sport"), and carries at least
    half the IDF weight of the heaviest such line: the headline, not the site chrome above it ("Skip to
    main content"), whose words are common.  A byline or a photo credit below it may weigh more (rare
    names, dates), so the heaviest is not taken.  None for a text that opens with prose (an essay, an
    answer): it has no headline to read."""
    lines = [k for k in range(min(_top_end(s), len(s.text)))
             if not _SENTENCE_END.search(s.text[k]) and not runs_on(s.text, k) and " | " not in s.text[k]]
    if not lines:
        return None
    heaviest = max(s.weight[k] for k in lines)
    return next(k for k in lines if s.weight[k] * 2 >= heaviest)


def _support(s: Sentences, other: Sentences) -> float:
    """Share of the IDF weight of ``s``'s headline terms (stems) found in ``other``'s opening
    (headline and first sentence); 1.0 without a headline with terms, which says nothing."""
    headline = _headline_line(s)
    if headline is None:
        return 1.0
    # Entries are sorted by sentence: slices, and sets of a few dozen stems (numpy's isin costs
    # more than the whole decision at this size).
    start, end = np.searchsorted(s.entry_sentence, [headline, headline + 1])
    weights = s.entry_weight[start:end].tolist()
    total = sum(weights)
    if total <= 0.0:
        return 1.0
    opening = set(other.entry_term[: np.searchsorted(other.entry_sentence, lead_end(other, 2))].tolist())
    found = sum(w for w, term in zip(weights, s.entry_term[start:end].tolist()) if term in opening)
    return found / total


def headline_support(sa: Sentences, sb: Sentences) -> float:
    """How far each headline's news is announced in the other text's opening (the lesser of the two).

    Two write-ups of one report announce the same news, in their own words but with its names
    and key words; a follow-up announces news the earlier report's opening cannot have (a ruling
    appealed, a bid rejected), though the two share the background's rare names.
    """
    if not sa.text or not sb.text:
        return 1.0
    return min(_support(sa, sb), _support(sb, sa))


def template_signs(sa: Sentences, sb: Sentences,
                   figures: tuple[list[dict[str, str]], list[dict[str, str]]]) -> TemplateSigns:
    """The signs of two analysed texts; ``figures`` are each one's quantities, sentence by sentence."""
    if not sa.text or not sb.text:  # an empty text has no top to read
        return TemplateSigns()
    leads = (lead_end(sa, LEAD_SENTENCES), lead_end(sb, LEAD_SENTENCES))  # chrome above them not counted
    tops = (_top_end(sa), _top_end(sb))  # the headline and any chrome and byline around it
    headlines = (_headline(sa, tops[0]), _headline(sb, tops[1]))
    top_lines = (" ".join(sa.text[:tops[0]]), " ".join(sb.text[:tops[1]]))
    # The headline and the first sentence say whose story it is; later ones give its background.
    openings = (" ".join(sa.text[:lead_end(sa, 2)]), " ".join(sb.text[:lead_end(sb, 2)]))
    return TemplateSigns(
        lead_dates=differing_lead_dates(sa.keys, sb.keys, leads),
        lead_figures=differing_lead_figures(*figures, leads),
        companies=different_companies(*headlines),
        directions=opposite_directions(*top_lines),
        places=different_places(*top_lines, *openings),
        times=differing_times(*top_lines),
        correction=_is_correction(sa, tops[0]) or _is_correction(sb, tops[1]),
        one_company=same_company(*headlines),
    )
