"""Figures in a sentence: what a template's next issue changes and a copy keeps.

:func:`quantities` reads each figure as written and as a quantity: thousands separators
dropped, "mln" and "billion" applied, "27-1/2" as 27.5, "six cts" as 6 cts, amounts from 100,000
up to three significant digits.  So one report's "1.46 billion dlrs" and "1,459,193,000 dlrs" agree,
while the hog slaughter of 295,000 and of 305,000 head, or the years 1987 and 1988, do not.

:func:`differing_lead_figures` compares the figure each text leads with: a fund's monthly
dividend notice and its sister fund's ("Mthly div 6.5 cts" and "Mthly div 7.1 cts") share
every word of the frame but not that figure, which a reprint always keeps.

A figure of three digits or more, as written, with its last digit dropped or doubled ("1964" set as
"196", "788,439" as "788,4399") is the same figure slipped in typing or scanning: both checks forgive
it.  Another issue's figures differ by a digit changed ("295,000" and "305,000", "1987" and "1988")
or by more than one character ("3,000" and "300"), and short figures are left exact, where a digit
more or less is as likely another amount ("6.5" and "6.55" cts).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

__all__ = ["LEAD_SENTENCES", "changed_counts", "differing_lead_figures", "quantities", "shared_quantities", "slipped"]

#: The headline and the first three sentences or table lines: where a report states its news.
LEAD_SENTENCES = 4

#: A list item's number ("1.", "2)") at the start of a sentence is layout, not a figure.
_ENUMERATOR = re.compile(r"^\s*\(?\d{1,2}[.)](?!\d)")
#: Units news writes onto a figure (a regex alternation): scales, measures, times, decades, ordinals.
UNITS = ("bn|bln|tn|trn|mn|mln|m|k|km|cm|mm|kg|mg|g|lb|lbs|oz|ft|mph|kph|kmh|mw|gw|kw|kwh|gb|mb|tb|ghz|mhz"
         "|am|pm|s|st|nd|rd|th|p|c|f")
#: Standalone figures only: OCR noise puts digits inside words ("c0uncil", "0ffice"), and a name's
#: number ("M-2", "F-16") is part of the name.  A unit written onto the number ("17.30m", "£1.35bn",
#: "1990s", "25th", "3pm") leaves it a figure, and the whole number is read: never its head ("17" of "17.30m").
_QUANTITY = re.compile(r"([£$€¥]?)(?<![^\W\d_]-)(?<!\w)(\d+(?:-\d+/\d+|/\d+|(?:[.,]\d+)*))"
                       r"(?:\s+(thousand|mln|million|bln|billion|trillion)\b|(?i:(" + UNITS + r")))?(?!\w)(?![.,]\d)")
_FRACTION = re.compile(r"(?:(\d+)-)?(\d+)/(\d+)")  # wire style: "27-1/2 cts", "9-3/4 pct"
_SCALE = {"thousand": 1e3, "mln": 1e6, "million": 1e6, "bln": 1e9, "billion": 1e9, "trillion": 1e12,
          "bn": 1e9, "mn": 1e6, "tn": 1e12, "trn": 1e12}
#: After a currency sign only: "£5m", "$30k"; "17.30m" and "10k" alone may be metres or a race.
_MONEY_SCALE = {"m": 1e6, "k": 1e3}
_DIGIT = re.compile(r"\d")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _layout_free(sentence: str) -> str:
    return _ENUMERATOR.sub("", sentence, count=1)


#: Wire style spells amounts under ten: "Mthly div six cts", "two billion dlrs" (only before a unit:
#: "one of the", "two-year" are not amounts).
_SPELLED_AMOUNT = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine)(?=\s+(?:cts|cents|pct|percent|dlrs?"
                             r"|dollars?|mln|million|bln|billion|stg|yen|marks|francs)\b)", re.IGNORECASE)
_SPELLED_VALUE = {w: str(n) for n, w in enumerate("one two three four five six seven eight nine".split(), start=1)}


def quantities(sentence: str) -> dict[str, str]:
    """Each figure as written, and its quantity; amounts of 100,000 or more to three significant digits."""
    out: dict[str, str] = {}
    sentence = _SPELLED_AMOUNT.sub(lambda m: _SPELLED_VALUE[m.group(1).lower()], sentence)
    if not _DIGIT.search(sentence):
        return out
    for currency, number, scale, unit in _QUANTITY.findall(_layout_free(sentence)):
        written = number
        if _GROUPED.fullmatch(number):
            number = number.replace(",", "")
        fraction = _FRACTION.fullmatch(number)
        try:
            if fraction:
                whole, numerator, denominator = fraction.groups()
                value = int(whole or 0) + int(numerator) / int(denominator)
            else:
                value = float(number.replace(",", "."))  # a lone comma is a decimal comma ("2,5 pct")
        except (ValueError, ZeroDivisionError):  # "1.2.3", a section number, "1/0": keep it as written
            out[written] = written
            continue
        unit = unit.lower()
        value *= _SCALE.get(scale or unit, _MONEY_SCALE.get(unit, 1.0) if currency else 1.0)
        out[written] = f"{value:.3g}" if value >= 1e5 else f"{value:g}"
    return out


#: Counts spelled out, as a report of ships, rigs or seats gives them ("seven grain ships loading").
_COUNT_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety").split()
_COUNT_VALUE = {w: str(n) for n, w in enumerate(_COUNT_WORDS[:20], start=1)} | {
    w: str(10 * n) for n, w in enumerate(_COUNT_WORDS[20:], start=3)}
_COUNT = re.compile(r"\b(?:" + "|".join(_COUNT_WORDS) + r")\b", re.IGNORECASE)
#: A figure whole ("1.5", "6-1/4", "8,000", with its unit: "7.5m" is no count of 7), or a word whole
#: (OCR's "tw0" is no "0").
_TOKEN = re.compile(r"\d+(?:[.,/-]\d+)*\w*|\w+")


def changed_counts(x: str, y: str) -> tuple[dict[str, str], dict[str, str]]:
    """The counts two near-verbatim sentences do not share, where a spelled one is among them ("seven grain
    ships" and "three grain ships"), as :func:`quantities` of each; empty unless both sides have some.

    A count only one sentence has ("Five unions said" and "Labour unions said") is no other figure, nor
    one written "eight" in one and "8" in the other: counts are compared as values, each as often as it
    is given, so "six ... and six" against "six ... and eight" differ by one.
    """
    if not (_COUNT.search(x) or _COUNT.search(y)):
        return {}, {}
    counts_x, counts_y = _counts(x), _counts(y)
    values_x, values_y = Counter(v for _, v in counts_x), Counter(v for _, v in counts_y)
    only_x, only_y = values_x - values_y, values_y - values_x
    changed_x = {w: v for w, v in counts_x if v in only_x}
    changed_y = {w: v for w, v in counts_y if v in only_y}
    # Digits against digits are quantities() already: a spelled count among them, on one side at least.
    if not (changed_x and changed_y) or not any(w in _COUNT_VALUE for w in (*changed_x, *changed_y)):
        return {}, {}
    return changed_x, changed_y


def _counts(sentence: str) -> list[tuple[str, str]]:
    """Each count of a sentence, as written and as a value ("eight" and "8" are both 8)."""
    return [(w, v) for w in _TOKEN.findall(sentence.lower()) if (v := _count(w))]


def _count(word: str) -> str:
    """A count's value, spelled or in digits ("eight", "8"); empty for any other word."""
    return _COUNT_VALUE.get(word) or (word if word.isdigit() and len(word) <= 2 else "")


def shared_quantities(a: dict[str, str], b: dict[str, str]) -> tuple[int, int]:
    """How many figures of ``a`` are in ``b`` as written or as quantities, or slipped, and the size of
    the union.

    Either view will do: OCR noise ("15 milli0n") can hide the scale word from one side.  A slipped
    figure is paired only with one the other side has unpaired, so it is never counted twice.
    """
    quantities_a, quantities_b = set(a.values()), set(b.values())
    shared = sum(1 for written, value in a.items() if written in b or value in quantities_b)
    if shared < len(a) and shared < len(b):
        alone_b = [written for written, value in b.items() if written not in a and value not in quantities_a]
        shared += sum(1 for written, value in a.items() if written not in b and value not in quantities_b
                      and any(slipped(written, other) for other in alone_b))
    return shared, max(shared, len(a) + len(b) - shared)


#: The fewest digits a figure needs before a digit more or less reads as a slip, not another amount.
SLIP_DIGITS = 3


def slipped(x: str, y: str) -> bool:
    """Whether one figure, as written, is the other with its last digit dropped or doubled."""
    if len(x) < len(y):
        x, y = y, x
    if len(x) != len(y) + 1 and not (len(x) == len(y) + 2 and x[-2] in ".,"):  # "186.3" set as "186."
        return False
    return sum(ch.isdigit() for ch in y) >= SLIP_DIGITS and (x[:-1].rstrip(".,") == y or x == y + y[-1])


def differing_lead_figures(a: Sequence[dict[str, str]], b: Sequence[dict[str, str]],
                           leads: tuple[int, int] = (LEAD_SENTENCES, LEAD_SENTENCES)) -> tuple[str, str] | None:
    """When both leads carry a figure and neither lead's first figure is anywhere in the other text
    (as written or as a quantity), the two first figures; otherwise None.  ``a`` and ``b`` are the
    :func:`quantities` of each text's sentences, read once per text by the caller; a lead is the first
    ``leads`` of them.

    One side's lead figure missing from the other is not enough: a trimmed copy may drop the
    sentence, a re-headlined one may round the figure ("up 8 pct") where the body keeps it.
    """
    first_a, first_b = _first_figure(a[: leads[0]]), _first_figure(b[: leads[1]])
    if first_a is None or first_b is None:
        return None
    if _mentions(b, first_a) or _mentions(a, first_b):
        return None
    return first_a[0], first_b[0]


def _first_figure(figures: Sequence[dict[str, str]]) -> tuple[str, str] | None:
    return next((next(iter(found.items())) for found in figures if found), None)


def _mentions(figures: Sequence[dict[str, str]], figure: tuple[str, str]) -> bool:
    written, value = figure
    return any(written in found or value in found.values() or any(slipped(written, other) for other in found)
               for found in figures)
