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
    assert set(data) == {"snli_test", "mnli_dev", "anli_test", "anli_r1", "anli_r2", "anli_r3"}
    for scores in data.values():
        assert scores["n"] == 50
        assert {"accuracy", "macro_f1", "contradiction_f1", "confusion", "in_training"} <= set(scores)
        assert sum(sum(row.values()) for row in scores["confusion"].values()) == 50
    assert data["snli_test"]["in_training"] is False
    assert data["snli_test"]["accuracy"] > 0.6
    assert data["mnli_dev"]["in_training"] is False and data["anli_test"]["in_training"] is False
    assert set(data["anli_test"]["per_round"]) == {"r1"}  # the first 50 rows are round 1


def test_per_round_accuracy_and_seeded_sample():
    from narratives.evaluation.nli import per_round_accuracy, select_rows

    rounds = ["r1", "r1", "r2", "r3", "r3"]
    gold = ["neutral", "entailment", "neutral", "contradiction", "neutral"]
    pred = ["neutral", "neutral", "neutral", "contradiction", "contradiction"]
    assert per_round_accuracy(rounds, gold, pred) == {"r1": 0.5, "r2": 1.0, "r3": 0.5}
    rows = select_rows(100, limit=None, sample=10, seed=3)
    assert len(rows) == 10 and rows == sorted(rows) and rows == select_rows(100, limit=None, sample=10, seed=3)
    assert select_rows(100, limit=None, sample=10, seed=4) != rows
    assert select_rows(5, limit=3, sample=None, seed=0) == [0, 1, 2]


def test_unknown_set_is_a_usage_error():
    result = CliRunner().invoke(command, ["--sets", "snli_train"])
    assert result.exit_code == 2 and "choose from" in result.output


def test_missing_model_is_a_clear_error_not_a_traceback(tmp_path):
    result = CliRunner().invoke(command, ["--limit", "5", "--model", str(tmp_path / "none")])
    assert result.exit_code != 0
    assert "narratives train contradiction" in result.output
