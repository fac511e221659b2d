"""Calendar dates and clock times in a text: the day, or the moment, a periodic report is for.

The next issue of a daily price table or a quarterly dividend notice repeats its frame
and often most of its figures ("three cts vs three cts prior"); what always changes is
the date it reports ("through April 8" for "through April 6", "Pay Aug 14" for "Pay
May 15").  A copy keeps its report's date.  Dates are read as (month, day), from
"April 8", "Oct. 6, 1981", "July six" and "15 March"; a month without a day ("March 1987")
is not a date.  A table sent several times a day says in its headline which moment it
shows ("MIDWEST GRAIN FUTURES 11:31 EDT"): two such snapshots share every line that did not move.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = ["Date", "Times", "clock_times", "date_label", "dates", "lead_dates_apart", "past_reference", "sessions",
           "times_apart", "times_of", "when_said"]

Date = tuple[int, int]  # (month, day)

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
#: Day first only before a full month name, and never "may": "prices of 12 may rise".
_FULL_MONTH = "|".join(m for m in _MONTHS if len(m) > 3 and m != "sept")
#: Wire style spells days under ten: "Record July six".
_SPELLED = {w: n for n, w in enumerate("one two three four five six seven eight nine".split(), start=1)}
_DAY = rf"\d{{1,2}}(?![\d.,]\d|\s*(?:%|pct|per\b))|(?:{'|'.join(_SPELLED)})\b"
#: "april 8", "oct. 6, 1981", "july six" (month first) or "15 march" (day first), in folded text.
_DATE = re.compile(rf"\b(?:({_MONTH})\.?\s+({_DAY})|(\d{{1,2}})\s+({_FULL_MONTH})\b)")


def dates(folded_texts: Iterable[str]) -> list[Date]:
    """The (month, day) dates of folded (lower-cased) texts, in order of appearance."""
    found = []
    for text in folded_texts:
        for month_first, day, day_first, month in _DATE.findall(text):
            number = _SPELLED.get(day) or int(day or day_first)
            if 1 <= number <= 31:
                found.append((_MONTHS[month_first or month], number))
    return found


def date_label(date: Date) -> str:
    """"May 15" for (5, 15)."""
    return f"{_NAMES[date[0] - 1]} {date[1]}"


def lead_dates_apart(lead_a: Sequence[Date], in_a: frozenset[Date], lead_b: Sequence[Date],
                     in_b: frozenset[Date]) -> tuple[Date, Date] | None:
    """When each text dates itself in its lead (``lead_a``, ``lead_b``: the dates of its lead, in
    order) and the leads' dates are not the other's (``in_a``, ``in_b``: every date of each text),
    the first date of each lead that the other text lacks; otherwise None.

    "Not the other's": neither lead's first date is anywhere in the other text, or, where
    both leads carry two dates or more, fewer than half of either lead's dates are (a bond
    issue names its maturity first, then the days its terms are set and paid).  A report
    states its days up front ("through April 8", "Pay May 15"); a date deep in a story ("the
    strike, which began May 9") is detail a copy may trim or reword.  Either side alone may
    carry a dateline, so one lead's dates missing from the other is not enough.
    """
    if not (lead_a and lead_b):
        return None
    missing_a, missing_b = [d for d in lead_a if d not in in_b], [d for d in lead_b if d not in in_a]
    firsts_missing = lead_a[0] in missing_a and lead_b[0] in missing_b
    distinct_a, distinct_b = set(lead_a), set(lead_b)
    mostly_missing = (len(distinct_a) >= 2 and len(distinct_b) >= 2
                      and max(len(distinct_a & in_b) / len(distinct_a), len(distinct_b & in_a) / len(distinct_b)) < 0.5)
    if firsts_missing or mostly_missing:
        return missing_a[0], missing_b[0]
    return None


#: "11:31", "9:05" (hours and minutes with a colon; "12.20" is as likely a price as a time).
_CLOCK = re.compile(r"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")


def clock_times(text: str) -> list[str]:
    """The clock times in ``text`` as "HH:MM", in order of appearance."""
    return [f"{int(hour):02d}:{minute}" for hour, minute in _CLOCK.findall(text)]


#: Market sessions as headlines name them in words ("SPRING WHEAT CLOSES HIGHER", "MOSTLY UP AT MIDDAY").
_SESSIONS = {"open": "the opening", "opens": "the opening", "opened": "the opening", "opening": "the opening",
             "starts": "the opening", "started": "the opening", "midday": "midday", "midsession": "midday",
             "mid-session": "midday", "noon": "midday", "midmorning": "midmorning", "mid-morning": "midmorning",
             "afternoon": "the afternoon", "midafternoon": "the afternoon", "mid-afternoon": "the afternoon",
             "close": "the close", "closes": "the close", "closed": "the close", "closing": "the close"}
_SESSION = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _SESSIONS), key=len, reverse=True))
                      + r")(?![\w-])")


def sessions(text: str) -> list[str]:
    """The market sessions ``text`` names in words ("the opening", "midday", "the close"), in order."""
    return [_SESSIONS[word] for word in _SESSION.findall(text.lower())]


Times = tuple[list[str], list[str]]  # clock times, then sessions named in words


def times_of(top: str) -> Times:
    """The clock times and the sessions named in words that a text's top lines carry."""
    return clock_times(top), sessions(top)


def times_apart(a: Times, b: Times) -> tuple[str, str] | None:
    """When both texts' tops (:func:`times_of` of the lines above each one's first prose sentence)
    carry clock times and share none, the first of each; likewise for sessions named in words
    (a market's report at midday and at the close); otherwise None."""
    for times_a, times_b in zip(a, b):
        if times_a and times_b and not set(times_a) & set(times_b):
            return times_a[0], times_b[0]
    return None


_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
#: Days and weeks back, not a year: "at last year's Oscars" is background that write-ups of one event add alike.
_PAST = re.compile(rf"\b(?:last (?:week|weekend|month|{_WEEKDAYS})|earlier (?:this|in the) (?:week|month))\b")


def past_reference(folded_text: str) -> str | None:
    """The phrase placing a folded sentence's news days or weeks back ("last week", "earlier this
    month"), or None: a follow-up tells the earlier report's news so, below news of its own."""
    found = _PAST.search(folded_text)
    return found.group(0) if found else None


_WHEN = re.compile(r"\b(?:last|earlier|previously|ago|recently|yesterday)\b")


def when_said(folded_text: str) -> bool:
    """Whether a folded sentence says when its news happened, however loosely ("announced on September
    15", "last month", "earlier"): two reports of one event may date it differently, which is no follow-up."""
    return _WHEN.search(folded_text) is not None or bool(dates([folded_text]))
