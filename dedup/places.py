"""The places a headline names: countries, and the states of the United States.

One kind of agreement signed with two partners, one statistic for two countries, one fixture
against two opponents, one fund family's notices for two states: the stories share their frame
and background word for word ("NIGERIA, BRITAIN TO RESCHEDULE OFFICIAL DEBT", "NIGERIA, FRANCE
TO ..."; "FRANKLIN MASSACHUSETTS SETS MONTHLY PAYOUT", "FRANKLIN CALIFORNIA ..."), and the
headline says which. A copy may drop a place from its headline or add one, but it does not swap
one for another: two texts are about different places when each headline names one the other's
opening does not.
"""

from __future__ import annotations

import re

__all__ = ["places_apart", "places_named"]

#: Country names as headlines write them, each its own canonical name ...
_COUNTRIES = [name.strip() for name in """
afghanistan, albania, algeria, angola, argentina, australia, austria, bahrain, bangladesh, belgium,
bolivia, brazil, britain, bulgaria, burma, cameroon, canada, chad, chile, china, colombia, costa rica,
croatia, cuba, cyprus, czech republic, czechoslovakia, denmark, ecuador, egypt, el salvador, england,
ethiopia, finland, france, gabon, germany, ghana, greece, guatemala, honduras, hong kong, hungary,
iceland, india, indonesia, iran, iraq, ireland, israel, italy, ivory coast, jamaica, japan, jordan,
kenya, kuwait, lebanon, libya, luxembourg, malaysia, mexico, morocco, mozambique, netherlands,
new zealand, nicaragua, nigeria, north korea, northern ireland, norway, oman, pakistan, panama, paraguay, peru,
philippines, poland, portugal, qatar, romania, russia, saudi arabia, scotland, senegal, singapore,
south africa, south korea, soviet union, spain, sri lanka, sudan, sweden, switzerland, syria, taiwan,
tanzania, thailand, tunisia, turkey, uganda, ukraine, united states, uruguay, venezuela, vietnam, wales,
yemen, yugoslavia, zaire, zambia, zimbabwe
""".split(",")]
#: The states of the United States (not Washington, which headlines mostly use for its government).
_STATES = [name.strip() for name in """
alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, georgia, hawaii,
idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan,
minnesota, mississippi, missouri, montana, nebraska, nevada, new hampshire, new jersey, new mexico,
new york, north carolina, north dakota, ohio, oklahoma, oregon, pennsylvania, rhode island,
south carolina, south dakota, tennessee, texas, utah, vermont, virginia, west virginia, wisconsin, wyoming
""".split(",")]
#: Cities of the United States and Canada whose names head market and business reports ("OMAHA HOGS
#: OPEN UP 1.00 DLR", "PORTLAND GRAIN SHIPS"): the largest, and the livestock, grain and port markets.
#: Capitals that stand for a government (Washington, Ottawa) are left out.
_CITIES = [name.strip() for name in """
los angeles, chicago, houston, philadelphia, san antonio, san diego, dallas, san jose,
jacksonville, fort worth, san francisco, indianapolis, seattle, denver, boston, el paso, nashville,
detroit, oklahoma city, portland, las vegas, memphis, louisville, baltimore, milwaukee, albuquerque,
tucson, sacramento, kansas city, atlanta, miami, omaha, cleveland, tulsa, minneapolis, new orleans,
wichita, pittsburgh, cincinnati, st louis, st. louis, st paul, st. paul, toledo, buffalo, des moines,
duluth, peoria, joliet, sioux falls, sioux city, st joseph, st. joseph, amarillo, dodge city,
salt lake city, honolulu, anchorage, toronto, montreal, vancouver, winnipeg, calgary, edmonton
""".split(",")]
#: Short forms and demonyms.
_OTHER_NAMES = {
    "afghan": "afghanistan", "algerian": "algeria", "america": "united states", "american": "united states",
    "argentine": "argentina", "argentinian": "argentina", "australian": "australia", "austrian": "austria",
    "belgian": "belgium", "brazilian": "brazil", "british": "britain", "canadian": "canada",
    "chilean": "chile", "chinese": "china", "colombian": "colombia", "cuban": "cuba", "danish": "denmark",
    "dutch": "netherlands", "egyptian": "egypt", "english": "england", "finnish": "finland",
    "french": "france", "german": "germany", "greek": "greece", "holland": "netherlands",
    "hungarian": "hungary", "indian": "india", "indonesian": "indonesia", "iranian": "iran", "iraqi": "iraq",
    "irish": "ireland", "israeli": "israel", "italian": "italy", "japanese": "japan", "kenyan": "kenya",
    "korea": "korea", "korean": "korea", "kuwaiti": "kuwait", "libyan": "libya",
    "malaysian": "malaysia", "mexican": "mexico", "moroccan": "morocco", "n.z.": "new zealand",
    "nigerian": "nigeria", "northern irish": "northern ireland", "norwegian": "norway", "pakistani": "pakistan",
    "peruvian": "peru",
    "philippine": "philippines", "polish": "poland", "portuguese": "portugal", "russian": "russia",
    "saudi": "saudi arabia", "scottish": "scotland", "south african": "south africa",
    "soviet": "soviet union", "spanish": "spain", "swedish": "sweden", "swiss": "switzerland",
    "syrian": "syria", "taiwanese": "taiwan", "thai": "thailand", "turkish": "turkey", "u.k.": "britain",
    "u.s.": "united states", "uk": "britain", "ukrainian": "ukraine", "united kingdom": "britain",
    "usa": "united states", "ussr": "soviet union", "venezuelan": "venezuela", "welsh": "wales",
    "west german": "germany", "west germany": "germany",
}
_ALIASES = {**{name: name for name in [*_COUNTRIES, *_STATES]},
            **{name: name.replace("st. ", "st ") for name in _CITIES}, **_OTHER_NAMES}
