"""`narratives eval nli`: the metrics and the JSON other tools read."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from narratives.evaluation.nli import command, score_nli

LABELS = ("entailment", "neutral", "contradiction")


def test_score_nli_counts_confusion_and_f1():
    gold = ["entailment", "entailment", "neutral", "contradiction", "contradiction", "contradiction"]
    pred = ["entailment", "neutral", "neutral", "contradiction", "contradiction", "entailment"]
    scores = score_nli(gold, pred, LABELS)
    assert scores["n"] == 6
    assert scores["accuracy"] == pytest.approx(4 / 6, abs=1e-4)
    # contradiction: precision 2/2, recall 2/3 -> F1 0.8
    assert scores["contradiction_f1"] == pytest.approx(0.8)
    assert scores["confusion"]["contradiction"] == {"entailment": 1, "neutral": 0, "contradiction": 2}
    assert scores["macro_f1"] == pytest.approx((0.5 + 2 / 3 + 0.8) / 3, abs=1e-4)


def test_a_label_never_predicted_scores_zero_not_nan():
    scores = score_nli(["neutral", "neutral"], ["neutral", "neutral"], LABELS)
    assert scores["accuracy"] == 1.0
    assert scores["contradiction_f1"] == 0.0


@pytest.mark.models
def test_eval_nli_json_shape_on_a_few_pairs():
    result = CliRunner().invoke(command, ["--limit", "50", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"snli_test", "anli_r1", "anli_r2", "anli_r3"}
    for scores in data.values():
        assert scores["n"] == 50
        assert {"accuracy", "macro_f1", "contradiction_f1", "confusion", "in_training"} <= set(scores)
        assert sum(sum(row.values()) for row in scores["confusion"].values()) == 50
    assert data["snli_test"]["in_training"] is False
    assert data["snli_test"]["accuracy"] > 0.6


def test_missing_model_is_a_clear_error_not_a_traceback(tmp_path):
    result = CliRunner().invoke(command, ["--limit", "5", "--model", str(tmp_path / "none")])
    assert result.exit_code != 0
    assert "narratives train contradiction" in result.output
