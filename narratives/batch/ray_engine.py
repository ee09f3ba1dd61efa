"""`narratives analyze --engine ray`: the per-article half of the pipeline on a Ray cluster.

The driver reads and admits the inputs exactly as the local engine does (same failures,
same duplicates, same chunks) and hands each chunk to a pool of Ray actors. Each actor
loads the models once (spaCy, the attribution tagger, the embedder, the side classifier)
and returns the chunk's analyses with the embeddings of its claims. The chunks come back
in input order and go, one by one, to the driver's index (events and pairs), which finds
the claims' vectors already computed. So the output files are byte for byte those of
`--engine local`; only the parsing, tagging, embedding and side assignment are spread out.

With no `address` a private local cluster starts on the loopback interface (no dashboard)
and stops at the end of the run; with one, the run joins that cluster (`ray start --head`
on the head node, `ray start --address HEAD:6379` on the others; see docs/batch.md).
"""
from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import numpy as np

from narratives.batch.precomputed import PrecomputedEmbedder
from narratives.config import Settings
from narratives.errors import EngineError
from narratives.pipeline import Outcome
from narratives.protocols import Embedder
from narratives.types import Article, ArticleAnalysis

# Chunks in flight per actor: one being analysed, one waiting, so an actor never idles
# while the driver links the previous chunk.
CHUNKS_IN_FLIGHT_PER_ACTOR = 2
# The local cluster's shared-memory object store: chunks are small (article texts and
# their claims), so a small store leaves the machine's memory to the models.
LOCAL_OBJECT_STORE_BYTES = 256 * 1024 * 1024


class ArticleAnalyst:
    """One Ray actor: the models loaded once, then one chunk of articles per call."""

    def __init__(self, settings: Settings) -> None:
        from narratives.composition import load_analyzer
        from narratives.config import configure_offline

        configure_offline()
        self.analyzer = load_analyzer(settings)

    def ready(self) -> bool:
        return True

    def analyze(self, articles: list[Article]) -> tuple[list[Outcome], list[str], np.ndarray]:
        """The chunk's outcomes (analyses and refusals), and its claim texts with their
        (n, dim) float32 embeddings."""
        outcomes = self.analyzer.outcomes(articles)
        texts = list(dict.fromkeys(c.text for a in outcomes if isinstance(a, ArticleAnalysis) for c in a.claims))
        embedder = self.analyzer.embedder
        vectors = embedder.embed(texts) if embedder is not None and texts else np.zeros((0, 0), np.float32)
        return outcomes, texts, vectors


@dataclass
class RayEngine:
    """A pool of `ArticleAnalyst` actors; `analyze_chunks` is the `ChunkAnalyzer` the batch
    run uses. `embedder` is for the driver's index: it answers the actors' vectors."""

    actors: list[Any]
    embedder: PrecomputedEmbedder
    started_cluster: bool

    def analyze_chunks(self, chunks: Iterable[list[Article]]) -> Iterator[list[Outcome]]:
        """One list of outcomes per chunk, in the chunks' order, at most
        `CHUNKS_IN_FLIGHT_PER_ACTOR` chunks per actor submitted ahead."""
        import ray

        pending: deque[Any] = deque()
        limit = CHUNKS_IN_FLIGHT_PER_ACTOR * len(self.actors)
        for number, chunk in enumerate(chunks):
            if len(pending) >= limit:
                yield self._receive(ray, pending.popleft())
            pending.append(self.actors[number % len(self.actors)].analyze.remote(chunk))
        while pending:
            yield self._receive(ray, pending.popleft())

    def _receive(self, ray: Any, ref: Any) -> list[Outcome]:
        try:
            outcomes, texts, vectors = ray.get(ref)
        except ray.exceptions.RayTaskError as exc:
            raise exc.as_instanceof_cause() from None
        except ray.exceptions.RayActorError as exc:
            raise EngineError(f"a Ray actor died while analysing articles: {exc}") from exc
        self.embedder.remember(texts, vectors)
        return outcomes

    def close(self) -> None:
        import ray

        for actor in self.actors:
            ray.kill(actor)
        if self.started_cluster:
            ray.shutdown()


def start_ray_engine(
    settings: Settings, *, fallback_embedder: Embedder, address: str | None = None, actors: int | None = None
) -> RayEngine:
    """Connect to the cluster at `address` (or start a local one) and load the models in
    `actors` actors (default: one per CPU of the cluster, less one for the driver)."""
    try:
        import ray
    except ModuleNotFoundError as exc:
        raise EngineError("--engine ray needs the `ray` package: pip install -r requirements.txt") from exc
    # No usage reports: nothing but the cluster itself is contacted.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    started = not ray.is_initialized()
    if started:
        try:
            if address:
                ray.init(address=address, include_dashboard=False, log_to_driver=False)
            else:
                ray.init(
                    # Ray's CPUs are slots: an explicit --actors gets one each, even on fewer cores.
                    num_cpus=max(os.cpu_count() or 1, actors or 0),
                    include_dashboard=False,
                    log_to_driver=False,
                    object_store_memory=LOCAL_OBJECT_STORE_BYTES,
                    _node_ip_address="127.0.0.1",
                )
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise EngineError(f"cannot start or reach the Ray cluster{f' at {address}' if address else ''}: {exc}") from exc
    cpus = int(ray.cluster_resources().get("CPU", 1))
    count = actors or max(1, cpus - 1)
    if count > cpus:
        raise EngineError(f"{count} actors need {count} CPUs; the Ray cluster has {cpus}")
    remote = ray.remote(num_cpus=1)(ArticleAnalyst)
    pool = [remote.remote(settings) for _ in range(count)]
    try:
        ray.get([actor.ready.remote() for actor in pool])
    except ray.exceptions.RayActorError as exc:
        raise EngineError(f"the Ray actors could not load the models: {exc}") from exc
    return RayEngine(pool, PrecomputedEmbedder(fallback_embedder), started)
