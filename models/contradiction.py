"""The shipped contradiction model: an NLI cross-encoder behind `ContradictionModel`.

    model = load_contradiction_model()
    probs = model.predict([(premise, hypothesis), ...])    # (n, 3), rows sum to 1
    model.labels                                           # from the config's id2label
    scores = model.contradiction_scores(pairs)             # (n,), mean of both directions
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from narratives.config import configure_offline, load_settings
from narratives.errors import ModelUnavailableError

TRAIN_COMMAND = "narratives train contradiction --out models/artifacts/contradiction"


class CrossEncoderContradiction:
    """Batched NLI inference: pairs are sorted by length so each batch pads little."""

    def __init__(self, model, tokenizer, *, batch_size: int = 32, max_length: int = 128) -> None:
        self._model = model
        self._tokenizer = tokenizer
        self._batch_size = batch_size
        self._max_length = max_length
        id2label = model.config.id2label
        self.labels: tuple[str, ...] = tuple(id2label[i] for i in range(len(id2label)))

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """(premise, hypothesis) pairs (n) -> probabilities (n, len(labels)) float32."""
        import torch

        out = np.zeros((len(pairs), len(self.labels)), dtype=np.float32)
        if not pairs:
            return out
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        with torch.no_grad():
            for start in range(0, len(order), self._batch_size):
                batch = order[start : start + self._batch_size]
                encoded = self._tokenizer(
                    [pairs[i][0] for i in batch],
                    [pairs[i][1] for i in batch],
                    truncation="longest_first",
                    max_length=self._max_length,
                    padding=True,
                    return_tensors="pt",
                )
                logits = self._model(
                    encoded["input_ids"], encoded["attention_mask"], encoded["token_type_ids"]
                )
                out[batch] = torch.softmax(logits, dim=-1).numpy()
        return out

    def contradiction_scores(
        self, pairs: Sequence[tuple[str, str]], *, both_directions: bool = True
    ) -> np.ndarray:
        """(a, b) pairs (n) -> P(contradiction) (n,) float32; with `both_directions`, the mean
        of a->b and b->a. A real contradiction is symmetric, while the model (trained on SNLI,
        where the premise is the more specific sentence) often calls the reverse of an
        entailment a contradiction; the mean damps that one-sided misfire, the max would not."""
        column = self.labels.index("contradiction")
        forward = self.predict(pairs)[:, column]
        if not both_directions:
            return forward
        backward = self.predict([(b, a) for a, b in pairs])[:, column]
        return (forward + backward) / 2


def load_contradiction_model(path: Path | None = None) -> CrossEncoderContradiction:
    """Load the trained artifact (default `models/artifacts/contradiction`).

    Raises ModelUnavailableError naming the missing package or artifact and how to get it.
    """
    configure_offline()
    settings = load_settings()
    artifact_dir = path or settings.artifacts / "contradiction"
    try:
        import torch

        from models.cross_encoder import load_artifact
    except ImportError as exc:
        raise ModelUnavailableError(
            f"the contradiction model needs torch and transformers ({exc.name} is missing): "
            "pip install -r requirements.txt"
        ) from exc
    from models.embedder import minilm_path

    if not artifact_dir.is_dir():
        raise ModelUnavailableError(
            f"no contradiction model artifact at {artifact_dir}; train it with `{TRAIN_COMMAND}`"
        )
    torch.set_num_threads(max(1, settings.threads))
    model, tokenizer = load_artifact(artifact_dir, minilm_path())
    return CrossEncoderContradiction(model, tokenizer)
