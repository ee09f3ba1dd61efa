"""Configuration: defaults in code, overridden by `NARRATIVES_*` environment variables.

This is the one place that reads the environment.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = PROJECT_ROOT.parent / "shared"


@dataclass(frozen=True)
class Settings:
    registry: Path = PROJECT_ROOT / "seeds" / "registry.yaml"
    data_dir: Path = PROJECT_ROOT / "data"
    database_url: str = ""
    shared_data: Path = SHARED_DIR / "data"
    gold_dir: Path = SHARED_DIR / "gold"
    max_chars: int = 200_000
    # Bounds on the work one request may ask for (docs/service.md, "Limits"): the text of
    # one article and of one whole request that a synchronous POST analyses (more answers
    # 413), the tokens of one sentence fed to the parser (longer stretches without a full
    # stop are split), the attributed statements one article may yield (more answers 422)
    # and the counter-claim candidates scored per article (the most similar are kept).
    max_sync_chars: int = 30_000
    max_request_chars: int = 60_000
    max_sentence_tokens: int = 80
    max_claims_per_article: int = 1_000
    max_pair_candidates_per_article: int = 100
    # Stored claims (with their embeddings) and articles a service worker keeps cached
    # between writes, each; it reads only the date window of each new article (README, "Scale-out").
    index_cache_claims: int = 20_000
    # Jobs (`POST /api/v1/jobs`, for texts over max_sync_chars) waiting at most; more: 503.
    job_queue_size: int = 8
    # Host names the service answers to besides the local ones (localhost, 127.0.0.1, ::1),
    # comma-separated; "*" answers any Host (only behind a proxy that checks it).
    trusted_hosts: str = ""
    # SHA-256 hex digests of the API tokens that may write (POST, DELETE), comma-separated
    # (`narratives token` makes one). Empty: writes are open, as on a local install.
    api_token_hashes: str = ""
    # Key that signs the page's sign-in cookie (with api_token_hashes set, the page's form
    # writes for a browser signed in with a token). Empty: a random key per process, so
    # sign-ins end when it restarts; several workers need one key set here.
    session_secret: str = ""
    # torch intra-op threads. One core is left to spaCy and the rest of the pipeline: when
    # every core is busy, each multi-threaded op waits for a descheduled thread (measured on
    # 2 cores: a MiniLM forward pass 0.5 s with 2 threads vs 0.01 s with 1; docs/performance.md).
    threads: int = max(1, (os.cpu_count() or 1) - 1)
    artifacts: Path = PROJECT_ROOT / "models" / "artifacts"
    # The attribution tagger's inference precision: "float32", "bfloat16", or "auto"
    # (bfloat16 where the CPU computes it natively, float32 elsewhere).
    tagger_dtype: str = "auto"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'narratives.db'}"


def load_settings(overrides: dict[str, object] | None = None) -> Settings:
    """Settings from defaults, then `NARRATIVES_<FIELD>` variables, then `overrides`."""
    settings = Settings()
    values: dict[str, object] = {}
    for f in fields(Settings):
        raw = os.environ.get(f"NARRATIVES_{f.name.upper()}")
        if raw is None or raw == "":
            continue
        current = getattr(settings, f.name)
        if isinstance(current, Path):
            values[f.name] = Path(raw)
        elif isinstance(current, int):
            values[f.name] = int(raw)
        else:
            values[f.name] = raw
    values.update(overrides or {})
    return replace(settings, **values)


def configure_offline() -> None:
    """No model hub is reachable, ever: make the HF libraries fail fast instead of retrying."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
