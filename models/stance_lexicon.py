"""Side-revealing words: framing terms, spellings and speaker affiliations.

Russian and Ukrainian outlets name the same things differently ("Kiev regime" /
"occupiers", "Zaporozhye" / "Zaporizhzhia"), and a speaker's title usually names its
side ("Russian Defence Ministry", "Ukraine's General Staff"). These lists turn that
knowledge into a few dense features, so the classifier does not have to learn it from
one outlet's house style.
"""
from __future__ import annotations

import re

import numpy as np

FRAMING: dict[str, tuple[str, ...]] = {
    "russia": (
        "kiev regime", "kiev", "kievan", "special military operation", "military operation",
        "denazification", "demilitarization", "demilitarisation", "neo-nazi", "neo-nazis",
        "nazi", "nazis", "nationalists", "nationalist battalion", "militants", "donbass",
        "zaporozhye", "kharkov", "nikolaev", "lugansk", "kremenchug", "artemovsk",
        "dnepropetrovsk", "dpr", "lpr", "people's republic", "peoples republic",
        "provocation", "provocations", "staged", "fake", "fakes", "russophobia",
        "russophobic", "collective west", "anglo-saxon", "anglo-saxons", "mercenaries",
        "armed formations", "kiev's forces", "zelensky regime", "liberation",
        "referendum", "reunification", "kiev authorities", "ukrainian nationalists",
        "war party", "western sponsors", "western curators", "hysteria",
    ),
    "ukraine": (
        "occupiers", "occupier", "occupants", "invaders", "invader", "ruscists", "ruscist",
        "rashists", "rashist", "racists", "rashism", "ruscism", "orcs", "aggressor",
        "aggressor state", "terrorist state", "russian terrorists", "terrorists", "enemy",
        "russian federation", "temporarily occupied", "de-occupation", "deoccupation",
        "defenders", "heroes", "hero", "full-scale invasion", "full-scale war",
        "war crimes", "war criminals", "genocide", "kyiv", "zaporizhzhia", "kharkiv",
        "mykolaiv", "luhansk", "kremenchuk", "bakhmut", "so-called", "pseudo-referendum",
        "sham", "collaborator", "collaborators", "bavovna", "glory to ukraine",
        "russian invaders", "russian occupiers", "russian aggression", "kremlin regime",
        "putin's regime", "moskovia", "katsap", "armed forces of ukraine",
    ),
    "un": (
        "united nations", "u.n.", "un", "humanitarian", "humanitarian law",
        "international humanitarian law", "civilian casualties", "verified", "monitoring mission",
        "all parties", "de-escalation", "nuclear safety", "safety and security", "restraint",
        "human rights", "secretary-general", "security council", "refugees", "humanitarian corridor",
        "humanitarian access", "protection of civilians", "grain deal", "black sea grain initiative",
    ),
    "other": (
        "russia says", "ukraine says", "kremlin says", "kyiv says", "officials say",
        "both sides", "each other", "ceasefire", "talks", "peace talks",
        "sanctions", "nato", "u.s.", "white house",
        "pentagon", "biden", "eu", "european union", "allies", "western",
    ),
}

SPEAKERS: dict[str, tuple[str, ...]] = {
    "russia": (
        "russia", "russian", "russia's", "moscow", "kremlin", "putin", "lavrov", "peskov",
        "zakharova", "shoigu", "konashenkov", "nebenzya", "medvedev", "polyansky",
        "pushilin", "kadyrov", "volodin", "dpr", "lpr", "donetsk republic",
        "luhansk republic", "rosatom", "roscosmos", "fsb", "duma", "federation council",
        "russian embassy", "antonov", "zakharchenko", "balitsky", "saldo", "rogov",
    ),
    "ukraine": (
        "ukraine", "ukrainian", "ukraine's", "kyiv", "kiev", "zelensky", "zelenskyy",
        "zelenskiy", "kuleba", "podolyak", "podoliak", "reznikov", "yermak", "general staff",
        "sbu", "energoatom", "klitschko", "venediktova", "arestovych", "danilov", "zaluzhny",
        "zaluzhnyi", "shmyhal", "verkhovna rada", "rada", "budanov", "denisova", "lubinets",
        "kostin", "kyrylenko", "synehubov", "fedorov", "ukrenergo", "naftogaz",
        "armed forces of ukraine", "prosecutor general", "operational command",
    ),
    "un": (
        "un", "u.n.", "united nations", "iaea", "guterres", "grossi", "unicef", "unhcr",
        "ohchr", "bachelet", "turk", "türk", "dujarric", "haq", "ocha", "hrmmu", "wfp",
        "unesco", "icj", "world health organization", "who chief", "tedros", "un chief",
        "u.n. chief", "un nuclear watchdog", "u.n. nuclear watchdog", "un human rights",
        "u.n. human rights", "security council", "general assembly",
    ),
    "other": (
        "us", "u.s.", "united states", "washington", "pentagon",
        "white house", "state department", "biden", "blinken", "austin", "kirby",
        "nato", "stoltenberg", "eu", "european union", "borrell", "von der leyen",
        "g7", "uk", "britain", "british", "johnson", "truss", "macron", "france", "french",
        "scholz", "germany", "german", "turkey", "erdogan", "china", "chinese", "poland",
        "polish", "red cross", "icrc", "amnesty", "human rights watch", "hrw", "osce",
        "icc", "pope", "vatican",
    ),
}

LEXICON_SIDES: tuple[str, ...] = ("russia", "ukraine", "un", "other")


def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


_FRAMING_RE = {side: _pattern(terms) for side, terms in FRAMING.items()}
_SPEAKER_RE = {side: _pattern(terms) for side, terms in SPEAKERS.items()}


def speaker_side(mention: str | None) -> str | None:
    """The side named by a speaker mention's first side word ("Russia's envoy" -> russia)."""
    if not mention:
        return None
    text = mention.lower()
    best: tuple[int, str] | None = None
    for side, pattern in _SPEAKER_RE.items():
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), side)
    return best[1] if best else None


def lexicon_features(texts: list[str], speakers: list[str | None]) -> np.ndarray:
    """(n) texts and speaker mentions -> float32 (n, 2 * len(LEXICON_SIDES) + 1).

    Columns: log-counts of each side's framing terms in the text, one-hot side of the
    speaker mention, and whether a speaker is given at all.
    """
    out = np.zeros((len(texts), 2 * len(LEXICON_SIDES) + 1), dtype=np.float32)
    for i, (text, speaker) in enumerate(zip(texts, speakers)):
        lowered = text.lower()
        for j, side in enumerate(LEXICON_SIDES):
            out[i, j] = np.log1p(len(_FRAMING_RE[side].findall(lowered)))
        side = speaker_side(speaker)
        if side is not None:
            out[i, len(LEXICON_SIDES) + LEXICON_SIDES.index(side)] = 1.0
        out[i, -1] = 1.0 if speaker else 0.0
    return out
