"""Loaders for the shipped artifacts; each returns None when its artifact is not built."""
from __future__ import annotations

from narratives.config import Settings


def load_side_classifier(settings: Settings):
    try:
        from models.stance import load_stance_model
    except ModuleNotFoundError:
        return None
    from narratives.services import shared_embedder

    return load_stance_model(settings.artifacts / "stance", embedder=shared_embedder(settings))


def load_attribution_tagger(settings: Settings):
    try:
        from models.attribution_tagger import load_tagger
    except ModuleNotFoundError:
        return None
    return load_tagger(settings.artifacts / "attribution", dtype=settings.tagger_dtype)
