"""Roundups: claims that tally many attacks rather than report one.

"The Russians shelled 18 settlements in Donetsk region", "Ukrainian strikes targeting the
city have intensified", "Eighty people were wounded in Russian attacks on Mykolayiv region
over the past day": a day's tally of one side's fire. Two such reports of one region and
day, one blaming each party, are not two accounts of one attack, so they do not dispute
who did it or what was hit (`narratives.pairing.score`), unless they name the same target.
"""
from __future__ import annotations

import re

_PLURAL_ACTS = r"(?:air)?strikes|attacks|shellings|bombings|bombardments|raids|provocations"
_PLACES = r"settlements|towns|villages|localities|cities|communities|districts|areas|positions|times"
_COUNT = r"\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens? of|several|many|numerous"
ROUNDUP = re.compile(
    rf"\b(?:{_PLURAL_ACTS})\b"
    rf"|\b(?:{_COUNT})\s+(?:\w+\s+)?(?:{_PLACES})\b"
    r"|\b(?:over|during|in|for)\s+(?:the\s+)?(?:past|last)\s+(?:day|24 hours|week|days)\b"
    r"|\bduring the day\b|\b(?:a|per) day\b|\bdaily\b|\bacross\b",
    re.I,
)


def is_roundup(text: str) -> bool:
    """Whether `text` tallies many attacks: plural acts, counts of places, "over the past day".

    Fires on "Russians shelled 18 settlements"; must not fire on "Two Russian missiles hit
    Kramatorsk railway station"."""
    return ROUNDUP.search(text) is not None


def names_only(terms: frozenset[str], *texts: str) -> bool:
    """Whether every shared term is a name in the texts (written capitalised: "Donetsk"),
    i.e. the claims share a place but no target ("nuclear plant", "station")."""
    return all(re.search(rf"\b{re.escape(term[:1].upper() + term[1:])}", " ".join(texts)) for term in terms)
