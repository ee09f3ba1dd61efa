"""Roundups and anchors: claims that tally many attacks rather than report one, and
claims that say where an attack was.

"The Russians shelled 18 settlements in Donetsk region", "Ukrainian strikes targeting the
city have intensified", "Eighty people were wounded in Russian attacks on Mykolayiv region
over the past day": a day's tally of one side's fire. Two such reports of one region and
day, one blaming each party, are not two accounts of one attack, so they do not dispute
who did it or what was hit (`narratives.pairing.score`), unless they name the same target.

Two reports of one day that share no word are about one attack only when each says where
it was: a place ("Kramatorsk") or a site ("railway station strike"). "Lukashenko accuses
Kyiv of provoking his country" names neither.
"""
from __future__ import annotations

import re

_PLURAL_ACTS = r"(?:air)?strikes|attacks|shellings|bombings|bombardments|raids|provocations"
_PLACES = r"settlements|towns|villages|localities|cities|communities|districts|areas|positions|times"
_COUNT = r"\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens? of|several|many|numerous"
ROUNDUP = re.compile(
    # ... not the verb: "Russia strikes Mariupol theatre", "Russia attacks the city".
    rf"\b(?:{_PLURAL_ACTS})\b(?!\s+(?-i:[A-Z]|(?:the|a|an)\b))"
    rf"|\b(?:{_COUNT})\s+(?:\w+\s+)?(?:{_PLACES})\b"
    r"|\b(?:over|during|in|for)\s+(?:the\s+)?(?:past|last)\s+(?:day|24 hours|week|days)\b"
    r"|\bduring the day\b|\b(?:a|per) day\b|\bdaily\b|\bacross\b",
    re.I,
)


def is_roundup(text: str) -> bool:
    """Whether `text` tallies many attacks: plural acts, counts of places, "over the past day".

    Fires on "Russians shelled 18 settlements"; must not fire on "Two Russian missiles hit
    Kramatorsk railway station" nor on "Russia strikes Mariupol theatre"."""
    return ROUNDUP.search(text) is not None


def names_only(terms: frozenset[str], *texts: str) -> bool:
    """Whether every shared term is a name in the texts (written capitalised: "Donetsk"),
    i.e. the claims share a place but no target ("nuclear plant", "station")."""
    return all(re.search(rf"\b{re.escape(term[:1].upper() + term[1:])}", " ".join(texts)) for term in terms)


SITE = re.compile(
    r"\b(?:stations?|malls?|shopping cent(?:re|er)s?|theat(?:re|er)s?|plants?|NPP|hospitals?|schools?|"
    r"kindergartens?|buildings?|bridges?|colony|prison|airports?|airfields?|ports?|factor(?:y|ies)|"
    r"depots?|warehouses?|dams?|stadiums?|markets?|convoys?|corridors?|steelworks|steel plant|church|"
    r"cathedral|museum|university|apartment blocks?|blocks? of flats)\b",
    re.I,
)


def anchored(text: str, names: frozenset[str]) -> bool:
    """Whether a report of an attack says where it was: one of `names` (its specific names)
    or a site ("the railway station"). "The city centre" says no city: "fragments fall in
    rebel-held city centre" was set against every strike of its days, in Mykolaiv, Dnipro
    and Shostka."""
    return bool(names) or SITE.search(text) is not None
