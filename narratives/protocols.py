"""Interfaces between the domain library and the learned components in `models/`.

`narratives/` depends only on these; `models/` implements them (and is the only place
that imports torch or transformers). Unit tests pass small fakes.
"""
from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from narratives.types import RoleSpans


@runtime_checkable
class Embedder(Protocol):
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """`texts` (n) -> float32 array (n, dim), rows L2-normalised."""
        ...


@runtime_checkable
class ContradictionModel(Protocol):
    labels: tuple[str, ...]  # e.g. ("entailment", "neutral", "contradiction"), from label2id

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """(premise, hypothesis) pairs (n) -> probabilities (n, len(labels)), rows sum to 1."""
        ...


@runtime_checkable
class SideClassifier(Protocol):
    sides: tuple[str, ...]

    def predict_proba(
        self, texts: Sequence[str], speakers: Sequence[str | None]
    ) -> np.ndarray:
        """Claim texts and speaker mentions (n) -> probabilities (n, len(sides))."""
        ...


@runtime_checkable
class AttributionTagger(Protocol):
    def role_spans(self, texts: Sequence[str]) -> list[RoleSpans]:
        """Texts (n) -> the predicted cue, source and content spans of each (n)."""
        ...
