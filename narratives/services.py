"""Loading the model-backed parts once: embedder, contradiction model, the narrative index."""
from __future__ import annotations

import threading

from narratives.config import Settings, load_settings
from narratives.index import NarrativeIndex
from narratives.protocols import Embedder

_embedders: dict[int, Embedder] = {}
_embedders_lock = threading.Lock()


def shared_embedder(settings: Settings | None = None) -> Embedder:
    """The process's one MiniLM embedder: the side classifier and the index embed the same
    claim texts, so sharing its cache embeds each claim once."""
    from models.embedder import MiniLMEmbedder

    settings = settings or load_settings()
    with _embedders_lock:
        if settings.threads not in _embedders:
            _embedders[settings.threads] = MiniLMEmbedder(threads=settings.threads)
        return _embedders[settings.threads]


def load_index(settings: Settings | None = None) -> NarrativeIndex:
    """An empty index wired to the shared embedder and the shipped contradiction model."""
    from models.contradiction import load_contradiction_model

    settings = settings or load_settings()
    return NarrativeIndex(
        embedder=shared_embedder(settings),
        contradiction=load_contradiction_model(),
        settings=settings,
    )
