"""What was hit: a military site or a civilian one, whether it was open, and why people were in it.

"An airstrike on the ammo stockpile caused a fire at a closed shopping center" (the
attacker's version) and "a missile strike on a crowded place that has nothing to do with
hostilities" (the victim's) dispute what was hit; so do "military facilities" and
"civilian and non-military targets". A text that names a military site is read as
saying the target was military even when it also names the civilian site nearby (the
attacker's account of collateral damage); one naming only civilian sites says the
target was civilian. The word lists are data here.
"""
from __future__ import annotations

import re
from typing import Literal

TargetKind = Literal["military", "civilian"]

# What "military" names as a target ("military facilities"); alone it names a party.
MILITARY_SITES = r"(?:facilit(?:y|ies)|targets?|sites?|infrastructure|objects?|installations?)"
_MILITARY = re.compile(
    rf"(?<!non-)(?<!non )\b(?:military {MILITARY_SITES}|"
    r"ammo\w*|ammunition|stockpil\w+|depots?|arsenals?|weapons?|weaponry|hangars?|"
    r"decision-making cent\w+|firing points?|command posts?|barracks)\b",
    re.I,
)
_CIVILIAN = re.compile(
    r"\b(?:civilians?|non-military|residential|shopping (?:cent\w+|mall)|malls?|crowded|"
    r"hospitals?|clinics?|schools?|kindergartens?|apartment\w*|homes?|shelters?|evacuees|"
    r"residents|passengers?|nothing to do with hostilities)\b",
    re.I,
)
_ACT = re.compile(
    r"\b(?:hit|hits|struck|strikes?|shell\w*|fired|launch\w*|bomb\w*|attack\w*|target\w*|"
    r"airstrikes?|missiles?|rockets?|beat|blow)\b",
    re.I,
)


def target_kind(text: str) -> TargetKind | None:
    """"military" or "civilian" for a text about an attack, else None.

    Fires on "the Armed Forces attacked decision-making centers and military facilities"
    (military); must not fire on "Ukrainian fighters surrendered" (no attack)."""
    if not _ACT.search(text):
        return None
    if _MILITARY.search(text):
        return "military"
    if _CIVILIAN.search(text):
        return "civilian"
    return None


def target_dispute(a: str, b: str) -> str | None:
    """A reason when one text says the target was military and the other civilian."""
    return hit_dispute((target_kind(a), None, None), (target_kind(b), None, None))


_OPEN = re.compile(
    r"\b(?:crowded|busy|(?:people|civilians|shoppers|visitors) (?:were )?inside|(?:will|did|would) not close|"
    r"failed to (?:shut|close)|stayed open|was open|were open|(?:people|civilians) in (?:the )?mall)\b",
    re.I,
)
_CLOSED = re.compile(
    r"\b(?:closed|not working|(?:did ?n[o'’]t|was not|wasn['’]t) (?:function|work)\w*|empty|abandoned|"
    r"out of use|non-functioning)\b",
    re.I,
)


def occupancy(text: str) -> Literal["open", "closed"] | None:
    """Whether a text says the place hit was full of people ("open") or "closed"."""
    if _OPEN.search(text):
        return "open"
    return "closed" if _CLOSED.search(text) else None


# Why people were in the place: held there by the defenders ("they had been held hostage",
# "using them as human shields") or sheltering there ("residents were hiding from shelling",
# "used as a bomb shelter").
_HELD = re.compile(r"\b(?:held (?:as )?hostages?|hostages?|human shields?)\b", re.I)
_SHELTERING = re.compile(
    r"\b(?:(?:were|was|are|is) (?:hiding|sheltering)|sheltering|bomb shelter|used as a shelter|took shelter|sought refuge)\b",
    re.I,
)


def why_inside(text: str) -> Literal["held", "sheltering"] | None:
    """Whether a text says the people in the place were "held" there or "sheltering"."""
    if _HELD.search(text):
        return "held"
    return "sheltering" if _SHELTERING.search(text) else None


Hit = tuple[TargetKind | None, Literal["open", "closed"] | None, Literal["held", "sheltering"] | None]
_HIT_REASONS = (
    "one says a military site was hit, the other a civilian one",
    "one says the place was closed, the other that people were in it",
    "one says the people inside were held there, the other that they sheltered there",
)


def what_was_hit(text: str) -> Hit:
    """(`target_kind`, `occupancy`, `why_inside`) of a text, for `hit_dispute`."""
    return target_kind(text), occupancy(text), why_inside(text)


def hit_dispute(a: Hit, b: Hit) -> str | None:
    """A reason when two `what_was_hit` readings disagree (an aspect set in both, and
    different): the kind of target first, then whether people were in the place."""
    for mine, theirs, reason in zip(a, b, _HIT_REASONS):
        if mine is not None and theirs is not None and mine != theirs:
            return reason
    return None


def occupancy_dispute(a: str, b: str) -> str | None:
    """A reason when one text says the place was closed and the other that it was full:
    "a closed shopping center" vs "Over 1,000 civilians were inside"."""
    return hit_dispute((None, occupancy(a), None), (None, occupancy(b), None))
