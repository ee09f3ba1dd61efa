"""Who a claim says did it: the side it blames for an attack, or clears of one.

"Ukrainians hit railway station in Kramatorsk" blames Ukraine; "a Russian missile hit the
station" and "shelled by Russian troops" blame Russia; "not from a Russian missile strike"
and "Russia denies responsibility" clear Russia. Two sides' claims about one incident that
blame different parties, or where one blames the party the other clears, dispute who did
it: the most common counter-claim in war reporting.

The agent words are data here; they name the two warring parties only (a third party is
never blamed by these rules).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from narratives.pairing.rebuttals import bare_act, is_denial, is_rebuttal, names_statements, proposition_text
from narratives.types import Claim

AGENTS: dict[str, re.Pattern[str]] = {
    "russia": re.compile(
        r"\b(?:Russia|Russian|Russians|Russia['’]s|Russian Federation|Moscow|Kremlin|invaders?|"
        r"occupiers?|Rashists?|aggressor)\b"
    ),
    "ukraine": re.compile(
        r"\b(?:Ukrainians|Ukrainian (?:Armed Forces|army|forces|troops|military|side|nationalists|"
        r"militants|soldiers|units)|Ukraine['’]s (?:armed forces|army|forces|military)|Kiev|Kyiv|"
        r"Ukrofascists?|Ukranazis?|Azov|neo-Nazis?|nationalists|AFU|Armed Forces of Ukraine|"
        # "Ukrainian" names the agent only of the act right after it ("a Ukrainian
        # provocation", "Ukrainian shelling"), not of "the Ukrainian city of Kremenchuk hit".
        r"Ukrainian(?=\s+(?:strikes?|shelling|attacks?|missiles?|rockets?|drones?|artillery|provocations?)\b))\b"
    ),
}
_ACT = re.compile(
    r"\b(?:hit|hits|struck|strikes?|striking|shell(?:ed|s|ing)?|fired|fires|launch(?:ed|es)?|"
    r"bomb(?:ed|s|ing|ings)?(?!\s+shelters?)|bombard\w*|destroy(?:ed|s)?|blew up|blow up|attack(?:ed|s)?|"
    r"target(?:ed|s)?|missiles?|rockets?|projectiles?|planes?|aircraft|Tochka-U|Iskander|"
    r"blowing up|committed|carr(?:y|ied|ying) out|behind|provocations?|staged)\b",
    re.I,
)
_CAPITAL = re.compile(r"Kiev|Kyiv|Moscow")
_PLACE_PREPOSITION = re.compile(r"\b(?:of|on|in|at|to|near|over|from|around)\s+$", re.I)
# The invasion itself, not one attack of it; "a massive missile attack on Ukraine" is one.
_THE_WAR = re.compile(r"attacks?\s+(?:on|against)\s+Ukraine\b(?![’']s)", re.I)
_WEAPON_BEFORE = re.compile(r"\b(?:missile|rocket|drone|air|massive|artillery)\s+$", re.I)
# "It is no coincidence that Russia launched ...", "no doubt", "not only": idioms that assert.
_NEGATION = re.compile(
    r"\b(?:not|no|never|didn['’]t|did not|wasn['’]t|was not)\b(?!\s+(?:coincidence|accident|doubt|wonder|surprise|only)\b)",
    re.I,
)
_BEFORE_WORDS = 3
_AFTER_WORDS = 6
_ACCUSATION_CUE = re.compile(r"\b(?:accus|blam)", re.I)


@dataclass(frozen=True)
class Blame:
    """`blamed`: sides the claim says did it; `cleared`: sides it says did not."""

    blamed: frozenset[str]
    cleared: frozenset[str]

    def disputes(self, other: Blame) -> str | None:
        """A reason when the two disagree on who did it, else None."""
        for mine, theirs in ((self, other), (other, self)):
            for side in mine.blamed:
                if side in theirs.cleared:
                    return f"one blames {side}, the other says {side} did not do it"
        if self.blamed and other.blamed and not (self.blamed & other.blamed):
            return f"one blames {', '.join(sorted(self.blamed))}, the other {', '.join(sorted(other.blamed))}"
        return None


def _agent_before(text: str, act_start: int) -> tuple[str, int] | None:
    """The party named within a few words before an act word (nearest first)."""
    window = text[:act_start]
    words = list(re.finditer(r"\S+", window))
    if words:
        window_start = words[max(0, len(words) - _BEFORE_WORDS)].start()
        best: tuple[str, int] | None = None
        for side, pattern in AGENTS.items():
            # Over the whole text: a name may look ahead at the act ("Ukrainian provocation").
            for m in pattern.finditer(text, window_start):
                if m.start() >= act_start:
                    break
                if _CAPITAL.fullmatch(m.group()) and _PLACE_PREPOSITION.search(text[: m.start()]):
                    continue  # "the shelling of Kiev: missile strikes": a place, not an agent
                if best is None or m.start() > best[1]:
                    best = (side, m.start())
        return best
    return None


def _agent_after(text: str, act_end: int) -> tuple[str, int] | None:
    """"shelled by Ukrofascists", "launched by Ukrainian forces from": the agent after "by"."""
    words = list(re.finditer(r"\S+", text[act_end:]))[: _AFTER_WORDS + 1]
    if not words:
        return None
    window = text[act_end : act_end + words[-1].end()]
    by = re.search(r"\b(?:by|of)\b", window)
    if by is None:
        return None
    for side, pattern in AGENTS.items():
        m = pattern.search(window, by.end())
        # "the shelling of Kiev" names the target: a capital is the agent only "by" it.
        if m and not (by.group() == "of" and _CAPITAL.fullmatch(m.group())):
            return side, act_end + m.start()
    return None


# Holding a party to account blames it: "We will hold Russia and Putin to account", "bring
# Russia to justice", "Russia ... must be punished".
_ACCOUNTABLE = re.compile(
    r"\b(?:hold|holds|held|holding|bring|brings|brought|bringing)\s+(?P<who>(?:\S+\s+){1,4}?)"
    r"(?:to account|to justice|accountable|responsible)\b|(?P<punished>(?:\S+\s+){1,12}?)must be punished\b",
    re.I,
)


def _held_to_account(text: str) -> set[str]:
    """The parties `text` says must answer for an act."""
    found: set[str] = set()
    for m in _ACCOUNTABLE.finditer(text):
        who = m.group("who") or m.group("punished") or ""
        found |= {side for side, pattern in AGENTS.items() if pattern.search(who)}
    return found


def blame_in_text(text: str) -> Blame:
    """Sides a text blames for an act, and sides it clears ("not from a Russian strike").

    Fires on "Ukrainians hit railway station" (blames ukraine); must not fire on "the
    Ukrainian city of Kremenchug" (no act) or "Ukrainian fighters surrendered"."""
    blamed: set[str] = set()
    cleared: set[str] = set()
    acts = list(_ACT.finditer(text))
    subject = _subject(text) if acts else None
    for act in acts:
        if _THE_WAR.match(text, act.start()) and not _WEAPON_BEFORE.search(text[: act.start()]):
            continue  # "Russia's attack on Ukraine has caused a humanitarian crisis": the war
        # The headline's subject did what follows it; a party right after the act is its
        # object ("Destroyed Russian equipment: ...").
        found = _agent_before(text, act.start()) or _agent_after(text, act.end()) or (
            subject if subject is not None and subject[1] < act.start() else None)
        if found is None:
            continue
        side, at = found
        if at < act.start() and _DEFENCE.search(text, at, act.start()):
            continue
        if _says_what_acts_cannot_do(text, min(act.start(), at), act.end()) or _not_done(text, act.start()):
            continue
        negated = _negated_before(text, act.start()) or _negated_before(text, at)
        (cleared if negated else blamed).add(side)
    if acts:
        blamed |= _held_to_account(text)
    return Blame(frozenset(blamed - cleared), frozenset(cleared))