#: Longest names first, so that "south korea" is read before "korea" and "west german" before "german".
_NAMES = re.compile(r"(?<![\w.])(" + "|".join(re.escape(name) for name in sorted(_ALIASES, key=len, reverse=True))
                    + r")(?![\w])")


#: A name that either of two countries answers to: "Korea" and "Korean" are the South's in a business
#: headline and the North's in "Korean leader Kim Jong-un" (or a headline's words in another order).
_EITHER = {"north korea": "korea", "south korea": "korea"}

#: "US" as a mixed-case headline writes the country (lower-cased, it would be the pronoun).
_US = re.compile(r"\bUS\b")


def places_named(headline: str) -> frozenset[str]:
    """The places (canonical names) a headline or opening names."""
    found = {_ALIASES[name] for name in _NAMES.findall(headline.lower())}
    if _US.search(headline):
        found.add("united states")
    return frozenset(found)


def places_apart(headline_a: frozenset[str], headline_b: frozenset[str], opening_a: frozenset[str],
                 opening_b: frozenset[str]) -> tuple[str, str] | None:
    """A place each headline names and the other text's opening (headline and first sentence) does
    not, from the places :func:`places_named` read in each.

    The opening, not the headline alone: one copy's headline may name the subject ("BRAZIL LENDING
    PROGRESS") and another's the speaker ("U.S. TREASURY OFFICIAL ..."), and the first sentence
    names both. Background further down names other places too ("after a similar agreement
    with Britain"), so it is not read.
    """
    only_a = sorted(headline_a - _with_broader(opening_b))
    only_b = sorted(headline_b - _with_broader(opening_a))
    if not only_a or not only_b:
        return None
    return only_a[0], only_b[0]


def _with_broader(places: frozenset[str]) -> frozenset[str]:
    """``places`` and the names they answer to (North Korea is a Korea)."""
    return places.union(_EITHER[p] for p in places if p in _EITHER)
