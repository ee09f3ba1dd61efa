"""Run the benchmark cases, each in its own process, and combine them into one report."""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

from narratives.bench.corpora import all_ruwa_records, polnear_records, ruwa_event_records
from narratives.config import Settings, load_settings
from narratives.errors import NarrativesError


class BenchCaseError(NarrativesError):
    code = "bench_case_failed"
    title = "Benchmark case failed"


@dataclass(frozen=True)
class BenchSize:
    """How big a run is. `stores` are the stored-claim counts the end-to-end cases start from."""

    polnear: int = 50
    ruwa: int = 300
    stores: tuple[int, ...] = (0, 10_000, 100_000)
    stored_pool: int = 0  # RUWA records the stored claims are drawn from (0: all)
    api_stored: int = 10_000
    api_posts: int = 50
    # Score at most this many text pairs one by one in the naive run and extrapolate the
    # rest from their mean time (0: score them all). The full run's 5,062 (2,531 pairs,
    # both ways) fit, so none is extrapolated.
    naive_pair_cap: int = 6000
    # Run the cases in this process, sharing loaded models (fast, for smoke runs); RSS is
    # then this process's peak, not each case's.
    in_process: bool = False


FULL = BenchSize()
QUICK = BenchSize(polnear=1, ruwa=10, stores=(0, 600), stored_pool=600, api_stored=300, api_posts=3,
                  naive_pair_cap=200, in_process=True)


