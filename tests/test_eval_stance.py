"""`narratives eval stance`: scores, baselines and the JSON other tools read."""
from __future__ import annotations

import json

import numpy as np

from click.testing import CliRunner

from narratives.evaluation import stance as stance_eval

SIDES = ("russia", "ukraine", "other")


def test_side_scores_macro_f1_per_side_and_confusion() -> None:
    gold = ["russia", "russia", "ukraine", "ukraine", "other", "other"]
    predicted = ["russia", "ukraine", "ukraine", "ukraine", "other", "russia"]
    scores = stance_eval.side_scores(gold, predicted, SIDES)
    assert scores["per_side_f1"] == {"russia": 0.5, "ukraine": 0.8, "other": 0.6667}
    assert scores["macro_f1"] == round((0.5 + 0.8 + 2 / 3) / 3, 4)
    assert scores["confusion"]["labels"] == list(SIDES)
    assert scores["confusion"]["matrix"] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]


def test_tfidf_baseline_learns_words() -> None:
    train = ["kiev regime shells donetsk", "occupiers shell kherson", "talks stall in geneva"] * 3
    sides = ["russia", "ukraine", "other"] * 3
    assert stance_eval.tfidf_baseline(train, sides, ["the kiev regime again", "occupiers again"]) == ["russia", "ukraine"]


def test_json_has_the_contract_keys(monkeypatch) -> None:
    split = {
        "train_outlets": ["rt.com"], "test_outlets": ["tass.com"], "test_events": ["bucha"],
        "n_train": 10, "n_test": 4, "test_sides": {"russia": 1, "ukraine": 2, "other": 1},
        **stance_eval.side_scores(["russia", "ukraine", "ukraine", "other"], ["russia", "ukraine", "other", "other"], SIDES),
        "baselines": {"majority": 0.27, "tfidf": 0.4, "tfidf_parts": 0.5}, "train_seconds": 1.0,
    }
    gold = {"gold_claims": 8, "matched": 8, "side_accuracy": 1.0, "model_only_accuracy": 0.75}
    monkeypatch.setattr(stance_eval, "ruwa_split_scores", lambda: split)
    monkeypatch.setattr(stance_eval, "gold_without_registry", lambda: gold)
    runner = CliRunner()
    result = json.loads(runner.invoke(stance_eval.command, ["--json"]).output)
    assert set(result) == {"ruwa_outlet_event_split", "gold_no_registry"}
    for key in ("train_outlets", "test_outlets", "test_events", "macro_f1", "per_side_f1", "confusion", "baselines"):
        assert key in result["ruwa_outlet_event_split"]
    assert {"majority", "tfidf"} <= set(result["ruwa_outlet_event_split"]["baselines"])
    assert result["gold_no_registry"]["side_accuracy"] == 1.0
    table = runner.invoke(stance_eval.command, []).output
    assert "macro-F1" in table and "TF-IDF 0.400" in table and "model alone 0.750" in table
    only_gold = json.loads(runner.invoke(stance_eval.command, ["--json", "--no-registry"]).output)
    assert set(only_gold) == {"gold_no_registry"}


def test_calibration_error_is_zero_when_confidence_matches_accuracy() -> None:
    probabilities = np.array([[0.75, 0.25]] * 4)
    assert stance_eval.calibration_error(probabilities, [0, 0, 0, 1]) == 0.0
    assert stance_eval.calibration_error(probabilities, [1, 1, 1, 1]) == 0.75
