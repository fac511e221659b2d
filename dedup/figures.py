"""Figures in a sentence: what a template's next issue changes and a copy keeps.

:func:`quantities` reads each figure as written and as a quantity: thousands separators
dropped, "mln" and "billion" applied, "27-1/2" as 27.5, amounts from 100,000 up to three
significant digits.  So one report's "1.46 billion dlrs" and "1,459,193,000 dlrs" agree,
while the hog slaughter of 295,000 and of 305,000 head, or the years 1987 and 1988, do not.
"""

from __future__ import annotations

import re

__all__ = ["quantities", "shared_quantities"]

#: A list item's number ("1.", "2)") at the start of a sentence is layout, not a figure.
_ENUMERATOR = re.compile(r"^\s*\(?\d{1,2}[.)](?!\d)")
#: Standalone figures only: OCR noise puts digits inside words ("c0uncil"), and a name's
#: number ("M-2", "F-16") is part of the name.
_QUANTITY = re.compile(r"(?<!\w)(?<![^\W\d_]-)(\d+(?:-\d+/\d+|/\d+|(?:[.,]\d+)*))(?!\w)"
                       r"(?:\s+(thousand|mln|million|bln|billion|trillion)\b)?")
_FRACTION = re.compile(r"(?:(\d+)-)?(\d+)/(\d+)")  # wire style: "27-1/2 cts", "9-3/4 pct"
_SCALE = {"thousand": 1e3, "mln": 1e6, "million": 1e6, "bln": 1e9, "billion": 1e9, "trillion": 1e12}
_DIGIT = re.compile(r"\d")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _layout_free(sentence: str) -> str:
    return _ENUMERATOR.sub("", sentence, count=1)


def quantities(sentence: str) -> dict[str, str]:
    """Each figure as written, and its quantity; amounts of 100,000 or more to three significant digits."""
    out: dict[str, str] = {}
    if not _DIGIT.search(sentence):
        return out
    for number, scale in _QUANTITY.findall(_layout_free(sentence)):
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
        value *= _SCALE.get(scale, 1.0)
        out[written] = f"{value:.3g}" if value >= 1e5 else f"{value:g}"
    return out


def shared_quantities(a: dict[str, str], b: dict[str, str]) -> tuple[int, int]:
    """How many figures of ``a`` are in ``b`` as written or as quantities, and the size of the union.

    Either view will do: OCR noise ("15 milli0n") can hide the scale word from one side.
    """
    quantities_b = set(b.values())
    shared = sum(1 for written, value in a.items() if written in b or value in quantities_b)
    return shared, max(shared, len(a) + len(b) - shared)