def _run_case(name: str, spec: dict[str, Any], workdir: Path, *, in_process: bool = False) -> dict[str, Any]:
    if in_process:
        from narratives.bench.cases import run_case
        from narratives.bench.parts import share_models

        share_models()
        return run_case(name, spec)
    spec_path = workdir / f"spec-{name}-{len(list(workdir.iterdir()))}.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "narratives.bench.cases", name, str(spec_path)],
        capture_output=True, text=True, env={**os.environ, "TOKENIZERS_PARALLELISM": "false"},
    )
    if done.returncode != 0:
        raise BenchCaseError(f"case {name} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def _same_pairs(optimized: Path, naive: Path) -> dict[str, Any]:
    ours = {tuple(p) for p in json.loads(optimized.read_text(encoding="utf-8"))}
    theirs = {tuple(p) for p in json.loads(naive.read_text(encoding="utf-8"))}
    return {"same": ours == theirs, "optimized": len(ours), "naive": len(theirs),
            "only_optimized": len(ours - theirs), "only_naive": len(theirs - ours)}


def run_bench(size: BenchSize = FULL, *, settings: Settings | None = None, cache_dir: Path | None = None,
              on_progress: Callable[[str], None] = lambda message: None) -> dict[str, Any]:
    """All cases; returns the report (`floor_ratio`, `naive_speedup`, `growth_100k_vs_empty`,
    `stages`, `rss_mb`, `api_latency_ms`, `end_to_end`, ...)."""
    settings = settings or load_settings()
    cache_dir = cache_dir or settings.data_dir / "bench-cache"
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="narratives-bench-") as tmp:
        work = Path(tmp)

        def run(name: str, spec: dict[str, Any]) -> dict[str, Any]:
            return _run_case(name, spec, work, in_process=size.in_process)

        ruwa_all = all_ruwa_records(settings.shared_data)
        corpora = {
            "polnear": polnear_records(settings.shared_data, size.polnear),
            "ruwa": ruwa_event_records(ruwa_all, size.ruwa),
        }
        corpora["mixed"] = corpora["ruwa"] + corpora["polnear"]
        files = {}
        for name, records in corpora.items():
            files[name] = work / f"{name}.json"
            files[name].write_text(json.dumps(records), encoding="utf-8")
        common = {"cache_dir": str(cache_dir), "stored_pool": size.stored_pool}
        report: dict[str, Any] = {"size": asdict(size), "rss_mb": {}, "end_to_end": {}, "floor": {}}

        on_progress("stages (polnear)")
        stages = run("stages", {**common, "records": str(files["polnear"])})
        report["stages"] = stages["stages"]
        report["stages_corpus"] = {k: stages[k] for k in ("articles", "words", "claims", "pairs", "seconds",
                                                           "attribution_tagger_seconds")}
        report["rss_mb"]["stages"] = stages["rss_mb"]

        largest = max(size.stores)
        for corpus in ("polnear", "ruwa"):
            runs = {}
            for stored in size.stores:
                on_progress(f"end-to-end {corpus}, {stored} claims stored")
                spec = {**common, "records": str(files[corpus]), "stored": stored,
                        "floor": stored == 0, "paired_empty": stored == largest}
                runs[str(stored)] = run("e2e", spec)
                report["rss_mb"][f"e2e_{corpus}_{stored}"] = runs[str(stored)]["rss_mb"]
            report["end_to_end"][corpus] = runs
            report["floor"][corpus] = runs["0"]["floor"]
        report["floor_ratio"] = {
            corpus: _ratio(report["end_to_end"][corpus]["0"]["seconds"], report["floor"][corpus]["seconds"])
            for corpus in ("polnear", "ruwa")
        }
        # Growth compares the largest store with an empty-store run of the same process
        # (same machine load); the separate empty-store case is reported alongside.
        growth = {
            corpus: _ratio(report["end_to_end"][corpus][str(largest)]["per_article_ms"],
                           report["end_to_end"][corpus][str(largest)].get("paired_empty_per_article_ms", 0.0))
            for corpus in ("polnear", "ruwa")
        }
        report["growth_vs_empty"] = {"stored": int(largest), **growth}
        report["growth_100k_vs_empty"] = max((v for v in growth.values() if v is not None), default=None)
        per_claim = [report["end_to_end"][c][str(largest)]["rss_store_mb"] for c in ("polnear", "ruwa")]
        report["memory_per_stored_claim_kb"] = round(1024 * max(per_claim) / max(1, largest), 2)

        on_progress("naive baseline vs optimized (RUWA event + PolNeAR)")
        optimized = run("e2e", {**common, "records": str(files["mixed"]), "stored": 0,
                                "pairs_out": str(work / "pairs-optimized.json")})
        naive = run("naive", {"records": str(files["mixed"]), "pair_cap": size.naive_pair_cap,
                              "pairs_out": str(work / "pairs-naive.json")})
        report["naive"] = {"optimized": optimized, "naive": naive,
                           "pairs": _same_pairs(work / "pairs-optimized.json", work / "pairs-naive.json")}
        report["naive_speedup"] = _ratio(naive["seconds"], optimized["seconds"])
        report["rss_mb"]["optimized_mixed"] = optimized["rss_mb"]
        report["rss_mb"]["naive_mixed"] = naive["rss_mb"]

        on_progress(f"API latency ({size.api_stored} claims stored)")
        api = run("api", {**common, "stored": size.api_stored,
                                "posts": size.api_posts})
        report["api_latency_ms"] = {"post_articles": api["post_article_ms"], "get_event": api["get_event_ms"]}
        report["api"] = api
        report["rss_mb"]["api"] = api["rss_mb"]
    report["machine"] = {"cpus": os.cpu_count(), "platform": platform.platform(),
                         "python": platform.python_version(), "threads": settings.threads}
    report["bench_seconds"] = round(time.perf_counter() - started, 1)
    return report


def run_engines_bench(records: int, *, settings: Settings | None = None, actors: int | None = None) -> dict[str, Any]:
    """The `engines` case over the first `records` RUWA rows (all events, as `narratives
    analyze --format ruwa-csv` reads them), in its own process."""
    settings = settings or load_settings()
    with tempfile.TemporaryDirectory(prefix="narratives-bench-") as tmp:
        work = Path(tmp)
        path = work / "ruwa.json"
        path.write_text(json.dumps(all_ruwa_records(settings.shared_data)[:records]), encoding="utf-8")
        report = _run_case("engines", {"records": str(path), "actors": actors}, work)
    report["machine"] = {"cpus": os.cpu_count(), "threads": settings.threads}
    return report
