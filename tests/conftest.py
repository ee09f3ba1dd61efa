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
    from narratives.ingest.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def embedder():
    from narratives.composition import load_embedder

    return load_embedder()


@pytest.fixture(scope="session")
def contradiction_model():
    from narratives.composition import load_contradiction_model

    return load_contradiction_model()


@pytest.fixture(scope="session")
def build_real_service(embedder, contradiction_model):
    """`build(database_url) -> NarrativeService` with the real models, loaded once per session."""
    from dataclasses import replace

    from narratives.composition import load_analyzer
    from narratives.config import load_settings
    from narratives.sides.registry import load_registry
    from service.narrative_service import build_service

    settings = load_settings()
    analyzer, registry = load_analyzer(settings), load_registry(settings.registry)

    def build(database_url: str):
        return build_service(
            replace(settings, database_url=database_url),
            analyzer=analyzer, registry=registry, embedder=embedder, contradiction=contradiction_model,
        )

    return build


@pytest.fixture(scope="session")
def seeded_app(build_real_service, tmp_path_factory):
    """The Flask app over a fresh SQLite store with the seed article analysed (as `make run`)."""
    from narratives.cli.serve import seed_store
    from service import create_app

    service = build_real_service(f"sqlite:///{tmp_path_factory.mktemp('served') / 'narratives.db'}")
    seed_store(service, (SEED_PATH.parent,))
    return create_app({"TESTING": True, "NARRATIVES_SERVICE": service})


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server for the session (see `postgres_server`)."""
    from postgres_server import find_binaries, start_server

    bin_dir = find_binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql")
    pytest.importorskip("psycopg", reason="the psycopg driver is missing: pip install -r requirements.txt")
    server = start_server(bin_dir)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """An empty store's URL: a SQLite file, then a fresh database on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres").new_database()
