"""Side assignment: registry first, outlet voice for the narrator, the classifier otherwise."""
from __future__ import annotations

import numpy as np
import pytest

from narratives.sides.assign import SideQuestion, assign_sides, assign_sides_many
from narratives.sides.registry import ActorMatch, parse_registry

REGISTRY = parse_registry(
    {
        "sides": {"russia": {}, "ukraine": {}, "un": {}, "other": {}},
        "actors": [],
        "outlets": {"tass.com": "russia"},
    }
)


class FakeClassifier:
    sides = ("russia", "ukraine", "un", "other")

    def __init__(self, rows):
        self.rows = np.asarray(rows, dtype=np.float32)
        self.calls = []

    def predict_proba(self, texts, speakers):
        self.calls.append((list(texts), list(speakers)))
        return self.rows[: len(texts)]


def test_strong_registry_link_wins_over_the_model():
    model = FakeClassifier([[0.0, 1.0, 0.0, 0.0]])
    match = ActorMatch("russia", 1.0, "name", "registry: Russian Defense Ministry")
    (side,) = assign_sides([SideQuestion("x", "the ministry", match)], registry=REGISTRY, side_classifier=model)
    assert (side.side, side.decided_by, side.evidence) == ("russia", "registry", "registry: Russian Defense Ministry")
    assert model.calls == []


def test_model_decides_when_registry_is_silent_in_one_batch():
    model = FakeClassifier([[0.1, 0.87, 0.02, 0.01], [0.3, 0.3, 0.2, 0.2]])
    questions = [SideQuestion("drones shot down", "officials"), SideQuestion("talks", "a source")]
    sides = assign_sides(questions, registry=REGISTRY, side_classifier=model)
    assert [(s.side, s.decided_by) for s in sides] == [("ukraine", "model"), ("unknown", "unknown")]
    assert sides[0].evidence == "model p=0.87"
    assert len(model.calls) == 1


def test_narrator_takes_outlet_alignment_or_unknown():
    narrator = SideQuestion("Russia attacked Kharkiv.", None, narrator=True)
    (known,) = assign_sides([narrator], registry=REGISTRY, outlets=("https://tass.com/world/1",))
    (unknown,) = assign_sides([narrator], registry=REGISTRY, outlets=("EFE",))
    assert (known.side, known.decided_by, known.evidence) == ("russia", "outlet", "outlet voice: https://tass.com/world/1")
    assert unknown.side == "unknown"


def test_use_registry_false_sends_only_narrator_claims_to_the_model():
    model = FakeClassifier([[0.05, 0.05, 0.05, 0.85]])
    match = ActorMatch("ukraine", 0.75, "pattern", "registry: 'Ukraine'")
    sides = assign_sides(
        [SideQuestion("Ukraine says ...", "Ukraine", match), SideQuestion("Headline.", None, narrator=True)],
        registry=REGISTRY, side_classifier=model, outlets=("tass.com",), use_registry=False,
    )
    assert [(s.side, s.decided_by) for s in sides] == [("ukraine", "registry"), ("other", "model")]


@pytest.mark.parametrize("confidence, decided_by", [(0.75, "registry"), (0.5, "unknown")])
def test_weak_registry_links_are_not_trusted(confidence, decided_by):
    match = ActorMatch("un", confidence, "pattern", "registry: 'UN'")
    (side,) = assign_sides([SideQuestion("x", "UN officials", match)], registry=REGISTRY)
    assert side.decided_by == decided_by


def test_many_articles_share_one_classifier_call_and_keep_their_own_outlets():
    model = FakeClassifier([[0.9, 0.05, 0.03, 0.02], [0.02, 0.9, 0.05, 0.03]])
    narrator = SideQuestion("Russia attacked Kharkiv.", None, narrator=True)
    first = [narrator, SideQuestion("drones shot down", "officials")]
    second = [SideQuestion("no drones flew", "the air force"), narrator]
    sides = assign_sides_many(
        [(first, ("https://tass.com/world/1",)), (second, ("EFE",))], registry=REGISTRY, side_classifier=model
    )
    assert [[(s.side, s.decided_by) for s in article] for article in sides] == [
        [("russia", "outlet"), ("russia", "model")],
        [("ukraine", "model"), ("unknown", "unknown")],
    ]
    assert model.calls == [(["drones shot down", "no drones flew"], ["officials", "the air force"])]
