"""Publication dates of records, for ``--within-days``.

A wire service sends the same notice day after day ("Fed adds reserves via customer
repurchases", "U.K. money market shortage forecast at 450 mln stg"), word for word but
for a figure or two; only the day it was sent tells two issues apart.  Dates are read
in a fixed list of unambiguous formats, so "1/2/2020" is refused rather than guessed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import numpy as np

__all__ = ["DATE_FORMATS", "DateWindow", "parse_published", "says_today", "says_tomorrow"]

#: Besides ISO 8601 ("2023-04-20", "2023-04-20T12:21:00Z") and RFC 2822 ("Thu, 20 Apr 2023 12:21:00 +0200").
DATE_FORMATS = (
    "%d-%b-%Y %H:%M:%S.%f",  # Reuters-21578: 26-FEB-1987 15:01:01.79
    "%d-%b-%Y %H:%M:%S",
    "%d-%b-%Y",
    "%a %b %d %H:%M:%S %Y",  # C's ctime, as newspaper3k writes it: Wed Jan 1 10:01:19 2020
    "%B %d, %Y",  # April 20, 2023
    "%b %d, %Y",
    "%d %B %Y",  # 20 April 2023
    "%d %b %Y",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d",  # 2023-4-20: ISO 8601's order without its zeros
    "%d.%m.%Y",  # 20.04.2023: day first wherever dots are written
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
)
#: Unix time as digits, a number's or a CSV column's: seconds (9-10 digits, 1973-2286) or milliseconds (12-13
#: digits, as JavaScript and Elasticsearch export them).  Eight digits are a date (20230420), read as ISO 8601,
#: and fourteen a moment (20230420122100), as web archives (Wayback, Common Crawl) and GDELT stamp them.  Other
#: numbers are refused: a year (2023) or a placeholder (0) names no day.
_UNIX_DIGITS = re.compile(r"\d{9,10}|\d{12,13}")
_STAMP_DIGITS = re.compile(r"\d{14}")
#: ISO 8601 as news data writes it: a day (2023-04-20, 20230420), then optionally a time (T or a space; 12, 12:21,
#: 12:21:00, 122100, a fraction after . or ,) and a zone (Z, +02, +02:00, +0200).  Read here rather than by
#: ``datetime.fromisoformat``, which reads only its own output's subset before Python 3.11 (no Z, no 20230420):
#: a date must mean the same on every Python the tool runs on.
_ISO_8601 = re.compile(
    r"(?P<year>\d{4})(?P<dash>-?)(?P<month>\d{2})(?P=dash)(?P<day>\d{2})"
    r"(?:[Tt ](?P<hour>\d{2})(?::?(?P<minute>\d{2})(?::?(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?)?"
    r"(?P<zone>[Zz]|(?P<sign>[+-])(?P<zone_hours>\d{2})(?::?(?P<zone_minutes>\d{2}))?)?)?")
#: A day written out as news pages print it, month first (AP style: "Jan. 6, 2020", "Sept. 5, 2019") or day first
#: ("6 January 2020"), after a weekday or not ("Monday, January 6, 2020"), and with a clock time or not
#: ("January 6, 2020 at 3:15 p.m.", "6 Jan 2020, 15:15"); a zone after the time by the names RFC 2822 gives an
#: offset (GMT, UTC, EST, EDT, CST, CDT, MST, MDT, PST, PDT).  Other names are left to RFC 2822's reader (which
#: takes the time as written) except after a.m. or p.m., which it would drop: "3:15 PM ET" is not read.
_WRITTEN_DAY = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:(?P<month_first>[a-z]{3,9})\.?\s+(?P<day_after>\d{1,2})(?:st|nd|rd|th)?,?"
    r"|(?P<day_first>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month_after>[a-z]{3,9})\.?,?)"
    r"\s+(?P<year>\d{4})"
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?P<half>[ap])\.?m\.?)?(?:\s+(?P<zone>[a-z]{2,3}))?)?",
    re.IGNORECASE)
_MONTHS = {name: n for n, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
_ZONES = {"gmt": 0, "ut": 0, "utc": 0, "edt": -4, "est": -5, "cdt": -5, "cst": -6, "mdt": -6, "mst": -7,
          "pdt": -7, "pst": -8}
#: A number this large is Unix milliseconds: as seconds, it would be past the year 5000.
_MILLISECONDS_FROM = 10**11
#: Control characters end a date: some Reuters dates carry transmission codes after them
#: ("27-MAR-1987 00:02:59.13\x05\x05\x05RM"), or only the codes' letters, right after the time.
_NOISE = re.compile(r"[\x00-\x1f].*|(?<=\d)[A-Z]{1,3}(?:\s+[A-Z]{1,3})*\s*$", re.DOTALL)


def _naive_utc(moment: datetime) -> datetime | None:
    """Times with a zone in UTC; times without one as written (taken to share one zone).  None where UTC's is
    out of range: .NET's placeholder 0001-01-01T00:00:00+01:00 falls before year 1."""
    try:
        return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment
    except OverflowError:
        return None


