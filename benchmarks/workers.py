"""Several gunicorn workers on one store: concurrent clients post related articles.

    python benchmarks/workers.py --store postgresql [--workers 2] [--clients 16] [--seconds 60]
    python benchmarks/workers.py --store sqlite ...

Starts `gunicorn --preload -w N service.wsgi:app` (the real models) on a fresh store (a
throwaway PostgreSQL server from Debian's binaries, or a SQLite file), lets `--clients`
threads post RUWA records of two events for `--seconds` (one post in ten re-sends an
article already sent, which must come back as a duplicate), stops gunicorn and checks the
store: errors, acknowledged articles missing from the store or stored twice, claims
without an event, pairs outside their event. Then one in-process worker is fed the stored
articles in the order the store committed them (their `seq`), and its events and pairs
are compared with the workers'. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from narratives.bench.corpora import all_ruwa_records, ruwa_event_records  # noqa: E402
from narratives.config import load_settings  # noqa: E402
from narratives.storage import Store  # noqa: E402


def _records() -> list[dict]:
    every = all_ruwa_records(load_settings().shared_data)
    chosen = ruwa_event_records(every, 400, event="bucha") + ruwa_event_records(every, 400, event="beginning")
    return [{k: v for k, v in r.items() if k != "event"} for r in chosen]


def _serve(url: str, workers: int, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "NARRATIVES_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    command = [str(Path(sys.executable).with_name("gunicorn")), "--preload", "-w", str(workers), "--threads", "4",
               "--timeout", "600", "-b", f"127.0.0.1:{port}", "service.wsgi:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.time() + 300
    while time.time() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200:
                return server
        except requests.ConnectionError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}; see {log}")
        time.sleep(1)
    server.terminate()
    raise SystemExit("gunicorn did not become ready in 300 s")


def _load(port: int, records: list[dict], clients: int, seconds: float) -> dict:
    fresh = iter(records)
    sent: list[dict] = []
    lock = threading.Lock()
    results: list[tuple[int, str | None, bool, bool]] = []  # status, id, duplicate, resend
    stop = time.time() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        session = requests.Session()
        while time.time() < stop:
            with lock:
                resend = bool(sent) and rng.random() < 0.1
                record = rng.choice(sent) if resend else next(fresh, None)
                if record is None:
                    return
                if not resend:
                    sent.append(record)
            response = session.post(f"http://127.0.0.1:{port}/api/v1/articles", json=record, timeout=600)
            body = response.json() if response.headers.get("content-type", "").endswith("json") else {}
            with lock:
                results.append((response.status_code, body.get("id"), bool(body.get("duplicate")), resend))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"results": results, "seconds": time.time() - started}


def _shape(store: Store) -> dict:
    state = store.load_index_state()
    members = {cid: e.id for e in state.events for cid in e.claim_ids}
    return {
        "claims": {c.id for c in state.claims},
        "events": {e.id: frozenset(e.claim_ids) for e in state.events},
        "pairs": {(p.id, p.event_id, p.relation) for p in state.pairs},
        "claims_without_event": sum(1 for c in state.claims if c.id not in members),
        "pairs_outside_event": sum(1 for p in state.pairs if not (members.get(p.a) == members.get(p.b) == p.event_id)),
    }


def _articles_in_commit_order(store: Store) -> list[dict]:
    from narratives.storage.tables import ArticleRow
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    with Session(store.engine) as session:
        rows = session.scalars(select(ArticleRow).order_by(ArticleRow.seq)).all()
        return [{"text": r.text, "title": r.title, "url": r.url, "outlet": r.outlet,
                 "published": r.published.isoformat() if r.published else None, "id": r.external_id} for r in rows]


def _replay(articles: list[dict], url: str) -> Store:
    from service.narrative_service import load_service

    service = load_service(load_settings({"database_url": url}))
    for record in articles:
        service.post_articles([{k: v for k, v in record.items() if v is not None}])
    return service.store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="narratives-workers-"))
    server_pg = None
    if args.store == "postgresql":
        from postgres_server import find_binaries, start_server

        server_pg = start_server(find_binaries())
        url, replay_url = server_pg.new_database(), server_pg.new_database()
    else:
        url, replay_url = f"sqlite:///{tmp / 'workers.db'}", f"sqlite:///{tmp / 'replay.db'}"
    try:
        Store.open(url).close()  # migrate before the workers start
        gunicorn = _serve(url, args.workers, args.port, tmp / "gunicorn.log")
        try:
            load = _load(args.port, _records(), args.clients, args.seconds)
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=60)
        results = load["results"]
        statuses = Counter(status for status, *_ in results)
        acknowledged = {i for status, i, duplicate, _ in results if status == 201 and not duplicate}
        store = Store.open(url)
        stored = _articles_in_commit_order(store)
        stored_ids = [a for a in store.existing_article_ids(acknowledged)]
        shape = _shape(store)
        counts = store.counts()
        replayed = _shape(_replay(stored, replay_url))
        report = {
            "store": args.store, "workers": args.workers, "clients": args.clients,
            "seconds": round(load["seconds"], 1), "posts": len(results), "statuses": dict(statuses),
            "errors": sum(n for s, n in statuses.items() if s >= 400),
            "posts_per_s": round(len(results) / load["seconds"], 2),
            "acknowledged_new": len(acknowledged), "stored_articles": counts["articles"],
            "lost": len(acknowledged - set(stored_ids)),
            "stored_not_acknowledged": counts["articles"] - len(acknowledged),
            "resends_not_duplicate": sum(1 for s, _, d, r in results if r and s == 201 and not d),
            "claims": counts["claims"], "events": counts["events"], "pairs": counts["pairs"],
            "claims_without_event": shape["claims_without_event"],
            "pairs_outside_event": shape["pairs_outside_event"],
            "single_worker_same_claims": replayed["claims"] == shape["claims"],
            "single_worker_same_events": replayed["events"] == shape["events"],
            "single_worker_same_pairs": replayed["pairs"] == shape["pairs"],
            "events_differing": len(set(replayed["events"].items()) ^ set(shape["events"].items())),
            "pairs_differing": len(replayed["pairs"] ^ shape["pairs"]),
        }
    finally:
        if server_pg is not None:
            server_pg.stop()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
