"""The company a headline is about, where it names one by stock ticker.

Wire headlines tag a listed company with its ticker: "SUN <SUN> RAISES CRUDE POSTINGS 50 CTS",
"Acme Corp (NYSE: ACM) reports ...".  Two companies' notices of the same move (crude price
rises, Defense Department contracts on the same terms) share every sentence of the frame,
and often each other's names ("follows similar moves by Sun Co"); the headline says whose
notice it is.  Tickers alone are noisy ("<PARC>" and "<PARC.O>", a mistyped "<WEBAT.O>"), so
two headlines name different companies only when the tickers differ *and* the names before
them share no word.  The same ticker, on the other hand, says whose notice it is even when
its lines share nothing rarer than "Qtly div 54 cts" and "Pay May One".
"""

from __future__ import annotations

import re

__all__ = ["Company", "companies_apart", "company", "one_company", "tags_company"]

Company = tuple[str, frozenset[str]] | None  # (ticker, words of the name before it)

#: "NAME <TICK>" or "NAME <TICK.O>" (Reuters), "Name (NYSE: TICK)" (press releases).
_TICKER = re.compile(r"^(.*?)(?:<([A-Z][A-Z0-9]{0,7})(?:\.[A-Z]{1,2})?>"
                     r"|\((?:NYSE|NASDAQ|Nasdaq|AMEX|NYSE American|LSE|TSX|ASX)\s*:\s*([A-Z][A-Z0-9]{0,7})\))")
_WORD = re.compile(r"[a-z0-9]{2,}")


def company(headline: str) -> Company:
    """The ticker a headline tags and the words of the name before it, or None."""
    found = _TICKER.search(headline)
    if found is None:
        return None
    name = frozenset(_WORD.findall(found.group(1).lower()))
    return (found.group(2) or found.group(3)), name


def tags_company(line: str) -> bool:
    """Whether a line tags a company with its ticker, as a wire headline does."""
    return company(line) is not None


def companies_apart(a: Company, b: Company) -> tuple[str, str] | None:
    """The two headlines' tickers when their companies (:func:`company`) differ; otherwise None."""
    if a is None or b is None or a[0] == b[0] or not (a[1] and b[1]) or a[1] & b[1]:
        return None
    return a[0], b[0]


def one_company(a: Company, b: Company) -> bool:
    """Whether both headlines tag a company (:func:`company`) by ticker, and it is the same one
    ("<PARC>", "<PARC.O>")."""
    return a is not None and b is not None and a[0] == b[0]
