"""`narratives eval speakers`: mention sides with and without the registry, the JSON keys."""
from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from narratives.errors import DataError
from narratives.evaluation import speakers as speakers_eval
from narratives.sides.registry import parse_registry

REGISTRY = parse_registry(
    {
        "sides": {"russia": {"patterns": ["Russian"]}, "ukraine": {}, "un": {}, "other": {}},
        "actors": [{"id": "peskov", "name": "Dmitry Peskov", "side": "russia", "kind": "person"}],
    }
)


class AlwaysUkraine:
    sides = ("russia", "ukraine", "un", "other")

    def predict_proba(self, texts, speakers):
        return np.tile(np.array([[0.0, 0.9, 0.05, 0.05]], dtype=np.float32), (len(texts), 1))


def _write(tmp_path, rows):
    path = tmp_path / "mentions.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_both_runs_score_overall_per_side_and_list_errors(tmp_path):
    gold = speakers_eval.load_mentions(_write(tmp_path, [
        {"mention": "Dmitry Peskov", "side": "russia"},
        {"mention": "Vitali Klitschko", "side": "ukraine"},
        {"mention": "Stephane Dujarric", "side": "un"},
    ]))
    result = speakers_eval.evaluate_mentions(gold, registry=REGISTRY, classifier=AlwaysUkraine())
    assert set(result) == {"registry", "no_registry"}
    with_registry = result["registry"]
    assert (with_registry["n"], with_registry["accuracy"]) == (3, round(2 / 3, 4))
    assert set(with_registry["per_side"]) == {"russia", "ukraine", "un", "other"}
    assert with_registry["per_side"]["un"] == {"n": 1, "accuracy": 0.0}
    assert with_registry["per_side"]["other"] == {"n": 0, "accuracy": None}
    assert [e["mention"] for e in with_registry["errors"]] == ["Stephane Dujarric"]
    assert result["no_registry"]["per_side"]["russia"]["accuracy"] == 0.0


@pytest.mark.parametrize("line, message", [("not json", ":1: not JSON"), ('{"mention": "x"}', "'mention' and 'side'")])
def test_bad_mention_files_name_the_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=message):
        speakers_eval.load_mentions(path)


def test_cli_data_file_prints_the_contract_keys(tmp_path, monkeypatch):
    import narratives.composition
    import narratives.sides.registry

    monkeypatch.setattr(narratives.composition, "load_side_classifier", lambda settings: AlwaysUkraine())
    monkeypatch.setattr(narratives.sides.registry, "load_registry", lambda path: REGISTRY)
    data = _write(tmp_path, [{"mention": "Peskov", "side": "russia"}, {"mention": "the Russian military", "side": "russia"}])
    result = CliRunner().invoke(speakers_eval.command, ["--json", "--data", str(data)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    for run in ("registry", "no_registry"):
        assert set(out[run]) == {"n", "accuracy", "per_side", "errors"}
        assert set(out[run]["per_side"]["russia"]) == {"n", "accuracy"}
    assert out["registry"]["accuracy"] == 1.0
    missing = CliRunner().invoke(speakers_eval.command, ["--data", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code != 0 and "cannot read speaker mentions" in missing.output
