"""Hostile inputs (issue 20): each input of the probe's table posted to a running service,
timed per request next to a real article, with `/readyz` probed throughout.

The service is the real one (`service.create_app` over a fresh SQLite store, real models)
behind Werkzeug's threaded server on a loopback port; a second thread asks `/readyz` every
0.2 s while the posts run one after another. Each input is posted twice: at the table's
size (beyond `max_sync_chars` the answer is a 413 problem) and cut to `max_sync_chars`,
so the analysis itself is timed on as much of it as one request serves.

Run: `narratives bench --hostile` (a few minutes on 2 cores).
"""
from __future__ import annotations

import json
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from narratives.config import PROJECT_ROOT

SEED = PROJECT_ROOT / "seeds" / "efe-afp-2023-12-31-kharkiv-belgorod.txt"
_WORDS = "THE RUSSIAN MINISTRY SAID UKRAINIAN FORCES STRUCK KHARKIV AND BELGOROD OVERNIGHT".split()


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _capitals(n: int) -> str:
    return _repeat(" ".join(_WORDS) + " ", n)


def _one_sentence(n: int) -> str:
    clause = "the minister said that the troops of the army, who attacked Kharkiv from the north, and the officials "
    return _repeat(clause, n - 1) + "."


def _real(n: int) -> str:
    return _repeat(SEED.read_text(encoding="utf-8").strip() + "\n\n", n).strip()


# (name, generator, the table's size)
INPUTS: tuple[tuple[str, Callable[[int], str], int], ...] = (
    ('50k `"`', lambda n: '"' * n, 50_000),
    ("capitalised words", _capitals, 100_000),
    ("one long sentence", _one_sentence, 20_001),
    ('`"ABC" said DEF.` repeated', lambda n: _repeat('"ABC" said DEF. ', n), 100_000),
    ("real article repeated", _real, 199_990),
    ("nested quotes", lambda n: _repeat('"“‘«(', n), 40_000),
)


@dataclass
class ReadinessProbe:
    """Asks `/readyz` every `interval` seconds in a thread; keeps each answer's latency."""

    url: str
    interval: float = 0.2
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self._stop.is_set():
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(self.url, timeout=10) as response:
                    response.read()
            except (OSError, urllib.error.URLError):
                self.failures += 1
            self.latencies.append(time.perf_counter() - start)
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()


def _post(base: str, text: str) -> tuple[int, float, int, str]:
    """(status, seconds, claims, problem code or "")."""
    body = json.dumps({"text": text, "outlet": "bench"}).encode("utf-8")
    request = urllib.request.Request(f"{base}/api/v1/articles", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            status, payload = response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        status, payload = exc.code, json.loads(exc.read() or b"{}")
    seconds = time.perf_counter() - start
    return status, seconds, len(payload.get("claims", [])), payload.get("code", "")


def hostile_case(spec: dict[str, Any] | None = None) -> dict[str, Any]:
    """Post every input; returns rows of (input, chars, status, seconds, claims, s per
    1,000 chars, ratio to the real article's) and the `/readyz` latencies."""
    from werkzeug.serving import make_server

    from narratives.bench.parts import warm_up
    from narratives.config import load_settings
    from service import create_app
    from service.transport import QuietRequestHandler

    workdir = Path(tempfile.mkdtemp(prefix="narratives-hostile-"))
    settings = load_settings({"database_url": f"sqlite:///{workdir / 'hostile.db'}"})
    app = create_app({"NARRATIVES_SETTINGS": {"database_url": settings.database_url}})
    service = app.extensions["narratives"]
    analyzer = service.analyzer
    warm_up(nlp=analyzer.nlp, embedder=analyzer.embedder, side_classifier=analyzer.side_classifier,
            tagger=analyzer.tagger)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    probe = ReadinessProbe(f"{base}/readyz")
    prober = threading.Thread(target=probe.run, daemon=True)
    prober.start()
    rows: list[dict[str, Any]] = []
    try:
        seed = _real(len(SEED.read_text(encoding="utf-8").strip()))
        status, seconds, claims, code = _post(base, seed)
        real_rate = seconds / len(seed) * 1000
        rows.append(_row("real article", len(seed), status, seconds, claims, code, real_rate))
        limit = settings.max_sync_chars
        for name, make, size in INPUTS:
            sizes = [size] if size <= limit else [size, limit]
            for n in sizes:
                text = make(n)
                status, seconds, claims, code = _post(base, text)
                label = name if n == size else f"{name} (first {n:,})"
                rows.append(_row(label, len(text), status, seconds, claims, code, real_rate))
    finally:
        probe.stop()
        prober.join()
        server.shutdown()
    return {
        "rows": rows,
        "readyz": {"probes": len(probe.latencies), "failures": probe.failures,
                   "max_s": round(max(probe.latencies, default=0.0), 3),
                   "p50_s": round(sorted(probe.latencies)[len(probe.latencies) // 2], 3) if probe.latencies else None},
        "limits": {"max_sync_chars": settings.max_sync_chars, "max_request_chars": settings.max_request_chars,
                   "max_sentence_tokens": settings.max_sentence_tokens,
                   "max_claims_per_article": settings.max_claims_per_article,
                   "max_pair_candidates_per_article": settings.max_pair_candidates_per_article},
    }


def _row(name: str, chars: int, status: int, seconds: float, claims: int, code: str, real_rate: float) -> dict[str, Any]:
    rate = seconds / chars * 1000
    return {"input": name, "chars": chars, "status": status, "code": code, "seconds": round(seconds, 2),
            "claims": claims, "s_per_1000_chars": round(rate, 3), "x_real": round(rate / real_rate, 2)}


def render_hostile(report: dict[str, Any]) -> str:
    lines = [f"{'input':42s} {'chars':>8s} {'status':>6s} {'s':>7s} {'claims':>6s} {'s/1k':>7s} {'x real':>6s}"]
    for r in report["rows"]:
        status = f"{r['status']}" + (f" {r['code']}" if r["code"] else "")
        lines.append(f"{r['input']:42s} {r['chars']:8,d} {r['status']:6d} {r['seconds']:7.2f} {r['claims']:6d} "
                     f"{r['s_per_1000_chars']:7.3f} {r['x_real']:6.2f}" + (f"  ({status})" if r["code"] else ""))
    ready = report["readyz"]
    lines.append(f"/readyz: {ready['probes']} probes, {ready['failures']} failed, p50 {ready['p50_s']} s, max {ready['max_s']} s")
    lines.append("limits: " + ", ".join(f"{k}={v}" for k, v in report["limits"].items()))
    return "\n".join(lines)