_NO_BEFORE = re.compile(r"\bno\b[^.;:]*$", re.I)
_MODAL_AFTER = re.compile(r"^[^.;:]{0,40}?\b(?:can|could|will|would|shall|should|may|might)\b", re.I)


# An act not done: threatened, feared, planned or conditional ("poised to strike", "if it
# attacked", "trying to provoke Ukraine's military to attack", "will launch", "fears
# Ukrainian provocation", "prepare another bloody provocation").
_NOT_DONE_BEFORE = re.compile(
    r"\b(?:to|if|will|would|could|might|may|fears?|feared|prepar\w*|plans?|planning|plotting)\s+(?:\S+\s+)?$", re.I
)
# A condition the act's clause opens with: "If Russia decides to commit a terrorist attack, ...".
_CONDITION_BEFORE = re.compile(r"\b(?:if|unless|in case)\b[^,;:.]*$", re.I)
# A party that repels an attack is its target: "AFU repelled attacks near 12 settlements".
_DEFENCE = re.compile(r"\b(?:repel\w*|repuls\w*|thwart\w*|foil\w*|fend\w* off|fought off|beat off|intercept\w*)\b", re.I)


def _not_done(text: str, act_start: int) -> bool:
    """Whether the act word at `act_start` follows "to", "if" or a modal within two words,
    or is in a clause that opens with "if"."""
    return bool(_NOT_DONE_BEFORE.search(text[max(0, act_start - 30) : act_start])
                or _CONDITION_BEFORE.search(text[max(0, act_start - 100) : act_start]))


