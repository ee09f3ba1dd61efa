"""The naive baseline's accounting."""
from __future__ import annotations

import time

import numpy as np
import pytest

from narratives.bench.naive import TableContradiction


class _SlowModel:
    labels = ("entailment", "neutral", "contradiction")

    def __init__(self):
        self.scored = []

    def predict(self, pairs):
        time.sleep(0.05)
        self.scored += pairs
        return np.full((len(pairs), 3), 1 / 3, dtype=np.float32)


def test_naive_pair_stage_does_not_count_the_sampled_out_pairs_twice():
    """Pairs left out of the sampled table are scored when pairing, but the extrapolated
    contradiction time already counts them: their model time is set apart."""
    model = _SlowModel()
    table = TableContradiction({("a", "b"): np.array([0.1, 0.2, 0.7], np.float32)}, model)
    probs = table.predict([("a", "b"), ("b", "a")])
    assert model.scored == [("b", "a")]
    assert probs[0].tolist() == pytest.approx([0.1, 0.2, 0.7])
    assert table.model_seconds >= 0.05
    table.predict([("a", "b"), ("b", "a")])  # both in the table now: no more model time
    assert model.scored == [("b", "a")] and table.model_seconds < 0.1
