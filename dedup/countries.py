"""The countries a headline names.

One kind of agreement signed with two partners, one statistic for two countries, one fixture
against two opponents: the stories share their frame and background word for word ("NIGERIA,
BRITAIN TO RESCHEDULE OFFICIAL DEBT", "NIGERIA, FRANCE TO ..."), and the headline says which.
A copy may drop a country from its headline or add one, but it does not swap one for another:
two texts are about different countries when each headline names one the other's opening does not.
"""

from __future__ import annotations

import re

__all__ = ["different_countries"]

#: Country names, common short forms and demonyms as headlines write them, each to one name.
_ALIASES = {
    "afghanistan": "afghanistan", "afghan": "afghanistan", "albania": "albania", "algeria": "algeria",
    "algerian": "algeria", "angola": "angola", "argentina": "argentina", "argentine": "argentina",
    "argentinian": "argentina", "australia": "australia", "australian": "australia", "austria": "austria",
    "austrian": "austria", "bahrain": "bahrain", "bangladesh": "bangladesh", "belgium": "belgium",
    "belgian": "belgium", "bolivia": "bolivia", "brazil": "brazil", "brazilian": "brazil",
    "britain": "britain", "british": "britain", "uk": "britain", "u.k.": "britain",
    "united kingdom": "britain", "bulgaria": "bulgaria", "burma": "burma", "cameroon": "cameroon",
    "canada": "canada", "canadian": "canada", "chad": "chad", "chile": "chile", "chilean": "chile",
    "china": "china", "chinese": "china", "colombia": "colombia", "colombian": "colombia",
    "costa rica": "costa rica", "croatia": "croatia", "cuba": "cuba", "cuban": "cuba", "cyprus": "cyprus",
    "czech republic": "czech republic", "czechoslovakia": "czechoslovakia", "denmark": "denmark",
    "danish": "denmark", "ecuador": "ecuador", "egypt": "egypt", "egyptian": "egypt",
    "el salvador": "el salvador", "ethiopia": "ethiopia", "finland": "finland", "finnish": "finland",
    "france": "france", "french": "france", "gabon": "gabon", "germany": "germany", "german": "germany",
    "west germany": "germany", "west german": "germany", "ghana": "ghana", "greece": "greece",
    "greek": "greece", "guatemala": "guatemala", "honduras": "honduras", "hong kong": "hong kong",
    "hungary": "hungary", "hungarian": "hungary", "iceland": "iceland", "india": "india",
    "indian": "india", "indonesia": "indonesia", "indonesian": "indonesia", "iran": "iran",
    "iranian": "iran", "iraq": "iraq", "iraqi": "iraq", "ireland": "ireland", "irish": "ireland",
    "israel": "israel", "israeli": "israel", "italy": "italy", "italian": "italy",
    "ivory coast": "ivory coast", "jamaica": "jamaica", "japan": "japan", "japanese": "japan",
    "jordan": "jordan", "kenya": "kenya", "kenyan": "kenya", "kuwait": "kuwait", "kuwaiti": "kuwait",
    "lebanon": "lebanon", "libya": "libya", "libyan": "libya", "luxembourg": "luxembourg",
    "malaysia": "malaysia", "malaysian": "malaysia", "mexico": "mexico", "mexican": "mexico",
    "morocco": "morocco", "moroccan": "morocco", "mozambique": "mozambique", "netherlands": "netherlands",
    "dutch": "netherlands", "holland": "netherlands", "new zealand": "new zealand", "n.z.": "new zealand",
    "nicaragua": "nicaragua", "nigeria": "nigeria", "nigerian": "nigeria", "north korea": "north korea",
    "norway": "norway", "norwegian": "norway", "oman": "oman", "pakistan": "pakistan",
    "pakistani": "pakistan", "panama": "panama", "paraguay": "paraguay", "peru": "peru",
    "peruvian": "peru", "philippines": "philippines", "philippine": "philippines", "poland": "poland",
    "polish": "poland", "portugal": "portugal", "portuguese": "portugal", "qatar": "qatar",
    "romania": "romania", "russia": "russia", "russian": "russia", "saudi arabia": "saudi arabia",
    "saudi": "saudi arabia", "scotland": "scotland", "scottish": "scotland", "senegal": "senegal",
    "singapore": "singapore", "south africa": "south africa", "south african": "south africa",
    "south korea": "south korea", "korea": "south korea", "korean": "south korea",
    "soviet": "soviet union", "soviet union": "soviet union", "ussr": "soviet union", "spain": "spain",
    "spanish": "spain", "sri lanka": "sri lanka", "sudan": "sudan", "sweden": "sweden",
    "swedish": "sweden", "switzerland": "switzerland", "swiss": "switzerland", "syria": "syria",
    "syrian": "syria", "taiwan": "taiwan", "taiwanese": "taiwan", "tanzania": "tanzania",
    "thailand": "thailand", "thai": "thailand", "tunisia": "tunisia", "turkey": "turkey",
    "turkish": "turkey", "uganda": "uganda", "ukraine": "ukraine", "ukrainian": "ukraine",
    "united states": "united states", "u.s.": "united states", "usa": "united states",
    "america": "united states", "american": "united states", "uruguay": "uruguay",
    "venezuela": "venezuela", "venezuelan": "venezuela", "vietnam": "vietnam", "wales": "wales",
    "welsh": "wales", "england": "england", "english": "england", "yemen": "yemen",
    "yugoslavia": "yugoslavia", "zaire": "zaire", "zambia": "zambia", "zimbabwe": "zimbabwe",
}
#: Longest names first, so that "south korea" is read before "korea" and "west german" before "german".
_NAMES = re.compile(r"(?<![\w.])(" + "|".join(re.escape(name) for name in sorted(_ALIASES, key=len, reverse=True))
                    + r")(?![\w])")


#: "US" as a mixed-case headline writes the country (lower-cased, it would be the pronoun).
_US = re.compile(r"\bUS\b")


def _countries(headline: str) -> frozenset[str]:
    found = {_ALIASES[name] for name in _NAMES.findall(headline.lower())}
    if _US.search(headline):
        found.add("united states")
    return frozenset(found)


def different_countries(headline_a: str, headline_b: str, opening_a: str, opening_b: str) -> tuple[str, str] | None:
    """A country each headline names and the other text's opening (headline and first sentence) does not.

    The opening, not the headline alone: one copy's headline may name the subject ("BRAZIL LENDING
    PROGRESS") and another's the speaker ("U.S. TREASURY OFFICIAL ..."), and the first sentence
    names both. Background further down names other countries too ("after a similar agreement
    with Britain"), so it is not read.
    """
    only_a = sorted(_countries(headline_a) - _countries(opening_b))
    only_b = sorted(_countries(headline_b) - _countries(opening_a))
    if not only_a or not only_b:
        return None
    return only_a[0], only_b[0]
