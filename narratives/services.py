"""Loading the model-backed parts once: embedder, contradiction model, the narrative index."""
from __future__ import annotations

from narratives.config import Settings, load_settings
from narratives.index import NarrativeIndex


def load_index(settings: Settings | None = None) -> NarrativeIndex:
    """An empty index wired to the real embedder and the shipped contradiction model."""
    from models.contradiction import load_contradiction_model
    from models.embedder import MiniLMEmbedder

    settings = settings or load_settings()
    return NarrativeIndex(
        embedder=MiniLMEmbedder(threads=settings.threads),
        contradiction=load_contradiction_model(),
        settings=settings,
    )
