"""`narratives eval nli`: the contradiction model on SNLI test, MultiNLI dev, ANLI test and
the ANLI dev rounds.

Prints per set: n, accuracy, macro-F1, contradiction F1 and the confusion matrix
(`confusion[gold][predicted]`), and whether the set was part of the model's training data;
`anli_test` also reports accuracy per round (`per_round`: r1, r2, r3).
"""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Sequence

import click
import numpy as np

from narratives.config import load_settings
from narratives.errors import NarrativesError

EVAL_SETS: dict[str, str] = {
    "snli_test": "snli_test.jsonl",
    "mnli_dev": "mnli_dev.jsonl",
    "anli_test": "anli_test.jsonl",
    "anli_r1": "anli_r1_dev.jsonl",
    "anli_r2": "anli_r2_dev.jsonl",
    "anli_r3": "anli_r3_dev.jsonl",
}


def score_nli(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict:
    """Gold and predicted label names (n each) -> n, accuracy, macro_f1, contradiction_f1,
    per-label F1 and `confusion[gold][predicted]` counts."""
    index = {label: i for i, label in enumerate(labels)}
    confusion = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for g, p in zip(gold, predicted, strict=True):
        confusion[index[g], index[p]] += 1
    true_pos = np.diag(confusion).astype(float)
    precision = np.divide(true_pos, confusion.sum(axis=0), out=np.zeros_like(true_pos), where=confusion.sum(axis=0) > 0)
    recall = np.divide(true_pos, confusion.sum(axis=1), out=np.zeros_like(true_pos), where=confusion.sum(axis=1) > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros_like(denom), where=denom > 0)
    n = int(confusion.sum())
    return {
        "n": n,
        "accuracy": round(float(true_pos.sum() / n), 4) if n else 0.0,
        "macro_f1": round(float(f1.mean()), 4),
        "contradiction_f1": round(float(f1[index["contradiction"]]), 4),
        "f1": {label: round(float(f1[i]), 4) for i, label in enumerate(labels)},
        "confusion": {
            g: {p: int(confusion[i, j]) for j, p in enumerate(labels)} for i, g in enumerate(labels)
        },
    }


def training_files(artifact_dir: Path) -> set[str]:
    """Data files the artifact was trained on, from its `training.json` (empty if unknown)."""
    record = artifact_dir / "training.json"
    if not record.exists():
        return set()
    data = json.loads(record.read_text(encoding="utf-8"))
    return {name for dataset in data.get("datasets", []) for name in dataset.get("files", [])}


def per_round_accuracy(rounds: Sequence[str], gold: Sequence[str], predicted: Sequence[str]) -> dict:
    """Accuracy of each round's rows -> `{"r1": x, "r2": x, "r3": x}`."""
    hits: dict[str, list[bool]] = {}
    for r, g, p in zip(rounds, gold, predicted, strict=True):
        hits.setdefault(r, []).append(g == p)
    return {r: round(sum(h) / len(h), 4) for r, h in sorted(hits.items())}


def select_rows(n: int, *, limit: int | None, sample: int | None, seed: int) -> list[int]:
    """Row indices to score: the first `limit`, or a seeded random `sample` (in file order)."""
    if sample is not None and sample < n:
        return sorted(random.Random(seed).sample(range(n), sample))
    return list(range(n))[:limit]


def evaluate_nli(
    *, limit: int | None = None, sample: int | None = None, seed: int = 13,
    model_dir: Path | None = None, sets: Sequence[str] | None = None,
) -> dict:
    """Score the shipped (or given) contradiction model on every set in EVAL_SETS (or `sets`)."""
    from narratives.composition import load_contradiction_model
    from narratives.corpora.nli import read_nli_file

    settings = load_settings()
    artifact_dir = model_dir or settings.artifacts / "contradiction"
    model = load_contradiction_model(settings, artifact_dir=artifact_dir)
    trained_on = training_files(artifact_dir)
    results: dict[str, dict] = {}
    for name in sets or EVAL_SETS:
        path = settings.shared_data / "nli" / EVAL_SETS[name]
        examples = read_nli_file(path)
        rows = select_rows(len(examples), limit=limit, sample=sample, seed=seed)
        examples = [examples[i] for i in rows]
        probs = model.predict([(e.premise, e.hypothesis) for e in examples])
        predicted = [model.labels[i] for i in probs.argmax(axis=1)]
        gold = [e.label for e in examples]
        scores = score_nli(gold, predicted, model.labels)
        results[name] = {**scores, "in_training": EVAL_SETS[name] in trained_on}
        if name == "anli_test":
            results[name]["per_round"] = per_round_accuracy([e.round for e in examples], gold, predicted)
    return results


def format_table(results: dict) -> str:
    lines = [f"{'set':<10} {'n':>6} {'acc':>7} {'macroF1':>8} {'contrF1':>8}  in training"]
    for name, r in results.items():
        lines.append(
            f"{name:<10} {r['n']:>6} {r['accuracy']:>7.4f} {r['macro_f1']:>8.4f} "
            f"{r['contradiction_f1']:>8.4f}  {'yes' if r['in_training'] else 'no'}"
        )
    return "\n".join(lines)


@click.command(name="nli")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--limit", type=int, default=None, help="Score only the first N pairs of each set.")
@click.option("--sample", type=int, default=None,
              help="Score a seeded random sample of N pairs of each set (quicker than the full sets).")
@click.option("--seed", type=int, default=13, show_default=True, help="Seed of --sample.")
@click.option("--sets", default=None,
              help=f"Comma-separated subset of {', '.join(EVAL_SETS)} (default: all).")
@click.option("--model", "model_dir", type=click.Path(path_type=Path), default=None,
              help="Artifact directory (default: the shipped model).")
@click.pass_context
def command(ctx: click.Context, as_json: bool, limit: int | None, sample: int | None, seed: int,
            sets: str | None, model_dir: Path | None) -> None:
    """Accuracy, macro-F1 and contradiction F1 on SNLI test, MNLI dev, ANLI test and ANLI dev."""
    chosen = [name.strip() for name in sets.split(",") if name.strip()] if sets else None
    unknown = [name for name in chosen or () if name not in EVAL_SETS]
    if unknown:
        raise click.BadParameter(f"unknown set(s) {unknown}; choose from {', '.join(EVAL_SETS)}",
                                 param_hint="--sets")
    try:
        results = evaluate_nli(limit=limit, sample=sample, seed=seed, model_dir=model_dir, sets=chosen)
    except NarrativesError as exc:
        click.echo(exc.format_message(), err=True)
        ctx.exit(exc.exit_code)
    click.echo(json.dumps(results, sort_keys=True) if as_json else format_table(results))
