"""Quantities in claims ("24 dead", "injuring 28 people", "six guided missiles") and
whether two claims disagree about the same quantity.

A quantity is a category (dead, injured, drones, missiles, ...) with an interval: "24"
is [24, 24], "at least 24" is [24, inf), "up to 200" is [0, 200], "about 160" is
[144, 176]. Two claims disagree when they give disjoint intervals for one category.
Partitive counts ("21 of the 49 drones") bind the whole (49), not the part.
A count of people also has a population ("12 civilians killed", "5 children killed"):
counts of different populations are different quantities, not a disagreement.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from narratives.types import Span

CATEGORIES: dict[str, frozenset[str]] = {
    "dead": frozenset({"dead", "killed", "killing", "kills", "death", "deaths", "died", "fatalities", "lives", "bodies"}),
    "injured": frozenset({"injured", "injuring", "injures", "wounded", "wounding", "hurt", "injuries", "casualties"}),
    "drones": frozenset({"drone", "drones", "uav", "uavs", "shahed", "shaheds"}),
    "missiles": frozenset({"missile", "missiles", "rocket", "rockets"}),
    "soldiers": frozenset({"soldier", "soldiers", "troops", "servicemen", "fighters", "mercenaries", "militants"}),
    "civilians": frozenset({"civilian", "civilians", "residents"}),
    "aircraft": frozenset({"aircraft", "jets", "planes", "helicopters", "helicopter"}),
    "vehicles": frozenset({"tank", "tanks", "vehicles", "vessels", "ships", "boats"}),
}
_CATEGORY_OF = {word: cat for cat, words in CATEGORIES.items() for word in words}
_PEOPLE = {"soldiers", "civilians"}
_CASUALTY_OF = {word: cat for cat in ("dead", "injured") for word in CATEGORIES[cat]}
# Who was counted; "people" and no noun at all are the general population (None).
POPULATIONS: dict[str, frozenset[str]] = {
    "children": frozenset({"child", "children", "kids", "minors", "teenagers", "teens", "babies", "infants", "boys", "girls"}),
    "women": frozenset({"women"}),
    "civilians": CATEGORIES["civilians"],
    "soldiers": CATEGORIES["soldiers"],
    "journalists": frozenset({"journalist", "journalists", "reporters"}),
    "officials": frozenset({"officers", "officials", "police", "policemen", "rescuers", "firefighters", "medics"}),
}
_POPULATION_OF = {word: pop for pop, words in POPULATIONS.items() for word in words}
# Verbs that precede their count: "killing 12", "injuring 28 people".
_LEADING_VERBS = {"killed": "dead", "killing": "dead", "kills": "dead", "injuring": "injured",
                  "injured": "injured", "wounding": "injured", "wounded": "injured"}

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
# Vague plurals: "dozens of" means at least 24, "hundreds of" at least 200.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000}
_LOWER = {"least", "more", "over", "above", "exceeding"}
_UPPER = {"up", "fewer", "less", "under", "below"}
_APPROX = {"about", "around", "some", "nearly", "almost", "approximately", "roughly", "estimated"}
_TOKEN = re.compile(r"\d[\d,.]*|[A-Za-z]+(?:-[A-Za-z]+)?|[^\w\s]")
_FORWARD_WINDOW = 4


@dataclass(frozen=True)
class Quantity:
    """`category` counted as the interval [low, high] (`high` may be inf) at `span`."""

    category: str
    low: float
    high: float
    span: Span
    population: str | None = None


def _number(tokens: list[re.Match[str]], i: int) -> tuple[float, int, bool] | None:
    """The number starting at token i: (value, next token index, vague) or None."""
    word = tokens[i][0].lower()
    if word[0].isdigit():
        try:
            value = float(word.rstrip(".,").replace(",", ""))
        except ValueError:
            return None
        j = i + 1
    elif word in _VAGUE:
        return float(_VAGUE[word]), i + 1, True
    elif word in _UNITS or (word in {"a", "one"} and i + 1 < len(tokens) and tokens[i + 1][0].lower() in _SCALES):
        parts = word.split("-")
        value = float(sum(_UNITS.get(p, 0) for p in parts)) or 1.0
        j = i + 1
    elif "-" in word and all(p in _UNITS for p in word.split("-")):
        value, j = float(sum(_UNITS[p] for p in word.split("-"))), i + 1
    else:
        return None
    while j < len(tokens) and tokens[j][0].lower() in _SCALES:
        value *= _SCALES[tokens[j][0].lower()]
        j += 1
    return value, j, False


def _looks_like_year(value: float, token: str) -> bool:
    return token.isdigit() and len(token) == 4 and 1900 <= value <= 2100


def _interval(value: float, qualifier: str | None, vague: bool) -> tuple[float, float]:
    if vague or qualifier in _LOWER:
        return value, math.inf
    if qualifier in _UPPER:
        return 0.0, value
    if qualifier in _APPROX:
        return value * 0.85, value * 1.15
    return value, value


def _word_after(tokens: list[re.Match[str]], j: int, lookup: dict[str, str]) -> str | None:
    """What `lookup` maps the first listed word among the next few words to, stopping at
    punctuation or numbers."""
    for k in range(j, min(j + _FORWARD_WINDOW, len(tokens))):
        word = tokens[k][0].lower()
        if word in lookup:
            return lookup[word]
        if not word[0].isalpha():
            return None
    return None


_CASUALTY_CATEGORIES = frozenset(_CASUALTY_OF.values())


def _joint_casualties(tokens: list[re.Match[str]], j: int) -> bool:
    """Whether the count's casualty word is one of a pair ("about 1,000 children killed or
    injured"): it counts the dead and the injured together, not the dead (RUWA: the UN's
    "1,000 killed or injured" against Ukraine's "374 killed and over 723 injured")."""
    words = [t[0].lower() for t in tokens[j : j + _FORWARD_WINDOW + 2]]
    for k, word in enumerate(words[:-2]):
        if word in _CASUALTY_OF:
            other = _CASUALTY_OF.get(words[k + 2])
            return words[k + 1] in {"or", "and"} and other is not None and other != _CASUALTY_OF[word]
    return False


