"""Pairing cost per new article against stores of 1k, 10k and 100k claims.

    .venv/bin/python benchmarks/pairing_growth.py [--sizes 1000,10000,100000] [--articles 5]

The store is synthetic but shaped like a news stream: a steady volume of claims per day
(`--per-day`), 20% of them close paraphrases of the new articles' claims (so candidates
and contradiction-model calls really happen), the rest unrelated directions; two sides
alternate; claims are grouped into events per topic and day. It is loaded with
`NarrativeIndex.load` (no model calls). Each new article is the seed gold's claims under
fresh ids, dated on the store's last day, embedded by the real MiniLM model and scored
by the shipped contradiction model (structure-only pairing if it is not trained yet).

Printed per store size: claims inside the new article's date window, ms per article,
and the ratio to the smallest store. A second table repeats the worst case where every
stored claim falls inside one date window (the matmul then covers the whole store).
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import statistics
import time
from pathlib import Path

import numpy as np

from narratives.config import configure_offline, load_settings
from narratives.errors import ModelUnavailableError
from narratives.index.narrative_index import NarrativeIndex
from narratives.types import Article, ArticleAnalysis, Claim, Event, Span

LAST_DAY = dt.date(2024, 6, 30)


def _claim(cid: str, text: str, side: str, published: dt.date, article: str) -> Claim:
    return Claim(
        id=cid, article_id=article, text=text, start=0, end=len(text), content_spans=(Span(0, len(text)),),
        sentence=Span(0, len(text)), speaker=f"{side} official", speaker_start=None, speaker_end=None,
        cue="said", cue_start=None, cue_end=None, kind="indirect", side=side, side_confidence=1.0,
        side_evidence="benchmark", side_decided_by="registry", published=published,
    )


def gold_texts() -> list[tuple[str, str]]:
    gold = next(load_settings().gold_dir.glob("*.json"))
    return [(c["content"], c["side"]) for c in json.loads(gold.read_text(encoding="utf-8"))["claims"]]


def synthetic_store(n: int, base: np.ndarray, texts: list[tuple[str, str]], *, per_day: int, seed: int = 7):
    """`n` claims, embeddings (n, dim), events: what `NarrativeIndex.load` takes."""
    rng = np.random.default_rng(seed)
    dim = base.shape[1]
    days = max(1, n // per_day)
    claims, vectors = [], np.empty((n, dim), np.float32)
    members: dict[tuple[int, int], list[str]] = {}
    for i in range(n):
        day = LAST_DAY - dt.timedelta(days=days - 1 - (i * days) // n)
        side = ("russia", "ukraine")[i % 2]
        if rng.random() < 0.2:
            topic = int(rng.integers(len(texts)))
            vector = base[topic] + rng.normal(0, 0.02, dim)
            text = texts[topic][0]
        else:
            topic = -1 - int(rng.integers(1000))
            vector = rng.normal(0, 1, dim)
            text = f"unrelated statement number {i}"
        vectors[i] = vector / np.linalg.norm(vector)
        claim = _claim(f"s{i}", text, side, day, f"sa{i}")
        claims.append(claim)
        members.setdefault((topic, day.toordinal()), []).append(claim.id)
    events = [
        Event(f"ev_s{k}", f"synthetic {k}", None, None, tuple(ids), ("russia", "ukraine"))
        for k, ids in enumerate(members.values())
    ]
    return claims, vectors, events


def new_articles(texts: list[tuple[str, str]], count: int) -> list[ArticleAnalysis]:
    out = []
    for a in range(count):
        claims = tuple(_claim(f"new{a}-{i}", t, side, LAST_DAY, f"new{a}") for i, (t, side) in enumerate(texts))
        article = Article(id=f"new{a}", text=" ".join(t for t, _ in texts), published=LAST_DAY)
        out.append(ArticleAnalysis(article, claims))
    return out


def time_per_article(n: int, *, per_day: int, articles: int, embedder, model, texts, base) -> tuple[float, int, int]:
    claims, vectors, events = synthetic_store(n, base, texts, per_day=per_day)
    index = NarrativeIndex(embedder=embedder, contradiction=model)
    index.load(claims, vectors, events, [])
    window = len(index._vectors.window_rows(LAST_DAY, index.tuning.alignment.window_days))
    timings, pairs = [], 0
    for analysis in new_articles(texts, articles):
        started = time.perf_counter()
        result = index.add([analysis])
        timings.append(time.perf_counter() - started)
        pairs += len(result.pairs)
        index.remove_article(analysis.article.id)
    return statistics.median(timings) * 1000, window, pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--per-day", type=int, default=300, help="stored claims per day in the stream case")
    parser.add_argument("--structure-only", action="store_true",
                        help="no contradiction model: time the index itself (search, events, structure rules)")
    args = parser.parse_args()
    configure_offline()
    from narratives.composition import load_contradiction_model, new_embedder

    embedder = new_embedder(threads=1)
    model, model_name = None, "none (structure-only pairing)"
    if not args.structure_only:
        try:
            model, model_name = load_contradiction_model(), "trained cross-encoder"
        except ModelUnavailableError:
            pass
    texts = gold_texts()
    base = embedder.embed([t for t, _ in texts])
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"new article: {len(texts)} claims; contradiction model: {model_name}")
    for title, per_day in (("news stream", args.per_day), ("worst case: whole store in one window", None)):
        print(f"\n{title}")
        print(f"{'stored':>8} {'in window':>10} {'ms/article':>11} {'pairs':>6} {'vs first':>9}")
        first = None
        for n in sizes:
            ms, window, pairs = time_per_article(
                n, per_day=per_day or n, articles=args.articles, embedder=embedder, model=model, texts=texts, base=base
            )
            first = first or ms
            print(f"{n:>8} {window:>10} {ms:>11.1f} {pairs:>6} {ms / first:>8.2f}x")


if __name__ == "__main__":
    main()
