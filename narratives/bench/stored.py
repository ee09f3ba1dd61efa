"""Synthetic stored claims, so a case can start with 10k or 100k claims already indexed.

RUWA records outside the benchmark corpus become one outlet-voice claim each, embedded
once and cached (`<data_dir>/bench-cache/`, git-ignored). Larger stores repeat the set
`copies` times, each copy a day later with slightly perturbed embeddings, so later copies
fall inside the same date windows as the originals (the hard case for growth), and each
copy's claims form one event per RUWA event.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from narratives.protocols import Embedder
from narratives.corpora.ruwa import OUTLET_SIDES
from narratives.types import Article, ArticleAnalysis, Claim, ClaimPair, Event, Span

NOISE = 0.01
"""Per-component standard deviation of the noise added to a copy's embeddings."""


@dataclass(frozen=True)
class StoredState:
    """Claims with embeddings (n, dim) float32, events and pairs: `NarrativeIndex.load`'s
    arguments, and (with the `removed_*` fields) the shape `Store.save` persists."""

    claims: list[Claim]
    embeddings: np.ndarray
    events: list[Event]
    pairs: list[ClaimPair] = field(default_factory=list)
    removed_event_ids: tuple[str, ...] = ()
    removed_pair_ids: tuple[str, ...] = ()
    # Stored claims stand alone (no article stories): what `Store.save` reads besides.
    articles: tuple = ()
    story_vectors: np.ndarray | None = None
    redirects: tuple[tuple[str, str], ...] = ()
    event_names: dict[str, dict[str, int]] = field(default_factory=dict)


def _claim(record: dict[str, Any], copy: int, number: int, event_id: str) -> Claim:
    text = record["text"]
    outlet = record.get("outlet", "")
    published = dt.date.fromisoformat(record["published"]) + dt.timedelta(days=copy)
    return Claim(
        id=f"stored-{copy}-{number}",
        article_id=f"stored-article-{copy}-{number}",
        text=text,
        start=0,
        end=len(text),
        content_spans=(Span(0, len(text)),),
        sentence=Span(0, len(text)),
        speaker=outlet,
        speaker_start=None,
        speaker_end=None,
        cue=None,
        cue_start=None,
        cue_end=None,
        kind="narrator",
        side=OUTLET_SIDES.get(outlet, "other"),
        side_confidence=1.0,
        side_evidence=f"outlet voice: {outlet}",
        event_id=event_id,
        side_decided_by="outlet",
        published=published,
    )


def _cached_embeddings(texts: Sequence[str], embedder: Embedder, cache_dir: Path) -> np.ndarray:
    digest = hashlib.blake2b("\n".join(texts).encode("utf-8"), digest_size=8).hexdigest()
    path = cache_dir / f"ruwa-claims-{len(texts)}-{digest}.npy"
    if path.exists():
        return np.load(path)
    vectors = embedder.embed(list(texts)).astype(np.float32)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def build_stored(
    records: Sequence[dict[str, Any]],
    n: int,
    *,
    embedder: Embedder,
    cache_dir: Path,
    exclude: Sequence[dict[str, Any]] = (),
    seed: int = 0,
    event_days: int | None = None,
) -> StoredState:
    """`n` stored claims from `records` (minus `exclude`, matched by text). With
    `event_days`, each RUWA event's copy is cut into events of that many days (as the
    index's stories run at most two weeks); else one event spans the copy's months."""
    if n <= 0:
        return StoredState([], np.zeros((0, embedder.dim), dtype=np.float32), [])
    skip = {r["text"] for r in exclude}
    # One cache for the whole corpus: cases that leave out different records share it.
    all_vectors = _cached_embeddings([r["text"] for r in records], embedder, cache_dir)
    keep = [i for i, r in enumerate(records) if r["text"] not in skip]
    base = [records[i] for i in keep]
    base_vectors = all_vectors[keep]
    rng = np.random.default_rng(seed)
    claims: list[Claim] = []
    chunks: list[np.ndarray] = []
    members: dict[str, list[Claim]] = defaultdict(list)
    names: dict[str, str] = {}
    copy = 0
    while len(claims) < n:
        take = min(len(base), n - len(claims))
        vectors = base_vectors[:take]
        if copy:
            vectors = vectors + rng.normal(0.0, NOISE, vectors.shape).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        chunks.append(vectors.astype(np.float32))
        for number, record in enumerate(base[:take]):
            event_id = f"stored-event-{copy}-{record.get('event') or 'none'}"
            if event_days:
                event_id += f"-{dt.date.fromisoformat(record['published']).toordinal() // event_days}"
            claim = _claim(record, copy, number, event_id)
            names[event_id] = record.get("event") or "none"
            claims.append(claim)
            members[event_id].append(claim)
        copy += 1
    events = [
        Event(
            id=event_id,
            label=f"{names[event_id]} (stored copy)",
            start_date=min(c.published for c in group if c.published),
            end_date=max(c.published for c in group if c.published),
            claim_ids=tuple(c.id for c in group),
            sides=tuple(sorted({c.side for c in group})),
        )
        for event_id, group in members.items()
    ]
    return StoredState(claims, np.concatenate(chunks), events)


def stored_analyses(state: StoredState) -> list[ArticleAnalysis]:
    """One stored article per claim (its text is the claim), for `Store.save`."""
    return [
        ArticleAnalysis(
            article=Article(id=c.article_id, text=c.text, outlet=c.speaker, published=c.published),
            claims=(c,),
        )
        for c in state.claims
    ]
