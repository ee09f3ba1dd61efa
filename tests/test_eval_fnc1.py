import importlib.util
import json

import pytest
from click.testing import CliRunner
from index_fakes import BagOfWordsEmbedder, TableContradiction

from narratives.config import load_settings
from narratives.evaluation.fnc1 import Stance, classify, fnc_metrics, read_fnc1
from narratives.pairing.score import PairingTuning

FNC1 = load_settings().shared_data / "fnc1"


def official_score(gold, predicted):
    spec = importlib.util.spec_from_file_location("fnc_scorer", FNC1 / "scorer.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    rows = lambda labels: [{"Headline": str(i), "Body ID": "1", "Stance": s} for i, s in enumerate(labels)]
    score, _ = scorer.score_submission(rows(gold), rows(predicted))
    _, best = scorer.score_defaults(rows(gold))
    return score / best


def test_score_matches_the_official_scorer():
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated", "agree", "discuss"]
    predicted = ["agree", "discuss", "unrelated", "unrelated", "agree", "disagree", "discuss"]
    metrics = fnc_metrics(gold, predicted)
    assert metrics["fnc_score"] == pytest.approx(official_score(gold, predicted), abs=1e-4)
    assert metrics["per_class_f1"]["unrelated"] == pytest.approx(0.5, abs=1e-3)  # tp 1, fp 1, fn 1


def test_relations_map_to_stances():
    headline = "Vaccine causes memory loss in adults"
    bodies = {
        "1": "The ministry denied that the vaccine causes memory loss in adults.",
        "2": "Researchers report the vaccine causes memory loss in adults, the study says.",
        "3": "The football club signed a new goalkeeper for the next season.",
    }
    stances = [Stance(headline, b, "x") for b in "123"]
    model = TableContradiction({(headline, bodies["2"]): (0.01, 0.9, 0.09), (bodies["2"], headline): (0.01, 0.9, 0.09),
                                (headline, bodies["1"]): (0.05, 0.8, 0.15)})
    predicted = classify(stances, bodies, embedder=BagOfWordsEmbedder(), model=model, tuning=PairingTuning())
    assert predicted == ["disagree", "agree", "unrelated"]


def test_reader_limits_rows_and_keeps_only_needed_bodies():
    stances, bodies = read_fnc1(FNC1, limit=5)
    assert len(stances) == 5 and set(bodies) == {s.body_id for s in stances}


@pytest.mark.models
def test_real_models_beat_calling_everything_unrelated(embedder, contradiction_model):
    stances, bodies = read_fnc1(FNC1, limit=40)
    predicted = classify(stances, bodies, embedder=embedder, model=contradiction_model, tuning=PairingTuning())
    gold = [s.stance for s in stances]
    metrics = fnc_metrics(gold, predicted)
    assert metrics["fnc_score"] > fnc_metrics(gold, ["unrelated"] * len(gold))["fnc_score"]
    assert metrics["per_class_f1"]["unrelated"] > 0.8


def test_eval_fnc1_cli_prints_one_json_object(monkeypatch):
    import narratives.composition
    from narratives.cli import cli

    monkeypatch.setattr(narratives.composition, "new_embedder", lambda **_: BagOfWordsEmbedder())
    monkeypatch.setattr(narratives.composition, "load_contradiction_model", lambda *_: TableContradiction())
    result = CliRunner().invoke(cli, ["eval", "fnc1", "--limit", "20", "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert set(metrics["per_class_f1"]) == {"agree", "disagree", "discuss", "unrelated"}
    assert metrics["n"] == 20