def _says_what_acts_cannot_do(text: str, start: int, end: int) -> bool:
    """ "No Russian missiles or strikes can break morale of Ukrainians" is about no
    particular attack: a "no" before the act and a modal after it."""
    return bool(_NO_BEFORE.search(text[max(0, start - 20) : start])) and bool(_MODAL_AFTER.search(text[end:]))


def _subject(text: str) -> tuple[str, int] | None:
    """A party named in the first words, the subject of a headline or lede sentence:
    "Russian invaders do not abandon their methods and ... hit a railway station"."""
    words = list(re.finditer(r"\S+", text))[:_BEFORE_WORDS]
    if not words:
        return None
    head = text[: words[-1].end()]
    for side, pattern in AGENTS.items():
        m = pattern.search(head)
        if m and not re.search(r"\b(?:city|town|region|side|claims?|officials?|says?)\b", head, re.I):
            return side, m.start()
    return None


def _negated_before(text: str, at: int) -> bool:
    """A negation within the three words before `at` ("not from a Russian strike")."""
    words = list(re.finditer(r"\S+", text[:at]))[-3:]
    return bool(words) and bool(_NEGATION.search(text[words[0].start() : at]))


def claim_blame(claim: Claim) -> Blame:
    """What a claim says about who did it. A denial of an act by a party ("Russia denies
    responsibility", "Moscow denies the attack") clears the denier's side; a denial of a
    claim that blames someone clears whoever that claim blamed."""
    if is_denial(claim) or claim.answers is not None:
        answered = blame_in_text(proposition_text(claim))
        if is_denial(claim) and bare_act(claim.text):
            return Blame(frozenset(), answered.blamed | {claim.side})
        return Blame(answered.cleared, answered.blamed)
    if claim.cue and _ACCUSATION_CUE.search(claim.cue):
        # "accusing the Azov Battalion ... of blowing up the building": the accused comes
        # first; an accusation of no attack ("accuses Russia of blocking an aid convoy")
        # blames no one for one.
        accused = _first_agent(claim.text) if _ACT.search(claim.text) else None
        return Blame(frozenset({accused}), frozenset()) if accused else blame_in_text(claim.text)
    found = blame_in_text(claim.text)
    if is_rebuttal(claim) and names_statements(claim):
        # "'Unconvincing' claims Russia didn't carry out the attack": the verdict turns it round.
        return Blame(found.cleared, found.blamed)
    return found


def _first_agent(text: str) -> str | None:
    hits = [(m.start(), side) for side, pattern in AGENTS.items() for m in pattern.finditer(text)]
    return min(hits)[1] if hits else None
