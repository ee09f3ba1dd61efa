"""One root conftest: offline settings, the seed article, session-scoped real models."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_PATH = ROOT / "seeds" / "efe-afp-2023-12-31-kharkiv-belgorod.txt"
GOLD_PATH = SHARED / "gold" / "efe-afp-2023-12-31-kharkiv-belgorod.json"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from narratives.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def embedder():
    from models.embedder import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def contradiction_model():
    from models.contradiction import load_contradiction_model

    return load_contradiction_model()
