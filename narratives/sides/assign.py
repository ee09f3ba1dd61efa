"""Side assignment: which side a claim speaks for, with confidence and evidence.

Rules, in order:
1. An attributed claim whose speaker the registry links with confidence >= 0.7 takes the
   actor's side ("registry: Russian Defense Ministry"). A side reporting the other side's
   words is still the speaker's side: the speaker decides, not the content.
2. A narrator claim (no speaker) takes its outlet's alignment ("outlet voice: rt.com"), or
   "unknown" when the outlet is not in the registry.
3. Otherwise (registry silent or ambiguous; or narrator claims with `use_registry=False`)
   the `SideClassifier` decides ("model p=0.87"); below `min_model_confidence`, "unknown".

Batch-first: `assign_sides_many` makes one classifier call for all undecided claims of
many articles; `assign_sides` is one article.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from narratives.protocols import SideClassifier
from narratives.sides.registry import ActorMatch, Registry
from narratives.types import UNKNOWN_SIDE, SideAssignment

MIN_REGISTRY_CONFIDENCE = 0.7
MIN_MODEL_CONFIDENCE = 0.5


@dataclass(frozen=True)
class SideQuestion:
    """One claim to place: its text, the speaker mention (None if unnamed), the registry link.

    `narrator` marks the outlet's own voice (no attribution at all).
    """

    text: str
    speaker: str | None
    match: ActorMatch | None = None
    narrator: bool = False


UNDECIDED = SideAssignment(UNKNOWN_SIDE, 0.0, "no registry link and no confident model", "unknown")


def _outlet(registry: Registry, outlets: Sequence[str | None]) -> SideAssignment:
    for outlet in outlets:
        side = registry.outlet_side(outlet)
        if side is not None:
            return SideAssignment(side, 1.0, f"outlet voice: {outlet}", "outlet")
    return SideAssignment(UNKNOWN_SIDE, 0.0, "outlet voice: outlet not in the registry", "unknown")


def assign_sides(
    questions: Sequence[SideQuestion],
    *,
    registry: Registry,
    side_classifier: SideClassifier | None = None,
    outlets: Sequence[str | None] = (),
    use_registry: bool = True,
    min_model_confidence: float = MIN_MODEL_CONFIDENCE,
) -> list[SideAssignment]:
    """One `SideAssignment` per question, in order.

    `outlets` are the article's outlet name and URL, tried in order for narrator claims.
    """
    (sides,) = assign_sides_many(
        [(questions, outlets)],
        registry=registry,
        side_classifier=side_classifier,
        use_registry=use_registry,
        min_model_confidence=min_model_confidence,
    )
    return sides


def assign_sides_many(
    articles: Sequence[tuple[Sequence[SideQuestion], Sequence[str | None]]],
    *,
    registry: Registry,
    side_classifier: SideClassifier | None = None,
    use_registry: bool = True,
    min_model_confidence: float = MIN_MODEL_CONFIDENCE,
) -> list[list[SideAssignment]]:
    """`assign_sides` for several articles, each given as (questions, outlets), with one
    classifier call for all of their undecided questions."""
    decided: list[SideAssignment | None] = []
    questions: list[SideQuestion] = []
    for article_questions, outlets in articles:
        for question in article_questions:
            questions.append(question)
            if question.narrator:
                decided.append(_outlet(registry, outlets) if use_registry else None)
            elif question.match is not None and question.match.confidence >= MIN_REGISTRY_CONFIDENCE:
                match = question.match
                decided.append(SideAssignment(match.side, match.confidence, match.evidence, "registry"))
            else:
                decided.append(None)
    pending = [i for i, d in enumerate(decided) if d is None]
    if pending and side_classifier is not None:
        probabilities = np.asarray(
            side_classifier.predict_proba(
                [questions[i].text for i in pending], [questions[i].speaker for i in pending]
            )
        )
        for row, i in zip(probabilities, pending):
            best = int(np.argmax(row))
            p = float(row[best])
            if p >= min_model_confidence:
                decided[i] = SideAssignment(side_classifier.sides[best], p, f"model p={p:.2f}", "model")
    sides = [d if d is not None else UNDECIDED for d in decided]
    out, at = [], 0
    for article_questions, _ in articles:
        out.append(sides[at : at + len(article_questions)])
        at += len(article_questions)
    return out


def sides_of_mentions(
    mentions: Sequence[str],
    *,
    registry: Registry,
    side_classifier: SideClassifier | None = None,
    use_registry: bool = True,
    min_model_confidence: float = MIN_MODEL_CONFIDENCE,
) -> list[SideAssignment]:
    """The side of bare speaker mentions ("Kremlin spokesman Dmitry Peskov"), as a claim
    by that speaker would get it; the mention stands in for the claim text.

    `use_registry=False` switches the registry's actors off: only the mention's title and
    affiliation, judged by the sides' affiliation words, and then the model decide."""
    questions = [
        SideQuestion(m, m, registry.lookup(m) if use_registry else registry.affiliation_match(m))
        for m in mentions
    ]
    return assign_sides(questions, registry=registry, side_classifier=side_classifier,
                        min_model_confidence=min_model_confidence)
