"""An embedder that answers from vectors computed elsewhere (the Ray engine's actors).

The actors embed each chunk's claim texts while they analyse it; the driver's index then
finds them here instead of embedding them a second time, and gets the very same floats.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Sequence

import numpy as np

from narratives.protocols import Embedder


class PrecomputedEmbedder:
    """`embed` answers texts `remember`ed from their vectors and asks `fallback` for any
    other. A text keeps the first vector it was remembered with, as an embedder's cache
    keeps the first one it computed (a vector's last bits depend on the batch it was
    computed in, and the local engine reuses a cached one); at most `capacity` are kept."""

    def __init__(self, fallback: Embedder, *, capacity: int = 200_000) -> None:
        self.fallback = fallback
        self.dim = fallback.dim
        self._known: OrderedDict[str, np.ndarray] = OrderedDict()
        self._capacity = capacity

    def remember(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """`vectors` is (len(texts), dim) float32; texts already known keep their vector."""
        for text, vector in zip(texts, np.asarray(vectors, dtype=np.float32)):
            self._known.setdefault(text, vector)
        while len(self._known) > self._capacity:
            self._known.popitem(last=False)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """`texts` (n) -> float32 array (n, dim)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing = [i for i, text in enumerate(texts) if text not in self._known]
        for i, text in enumerate(texts):
            if text in self._known:
                out[i] = self._known[text]
        if missing:
            vectors = self.fallback.embed([texts[i] for i in missing])
            out[missing] = vectors
            self.remember([texts[i] for i in missing], vectors)
        return out
