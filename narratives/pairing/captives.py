"""What becomes of captives: put on trial, or exchanged.

"Trial of Azovstal's Ukranazis inevitable" (the captor) and "Azovstal defenders should be
released according to the prisoner exchange procedure" (their side) dispute the fate of
the same prisoners; so do "court to decide fate of Azovstal fighters who surrendered" and
"Kyiv pursuing a prisoner exchange". A text that names both (a trial or an exchange) takes
no side. "Exchange of fire" is no exchange of prisoners; "no exchange" keeps them held,
as a trial does. The word lists are data here.
"""
from __future__ import annotations

import re
from typing import Literal

Fate = Literal["held", "exchanged"]

_TRIAL = re.compile(
    r"\b(?:trials?|tribunals?|(?:be|being|were|was) tried|prosecut\w+|convict\w*|sentenc\w+|"
    r"face justice|courts? (?:to|will|would|must) decide|imprison\w*|jail\w*|life sentences?)\b",
    re.I,
)
_EXCHANGE = re.compile(r"\b(?:(?:prisoner )?exchang\w+|prisoner swaps?|swapped)\b(?! (?:of )?(?:fire|shots|blows))", re.I)
_NEGATION = re.compile(r"\b(?:no|not|never|won't|refuse\w*|rule\w* out)\W+(?:\w+\W+){0,2}$", re.I)


def captives_fate(text: str) -> Fate | None:
    """"held" (trial, court, no exchange) or "exchanged" for a text about captives, else None."""
    trial = _TRIAL.search(text) is not None
    exchanges = list(_EXCHANGE.finditer(text))
    refused = any(_NEGATION.search(text[: m.start()]) for m in exchanges)
    if exchanges and not refused:
        return None if trial else "exchanged"
    return "held" if trial or refused else None


def fate_dispute(a: Fate | None, b: Fate | None) -> str | None:
    """A reason when one reading puts the captives on trial and the other exchanges them."""
    if {a, b} == {"held", "exchanged"}:
        return "trial vs exchange of the prisoners"
    return None
