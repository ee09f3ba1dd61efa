"""The naive baseline: the script a user would write with the same models and rules.

One `nlp()` call per article, one embedding call per claim (no cache), and the
contradiction model run on every cross-side pair of pairable claims within each event,
one pair per call in both directions. Events come from the same alignment as the product
(one `NarrativeIndex.add` over all articles, as `narratives analyze` does). The pairs it reports follow the
same rules as the product (`narratives.pairing.score`), fed from those exhaustive scores, so the
two runs can be checked for the same pairs.
"""
from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from narratives.bench.timing import Stopwatch
from narratives.config import load_settings
from narratives.types import ArticleAnalysis, Claim


class LookupEmbedder:
    """Hands back vectors computed earlier, keyed by text (the naive run already paid)."""

    def __init__(self, vectors: Mapping[str, np.ndarray], dim: int) -> None:
        self._vectors = vectors
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vectors[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


class TableContradiction:
    """Probabilities from the exhaustive table; a pair missing from it (only when the table
    was sampled) is scored by the model, taking `model_seconds`: work the extrapolated
    contradiction time already counts."""

    def __init__(self, table: dict[tuple[str, str], np.ndarray], model: Any) -> None:
        self._table = table
        self._model = model
        self.labels = model.labels
        self.model_seconds = 0.0

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        missing = [p for p in pairs if p not in self._table]
        if missing:
            started = time.perf_counter()
            self._table.update(zip(missing, self._model.predict(missing)))
            self.model_seconds += time.perf_counter() - started
        return np.stack([self._table[p] for p in pairs]) if pairs else np.zeros((0, len(self.labels)), np.float32)


def cross_side_pairs(events: Sequence[Any], claims: Mapping[str, Claim], tuning: Any) -> list[tuple[str, str]]:
    """Every (a, b) text pair, both directions, of pairable claims of different sides within an event."""
    from narratives.pairing.score import may_pair

    out: list[tuple[str, str]] = []
    for event in events:
        members = [claims[cid] for cid in event.claim_ids]
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if may_pair(a, b, tuning):
                    out += [(a.text, b.text), (b.text, a.text)]
    return out


def naive_case(spec: dict[str, Any]) -> dict[str, Any]:
    from narratives.attribution.claims import attribute_claims
    from narratives.bench.parts import build_articles, load_contradiction, load_parts, warm_up
    from narratives.composition import new_embedder
    from narratives.events.stories import lede_text
    from narratives.index.narrative_index import NarrativeIndex
    from narratives.pipeline import with_captions

    settings = load_settings()
    analyzer = load_parts(settings).analyzer
    embedder = new_embedder(cache_size=0, threads=settings.threads)
    model = load_contradiction()
    warm_up(nlp=analyzer.nlp, embedder=embedder, contradiction=model,
            side_classifier=analyzer.side_classifier, tagger=analyzer.tagger)
    records = json.loads(Path(spec["records"]).read_text(encoding="utf-8"))
    cap = int(spec.get("pair_cap", 0))
    watch = Stopwatch()
    with watch("analyse"):
        analyses = []
        for record in records:
            article = build_articles([record])[0]
            doc = analyzer.nlp(article.text)
            article = with_captions(article, doc)
            claims = attribute_claims(doc, article, registry=analyzer.registry,
                                      side_classifier=analyzer.side_classifier, tagger=analyzer.tagger)
            analyses.append(ArticleAnalysis(article=article, claims=tuple(claims)))
    with watch("embed"):
        # The claims, and each article's headline + lede that story alignment reads.
        texts = [c.text for a in analyses for c in a.claims] + [lede_text(a.article) for a in analyses]
        vectors = {t: embedder.embed([t])[0] for t in texts}
    lookup = LookupEmbedder(vectors, embedder.dim)
    with watch("align"):
        aligner = NarrativeIndex(embedder=lookup, contradiction=None, settings=settings)
        aligner.add(analyses)
    todo = cross_side_pairs(list(aligner.events.values()), aligner.claims, aligner.tuning.pairing)
    sample = todo if not cap or len(todo) <= cap else random.Random(0).sample(todo, cap)
    table: dict[tuple[str, str], np.ndarray] = {}
    with watch("contradiction"):
        for pair in sample:
            table[pair] = model.predict([pair])[0]
    if len(sample) < len(todo):
        watch.seconds["contradiction"] *= len(todo) / len(sample)
    scores = TableContradiction(table, model)
    with watch("pair"):
        pairer = NarrativeIndex(embedder=lookup, contradiction=scores, settings=settings)
        pairer.add(analyses)
    watch.seconds["pair"] -= scores.model_seconds
    if spec.get("pairs_out"):
        Path(spec["pairs_out"]).write_text(json.dumps(
            sorted([p.id, p.a, p.b, p.relation] for p in pairer.pairs.values())), encoding="utf-8")
    total = sum(watch.seconds.values())
    return {
        "articles": len(records), "claims": len(pairer.claims), "pairs": len(pairer.pairs),
        "seconds": round(total, 3), "parts": {k: round(v, 3) for k, v in watch.seconds.items()},
        "pairs_scored": len(todo) // 2, "pairs_scored_measured": len(sample) // 2,
        "extrapolated": len(sample) < len(todo),
    }
