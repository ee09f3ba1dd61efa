"""NLI pairs from `shared/data/nli/`: loading, dataset selection, licences, a validation slice.

Every file is JSONL with `premise`, `hypothesis` and `label` (entailment / neutral /
contradiction). `snli_test.jsonl`, `mnli_dev.jsonl` and `anli_test.jsonl` are the held-out
evaluations and are never a training set.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from narratives.errors import DataError

NLI_LABELS: tuple[str, ...] = ("entailment", "neutral", "contradiction")


@dataclass(frozen=True)
class NLIExample:
    premise: str
    hypothesis: str
    label: str
    source: str
    round: str = ""  # ANLI's round (r1 / r2 / r3), from the row's `round` field


@dataclass(frozen=True)
class NLIDataset:
    """A training set the user can select by `name`; `files` are relative to the nli folder."""

    name: str
    files: tuple[str, ...]
    licence: str
    commercial_use: bool


TRAINING_DATASETS: dict[str, NLIDataset] = {
    d.name: d
    for d in (
        NLIDataset("snli_dev", ("snli_dev.jsonl",), "CC BY-SA 4.0", True),
        NLIDataset("sick", ("sick.jsonl",), "CC BY-NC-SA 3.0 (non-commercial)", False),
        NLIDataset(
            "anli",
            ("anli_r1_dev.jsonl", "anli_r2_dev.jsonl", "anli_r3_dev.jsonl"),
            "CC BY-NC 4.0 (non-commercial)",
            False,
        ),
        NLIDataset("lingnli", ("lingnli_train.jsonl",), "research data, no licence stated", False),
        NLIDataset(
            "cad_snli",
            ("cad_snli_train.jsonl",),
            "Apache-2.0 (augmentations); SNLI train, CC BY-SA 4.0",
            True,
        ),
    )
}
PERMISSIVE_DATASETS: tuple[str, ...] = tuple(
    name for name, d in TRAINING_DATASETS.items() if d.commercial_use
)
HELD_OUT_FILES = frozenset({"snli_test.jsonl", "mnli_dev.jsonl", "anli_test.jsonl"})
VALIDATION_SIZE = 600  # pairs of the first selected dataset held out for model selection


def read_nli_file(path: Path, *, source: str | None = None) -> list[NLIExample]:
    """Read one JSONL file; rows whose label is not one of the three NLI labels are skipped."""
    if not path.exists():
        raise DataError(f"NLI data file not found: {path} (expected under shared/data/nli/)")
    examples = []
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                premise, hypothesis, label = row["premise"], row["hypothesis"], row["label"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise DataError(
                    f"{path}:{line_no}: expected a JSON object with premise, hypothesis, label"
                ) from exc
            if label in NLI_LABELS and premise.strip() and hypothesis.strip():
                examples.append(
                    NLIExample(premise.strip(), hypothesis.strip(), label, source or path.stem, str(row.get("round", "")))
                )
    return examples


def parse_dataset_names(spec: str, *, permissive_only: bool = False) -> tuple[NLIDataset, ...]:
    """`"snli_dev,sick"` -> the selected datasets; unknown names are an error listing the known.

    With `permissive_only`, selecting a set whose licence forbids commercial use (or states
    none) is an error naming it, so a shipped model cannot pick one up by accident.
    """
    names = [name.strip() for name in spec.split(",") if name.strip()]
    unknown = [name for name in names if name not in TRAINING_DATASETS]
    if unknown or not names:
        raise DataError(
            f"unknown NLI training dataset(s) {unknown or spec!r}; "
            f"choose from {', '.join(TRAINING_DATASETS)}"
        )
    selected = tuple(TRAINING_DATASETS[name] for name in dict.fromkeys(names))
    restricted = [d for d in selected if not d.commercial_use]
    if permissive_only and restricted:
        raise DataError(
            "--permissive-only excludes "
            + ", ".join(f"{d.name} ({d.licence})" for d in restricted)
            + f"; permissive sets: {', '.join(PERMISSIVE_DATASETS)}"
        )
    return selected


def load_training_examples(nli_dir: Path, datasets: Iterable[NLIDataset]) -> list[NLIExample]:
    examples: list[NLIExample] = []
    for dataset in datasets:
        for file_name in dataset.files:
            if file_name in HELD_OUT_FILES:
                raise DataError(f"{file_name} is held-out evaluation data, never training data")
            examples.extend(read_nli_file(nli_dir / file_name, source=dataset.name))
    return examples


def split_validation(
    examples: list[NLIExample], *, size: int, seed: int
) -> tuple[list[NLIExample], list[NLIExample]]:
    """Deterministic (train, validation) split; validation is drawn by premise, so no premise
    of a validation pair is seen in training (SNLI has three hypotheses per premise)."""
    premises = sorted({e.premise for e in examples})
    random.Random(seed).shuffle(premises)
    held: set[str] = set()
    count = 0
    by_premise: dict[str, int] = {}
    for e in examples:
        by_premise[e.premise] = by_premise.get(e.premise, 0) + 1
    for premise in premises:
        if count >= size:
            break
        held.add(premise)
        count += by_premise[premise]
    train = [e for e in examples if e.premise not in held]
    validation = [e for e in examples if e.premise in held]
    return train, validation


def training_and_validation(
    examples: list[NLIExample], datasets: tuple[NLIDataset, ...], *, size: int = VALIDATION_SIZE, seed: int
) -> tuple[list[NLIExample], list[NLIExample]]:
    """Model selection is on pairs from the first selected dataset (SNLI dev by default):
    (the rest of it plus every other dataset's pairs, about `size` validation pairs)."""
    first = [e for e in examples if e.source == datasets[0].name]
    rest = [e for e in examples if e.source != datasets[0].name]
    train_first, validation = split_validation(first, size=size, seed=seed)
    return train_first + rest, validation
