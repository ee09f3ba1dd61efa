"""`--engine ray` against `--engine local`: the same files, byte for byte."""
from __future__ import annotations

import json

import numpy as np
import pytest

from narratives.batch.precomputed import PrecomputedEmbedder

OUTPUTS = ("articles.jsonl", "claims.jsonl", "events.jsonl", "pairs.jsonl", "failures.jsonl", "report.html")


class CountingEmbedder:
    dim = 2

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts):
        self.calls.append(list(texts))
        return np.ones((len(texts), self.dim), dtype=np.float32)


def test_precomputed_vectors_answer_first_and_the_fallback_fills_gaps():
    fallback = CountingEmbedder()
    embedder = PrecomputedEmbedder(fallback)
    embedder.remember(["a", "b"], np.array([[1, 0], [0, 1]], dtype=np.float32))
    embedder.remember(["a"], np.array([[5, 5]], dtype=np.float32))  # "a" keeps its first vector
    out = embedder.embed(["b", "c", "a"])
    assert out.tolist() == [[0, 1], [1, 1], [1, 0]]
    assert fallback.calls == [["c"]]
    embedder.embed(["c"])
    assert fallback.calls == [["c"]]  # remembered from the fallback too


@pytest.fixture(scope="module")
def ruwa_inputs(tmp_path_factory):
    from narratives.bench.corpora import all_ruwa_records, ruwa_event_records
    from narratives.config import load_settings

    # "beginning" (the first days of the invasion): 200 records give Russian, Ukrainian and
    # Western claims that pair.
    records = ruwa_event_records(all_ruwa_records(load_settings().shared_data), 200, event="beginning")
    records.insert(5, {"text": ""})  # a failure, reported the same way by both engines
    records.append(dict(records[0]))  # a duplicate, skipped by both
    path = tmp_path_factory.mktemp("ray-in") / "ruwa.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _fresh_analyzer(settings, index):
    """The real analyzer with an embedder of its own, shared with `index` only: like a fresh
    `narratives analyze` process (and the fresh actors), its cache holds no vectors that
    earlier tests computed in other batches (whose last bits differ)."""
    from dataclasses import replace

    from models.embedder import MiniLMEmbedder
    from models.stance import StanceModel
    from narratives.composition import load_analyzer

    fresh = MiniLMEmbedder(threads=settings.threads)
    analyzer = replace(load_analyzer(settings), embedder=fresh)
    if analyzer.side_classifier is not None:
        analyzer.side_classifier = StanceModel(analyzer.side_classifier.weights, embedder=fresh)
    index.embedder = fresh
    return analyzer


@pytest.mark.models
@pytest.mark.slow
def test_ray_engine_writes_the_local_engines_files(ruwa_inputs, tmp_path):
    pytest.importorskip("ray", reason="--engine ray needs ray: pip install -r requirements.txt")
    from models.embedder import MiniLMEmbedder
    from narratives.batch.ray_engine import start_ray_engine
    from narratives.batch.run import BatchRun, LocalEngine
    from narratives.composition import load_analyzer, load_index
    from narratives.config import load_settings
    from narratives.ingest.inputs import read_inputs

    settings = load_settings()
    summaries = {}
    # Chunks of 8, two actors: chunks finish out of order and must come back in order.
    local_index = load_index(settings)
    summaries["local"] = BatchRun(engine=LocalEngine(_fresh_analyzer(settings, local_index)), index=local_index,
                                  out_dir=tmp_path / "local", chunk_size=8).run(read_inputs([ruwa_inputs]))
    ray_index = load_index(settings)
    # The driver's own embedder (the story ledes it embeds) is fresh too, as in a fresh process.
    engine = start_ray_engine(settings, fallback_embedder=MiniLMEmbedder(threads=settings.threads), actors=2)
    ray_index.embedder = engine.embedder
    try:
        summaries["ray"] = BatchRun(engine=engine, index=ray_index, out_dir=tmp_path / "ray",
                                    chunk_size=8).run(read_inputs([ruwa_inputs]))
    finally:
        engine.close()
    local, ray = (summaries[k].as_dict() for k in ("local", "ray"))
    assert local["articles"] == 200 and local["failures"] == 1 and local["duplicates"] == 1
    assert local["pairs"] > 0
    assert {k: v for k, v in ray.items() if "second" not in k} == {k: v for k, v in local.items() if "second" not in k}
    for name in OUTPUTS:
        assert (tmp_path / "ray" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_engines_report_names_both_throughputs_and_any_differing_file():
    from narratives.bench.report import render_engines

    run = {"startup_seconds": 1.0, "seconds": 10.0, "articles_per_s": 20.0, "claims": 5, "pairs": 2, "articles": 200}
    report = {"local": run, "ray": {**run, "actors": 1, "articles_per_s": 25.0}, "ray_vs_local": 1.25,
              "same_outputs": False, "differing_files": ["pairs.jsonl"], "machine": {"cpus": 2}}
    table = render_engines(report)
    assert "| local | 1 | 10.0 | 20.0 |" in table and "| ray | 1 | 10.0 | 25.0 |" in table
    assert "1.25x" in table and "NO (pairs.jsonl)" in table
