"""Memory one service worker holds for its index, with `--claims` claims stored.

    python benchmarks/worker_memory.py [--claims 100000] [--store sqlite|postgresql]

Fills a fresh store with the bench's synthetic stored claims (RUWA outlet-voice claims,
embedded once and cached under data/bench-cache/), then, in a fresh process, loads the
service with the real models over an empty store, notes its RSS, points it at the filled
store and reloads the index as a worker does at start-up and after another worker's
write. Prints one JSON object: RSS with the models only, after the reload, the
difference per stored claim, and the reload's time.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def _fill(url: str, claims: int) -> None:
    from narratives.bench.corpora import all_ruwa_records
    from narratives.bench.parts import FreshEmbedder
    from narratives.bench.stored import build_stored, stored_analyses
    from narratives.config import load_settings
    from narratives.storage import Store

    settings = load_settings()
    state = build_stored(all_ruwa_records(settings.shared_data), claims,
                         embedder=FreshEmbedder(settings.threads), cache_dir=settings.data_dir / "bench-cache")
    store = Store.open(url)
    store.save(stored_analyses(state), state)
    store.close()


def _measure(empty_url: str, url: str) -> dict:
    from narratives.bench.timing import current_rss_mb
    from narratives.config import load_settings
    from narratives.storage import Store
    from service.narrative_service import load_service

    service = load_service(load_settings({"database_url": empty_url}))
    models_only = current_rss_mb()
    service.store = Store.open(url)
    started = time.perf_counter()
    service._load_index()
    seconds = time.perf_counter() - started
    loaded = current_rss_mb()
    claims = len(service.index.claims)
    return {"claims": claims, "rss_models_mb": round(models_only, 1), "rss_with_index_mb": round(loaded, 1),
            "index_mb": round(loaded - models_only, 1),
            "kb_per_claim": round(1024 * (loaded - models_only) / max(1, claims), 2),
            "reload_seconds": round(seconds, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--store", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)  # the child: EMPTY_URL URL
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure(*args.measure)))
        return
    tmp = Path(tempfile.mkdtemp(prefix="narratives-memory-"))
    server = None
    if args.store == "postgresql":
        from postgres_server import find_binaries, start_server

        server = start_server(find_binaries())
        empty, url = server.new_database(), server.new_database()
    else:
        empty, url = f"sqlite:///{tmp / 'empty.db'}", f"sqlite:///{tmp / 'full.db'}"
    try:
        _fill(url, args.claims)
        child = subprocess.run([sys.executable, __file__, "--measure", empty, url],
                               capture_output=True, text=True, check=True)
        report = {"store": args.store, **json.loads(child.stdout.strip().splitlines()[-1])}
    finally:
        if server is not None:
            server.stop()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
