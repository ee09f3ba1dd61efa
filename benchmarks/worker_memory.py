"""Memory one service worker holds with `--claims` claims stored: the windowed worker the
service runs, against a worker holding the full in-memory index (the design before it).

    python benchmarks/worker_memory.py [--claims 100000] [--posts 20] [--store sqlite|postgresql]

Fills a fresh store with the bench's synthetic stored claims (RUWA outlet-voice claims,
embedded once and cached under data/bench-cache/; each RUWA event's copy cut into
two-week events, as the index's stories run at most 14 days). Then, each in a fresh
process with the real models loaded (RSS noted before the index part):
- full: loads every stored claim, event and pair into a `NarrativeIndex`, as each worker
  did at start-up and after another worker's write, then analyses and links the same
  `--posts` records (not stored);
- windowed: the service as it runs, posting `--posts` RUWA records (dated inside the
  stored claims' days, so every window is full of stored claims) one request each.
Prints one JSON object: per worker RSS with the models, with the index part, the index
part alone, and the full / windowed ratio of the index part, with the reload time, the
seconds per post and the windows' sizes.
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
    state = build_stored(all_ruwa_records(settings.shared_data), claims, embedder=FreshEmbedder(settings.threads),
                         cache_dir=settings.data_dir / "bench-cache", exclude=_event_records(), event_days=14)
    store = Store.open(url)
    store.save(stored_analyses(state), state)
    store.close()


def _event_records() -> list[dict]:
    """The bench's RUWA corpus (one event), left out of the stored claims."""
    from narratives.bench.corpora import all_ruwa_records, ruwa_event_records
    from narratives.config import load_settings

    return ruwa_event_records(all_ruwa_records(load_settings().shared_data), 300)


def _posts(n: int) -> list[dict]:
    """`n` of `_event_records`, spread over the event's days."""
    chosen = _event_records()
    step = max(1, len(chosen) // max(1, n))
    return [{k: v for k, v in r.items() if k != "event"} for r in chosen[::step][:n]]


def _service(url: str):
    """The real service over `url`, with one analysis run (not stored) so the models'
    working buffers are in the baseline of both measurements."""
    from narratives.config import load_settings
    from narratives.ingest.articles import build_article
    from service.narrative_service import load_service

    service = load_service(load_settings({"database_url": url}))
    service.analyzer.analyze([build_article(r) for r in _posts(2)])
    return service


def _measure_full(url: str, posts: int) -> dict:
    from narratives.bench.timing import current_rss_mb
    from narratives.index.narrative_index import NarrativeIndex
    from narratives.ingest.articles import build_article

    service = _service(url)
    models = current_rss_mb()
    like = service.index
    index = NarrativeIndex(embedder=like.embedder, contradiction=like.contradiction, settings=like.settings, tuning=like.tuning)
    started = time.perf_counter()
    state = service.store.load_index_state()
    index.load(state.claims, state.embeddings, state.events, state.pairs, stories=state.stories,
               redirects=state.redirects, event_names=state.event_names)
    seconds = time.perf_counter() - started
    loaded = current_rss_mb()
    records = [build_article(r) for r in _posts(posts)]
    started = time.perf_counter()
    for article in records:  # what a write costs this worker: analysis and linking, no store write
        index.add(service.analyzer.analyze([article]))
    per_post = (time.perf_counter() - started) / max(1, len(records))
    return {"claims_held": len(index.claims), "rss_models_mb": round(models, 1), "rss_mb": round(loaded, 1),
            "index_mb": round(loaded - models, 1), "reload_seconds": round(seconds, 2),
            "seconds_per_post_unstored": round(per_post, 2)}


def _measure_windowed(url: str, posts: int) -> dict:
    from narratives.bench.timing import current_rss_mb

    service = _service(url)
    models = current_rss_mb()
    source = service.index.source
    read, sizes = source.read_window, []

    def counting(**window):
        state = read(**window)
        sizes.append(len(state.claims))
        return state

    source.read_window = counting
    records = _posts(posts)
    started = time.perf_counter()
    for record in records:
        service.post_articles([record])
    seconds = time.perf_counter() - started
    loaded = current_rss_mb()
    return {"claims_in_windows_max": max(sizes), "claims_in_windows_mean": round(sum(sizes) / len(sizes)),
            "cached_rows": source.cached, "rss_models_mb": round(models, 1), "rss_mb": round(loaded, 1),
            "index_mb": round(loaded - models, 1), "seconds_per_post": round(seconds / max(1, len(records)), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--store", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)  # the child: full|windowed URL
    args = parser.parse_args()
    if args.measure:
        kind, url = args.measure
        print(json.dumps(_measure_full(url, args.posts) if kind == "full" else _measure_windowed(url, args.posts)))
        return
    tmp = Path(tempfile.mkdtemp(prefix="narratives-memory-"))
    server = None
    if args.store == "postgresql":
        from postgres_server import find_binaries, start_server

        server = start_server(find_binaries())
        url = server.new_database()
    else:
        url = f"sqlite:///{tmp / 'full.db'}"
    try:
        _fill(url, args.claims)
        report: dict = {"store": args.store, "claims": args.claims}
        for kind in ("full", "windowed"):  # full first: the windowed run adds its posts to the store
            child = subprocess.run([sys.executable, __file__, "--measure", kind, url, "--posts", str(args.posts)],
                                   capture_output=True, text=True)
            if child.returncode:
                raise SystemExit(f"the {kind} measurement failed:\n{child.stderr[-3000:]}")
            report[kind] = json.loads(child.stdout.strip().splitlines()[-1])
        report["index_mb_full_over_windowed"] = round(report["full"]["index_mb"] / max(report["windowed"]["index_mb"], 1.0), 1)
        report["rss_full_over_windowed"] = round(report["full"]["rss_mb"] / report["windowed"]["rss_mb"], 2)
    finally:
        if server is not None:
            server.stop()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
