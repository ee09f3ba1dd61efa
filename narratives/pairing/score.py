"""Counter-claim pairing: score a claim against candidate claims of other sides.

Who may be paired (`pairable`, `may_pair`):
- two claims of the same side never (a side does not counter itself);
- a claim whose side is `unknown` never: a counter-claim needs two known sides;
- a reported claim whose cue says what someone plans, wants or discusses rather than what
  they said, believe or show (`names_reported_speech`) never;
- a narrator claim (the outlet's own voice) only when the outlet is partisan, i.e. its
  side was decided by the outlet and is not one of `neutral_sides` (an RT headline is
  Russia's claim; a wire agency's narration is reporting, not a counter-claim).

How a candidate pair is scored (`score_pair`):
- the contradiction model, both directions, `max` of the two contradiction probabilities
  (label order is read from `model.labels`, never assumed), counted without a denial cue
  only between close claims that share specific words and say what happened (not
  `hedged`: forecasts, conditions, polls), one of which negates or calls something false
  (reports differing only in detail are the model's usual false contradiction), between
  two parties (a neutral side mostly reports or judges what a party says: the model alone
  never sets it against one) of
  different articles or speakers (an outlet's own headline and the version it reports
  dispute through `answers`), rescaled
  so that scores up to `model_floor` count as no evidence (SNLI-style models give "same
  event, different details" a moderate contradiction score; `neutral_model_floor` for a
  neutral side's denial);
- answered claims: a denial or rebuttal linked to the claim of its article it answers
  (`Claim.answers`, see `narratives.pairing.rebuttals`) contradicts that claim (`answer_weight`);
  elsewhere it stands for what it denies (`proposition_text`: "Ukraine denied it" is
  compared as a denial of the claim "it" stands for);
- denial structure: a claim whose cue is deny/reject/dismiss/refute asserts the opposite
  of its content, so the model's entailment for it counts as contradiction;
- who did it (`narratives.pairing.blame`): two claims about the same attack (a specific word in
  common within `attack_same_place_days`, or none of the same or the next day) that blame different parties for an attack, or one
  blaming the party the other clears (`blame_weight`); a denial naming nothing but the
  act ("Russia denies responsibility") is about its event's incident; a day's tally of
  fire (`narratives.pairing.roundups`: "shelled 18 settlements") is no account of one
  attack and disputes only about a target both name;
- what was hit (`narratives.pairing.targets`), between reports of what happened (not what may):
  one claim says the target was military, the other
  civilian, or one says the place was closed, the other that it was full of people (`target_weight`, about the same attack as above; denials are left to the denial rule);
- what becomes of captives (`narratives.pairing.captives`): one party says they face trial,
  the other that they are to be exchanged (`target_weight`; with a specific word in common
  within `blame_max_days`, or of the same or the next day);
- rebuttal structure: a denial, or a claim whose content calls statements false
  ("fantasies", "fake", "staged", "lies"), disputes the other side's claims about the
  same thing (a specific word in common), when both are parties (not `neutral_sides`: a mediator is not the target of a
  rebuttal, though the model may still find it contradicted); its weight rises from
  0.65 to 1 times `rebuttal_weight` between `rebuttal_min_similarity` and
  `rebuttal_full_similarity`; a falsity word aimed at nothing named (no denial cue, no
  "statements"/"claims"/"reports") needs `untargeted_rebuttal_min_similarity`; either
  needs a word in common with the claim it disputes;
- numeric disagreement about the same quantity and population (24 dead vs 12 dead, but
  not 12 civilians vs 5 children) over one scope (`count_scope`: a running toll against a
  running toll, a month's against the same month's, a region's against the same region's), reported within
  `numeric_max_days_apart` days;
- polarity: a word one claim asserts and the other negates ("military facilities" vs
  "non-military targets"), counted only between close claims (`polarity_min_similarity`)
  that have a word in common besides it;
- where it was: a claim naming its site only as "the building" is compared with its
  article's headline beside it (`narratives.pairing.scene`) when the other names that site;
- two claims of one sentence contradict only where the rebuttal links them (`answers`).
The evidence is combined as a noisy-OR into `contradiction`; the relation is
`contradicts` at `contradicts_threshold`, `corroborates` when the model finds that one
claim entails the other (either direction: "Russia confirms the ship sank" supports
"the ship sank") without contradicting evidence, else `related`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from narratives.attribution.cues import names_reported_speech
from narratives.errors import ModelUnavailableError
from narratives.events.alignment import extract_entities
from narratives.events.places import canonical_place, is_town
from narratives.pairing.blame import claim_blame
from narratives.pairing.captives import captives_fate, fate_dispute
from narratives.pairing.numbers import describe, extract_quantities, numeric_disagreement
from narratives.pairing.rebuttals import (
    FALSITY,
    asserts_act,
    disputes,
    is_bare_denial,
    is_denial,
    is_rebuttal,
    names_statements,
    proposition_text,
)
from narratives.pairing.roundups import SITE, anchored, is_roundup, names_only
from narratives.pairing.scene import situated_text
from narratives.pairing.targets import MILITARY_SITES, hit_dispute, what_was_hit
from narratives.protocols import ContradictionModel
from narratives.types import UNKNOWN_SIDE, Claim, ClaimPair, Relation

# Words that mark what is relayed, not a topic ("an alleged Ukrainian provocation").
_HEARSAY = frozenset({"alleged", "allegedly", "reportedly", "purportedly"})

# Words too common in war reporting to show that two claims are about one incident.
_BROAD = _HEARSAY | frozenset(
    """region oblast ukraine ukrainian ukrainians russia russian russians kyiv kiev moscow east
    eastern west western south southern north northern city town country war military
    army forces troops armed attack attacks attacked strike struck shelling killed provocation
    killing people civilian said says according reported report reports also were have
    been from with that this their there which after over about against during into more
    than other will would could should""".split()
)
_TERM = re.compile(r"[a-z]{4,}")

_FUNCTION_WORDS = _HEARSAY | frozenset(
    """that this these those there their they them were have been from with which what when
    where while about after before over into than then also will would could should said
    says more most some such only other being""".split()
)

# The parties, places and casualty words every report of the war uses: sharing only these,
# a rebuttal and a claim are not about the same thing ("Russia denies its military forces
# killed Bucha civilians" / "aid to Ukrainians who fled the Russian military invasion").
_PARTIES = _FUNCTION_WORDS | frozenset(
    """region oblast ukraine ukrainian ukrainians russia russian russians kyiv kiev moscow
    east eastern west western south southern north northern killed killing dead people
    civilian civilians wounded injured shelling shelled military forces troops army soldiers
    servicemen invasion""".split()
)

# The weapons every report of a strike names: like the act, sharing only these, two reports
# that each say where are about two strikes ("Ukrainian claims that a Russian missile hit
# Kramatorsk are not true" / "two missiles with cluster mines flew into Dnipropetrovsk region").
_MEANS = frozenset({"missile", "rocket", "drone", "bomb", "artillery", "shell"})

# The negated word is lower-case: "there is no Mariupol" negates a place, not a predicate.
_NEGATED = re.compile(r"\b(?:[Nn]on-|[Nn]ot\s+|[Nn]o\s+|[Nn]ever\s+)([a-z]{4,})")
# A text that fails, refuses or is unable to do a thing negates it too: "Russia has failed
# to achieve any strategic goal" agrees with "Russia does not achieve its strategic goals".
_NEGATOR_VERBS = r"(?:[Ff]ail(?:s|ed|ing)?|[Uu]nable|[Rr]eluctan(?:ce|t)|[Rr]efus(?:e|es|ed|ing))\s+to\s+|[Cc]annot\s+"
_NEGATION = re.compile(rf"\b(?:[Nn]on-|(?:[Nn]ot|[Nn]o|[Nn]ever)\b|{_NEGATOR_VERBS})|n['’]t\b")
# ... and the words that negate a whole statement: "none of the guards was injured".
_NONE = re.compile(r"\b(?:none|nobody|nothing|neither|nor|without)\b", re.I)
_CONTENT_WORD = re.compile(r"(?<![-\w])[a-z]{4,}\b", re.I)
# Words whose negation asserts nothing against the plain word: "not including Mariupol"
# leaves out a count, it does not deny one "including" it.
_NOT_CONTENT = frozenset({"only", "just", "even", "been", "have", "more", "less", "much", "longer", "able", "such", "that", "this",
                          "including", "counting", "included"}) | _FUNCTION_WORDS | frozenset(
    # Nor does negating a particle or an adverb: "the war is not over" / "talks over Mariupol".
    "over under here very well ever enough long soon clear yet against".split())


@dataclass(frozen=True)
class PairingTuning:
    """Knobs of counter-claim pairing."""

    # A new claim is scored against the other sides' claims of its event at least
    # `min_similarity` close, the most similar first: at most `per_article` of each other
    # article (an incident's counter-claims come from other outlets' articles) and `top_k`
    # in all. Claims disputing who did it or what was hit have a budget of their own,
    # `dispute_top_k`, however far apart: the rules judge those, mostly without the model
    # (`model_counts`), so they cost little.
    top_k: int = 12
    per_article: int = 3
    dispute_top_k: int = 36
    # Candidates come from the claim-linking window (`AlignmentTuning.window_days`, 3 days).
    # Widening it to an event's 14 days found Ukraine's OSCE rebuttal of News Front's claim
    # four days before, but 16 of 20 whole-RUWA `contradicts` drawn at random were then
    # false, mostly claims days apart about different incidents of one event (2026-12-02).
    min_similarity: float = 0.15
    contradicts_threshold: float = 0.5
    corroborates_threshold: float = 0.6
    # Related pairs are kept only when this close; weaker ones are noise in the view.
    keep_related_similarity: float = 0.6
    rebuttal_weight: float = 0.8
    rebuttal_min_similarity: float = 0.35
    # A falsity word with no denial cue and no word for what was said ("Putin calls Bucha
    # 'fake'") may be aimed at anything in the event: it needs closer claims.
    untargeted_rebuttal_min_similarity: float = 0.6
    rebuttal_full_similarity: float = 0.6
    numeric_weight: float = 0.7
    polarity_weight: float = 0.55  # enough on its own between close claims
    polarity_min_similarity: float = 0.45
    # NLI models trained on SNLI-style data call "same event, different details"
    # contradiction with moderate confidence; below this the model's score is no evidence
    # (0.6, not 0.5: on RUWA's Kremenchuk and Mariupol rows, 0.79 for "the MoD commented on
    # the attack on the mall" vs "rescuers found body fragments in the mall").
    model_floor: float = 0.6
    # A neutral side (wire copy, Western officials, the UN) mostly reports what one party
    # says; the model alone needs more confidence to set it against a party.
    neutral_model_floor: float = 0.8
    neutral_sides: tuple[str, ...] = ("other", "un")
    # Between less similar claims (different incidents of one event) the model's
    # contradiction is mostly "different scene"; it counts only with a denial cue.
    model_min_similarity: float = 0.6
    # ... and it also needs this many shared specific words ("kramatorsk", "station"):
    # RUWA headlines about one region ("occupied ... Donetsk region" vs "shelling of
    # Donetsk region") are close in embedding space but about different incidents.
    model_min_shared_terms: int = 2
    # Counts reported on different days are mostly updates ("1,430 killed since February
    # 24" in April, "4,452" in July), not a dispute: numbers count within this many days.
    numeric_max_days_apart: int = 1
    answer_weight: float = 0.9
    blame_weight: float = 0.75
    # Claims about one incident are made within days of it; the same place struck again
    # weeks later (Kramatorsk in April and in July) is another incident.
    blame_max_days: int = 10
    # Who did it and what was hit are disputed about one attack: reports with a specific
    # word in common within this many days (Kramatorsk's school was struck on 5 April, its
    # station on 8 April: "Russians launch missile strike on Kramatorsk, destroying school"
    # does not answer "Ukrainians hit railway station in Kramatorsk") ...
    attack_same_place_days: int = 2
    # ... or, sharing no specific word, of the same or the next day ("strike on Kramatorsk"
    # / "railway station strike").
    blame_any_words_days: int = 1
    # ... when they are at least this similar: below it, "Lukashenko accuses Kyiv of
    # provoking his country" and "Six killed in Russian shelling of Sloviansk" of one day
    # are about different things.
    blame_any_words_min_similarity: float = 0.35
    target_weight: float = 0.7
    bare_denial_days_before: int = 1
    bare_denial_days_after: int = 2


def polarity_clash(a: str, b: str) -> str | None:
    """A word one text asserts and the other negates ("military" vs "non-military"), or None."""
    for plain_text, negating_text in ((a, b), (b, a)):
        hit = negated_word(plain_text, negating_text)
        if hit is not None:
            return hit
    return None


# A negated verb ("NATO will not close the sky", "Europe will not leave unanswered", "unable
# to seize Odesa": failing or refusing to do a thing, `_NEGATOR_VERBS`, is never in
# `_NEGATED`) answers a request or a plan ("to close the sky", "Czechia calls on its citizens
# to leave Russia"), or agrees in other words ("impossible to seize Odesa"): of 10 such
# whole-RUWA pairs none was a dispute. A negated thing is one: "a war crime, but not
# genocide", "non-military targets", "no shelling of Kharkiv".
_AUXILIARY_BEFORE = re.compile(r"\b(?:will|would|do|does|did|can|could|should|must|shall|to)\s+$", re.I)


def _negates_a_verb(text: str, match: re.Match[str]) -> bool:
    """Whether a `_NEGATED` match is "not" or "never" after an auxiliary ("will not close")."""
    negator_is_not = match.group(0).lower().startswith(("not", "never"))
    return negator_is_not and _AUXILIARY_BEFORE.search(text[: match.start()]) is not None


def _negates_or_calls_false(text: str) -> bool:
    return bool(_NEGATION.search(text) or _NONE.search(text) or FALSITY.search(text))


def negated_word(plain_text: str, negating_text: str) -> str | None:
    """A word `plain_text` asserts and `negating_text` negates, or None."""
    negated = {m.group(1).lower() for m in _NEGATED.finditer(negating_text)
               if not _negates_a_verb(negating_text, m)} - _NOT_CONTENT
    if not negated:
        return None
    # A text that negates too is no plain assertion to clash with: "does not have a
    # 'critical' impact" agrees with "there's no critical danger", "soldiers have not
    # received the promised bonuses" with "no bonuses", "no one should have illusions that
    # the Kremlin's goals have changed" with "Russia's goals have not changed".
    if _NEGATION.search(plain_text):
        return None
    plain = {w.lower() for w in _CONTENT_WORD.findall(plain_text)}
    hits = sorted(negated & plain)
    return hits[0] if hits else None


# One word per thing, whoever spells it: British and American spellings, and a shopping
# centre is a mall ("Russian strike on shopping centre a war crime" / "claims about 'Russian
# strike' on Kremenchug mall").
_SPELLING = {"theatre": "theater", "theatres": "theaters", "centre": "center", "centres": "centers",
             "defence": "defense", "offence": "offense", "harbour": "harbor", "neighbourhood": "neighborhood"}
_SHOPPING_CENTRE = re.compile(r"\bshopping (?:centre|center|mall)s?\b")
# A city's centre is no site: "rebel-held city centre" / "the Neptun sports center".
_CITY_CENTRE = re.compile(r"\b(?:city|town) cent(?:re|er)s?\b")
# "military" alone names a party ("the Russian military"); before a site it is the target.
_MILITARY_TARGET = re.compile(rf"\bmilitary (?={MILITARY_SITES}\b)")


def shared_terms(a: str, b: str, *, ignore: frozenset[str] = _BROAD) -> frozenset[str]:
    """Words of 4+ letters (plural s dropped, one spelling) that both texts use, less
    `ignore`: by default the words too common in war reporting to name one incident."""

    def terms(text: str) -> set[str]:
        text = _MILITARY_TARGET.sub("militarytarget ", _SHOPPING_CENTRE.sub("mall", _CITY_CENTRE.sub("downtown", text.lower())))
        words = (canonical_place(_SPELLING.get(w, w)) for w in _TERM.findall(text) if w not in ignore)
        return {w[:-1] if w.endswith("s") else w for w in words} - ignore

    return frozenset(terms(a) & terms(b))


def _shares_besides(a: str, b: str, word: str) -> bool:
    """Whether two texts have a word in common besides `word` (function words aside)."""
    return bool(shared_terms(a, b, ignore=_FUNCTION_WORDS) - shared_terms(word, word, ignore=_FUNCTION_WORDS))


def _report_day(claim: Claim) -> dt.date | None:
    """The day of the incident a claim's report is about: its article's incident day (a
    follow-up dates it: "300 died in the theatre on March 16"), else its publication date."""
    return claim.incident_date or claim.published


def _days_apart(a: Claim, b: Claim) -> int | None:
    day_a, day_b = _report_day(a), _report_day(b)
    if day_a is None or day_b is None:
        return None
    return abs((day_a - day_b).days)


def pairable(claim: Claim, tuning: PairingTuning) -> bool:
    """Whether `claim` can take part in a counter-claim pair at all (see module doc)."""
    if claim.side == UNKNOWN_SIDE:
        return False
    if claim.kind == "narrator":
        return claim.side_decided_by == "outlet" and claim.side not in tuning.neutral_sides
    return names_reported_speech(claim.cue)


def may_pair(a: Claim, b: Claim, tuning: PairingTuning) -> bool:
    return a.side != b.side and pairable(a, tuning) and pairable(b, tuning)


def pair_id(a_id: str, b_id: str) -> str:
    """Order-free and stable: the same two claims always give the same pair id."""
    first, second = sorted((a_id, b_id))
    return "pr_" + hashlib.blake2b(f"{first}\x1f{second}".encode("utf-8"), digest_size=8).hexdigest()


def _label_index(model: ContradictionModel, name: str) -> int:
    for i, label in enumerate(model.labels):
        if label.lower().startswith(name):
            return i
    raise ModelUnavailableError(
        f"the contradiction model's labels {model.labels!r} have no '{name}' label: "
        "retrain it with entailment, neutral and contradiction labels"
    )


def predict_both_directions(model: ContradictionModel, pairs: Sequence[tuple[Claim, Claim]]) -> tuple[np.ndarray, np.ndarray]:
    """(n) claim pairs -> entailment (n, 2) and contradiction (n, 2) probabilities.

    Column 0 is a->b (a as premise), column 1 is b->a; one model call for all 2n inputs.
    """
    if not pairs:
        return np.zeros((0, 2), np.float32), np.zeros((0, 2), np.float32)
    texts = [(proposition_text(a), proposition_text(b)) for a, b in pairs]
    inputs = texts + [(b, a) for a, b in texts]
    probs = np.asarray(model.predict(inputs), dtype=np.float32)
    n = len(pairs)
    entail, contra = _label_index(model, "entail"), _label_index(model, "contradict")
    return (
        np.stack([probs[:n, entail], probs[n:, entail]], axis=1),
        np.stack([probs[:n, contra], probs[n:, contra]], axis=1),
    )


def _noisy_or(*scores: float) -> float:
    keep = 1.0
    for score in scores:
        keep *= 1.0 - min(max(score, 0.0), 1.0)
    return 1.0 - keep


def _answers_later(denial: Claim, other: Claim, tuning: PairingTuning) -> bool:
    """A denial naming nothing but the act ("Russia denies responsibility") is about its
    article's incident: it answers what was said of that place or site (the claim it
    answers, or its `scene`: "Mariupol theater") shortly before or after it, not earlier
    news, nor what later reports of a long-running event say, nor a day's tally of fire
    ("Russia denies responsibility" / "three Russian bombers shelled Ukraine over the past
    day"), nor another strike of its days ("Russia bombs enterprises in Shostka"), nor what
    is said of a site its scene does not name ("Russian forces destroyed 300 hospitals")."""
    if not is_bare_denial(denial) or is_roundup(proposition_text(other)):
        return False
    if _towns_elsewhere(denial, other):
        return False
    if denial.scene and _site_elsewhere(denial, other):
        return False
    day, other_day = _report_day(denial), _report_day(other)
    if day is None or other_day is None:
        return True
    days = (day - other_day).days
    return -tuning.bare_denial_days_after <= days <= tuning.bare_denial_days_before


# "may" in lower case only: "May" is the month.
_HEDGE = re.compile(r"\b(?:if|unless|(?:un)?likely|would|could|might|(?-i:may)|should|risks?|possib\w+|poll|survey)\b", re.I)


def hedged(text: str) -> bool:
    """Whether `text` speaks of what may happen rather than what did."""
    return _HEDGE.search(text) is not None


# Names every report of the war uses: the parties, their capitals and the usual third parties.
_COMMON_NAMES = frozenset(
    """russia russian russians ukraine ukrainian ukrainians kyiv moscow kremlin afu armed forces
    nato u.s us usa america american un eu europe european west western g7 president""".split()
)


# A capitalised first word with an ordinary plural ending is no name ("Fragments from
# Ukrainian missile fall in ...", "Explosions heard in ...", "Sources say ...").
_PLURAL_NOUN = re.compile(r"[a-z]+(?:ments|ions|ers|ors|ants|ents|ies|ets|les|ces|tes|ges|des)")


def _names(text: str, *, first_word: bool = False) -> frozenset[str]:
    """The names in `text` less the common ones and (unless `first_word`) a capitalised
    first word ("Details of ..."); with `first_word`, a first word that is an ordinary
    plural is still left out ("Fragments from ...")."""
    first = text.split(maxsplit=1)[0].strip("\"'‘’“”.,:;").lower() if text.strip() else ""
    if first_word and not _PLURAL_NOUN.fullmatch(first):
        first = ""
    return frozenset(
        n for n in extract_entities(text)
        if n != first and not set(re.split(r"[\s-]+", n)) & _COMMON_NAMES
    )


_NEGATIVE_CUE = re.compile(r"\b(?:not|no|never|cannot)\b|n['’]t\b", re.I)
_RUNNING_TOLL = re.compile(
    r"\b(?:since|as of|so far|to date|in total|total of|(?:in|during) (?:a|the) (?:full-scale )?(?:invasion|war))\b", re.I
)
# A period a count is of: "in April", "over the past day", "last week".
_PERIOD = re.compile(
    r"\b(?:in|during|for|throughout)\s+(january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|\b(?:over|in|during|for)\s+the\s+(?:past|last)\s+((?:\w+\s+)?(?:days?|weeks?|months?|hours|years?))\b"
    r"|\b(?:last|this)\s+(week|month|year)\b",
    re.I,
)
_REGION = re.compile(r"\b([A-Z][\w’'-]+)\s+(?i:region|oblast)\b")


def count_scope(text: str) -> tuple[bool, frozenset[str], frozenset[str]]:
    """What a count in `text` covers: whether it is a running toll, the periods it is of
    ("april", "past day") and the regions it is of."""
    periods = frozenset(" ".join(next(g for g in m.groups() if g).lower().split()) for m in _PERIOD.finditer(text))
    return bool(_RUNNING_TOLL.search(text)), periods, frozenset(canonical_place(m.lower()) for m in _REGION.findall(text))


def _both_anchored(a: str, b: str) -> bool:
    """Whether each text says where it was: a place or a site (`anchored`)."""
    return all(anchored(t, _names(t, first_word=True)) for t in (a, b))


def _places_apart(a: str, b: str) -> bool:
    """Whether two texts place their reports apart: only one says where it was, or each
    does and they name no place in common, up to its ending ("Belarus" / "Belarusian" is
    one)."""
    names_a, names_b = _names(a, first_word=True), _names(b, first_word=True)
    anchored_a, anchored_b = anchored(a, names_a), anchored(b, names_b)
    if anchored_a != anchored_b:
        return True
    return anchored_a and not any(x[:5] == y[:5] for x in names_a for y in names_b)


_CAPITALISED = re.compile(r"\b[A-Z][a-z’'-]{3,}")


def _towns(text: str, *, any_case: bool = False) -> frozenset[str]:
    """The towns `text` names, in one spelling: its capitalised words that are towns, or
    with `any_case` any word (a url's words: "mariupol theater ukraine")."""
    words = _TERM.findall(text.lower()) if any_case else [w.lower() for w in _CAPITALISED.findall(text)]
    return frozenset(w for w in map(canonical_place, words) if is_town(w))


def _towns_elsewhere(denial: Claim, other: Claim) -> bool:
    """Whether a denial (by the claim it answers, or its scene) and another claim each name
    a town and name none in common: "Russians hit airport in Dnipro" beside a denial about
    the "mariupol theater"."""
    mine = _towns(proposition_text(denial)) | _towns(denial.scene or "", any_case=True)
    theirs = _towns(proposition_text(other))
    return bool(mine) and bool(theirs) and not mine & theirs


_BUILDING = frozenset({"building", "buildings", "block", "blocks"})


def _site_elsewhere(denial: Claim, other: Claim) -> bool:
    """Whether a claim names a site of its own (not just "a building") and shares no word
    with a denial's scene: "Russian forces destroyed more than 300 hospitals" beside
    "Russia denies responsibility" for the Kramatorsk station strike."""
    theirs = situated_text(other, proposition_text(other))
    sites = {m.group(0).lower() for m in SITE.finditer(theirs)} - _BUILDING
    return bool(sites) and not shared_terms(situated_text(denial, proposition_text(denial)), theirs)


def different_names(a: str, b: str) -> bool:
    """Whether each text names something (a place, a weapon, a unit) the other does not
    name, and they name nothing in common."""
    names_a, names_b = _names(a), _names(b)
    return bool(names_a) and bool(names_b) and not names_a & names_b


def _one_sentence(a: Claim, b: Claim) -> bool:
    return a.article_id == b.article_id and a.sentence.start < b.sentence.end and b.sentence.start < a.sentence.end


def _who(claim: Claim) -> str:
    return claim.speaker or claim.side


def score_pair(
    a: Claim,
    b: Claim,
    *,
    similarity: float,
    entailment: tuple[float, float],
    contradiction: tuple[float, float],
    tuning: PairingTuning,
) -> tuple[Relation, float, str]:
    """Relation, combined contradiction score and a one-line rationale for claims a, b.

    `entailment` / `contradiction`: the model's probabilities a->b and b->a.
    """
    reasons: list[str] = []
    model_contra = max(contradiction)
    model_entail = max(entailment)  # one claim entailing the other supports it
    text_a, text_b = proposition_text(a), proposition_text(b)
    # Where each says it was: "blew up the building" reads with its article's headline, which
    # stands for the site; so only beside a claim naming that site ("the Drama Theater"), not
    # beside its city's other news ("Russia aiming to destroy Mariupol").
    # The specific words both use: acts ("strike", "missile") are what every report
    # describes; the same thing is a place or target.
    place_a, place_b = situated_text(a, text_a), situated_text(b, text_b)
    shared = shared_terms(place_a, place_b)
    if (a.scene or b.scene) and not any(SITE.fullmatch(t) for t in shared):
        place_a, place_b = text_a, text_b
        shared = shared_terms(text_a, text_b)
    # A rebuttal, or a denial naming what it denies, is about the same thing as the claim it
    # disputes: a word for the place, target or act in common ("killing civilians in Bucha"
    # / "the killings in Bucha"), not just the parties or the casualties ("its forces killed
    # civilians near Kyiv" / "a curfew in the liberated districts of Kyiv region"). A bare
    # denial ("Moscow denies attack") names only the act; its day decides (below).
    # Sharing only the act or the weapon, two texts that each say where it was are about two incidents:
    # "claims about 'Russian strike' on Kremenchug mall" / "Ukrainian aviation strikes enemy
    # ammo and weapons depots".
    thing = shared_terms(place_a, place_b, ignore=_PARTIES)
    # Nor does the act or weapon alone tie a text naming its place to one naming none:
    # "a missile strike on the city of Kramatorsk" / "fragments from Ukrainian missile ... fall
    # in rebel-held city centre" (Donetsk) are two strikes of one day.
    only_act = all(asserts_act(t) or t in _MEANS for t in thing)
    # Each naming its own place, two texts sharing only a common noun are about two
    # incidents too: "shelling residential areas" of Kharkiv / "attacked civilian areas
    # across Donetsk"; a site in common ("the nuclear plant") may still be one.
    only_common = not any(SITE.fullmatch(t) for t in thing) and all(map(_names, (place_a, place_b)))
    same_thing = bool(thing) and not ((only_act or only_common) and _places_apart(place_a, place_b))
    bare_denial = any(is_bare_denial(c) for c in (a, b))
    on_topic = bool(shared_terms(place_a, place_b, ignore=_FUNCTION_WORDS)) if bare_denial else same_thing
    denies_a, denies_b = is_denial(a) or a.answers is not None, is_denial(b) or b.answers is not None
    days = _days_apart(a, b)
    # Across articles a denial or rebuttal answers what was said about the same incident,
    # so within days (the same place struck again months later is another incident).
    recent = days is None or days <= tuning.blame_max_days
    denial = denies_a != denies_b and on_topic and recent
    # Denying what the other side negates is agreeing with it: "he denies that he left the
    # steelworks and surrendered" / "Top Ukrainian commanders not surrendered".
    agrees = denies_a != denies_b and negated_word(*((text_a, text_b) if denies_a else (text_b, text_a))) is not None
    denial = denial and not agrees
    if denial:
        # A bare denial ("Moscow denies the attack") names no act of its own to compare:
        # it answers only what was said about the incident around its day.
        denier, other = (a, b) if denies_a else (b, a)
        denial = not is_bare_denial(denier) or _answers_later(denier, other, tuning)
    heard = model_counts(a, b, similarity, tuning)
    # Two reports that differ only in detail are what the model calls contradiction when
    # neither negates nor calls anything false: "'Azovstal' plant will be demolished" /
    # "all defenders will be evacuated from Azovstal plant", "strikes on airfields in Lutsk"
    # / "Lutsk airfield completely destroyed" (2 of 23 such whole-RUWA pairs were disputes).
    if not heard or (not denial and (len(shared) < tuning.model_min_shared_terms
                                     or not any(map(_negates_or_calls_false, (text_a, text_b))))):
        model_contra = 0.0
    if not denial and (hedged(text_a) or hedged(text_b)):
        # A forecast, a condition or a poll disputes no account of what happened: "Moscow
        # unlikely to use nuclear weapons" / "America will retaliate if Russia uses them".
        model_contra = 0.0
    if not heard:
        model_entail = 0.0
    if denial:
        denier, other = (a, b) if denies_a else (b, a)
        # Denying content that entails (or is entailed by) the other claim contradicts it;
        # denying what contradicts it ("denies that he surrendered" / "the commanders have
        # not surrendered") agrees with it.
        model_contra, model_entail = max(entailment), 0.0
        reasons.append(f"{_who(denier)} {denier.cue} what {_who(other)} says")
    answered = 0.0
    if a.answers == b.id or b.answers == a.id:
        answered = tuning.answer_weight
        rebutter, other = (a, b) if a.answers == b.id else (b, a)
        if not denial:
            reasons.append(f"{_who(rebutter)} rebuts what {_who(other)} says")
    blame_a, blame_b = claim_blame(a), claim_blame(b)
    if blame_a.blamed & blame_b.blamed and not denial:
        # Both say the same party did it ("G7 condemn Russian attack on the mall" / "no
        # survivors under the mall hit by a Russian missile"): the model's "contradiction"
        # is a different detail of one account.
        model_contra = 0.0
    parties = a.side not in tuning.neutral_sides and b.side not in tuning.neutral_sides
    if a.article_id == b.article_id and "narrator" in (a.kind, b.kind) and not denial:
        # An outlet setting out the other side's version under its own headline ("Captive
        # Azovs: shelling of colony in Olenivka" / "the occupiers said none of the guards
        # was injured") disputes it only where its rebuttal link says so (`answers`), not
        # by the model's reading.
        model_contra = 0.0
    if not parties and not denial:
        # A neutral side mostly reports or judges what a party says; the model alone, which
        # calls agreement in other words contradiction ("no critical impact on safety after
        # power loss at Chernobyl" / "power cut at the Chernobyl nuclear plant"), sets no
        # neutral claim against a party (none of 6 such pairs judged in a whole-RUWA run was).
        model_contra = 0.0
    floor = tuning.model_floor if parties else tuning.neutral_model_floor
    model_evidence = max(0.0, (model_contra - floor) / (1.0 - floor))
    blame = 0.0
    # About the same thing (`same_thing`): "Kiev's forces fired a Tochka-U missile targeting
    # a town in the Donetsk People's Republic" / "a missile strike on Kryvyi Rih" share only
    # the weapon, each naming its own place: two attacks.
    same_place = bool(shared) and same_thing and (days is None or days <= tuning.attack_same_place_days)
    # Sharing no specific word, reports of one day are about one attack unless each names a
    # place the other does not ("25 wounded in Mykolaiv region" / "the Russian army does not
    # use Tochka-U").
    same_day = days is not None and days <= tuning.blame_any_words_days and not different_names(place_a, place_b)
    if is_roundup(text_a) or is_roundup(text_b):
        # A day's tally of fire ("the Russians shelled 18 settlements in Donetsk region") is
        # no account of one attack: it disputes only about a target both name.
        same_day = False
        same_place = same_place and not names_only(shared, a.text, b.text)
    who_did_it = blame_a.disputes(blame_b)
    if who_did_it is not None:
        bare = _answers_later(a, b, tuning) or _answers_later(b, a, tuning)
        # Sharing no word, two reports of one day dispute one attack when each says where it
        # was (`anchored`): "Lukashenko accuses Kyiv of provoking his country" says nowhere.
        if bare or same_place or (same_day and similarity >= tuning.blame_any_words_min_similarity
                                  and _both_anchored(place_a, place_b)):
            blame = tuning.blame_weight
            reasons.append(f"who did it: {who_did_it}")
    target = 0.0
    # What may be hit ("Putin may launch chemical weapons attack") disputes no report of a strike.
    hit = None if denies_a or denies_b or hedged(text_a) or hedged(text_b) else hit_dispute(what_was_hit(a.text), what_was_hit(b.text))
    if hit is not None and (same_place or same_day):
        target = tuning.target_weight
        reasons.append(f"what was hit: {hit}")
    # The fate of captives stays disputed for days after they are taken ("court to decide
    # fate of Azovstal fighters" on 18 May, "defenders should be released according to the
    # prisoner exchange procedure" on 21 May).
    fate = fate_dispute(captives_fate(a.text), captives_fate(b.text)) if parties else None
    if fate is not None and ((recent and bool(shared)) or same_day):
        target = _noisy_or(target, tuning.target_weight)
        reasons.append(f"what becomes of them: {fate}")
    rebuttal = 0.0
    if parties and disputes(a) != disputes(b) and same_thing and recent and not agrees:
        rebutter = a if disputes(a) else b
        targeted = is_denial(rebutter) or names_statements(rebutter)
        least = tuning.rebuttal_min_similarity if targeted else tuning.untargeted_rebuttal_min_similarity
        if similarity >= least:
            span = tuning.rebuttal_full_similarity - tuning.rebuttal_min_similarity
            closeness = min(1.0, 0.65 + 0.35 * max(0.0, similarity - tuning.rebuttal_min_similarity) / span)
            rebuttal = tuning.rebuttal_weight * closeness
            if is_rebuttal(rebutter):
                reasons.append(f"{_who(rebutter)} calls the other side's statements false")
    numeric = 0.0
    conflict = None
    # Counts disagree about one incident: a place or target in common ("six injured in the
    # strike on Dnipro airport" and "11 injured in the shelling of Kharkiv region" are two),
    # over one scope: a running toll ("since February 24", "as of May 13") against a running
    # toll, a month's or a day's against the same period's ("226 children killed in the
    # full-scale invasion" and "nearly 100 children killed in April" count different
    # things), a region's against the same region's ("2,345 civilians killed in Ukraine since
    # the invasion" and "478 civilians killed in Chernihiv region since the invasion" count
    # different things).
    if (days is None or days <= tuning.numeric_max_days_apart) and shared_terms(text_a, text_b, ignore=_BROAD | _PARTIES) \
            and count_scope(a.text) == count_scope(b.text):
        conflict = numeric_disagreement(extract_quantities(a.text), extract_quantities(b.text))
    if conflict is not None:
        numeric = tuning.numeric_weight
        reasons.append(f"numbers differ: {describe(conflict[0])} vs {describe(conflict[1])}")
    polarity = 0.0
    # A cue that negates ("cannot confirm the withdrawal") already turns its content round.
    negative_cue = any(c.cue and _NEGATIVE_CUE.search(c.cue) for c in (a, b))
    close = similarity >= tuning.polarity_min_similarity and not (denies_a or denies_b or negative_cue)
    clash = polarity_clash(a.text, b.text) if close else None
    if clash is not None and not _shares_besides(text_a, text_b, clash):
        # Only the word one asserts and the other negates in common, two texts are about two
        # things: "casualties among civilians" / "no casualties have been reported" of two
        # strikes, "Europe may have given Kiev most of the weapons" / "Putin has not given up
        # his plans" (3 of 4 such whole-RUWA pairs were no dispute).
        clash = None
    if clash is not None:
        polarity = tuning.polarity_weight
        reasons.append(f"one side says '{clash}', the other denies it")
    score = _noisy_or(model_evidence, answered, blame, target, rebuttal, numeric, polarity)
    if not answered and _one_sentence(a, b):
        # Two claims cut from one sentence are one report ("the ministry says Ukraine is
        # creating fakes"): they dispute each other only where the rebuttal links them.
        score = 0.0
    if score >= tuning.contradicts_threshold:
        relation: Relation = "contradicts"
    elif model_entail >= tuning.corroborates_threshold and score < tuning.contradicts_threshold / 2:
        relation = "corroborates"
    else:
        relation = "related"
    if heard:
        reasons.append(f"model: contradiction {model_contra:.2f}, entailment {model_entail:.2f}, similarity {similarity:.2f}")
    else:
        reasons.append(f"similarity {similarity:.2f} (too far apart for the model)")
    return relation, score, "; ".join(reasons)


def model_counts(a: Claim, b: Claim, similarity: float, tuning: PairingTuning) -> bool:
    """Whether the model's verdict weighs on the pair at all: between close claims (below
    `model_min_similarity` its contradiction is mostly "another scene of the event" and its
    entailment no agreement), or when one claim denies or rebuts (the denial rule reads
    the model's entailment of what is denied). Pairs it cannot weigh on are not run
    through it."""
    return similarity >= tuning.model_min_similarity or disputes(a) or disputes(b)


def score_candidates(
    model: ContradictionModel | None,
    candidates: Sequence[tuple[Claim, Claim, float, str]],
    *,
    tuning: PairingTuning,
) -> list[ClaimPair]:
    """Score (a, b, similarity, event_id) candidates; keep contradicting, corroborating and
    close related pairs. Without a model only denial, rebuttal and numeric evidence count.
    """
    entail = np.zeros((len(candidates), 2), np.float32)
    contra = np.zeros((len(candidates), 2), np.float32)
    heard = [i for i, (a, b, similarity, _) in enumerate(candidates) if model_counts(a, b, similarity, tuning)]
    if model is not None and heard:
        entail[heard], contra[heard] = predict_both_directions(model, [candidates[i][:2] for i in heard])
    kept: list[ClaimPair] = []
    for i, (a, b, similarity, event) in enumerate(candidates):
        relation, score, rationale = score_pair(
            a, b,
            similarity=similarity,
            entailment=(float(entail[i, 0]), float(entail[i, 1])),
            contradiction=(float(contra[i, 0]), float(contra[i, 1])),
            tuning=tuning,
        )
        if relation == "related" and similarity < tuning.keep_related_similarity:
            continue
        kept.append(
            ClaimPair(
                id=pair_id(a.id, b.id),
                event_id=event,
                a=a.id,
                b=b.id,
                side_a=a.side,
                side_b=b.side,
                relation=relation,
                similarity=round(similarity, 4),
                contradiction=round(score, 4),
                rationale=rationale,
            )
        )
    return kept
