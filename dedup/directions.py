"""Which way a headline says something moved: up, down, or not at all.

A price notice, a rate decision or a market report of another day repeats the frame of the
last one word for word ("Sun Refining and Marketing Co subsidiary said it ... the price it
charges contract barge customers for heating oil in ny harbor by 0.50 cent a gallon"), and
often its figures too; the headline says which way things went ("SUN CUTS HEATING OIL BARGE
PRICE", "... RAISES ..."; "BANKS RAISE PRIME", "BANKS LEAVE INTEREST RATES UNCHANGED"). A copy
may rewrite a headline, but it does not turn a rise into a cut.

Verdicts are a second axis: a ban, a block or a suspension against an approval or its lifting
("Chepkemei hit by big ban", "Kenya lift Chepkemei's suspension"). A follow-up that reverses a
decision retells the first report's background, but a copy does not turn a ban into its lifting.
"""

from __future__ import annotations

import re

__all__ = ["Direction", "direction", "directions_apart", "is_verdict"]

Direction = tuple[str, str] | None  # (way, the word that says it)

_UP = frozenset("""raise raises raised raising rise rises rose risen rising increase increases increased
increasing hike hikes hiked higher up gain gains gained climb climbs climbed boost boosts boosted lift lifts
lifted jump jumps jumped surge surges surged soar soars soared rally rallies rallied""".split())
_DOWN = frozenset("""cut cuts cutting lower lowers lowered lowering reduce reduces reduced reducing reduction
reductions decrease decreases decreased decreasing fall falls fell fallen falling drop drops dropped decline
declines declined down slump slumps slumped slash slashes slashed ease eases eased trim trims trimmed dip dips
dipped plunge plunges plunged tumble tumbles tumbled sink sinks sank slide slides slid""".split())
_STEADY = frozenset("unchanged steady".split())
_BARRED = frozenset("""ban bans banned banning bar bars barred block blocks blocked blocking reject rejects rejected
rejection veto vetoes vetoed suspend suspends suspended suspension halt halts halted refuse refuses refused deny
denies denied outlaw outlaws outlawed forbid forbids forbidden prohibit prohibits prohibited""".split())
_ALLOWED = frozenset("""allow allows allowed approve approves approved approval permit permits permitted authorise
authorises authorised authorize authorizes authorized legalise legalises legalised legalize legalizes legalized ok
oks""".split())
#: Undoing a ban allows ("lifts ban", "suspension overturned").
_UNDO = frozenset("""lift lifts lifted lifting end ends ended overturn overturns overturned scrap scraps scrapped
drop drops dropped quash quashes quashed reverse reverses reversed withdraw withdraws withdrew withdrawn""".split())
_AXIS = {"up": "move", "down": "move", "steady": "move", "allowed": "verdict", "barred": "verdict"}
_WORD = re.compile(r"[a-z]+")


def direction(headline: str) -> Direction:
    """``(direction, word)`` when the headline moves one way only, or gives one verdict only; None when
    it says none or several."""
    words = _WORD.findall(headline.lower())
    found: dict[str, str] = {}
    barred = next((w for w in words if w in _BARRED), None)
    undone = next((w for w in words if w in _UNDO), None) if barred else None
    if undone is not None:
        found["allowed"] = f"{undone} {barred}"
    elif barred is not None:
        found["barred"] = barred
    elif allowed := next((w for w in words if w in _ALLOWED), None):
        found["allowed"] = allowed
    for word in words:
        if word == undone or word in _BARRED:  # "lifts" of "lifts ban" is the verdict, not a rise
            continue
        for name, table in (("up", _UP), ("down", _DOWN), ("steady", _STEADY)):
            if word in table:
                found.setdefault(name, word)
    return next(iter(found.items())) if len(found) == 1 else None


def directions_apart(a: Direction, b: Direction) -> tuple[str, str] | None:
    """The two headlines' direction words (:func:`direction`) when they say things moved different
    ways, or gave opposite verdicts; otherwise None (a rise and an approval are not at odds)."""
    if a is None or b is None or a[0] == b[0] or _AXIS[a[0]] != _AXIS[b[0]]:
        return None
    return a[1], b[1]


def is_verdict(word: str) -> bool:
    """Whether a word :func:`direction` gave says a verdict ("ban", "lifts ban", "approves"), not a move."""
    last = word.rsplit(" ", 1)[-1]
    return last in _BARRED or last in _ALLOWED
