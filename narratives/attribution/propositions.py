"""Which claims carry a proposition, and so may be shown, put into events and paired.

A claim's content carries a proposition when it states something that can be true or
false: a predicate ("the attack had hit military targets"), a quantity ("24 dead"), an
evaluation ("Trial of Azovstal's Ukranazis inevitable") or a nominal act with its
circumstances ("Ukrainian Armed Forces strike on Kramatorsk"). What an attribution
cue leaves behind when the parse cuts it short ("it", "Ukraine", "the soldiers", "the
massive bombings carried") does not: it stays an attribution (`eval attribution` scores
it) but is not a claim to compare.

Each rule takes the content's tokens (spaCy tokens inside the content spans).
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc, Token

from narratives.types import Span

_FILLER_POS = frozenset({"DET", "PRON", "PUNCT", "SPACE", "CCONJ", "PART", "SYM"})
_PREDICATE_POS = frozenset({"VERB", "AUX"})
_COUNT_WORDS = frozenset({"dozens", "hundreds", "thousands", "scores", "dozen", "hundred", "thousand"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "VERB", "AUX", "ADV", "ADP"})


def content_tokens(doc: Doc, spans: Sequence[Span]) -> list[Token]:
    """The tokens of `doc` that lie inside `spans` (widened to whole tokens)."""
    tokens: list[Token] = []
    for span in spans:
        piece = doc.char_span(span.start, span.end, alignment_mode="expand")
        if piece is not None:
            tokens.extend(piece)
    return tokens


def only_filler(tokens: Sequence[Token]) -> bool:
    """Pronouns and determiners only: "it", "this", "that".

    Fires on "it"; must not fire on "it shot down 21 drones"."""
    return all(t.pos_ in _FILLER_POS for t in tokens)


def states_quantity(tokens: Sequence[Token]) -> bool:
    """A number: "24 dead", "more than a hundred injured".

    Fires on "at least 24 dead"; must not fire on "the soldiers"."""
    return any(t.pos_ == "NUM" or t.like_num or t.lower_ in _COUNT_WORDS for t in tokens)


def _cut_short(token: Token, inside: set[int]) -> bool:
    """The verb's own particle or agent lies after the content ("carried | out by Russia")."""
    return any(c.i not in inside and c.i > token.i and c.dep_ in ("prt", "agent") for c in token.children)


def has_predicate(tokens: Sequence[Token]) -> bool:
    """A modal, or a verb with its head or one of its dependents inside the content (the
    headline "Dozens killed"), not cut short.

    Fires on "the attack had hit military targets"; must not fire on "the massive
    bombings carried" (its "out by Russia" lies outside the content)."""
    inside = {t.i for t in tokens}
    # A modal is a predicate whatever the parse makes of the rest ("Russia will never back down").
    return any(t.tag_ == "MD" for t in tokens) or any(
        t.pos_ in _PREDICATE_POS
        and (t.head.i in inside and t.head.i != t.i or any(c.i in inside for c in t.children if c.dep_ != "punct"))
        and not _cut_short(t, inside)
        for t in tokens
    )


def evaluates(tokens: Sequence[Token]) -> bool:
    """A predicative adjective: the headline "Trial ... inevitable", "is untrue".

    Fires on "Trial of Azovstal's Ukranazis inevitable"; must not fire on "the massive
    bombings" (an attributive adjective before its noun)."""
    words = [t for t in tokens if t.pos_ not in _FILLER_POS]
    if len(words) < 2:
        return False
    return any(t.pos_ == "ADJ" and (t.dep_ != "amod" or t.i > t.head.i or t is words[-1]) for t in words)


def names_circumstances(tokens: Sequence[Token]) -> bool:
    """A noun phrase with a prepositional complement and at least three content words:
    "Ukrainian Armed Forces strike on Kramatorsk", "dangers of further escalation".

    Fires on "Russian strike on shopping centre"; must not fire on "the soldiers" or
    "the deliberate moves"."""
    words = [t for t in tokens if t.pos_ in _CONTENT_POS]
    inside = {t.i for t in tokens}
    has_complement = any(
        t.pos_ == "ADP" and any(c.i in inside and c.dep_ == "pobj" for c in t.children) for t in tokens
    )
    return has_complement and len(words) >= 3


def carries_proposition(tokens: Sequence[Token], *, denial: bool = False) -> bool:
    """Whether a content states something (see the module docstring).

    With `denial` (the cue denies, rejects, dismisses), a noun is enough: "Russia denies
    responsibility" states that Russia is not responsible; a pronoun still is not ("Ukraine
    denied it" needs the claim "it" stands for, see `narratives.pairing.rebuttals`)."""
    if not tokens or only_filler(tokens):
        return False
    if denial and any(t.pos_ in ("NOUN", "PROPN", "VERB") for t in tokens):
        return True
    return (
        states_quantity(tokens)
        or has_predicate(tokens)
        or evaluates(tokens)
        or names_circumstances(tokens)
    )


def continues_a_sentence(tokens: Sequence[Token]) -> bool:
    """A narrator "sentence" that opens lower-case on a preposition or conjunction is the
    broken-off tail of the one before ("... by Russia. during the night and that pointed
    south and east.").

    Fires on "during the night and that pointed south and east"; must not fire on
    "During the night, Russia fired 49 drones"."""
    first = next((t for t in tokens if not t.is_space and not t.is_punct), None)
    return first is not None and first.text[:1].islower() and first.pos_ in ("ADP", "CCONJ", "SCONJ")
