"""Fine-tune the NLI cross-encoder from MiniLM, end to end (`narratives train contradiction`
reads the NLI sets and hands the pairs to `train_cross_encoder`).

Deterministic for a given seed and thread count, CPU by default, with a progress bar.
Length-bucketed batches with dynamic padding keep the short SNLI/SICK pairs cheap.
"""
from __future__ import annotations

import json
import random
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Iterator, Protocol, Sequence

from models.cross_encoder import LABELS
from narratives.config import configure_offline


class NLIExample(Protocol):
    """A labelled pair (`narratives.corpora.nli.NLIExample`)."""

    premise: str
    hypothesis: str
    label: str


class NLIDataset(Protocol):
    """A training set's provenance (`narratives.corpora.nli.NLIDataset`), for the record."""

    name: str
    files: tuple[str, ...]
    licence: str


@dataclass(frozen=True)
class TrainingConfig:
    datasets: tuple[str, ...]
    validation_size: int  # pairs of datasets[0] held out for model selection
    epochs: int = 4
    seed: int = 13
    batch_size: int = 16
    learning_rate: float = 5e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    max_length: int = 128
    max_examples: int | None = None
    threads: int = 1
    swap_contradictions: bool = False
    permissive_only: bool = False
    init_from: str | None = None
    checkpoint_steps: int | None = None


def encode_pairs(tokenizer, examples: Sequence[NLIExample], max_length: int) -> list[dict]:
    """Tokenise (premise, hypothesis) pairs once; each item holds unpadded id lists + label id."""
    encoded = tokenizer(
        [e.premise for e in examples],
        [e.hypothesis for e in examples],
        truncation="longest_first",
        max_length=max_length,
    )
    label2id = {label: i for i, label in enumerate(LABELS)}
    return [
        {
            "input_ids": encoded["input_ids"][i],
            "token_type_ids": encoded["token_type_ids"][i],
            "label": label2id[e.label],
        }
        for i, e in enumerate(examples)
    ]