_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def extract_quantities(text: str) -> list[Quantity]:
    """Counted quantities in `text`, in text order."""
    tokens = list(_TOKEN.finditer(text))
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        parsed = _number(tokens, i)
        if parsed is None:
            i += 1
            continue
        value, j, vague = parsed
        if _looks_like_year(value, tokens[i][0]) or (i > 0 and tokens[i - 1][0].lower() in _MONTHS):
            i = j  # "in 2022", "on March 16": dates, not counts
            continue
        if j < len(tokens) and tokens[j][0].lower() == "of" and not vague:
            i = j  # "21 of the 49 drones": the part; the whole follows
            continue
        category = _word_after(tokens, j, _CATEGORY_OF)
        if category in _PEOPLE:
            # "2,829 civilians killed", "435 civilians have been wounded": the dead or the
            # injured among them, not a head count.
            category = _word_after(tokens, j, _CASUALTY_OF) or category
        if category in _CASUALTY_CATEGORIES and _joint_casualties(tokens, j):
            category = "dead or injured"
        leading = _LEADING_VERBS.get(tokens[i - 1][0].lower()) if i > 0 else None
        if leading is not None and category in {None, *_PEOPLE}:
            category = leading  # "killed 12 civilians" counts the dead
        before = tokens[i - 1][0].lower() if i > 0 else None
        if before in {"than", "to"} and i > 1:  # "more than", "up to"
            before = tokens[i - 2][0].lower()
        qualifier = before if before in _LOWER | _UPPER | _APPROX else None
        if category is not None:
            low, high = _interval(value, qualifier, vague)
            span = Span(tokens[i].start(), tokens[j - 1].end())
            found.append(Quantity(category, low, high, span, _word_after(tokens, j, _POPULATION_OF)))
        i = j
    return found


def _disjoint(a: Quantity, b: Quantity, *, tolerance: float) -> bool:
    if a.high < b.low:
        return b.low - a.high > tolerance * max(b.low, 1.0)
    if b.high < a.low:
        return a.low - b.high > tolerance * max(a.low, 1.0)
    return False


def _same_scope(a: Quantity, b: Quantity, *, max_ratio: float) -> bool:
    """Counts more than `max_ratio` times apart count different things: "4169 civilians
    killed" (the war's toll) and "three civilians killed in Donetsk region" (one day's)."""
    low = min(max(a.low, 1.0), max(b.low, 1.0))
    high = max(a.low if a.high == math.inf else a.high, b.low if b.high == math.inf else b.high)
    return high <= max_ratio * low


def numeric_disagreement(
    a: list[Quantity], b: list[Quantity], *, tolerance: float = 0.05, max_ratio: float = 10.0
) -> tuple[Quantity, Quantity] | None:
    """The first pair of quantities of one category and population whose intervals are
    disjoint but within `max_ratio` of each other (`_same_scope`), else None.

    `tolerance` is the relative gap ignored as rounding ("about 160" vs "163").
    """
    for qa in a:
        for qb in b:
            same = qa.category == qb.category and qa.population == qb.population
            if same and _disjoint(qa, qb, tolerance=tolerance) and _same_scope(qa, qb, max_ratio=max_ratio):
                return qa, qb
    return None


def describe(quantity: Quantity) -> str:
    """`24 dead`, `>=24 dead`, `<=200 soldiers`, `~160 missiles` or `5 dead (children)`."""
    if quantity.high == math.inf:
        count = f">={quantity.low:g}"
    elif quantity.low == 0.0 and quantity.high > 0:
        count = f"<={quantity.high:g}"
    elif quantity.low != quantity.high:
        count = f"~{(quantity.low + quantity.high) / 2:g}"
    else:
        count = f"{quantity.low:g}"
    who = f" ({quantity.population})" if quantity.population not in (None, quantity.category) else ""
    return f"{count} {quantity.category}{who}"
