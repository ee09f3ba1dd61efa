"""API latency: `POST /api/v1/articles` and `GET /api/v1/events/{id}` through the Flask
test client of `service.create_app`, against a SQLite store that already holds `stored`
claims (built once from the synthetic stored claims and cached, then copied per run).

The posted articles are seed-sized (about as many words as the seed article) and made of
consecutive RUWA records of one event that the stored claims leave out, so each post is
new text about events the store already knows.
"""
from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

SEED_WORDS = 742
"""Words in the seed article (seeds/*.txt), the size of each posted article."""


def seed_sized_articles(records: list[dict[str, Any]], n: int, *, words: int = SEED_WORDS) -> list[list[dict[str, Any]]]:
    """`n` groups of consecutive same-event records, each about `words` words long."""
    groups: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    count = 0
    for record in sorted(records, key=lambda r: (r.get("event") or "", r["published"], r["text"])):
        if current and record.get("event") != current[0].get("event"):
            current, count = [], 0
        current.append(record)
        count += len(record["text"].split())
        if count >= words:
            groups.append(current)
            current, count = [], 0
            if len(groups) == n:
                break
    return groups


def _article(group: list[dict[str, Any]]) -> dict[str, Any]:
    return {"text": "\n\n".join(r["text"] for r in group), "outlet": group[0].get("outlet"),
            "published": group[0]["published"]}


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1),
            "max": round(ordered[-1], 1), "n": len(ordered)}


def _build_store(path: Path, state: Any) -> None:
    from narratives.bench.stored import stored_analyses
    from narratives.storage import Store

    store = Store.open(f"sqlite:///{path}")
    store.save(stored_analyses(state), state)
    store.close()


def _app_config(database_url: str) -> dict[str, Any]:
    """The app as `narratives serve` builds it; in a shared-models run, over those models."""
    from narratives.bench.parts import load_parts, sharing_models
    from narratives.config import load_settings

    if not sharing_models():
        return {"NARRATIVES_SETTINGS": {"database_url": database_url}}
    from service.narrative_service import build_service

    settings = load_settings({"database_url": database_url})
    parts = load_parts(settings)
    service = build_service(settings, analyzer=parts.analyzer, registry=parts.analyzer.registry,
                            embedder=parts.index.embedder, contradiction=parts.index.contradiction)
    return {"NARRATIVES_SERVICE": service}


def api_case(spec: dict[str, Any]) -> dict[str, Any]:
    from narratives.bench.corpora import all_ruwa_records
    from narratives.bench.stored import build_stored
    from narratives.composition import new_embedder
    from narratives.config import load_settings
    from service import create_app

    settings = load_settings()
    stored_n, posts = int(spec.get("stored", 10_000)), int(spec.get("posts", 50))
    cache_dir = Path(spec["cache_dir"])
    records = all_ruwa_records(settings.shared_data)
    groups = seed_sized_articles(records, posts + 1)
    held_out = [r for g in groups for r in g]
    cached_db = cache_dir / f"api-store-{stored_n}-{spec.get('stored_pool') or 'all'}.db"
    if not cached_db.exists():
        pool = records[: spec.get("stored_pool") or None]
        state = build_stored(pool, stored_n, embedder=new_embedder(threads=settings.threads),
                             cache_dir=cache_dir, exclude=held_out)
        _build_store(cached_db, state)
    workdir = Path(tempfile.mkdtemp(prefix="narratives-bench-api-"))
    try:
        db = workdir / "store.db"
        shutil.copy(cached_db, db)
        started = time.perf_counter()
        app = create_app(_app_config(f"sqlite:///{db}"))
        startup = time.perf_counter() - started
        client = app.test_client()
        first = client.post("/api/v1/articles", json=_article(groups[0]))  # warm-up, not counted
        if first.status_code != 201:
            raise RuntimeError(f"warm-up POST answered {first.status_code}: {first.get_data(as_text=True)[:300]}")
        post_ms, event_ids = [], []
        for group in groups[1 : posts + 1]:
            started = time.perf_counter()
            response = client.post("/api/v1/articles", json=_article(group))
            post_ms.append(1000 * (time.perf_counter() - started))
            body = response.get_json()
            event_ids += [c["event_id"] for c in body.get("claims", []) if c.get("event_id")]
        events = list(dict.fromkeys(event_ids))[:posts] or ["missing"]
        get_ms, sizes = [], []
        for i in range(posts):
            started = time.perf_counter()
            response = client.get(f"/api/v1/events/{events[i % len(events)]}")
            get_ms.append(1000 * (time.perf_counter() - started))
            body = response.get_json()
            sizes.append(sum(len(v) for v in body.get("sides", {}).values()))
        return {
            "stored_claims": stored_n, "startup_s": round(startup, 2),
            "post_article_ms": _percentiles(post_ms),
            "get_event_ms": _percentiles(get_ms),
            "event_claims": {"median": statistics.median(sizes), "max": max(sizes)},
            "article_words": round(statistics.mean(len(_article(g)["text"].split()) for g in groups), 1),
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
