"""The NLI cross-encoder: data loading, label mapping, batching, loading errors, real model."""
from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from narratives.corpora.nli import (
    NLI_LABELS,
    TRAINING_DATASETS,
    load_training_examples,
    parse_dataset_names,
    read_nli_file,
    split_validation,
)
from narratives.errors import DataError, ModelUnavailableError
from narratives.protocols import ContradictionModel


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_read_nli_file_keeps_the_three_labels_and_skips_unlabelled_rows(tmp_path):
    path = write_jsonl(tmp_path / "tiny.jsonl", [
        {"premise": "A dog runs.", "hypothesis": "An animal moves.", "label": "entailment"},
        {"premise": "A dog runs.", "hypothesis": "A cat sleeps.", "label": "contradiction"},
        {"premise": "A dog runs.", "hypothesis": "It is sunny.", "label": "neutral", "relatedness": 2.0},
        {"premise": "A dog runs.", "hypothesis": "No gold label.", "label": "-"},
    ])
    examples = read_nli_file(path)
    assert [e.label for e in examples] == ["entailment", "contradiction", "neutral"]
    assert examples[0].premise == "A dog runs." and examples[0].source == "tiny"


def test_malformed_row_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"premise": "x", "hypothesis": "y", "label": "neutral"}\n{"premise": "x"}\n')
    with pytest.raises(DataError, match="bad.jsonl:2"):
        read_nli_file(path)


def test_dataset_selection_and_licences():
    assert [d.name for d in parse_dataset_names("snli_dev, anli,snli_dev")] == ["snli_dev", "anli"]
    with pytest.raises(DataError, match="choose from"):
        parse_dataset_names("snli_test")
    for held_out in ("snli_test", "mnli_dev", "anli_test"):
        with pytest.raises(DataError, match="choose from"):
            parse_dataset_names(held_out)
        assert all(f"{held_out}.jsonl" not in d.files for d in TRAINING_DATASETS.values())
    assert [d.name for d in TRAINING_DATASETS.values() if d.commercial_use] == ["snli_dev", "cad_snli"]


def test_permissive_only_refuses_non_commercial_and_unlicensed_sets():
    assert [d.name for d in parse_dataset_names("snli_dev,cad_snli", permissive_only=True)] == [
        "snli_dev", "cad_snli"]
    with pytest.raises(DataError, match="lingnli .*no licence stated"):
        parse_dataset_names("snli_dev,lingnli", permissive_only=True)
    with pytest.raises(DataError, match="anli"):
        parse_dataset_names("anli", permissive_only=True)
    assert [d.name for d in parse_dataset_names("lingnli,anli")] == ["lingnli", "anli"]


def test_load_training_examples_tags_each_pair_with_its_dataset(tmp_path):
    row = {"premise": "p", "hypothesis": "h", "label": "neutral"}
    write_jsonl(tmp_path / "snli_dev.jsonl", [row])
    write_jsonl(tmp_path / "sick.jsonl", [row, row])
    examples = load_training_examples(tmp_path, parse_dataset_names("snli_dev,sick"))
    assert [e.source for e in examples] == ["snli_dev", "sick", "sick"]


def test_train_contradiction_validates_on_the_first_dataset_only(tmp_path, monkeypatch):
    import narratives.composition
    from click.testing import CliRunner

    from narratives.cli import cli

    nli = tmp_path / "nli"
    nli.mkdir()
    write_jsonl(nli / "snli_dev.jsonl", [
        {"premise": f"premise {i}", "hypothesis": "h", "label": "neutral"} for i in range(700)
    ])
    write_jsonl(nli / "sick.jsonl", [{"premise": "sick premise", "hypothesis": "h", "label": "entailment"}])
    handed: dict = {}

    def train(out_dir, **kwargs):
        handed.update(kwargs)
        return {"weights_file": "model.safetensors", "train_pairs": len(kwargs["train_examples"]),
                "best_validation_accuracy": 0.5, "training_seconds": 1.0}

    monkeypatch.setenv("NARRATIVES_SHARED_DATA", str(tmp_path))
    monkeypatch.setattr(narratives.composition, "train_contradiction_model", train)
    result = CliRunner().invoke(cli, ["train", "contradiction", "--out", str(tmp_path / "out"),
                                      "--datasets", "snli_dev,sick", "--epochs", "2"])
    assert result.exit_code == 0, result.output
    assert {e.source for e in handed["validation"]} == {"snli_dev"}
    assert len(handed["validation"]) == handed["validation_size"] == 600
    assert len(handed["train_examples"]) == 101 and any(e.source == "sick" for e in handed["train_examples"])
    assert [d.name for d in handed["datasets"]] == ["snli_dev", "sick"] and handed["epochs"] == 2
    assert "101 training pairs" in result.output


def test_validation_split_is_by_premise_and_deterministic():
    from narratives.corpora.nli import NLIExample

    examples = [NLIExample(f"premise {i // 3}", f"hyp {i}", NLI_LABELS[i % 3], "snli_dev") for i in range(90)]
    train, validation = split_validation(examples, size=12, seed=1)
    assert len(validation) == 12 and len(train) == 78
    assert not {e.premise for e in train} & {e.premise for e in validation}
    assert split_validation(examples, size=12, seed=1)[1] == validation


def test_bucketed_batches_cover_every_pair_once_with_similar_lengths():
    from models.training.contradiction import bucketed_batches, collate

    lengths = [random.Random(i).randint(5, 60) for i in range(200)]
    items = [{"input_ids": [1] * n, "token_type_ids": [0] * n, "label": n % 3} for n in lengths]
    batches = bucketed_batches(items, 16, random.Random(0), pool=50)
    assert sorted(i for b in batches for i in b) == list(range(200))
    spreads = [max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches]
    assert np.mean(spreads) < 10
    ids, mask, types, labels = collate([items[i] for i in batches[0]])
    assert ids.shape == mask.shape == types.shape and ids.shape[0] == len(batches[0])
    assert mask.sum(dim=1).tolist() == [lengths[i] for i in batches[0]]


def test_missing_artifact_names_the_train_command(tmp_path):
    from models.contradiction import load_contradiction_model

    with pytest.raises(ModelUnavailableError, match="narratives train contradiction"):
        load_contradiction_model(tmp_path / "nowhere")


@pytest.mark.models
def test_shipped_model_tells_contradiction_from_entailment(contradiction_model):
    model = contradiction_model
    assert isinstance(model, ContradictionModel)
    assert set(model.labels) == set(NLI_LABELS)
    pairs = [
        ("A man is playing a guitar on stage.", "Nobody is playing an instrument."),
        ("A man is playing a guitar on stage.", "A man is playing an instrument."),
        ("Two children are swimming in a lake.", "The children are asleep in their beds."),
        ("A woman is cutting vegetables in a kitchen.", "A woman is preparing food."),
    ]
    probs = model.predict(pairs)
    assert probs.shape == (4, 3)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)
    predicted = [model.labels[i] for i in probs.argmax(axis=1)]
    assert predicted == ["contradiction", "entailment", "contradiction", "entailment"]
    scores = model.contradiction_scores(pairs[:2])
    assert scores.shape == (2,) and scores[0] > 0.9 and scores[1] < 0.5
    assert model.predict([]).shape == (0, 3)
