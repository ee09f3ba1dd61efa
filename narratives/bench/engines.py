"""Bench case `engines`: `narratives analyze` throughput with `--engine local` and
`--engine ray` over the same records, and whether the two wrote the same files.

Each engine runs a full `BatchRun` (ingest, the per-article half, events and pairs, the
output files). Model loading is timed apart from the run: for Ray, `startup_seconds` is
starting the local cluster and loading the models in every actor.
"""
from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from narratives.batch.run import OUTPUT_FILES, BatchRun, LocalEngine
from narratives.config import load_settings
from narratives.ingest.inputs import read_inputs


def _run(engine: Any, index: Any, inputs: Path, out_dir: Path) -> dict[str, Any]:
    summary = BatchRun(engine=engine, index=index, out_dir=out_dir).run(read_inputs([inputs]))
    return {"articles": summary.articles, "claims": summary.claims, "pairs": summary.pairs,
            "seconds": round(summary.seconds, 2), "articles_per_s": round(summary.articles_per_second, 2)}


def engines_case(spec: dict[str, Any]) -> dict[str, Any]:
    from narratives.batch.ray_engine import start_ray_engine
    from narratives.composition import load_analyzer, load_index

    settings = load_settings()
    records = json.loads(Path(spec["records"]).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="narratives-engines-") as tmp:
        work = Path(tmp)
        inputs = work / "records.jsonl"
        inputs.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "event"}, ensure_ascii=False) + "\n"
                                  for r in records), encoding="utf-8")
        started = time.perf_counter()
        local_engine, local_index = LocalEngine(load_analyzer(settings)), load_index(settings)
        local = {"startup_seconds": round(time.perf_counter() - started, 2),
                 **_run(local_engine, local_index, inputs, work / "local")}
        del local_engine, local_index
        ray_index = load_index(settings)
        started = time.perf_counter()
        engine = start_ray_engine(settings, fallback_embedder=ray_index.embedder, actors=spec.get("actors"))
        ray_index.embedder = engine.embedder
        ray = {"startup_seconds": round(time.perf_counter() - started, 2), "actors": len(engine.actors)}
        try:
            ray.update(_run(engine, ray_index, inputs, work / "ray"))
        finally:
            engine.close()
        differ = [name for name in OUTPUT_FILES
                  if (work / "local" / name).read_bytes() != (work / "ray" / name).read_bytes()]
    return {"local": local, "ray": ray, "same_outputs": not differ, "differing_files": differ,
            "ray_vs_local": round(ray["articles_per_s"] / local["articles_per_s"], 3) if local["articles_per_s"] else None}
