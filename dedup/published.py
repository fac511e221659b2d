"""Publication dates of records, for ``--within-days``.

A wire service sends the same notice day after day ("Fed adds reserves via customer
repurchases", "U.K. money market shortage forecast at 450 mln stg"), word for word but
for a figure or two; only the day it was sent tells two issues apart.  Dates are read
in a fixed list of unambiguous formats, so "1/2/2020" is refused rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import numpy as np

__all__ = ["DATE_FORMATS", "DateWindow", "parse_published"]

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
)
#: Control characters end a date: some Reuters dates carry transmission codes after them
#: ("27-MAR-1987 00:02:59.13\x05\x05\x05RM"), or only the codes' letters, right after the time.
_NOISE = re.compile(r"[\x00-\x1f].*|(?<=\d)[A-Z]{1,3}(?:\s+[A-Z]{1,3})*\s*$", re.DOTALL)


def _naive_utc(moment: datetime) -> datetime:
    """Times with a zone in UTC; times without one as written (taken to share one zone)."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def parse_published(value: object) -> datetime | None:
    """The moment ``value`` (a date string, or Unix seconds) names, or None if it names none we read."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(value, tz=timezone.utc).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = " ".join(_NOISE.sub("", value).split())
    if not text:
        return None
    try:
        return _naive_utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    try:
        return _naive_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None


_EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True)
class DateWindow:
    """Which pairs of texts were published too far apart to be one report (``--within-days``)."""

    days: np.ndarray  # each text's days since 1970; NaN where undated or exempt, which is never too far
    within: float

    @classmethod
    def of(cls, published: Sequence[datetime | None], within: float, exempt: Sequence[bool]) -> DateWindow:
        """``exempt`` texts (a correction is the report it corrects, whenever it comes) are not held to it."""
        days = [np.nan if p is None or skip else (p - _EPOCH).total_seconds() / 86400
                for p, skip in zip(published, exempt)]
        return cls(np.array(days, dtype=np.float64), within)

    def too_far(self, pairs: np.ndarray) -> np.ndarray:
        """For rows ``(i, j)`` of ``pairs``: published more than ``within`` days apart."""
        return np.abs(self.days[pairs[:, 0]] - self.days[pairs[:, 1]]) > self.within  # NaN: False

    def gap(self, i: int, j: int) -> float | None:
        """Days between ``i`` and ``j`` when more than ``within``; otherwise None."""
        gap = abs(float(self.days[i] - self.days[j]))
        return gap if gap > self.within else None
