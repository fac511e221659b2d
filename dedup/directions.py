"""Which way a headline says something moved: up, down, or not at all.

A price notice, a rate decision or a market report of another day repeats the frame of the
last one word for word ("Sun Refining and Marketing Co subsidiary said it ... the price it
charges contract barge customers for heating oil in ny harbor by 0.50 cent a gallon"), and
often its figures too; the headline says which way things went ("SUN CUTS HEATING OIL BARGE
PRICE", "... RAISES ..."; "BANKS RAISE PRIME", "BANKS LEAVE INTEREST RATES UNCHANGED"). A copy
may rewrite a headline, but it does not turn a rise into a cut.
"""

from __future__ import annotations

import re

__all__ = ["Direction", "direction", "directions_apart"]

Direction = tuple[str, str] | None  # (way, the word that says it)

_UP = frozenset("""raise raises raised raising rise rises rose risen rising increase increases increased
increasing hike hikes hiked higher up gain gains gained climb climbs climbed boost boosts boosted lift lifts
lifted jump jumps jumped surge surges surged soar soars soared rally rallies rallied""".split())
_DOWN = frozenset("""cut cuts cutting lower lowers lowered lowering reduce reduces reduced reducing reduction
reductions decrease decreases decreased decreasing fall falls fell fallen falling drop drops dropped decline
declines declined down slump slumps slumped slash slashes slashed ease eases eased trim trims trimmed dip dips
dipped plunge plunges plunged tumble tumbles tumbled sink sinks sank slide slides slid""".split())
_STEADY = frozenset("unchanged steady".split())
_WORD = re.compile(r"[a-z]+")


def direction(headline: str) -> Direction:
    """``(direction, word)`` when the headline moves one way only; None when it moves none or several."""
    found: dict[str, str] = {}
    for word in _WORD.findall(headline.lower()):
        for name, words in (("up", _UP), ("down", _DOWN), ("steady", _STEADY)):
            if word in words:
                found.setdefault(name, word)
    return next(iter(found.items())) if len(found) == 1 else None


def directions_apart(a: Direction, b: Direction) -> tuple[str, str] | None:
    """The two headlines' direction words (:func:`direction`) when they say things moved different
    ways; otherwise None."""
    if a is None or b is None or a[0] == b[0]:
        return None
    return a[1], b[1]