def _unix(value: float) -> datetime | None:
    try:
        seconds = value / 1000 if abs(value) >= _MILLISECONDS_FROM else value
        return datetime.fromtimestamp(seconds, tz=timezone.utc).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return None


def _iso_8601(text: str) -> datetime | None:
    """The moment an ISO 8601 date or date and time names (in UTC where it has a zone), or None."""
    found = _ISO_8601.fullmatch(text)
    if found is None:
        return None
    part = found.groupdict()
    try:
        zone = None
        if part["zone"]:
            offset = timedelta(hours=int(part["zone_hours"] or 0), minutes=int(part["zone_minutes"] or 0))
            zone = timezone(-offset if part["sign"] == "-" else offset)
        moment = datetime(int(part["year"]), int(part["month"]), int(part["day"]), int(part["hour"] or 0),
                          int(part["minute"] or 0), int(part["second"] or 0),
                          int((part["fraction"] or "0")[:6].ljust(6, "0")), tzinfo=zone)
        return _naive_utc(moment)
    except ValueError:  # a month 13, a day 31 of a short month, an offset of a day or more
        return None


def _written_day(found: re.Match[str]) -> datetime | None:
    """The moment a day written out in words names (``_WRITTEN_DAY``), or None."""
    part = found.groupdict()
    month = _MONTHS.get((part["month_first"] or part["month_after"]).lower())
    zone = part["zone"].lower() if part["zone"] else None
    hour = int(part["hour"] or 0)
    if month is None or (zone is not None and zone not in _ZONES):
        return None
    if part["half"]:  # 12 a.m. is midnight, 12 p.m. noon; 13 p.m. names no time
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if part["half"].lower() == "p" else 0)
    try:
        moment = datetime(int(part["year"]), month, int(part["day_after"] or part["day_first"]), hour,
                          int(part["minute"] or 0), int(part["second"] or 0),
                          tzinfo=timezone(timedelta(hours=_ZONES[zone])) if zone is not None else None)
    except ValueError:  # a day 31 of a short month, an hour 25
        return None
    return _naive_utc(moment)


def parse_published(value: object) -> datetime | None:
    """The moment ``value`` (a date string, or Unix seconds or milliseconds) names, or None if it names none
    we read."""
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):  # a Parquet timestamp column
        return _naive_utc(value)
    if isinstance(value, date):  # a Parquet date column
        return datetime(value.year, value.month, value.day)
    if isinstance(value, dict) and len(value) == 1 and "$date" in value:  # MongoDB's JSON, as mongoexport writes
        inner = value["$date"]  # ISO 8601, or Unix milliseconds, as a number or {"$numberLong": "..."}
        if isinstance(inner, dict) and len(inner) == 1 and isinstance(inner.get("$numberLong"), str):
            inner = inner["$numberLong"]
        return parse_published(inner) if isinstance(inner, (str, int, float)) else None
    if isinstance(value, int):
        value = str(value)  # digits, read as a CSV column's are
    if isinstance(value, float):
        whole = len(str(abs(int(value)))) if value == value and abs(value) != float("inf") else 0
        return _unix(value) if whole in (9, 10, 12, 13) else None
    if not isinstance(value, str):
        return None
    text = " ".join(_NOISE.sub("", value).split())
    if not text:
        return None
    if _UNIX_DIGITS.fullmatch(text):
        return _unix(int(text))
    if _STAMP_DIGITS.fullmatch(text):
        try:
            return datetime.strptime(text, "%Y%m%d%H%M%S")
        except ValueError:
            return None
    iso = _iso_8601(text)
    if iso is not None:
        return iso
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    written = _WRITTEN_DAY.fullmatch(text)
    if written is not None and (written["half"] or not written["zone"] or written["zone"].lower() in _ZONES):
        return _written_day(written)  # here or not at all: RFC 2822's reader takes "3:15 PM" as 3:15
    try:
        return _naive_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):  # seconds thirty digits long: OverflowError
        return None