def bucketed_batches(
    items: Sequence[dict], batch_size: int, rng: random.Random, *, pool: int = 50
) -> list[list[int]]:
    """Shuffle, sort each pool of `pool * batch_size` items by length, cut into batches,
    shuffle the batches: similar lengths share a batch, so padding stays small."""
    order = list(range(len(items)))
    rng.shuffle(order)
    batches = []
    span = batch_size * pool
    for start in range(0, len(order), span):
        chunk = sorted(order[start : start + span], key=lambda i: len(items[i]["input_ids"]))
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def collate(items: Sequence[dict]):
    """Pad a batch to its longest pair -> (input_ids, attention_mask, token_type_ids, labels)."""
    import torch

    width = max(len(item["input_ids"]) for item in items)
    ids = torch.zeros((len(items), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    types = torch.zeros_like(ids)
    for row, item in enumerate(items):
        n = len(item["input_ids"])
        ids[row, :n] = torch.tensor(item["input_ids"])
        mask[row, :n] = 1
        types[row, :n] = torch.tensor(item["token_type_ids"])
    labels = torch.tensor([item["label"] for item in items])
    return ids, mask, types, labels


def accuracy(model, items: Sequence[dict], batch_size: int = 64) -> float:
    import torch

    order = sorted(range(len(items)), key=lambda i: len(items[i]["input_ids"]))
    correct = 0
    model.eval()
    with torch.no_grad():
        for start in range(0, len(order), batch_size):
            ids, mask, types, labels = collate([items[i] for i in order[start : start + batch_size]])
            correct += int((model(ids, mask, types).argmax(-1) == labels).sum())
    model.train()
    return correct / max(1, len(items))


def _iterate(items: Sequence[dict], batches: list[list[int]]) -> Iterator:
    for batch in batches:
        yield collate([items[i] for i in batch])


def _initial_model(config: TrainingConfig, base: Path):
    """MiniLM with a fresh head, or (with `init_from`) a trained artifact to continue from."""
    from models.cross_encoder import init_from_minilm, load_artifact

    if config.init_from is None:
        return init_from_minilm(base)
    model, _ = load_artifact(Path(config.init_from), base)
    return model


def train_cross_encoder(
    config: TrainingConfig,
    out_dir: Path,
    *,
    train_examples: list[NLIExample],
    validation: Sequence[NLIExample],
    datasets: Sequence[NLIDataset],
) -> dict:
    """Fine-tune on `train_examples`, keep the epoch with the best accuracy on `validation`
    (pairs of `datasets[0]`), save the artifact.

    Every epoch is also saved to `out_dir/epoch-N` (and, with `checkpoint_steps`, the latest
    weights to `out_dir/latest` every that many steps), so a long background run can be
    stopped at any point and still leaves something to evaluate.
    Returns the training record that is also written to `out_dir/training.json`.
    """
    import numpy as np
    import torch
    from tqdm import tqdm
    from transformers import AutoTokenizer, get_linear_schedule_with_warmup

    from models.cross_encoder import save_artifact
    from models.embedder import minilm_path

    configure_offline()
    torch.set_num_threads(config.threads)
    random.seed(config.seed)
    np.random.seed(config.seed)
    torch.manual_seed(config.seed)

    if config.swap_contradictions:
        # Contradiction is symmetric: each training contradiction also teaches its reverse.
        train_examples += [
            replace(e, premise=e.hypothesis, hypothesis=e.premise)
            for e in train_examples if e.label == "contradiction"
        ]
    rng = random.Random(config.seed)
    if config.max_examples is not None and len(train_examples) > config.max_examples:
        train_examples = rng.sample(train_examples, config.max_examples)

    base = minilm_path()
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    model = _initial_model(config, base)
    model.freeze_word_embeddings()
    model.train()
    train_items = encode_pairs(tokenizer, train_examples, config.max_length)
    val_items = encode_pairs(tokenizer, validation, config.max_length)

    decay, no_decay = [], []
    for name, param in model.named_parameters():
        if param.requires_grad:
            (no_decay if param.ndim == 1 else decay).append(param)
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": config.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=config.learning_rate,
    )
    steps_per_epoch = -(-len(train_items) // config.batch_size)
    total_steps = steps_per_epoch * config.epochs
    scheduler = get_linear_schedule_with_warmup(
        optimizer, int(config.warmup_ratio * total_steps), total_steps
    )
    loss_fn = torch.nn.CrossEntropyLoss()

    started = time.monotonic()
    best_acc, history = -1.0, []
    progress = tqdm(total=total_steps, desc="train contradiction", unit="step")
    for epoch in range(config.epochs):
        batches = bucketed_batches(train_items, config.batch_size, rng)
        running = 0.0
        for step, (ids, mask, types, labels) in enumerate(_iterate(train_items, batches), start=1):
            loss = loss_fn(model(ids, mask, types), labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            running += loss.item()
            progress.update(1)
            if step % 50 == 0:
                progress.set_postfix(epoch=epoch + 1, loss=f"{running / step:.3f}")
            if config.checkpoint_steps and step % config.checkpoint_steps == 0:
                save_artifact(model, tokenizer, out_dir / "latest")
        val_acc = accuracy(model, val_items)
        save_artifact(model, tokenizer, out_dir / f"epoch-{epoch + 1}")
        history.append({"epoch": epoch + 1, "train_loss": running / max(1, len(batches)), "validation_accuracy": val_acc})
        progress.write(f"epoch {epoch + 1}: train loss {running / max(1, len(batches)):.4f}, validation accuracy {val_acc:.4f}")
        if val_acc > best_acc:
            # Saved at once, so an interrupted run still leaves its best epoch behind.
            best_acc = val_acc
            weights = save_artifact(model, tokenizer, out_dir)
    progress.close()

    record = {
        "config": asdict(config),
        "train_pairs": len(train_items),
        "validation_pairs": len(val_items),
        "validation_source": datasets[0].name,
        "datasets": [{"name": d.name, "files": list(d.files), "licence": d.licence} for d in datasets],
        "history": history,
        "best_validation_accuracy": best_acc,
        "training_seconds": round(time.monotonic() - started, 1),
        "weights_file": weights.name,
    }
    (out_dir / "training.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record