_EPOCH = datetime(1970, 1, 1)
#: Where a report names its own day relatively: "talks due today", "the 24 hours up to 1200 GMT today", "the
#: council meets tomorrow" (sent on two days, two days' notices).  Not "yesterday": a re-send days later keeps
#: the first day's "cancelled yesterday" word for word.
_TODAY = re.compile(r"\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening))\b", re.IGNORECASE)
#: How far into a text (headline and lead) "today" still says which day the report is for.
TODAY_CHARS = 400
#: Reports that both say "today" are each that day's: more than a day apart, they are two days' reports.
TODAY_WINDOW = 1.0
_TOMORROW = re.compile(r"\btomorrow\b", re.IGNORECASE)
#: What a text says comes "tomorrow" has come for a text sent on a later day at least this long after it (days
#: are held in UTC, where one place's evening and its next morning can fall on two days).
CAME_DAYS = 0.5


#: Quoted speech, closed or running past the text's top: its "today" is the speaker's
#: ("Until today we have announced policies").
_QUOTED = re.compile(r"\"[^\"]*(?:\"|$)|\u201c[^\u201d]*(?:\u201d|$)")


def says_today(text: str) -> bool:
    """Whether ``text``'s top dates it relative to the day it was sent ("today", "this morning", "tomorrow")."""
    return _TODAY.search(_top(text)) is not None


def says_tomorrow(text: str) -> bool:
    """Whether ``text``'s top says something comes "tomorrow": news of a day to come."""
    return _TOMORROW.search(_top(text)) is not None


def _top(text: str) -> str:
    return _QUOTED.sub(" ", text[:TODAY_CHARS])


@dataclass(frozen=True)
class DateWindow:
    """Which pairs of texts were published too far apart to be one report (``--within-days``).

    Texts that both say "today" near their top are held to a day at most: the Bank of England's
    forecast of "a shortage of around 450 mln stg in the money market today", sent on two days,
    repeats every word but is two days' forecasts.
    """

    days: np.ndarray  # each text's days since 1970; NaN where undated or exempt, which is never too far
    today: np.ndarray  # each text says "today" near its top
    within: float
    tomorrow: np.ndarray  # each text says something comes "tomorrow" near its top

    @classmethod
    def of(cls, published: Sequence[datetime | None], within: float, exempt: Sequence[bool],
           today: Sequence[bool], tomorrow: Sequence[bool]) -> DateWindow:
        """``exempt`` texts (a correction is the report it corrects, whenever it comes) are not held to it."""
        days = [np.nan if p is None or skip else (p - _EPOCH).total_seconds() / 86400
                for p, skip in zip(published, exempt)]
        return cls(np.array(days, dtype=np.float64), np.array(today, dtype=bool), within,
                   np.array(tomorrow, dtype=bool))

    def _limit(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return np.where(self.today[i] & self.today[j], min(self.within, TODAY_WINDOW), self.within)

    def too_far(self, pairs: np.ndarray) -> np.ndarray:
        """For rows ``(i, j)`` of ``pairs``: published further apart than their window."""
        i, j = pairs[:, 0], pairs[:, 1]
        return np.abs(self.days[i] - self.days[j]) > self._limit(i, j)  # NaN: False

    def apart(self, i: int, j: int) -> float | None:
        """Days between ``i`` and ``j``; None where either is undated or exempt."""
        gap = abs(float(self.days[i] - self.days[j]))
        return None if math.isnan(gap) else gap

    def came(self, i: int, j: int) -> float | None:
        """Days from the one of ``i`` and ``j`` whose top says something comes "tomorrow" to the other, where that
        one was sent on a later day (``CAME_DAYS`` on at least) and says neither "today" nor "tomorrow": the day
        announced has come, and the later text is its news ("expected to approve ... at a meeting tomorrow" and,
        two days on, "has approved").  None otherwise, or where either is undated."""
        for early, late in ((i, j), (j, i)):
            gap = float(self.days[late] - self.days[early])  # NaN where undated: no comparison holds
            if (self.tomorrow[early] and not self.today[late] and gap >= CAME_DAYS
                    and math.floor(self.days[late]) > math.floor(self.days[early])):
                return gap
        return None

    def gap(self, i: int, j: int) -> tuple[float, float] | None:
        """Days between ``i`` and ``j``, and their window, when further apart than it; otherwise None."""
        gap = self.apart(i, j)
        limit = float(self._limit(np.array([i]), np.array([j]))[0])
        return (gap, limit) if gap is not None and gap > limit else None
