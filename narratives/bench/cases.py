"""Benchmark cases. Each runs in its own process and prints one JSON object:

    python -m narratives.bench.cases CASE SPEC_JSON_FILE

`SPEC` names the corpus (`polnear` / `ruwa` / `mixed` record lists written by the runner)
and the case's options. Every result carries `rss_mb` (this process's peak RSS).
"""
from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from narratives.bench.timing import MethodTimer, Stopwatch, Timed, TimedPipe, current_rss_mb, peak_rss_mb
from narratives.config import configure_offline, load_settings


def _records(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return json.loads(Path(spec["records"]).read_text(encoding="utf-8"))


def _words(records: list[dict[str, Any]]) -> int:
    return sum(len(r["text"].split()) for r in records)


def stages(spec: dict[str, Any]) -> dict[str, Any]:
    """Per-stage wall time over one corpus: ingest, parse, attribution, side, embed, align, pair.

    The pipeline runs as it always does, its models wrapped in timers, except that it
    parses in line rather than in the parse-ahead thread, so each stage's time is its own.
    Attribution includes the learned span tagger, whose own time is also reported as
    `attribution_tagger_seconds`; the batch embedding of the claim texts counts as embed
    (the side classifier and the index then find them cached)."""
    from narratives.bench.parts import build_articles, load_parts, warm_up_parts

    parts = load_parts(load_settings())
    warm_up_parts(parts)
    # A copy to wrap in timers: with models shared in-process, later cases get them bare.
    analyzer, index = replace(parts.analyzer, parse_ahead=False), parts.index
    records = _records(spec)
    watch = Stopwatch()
    parser = analyzer.nlp = TimedPipe(analyzer.nlp)
    tagger = analyzer.tagger = Timed(analyzer.tagger, "extract_many") if analyzer.tagger else None
    side = analyzer.side_classifier = (
        Timed(analyzer.side_classifier, "predict_proba") if analyzer.side_classifier else None
    )
    batch_embedder = analyzer.embedder = Timed(analyzer.embedder, "embed") if analyzer.embedder else None
    index.embedder = embedder = Timed(index.embedder, "embed")
    # Alignment is choosing each claim's event and refreshing the events; the rest of
    # `add` (candidate scoring, storing pairs) is pairing.
    aligners = [MethodTimer(index, "_link_claim"), MethodTimer(index, "_refresh_event")]
    with watch("ingest"):
        articles = build_articles(records)
    with watch("analyze"):
        analyses = analyzer.analyze(articles)
    with watch("index"):
        result = index.add(analyses)
    batch_embedding = batch_embedder.seconds if batch_embedder else 0.0
    side_seconds = side.seconds if side else 0.0
    align = sum(t.seconds for t in aligners)
    seconds = {
        "ingest": watch.seconds["ingest"],
        "parse": parser.seconds,
        "attribution": watch.seconds["analyze"] - parser.seconds - side_seconds - batch_embedding,
        "side": side_seconds,
        "embed": batch_embedding + embedder.seconds,
        "align": align,
        "pair": watch.seconds["index"] - embedder.seconds - align,
    }
    total = sum(seconds.values())
    n, words = len(records), _words(records)
    table = {
        name: {
            "seconds": round(s, 3),
            "articles_per_s": round(n / s, 2) if s > 0 else None,
            "words_per_s": round(words / s, 1) if s > 0 else None,
            "share": round(s / total, 4) if total else 0.0,
        }
        for name, s in seconds.items()
    }
    return {"articles": n, "words": words, "claims": len(result.claims), "pairs": len(result.pairs),
            "seconds": round(total, 3), "stages": table,
            "attribution_tagger_seconds": round(tagger.seconds, 3) if tagger else 0.0}


def _link_corpus(parts: Any, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Ingest, analyse and link `records` into `parts.index`, timed."""
    from narratives.bench.parts import build_articles

    analyzer, index = parts.analyzer, parts.index
    # Claim texts are embedded by the analyzer in one call per batch; the index finds them cached.
    batch_embedder = analyzer.embedder = Timed(analyzer.embedder, "embed") if analyzer.embedder else None
    index.embedder = embedder = Timed(index.embedder, "embed")
    index.contradiction = scorer = Timed(index.contradiction, "predict", record=True)
    started = time.perf_counter()
    articles = build_articles(records)
    result = index.add(analyzer.analyze(articles))
    seconds = time.perf_counter() - started
    index.embedder, index.contradiction = embedder._inner, scorer._inner
    embed_seconds = embedder.seconds
    if batch_embedder is not None:
        analyzer.embedder = batch_embedder._inner
        embed_seconds += batch_embedder.seconds
    return {"seconds": seconds, "articles": articles, "result": result, "embed_seconds": embed_seconds,
            "contradiction_seconds": scorer.seconds, "scored": list(scorer.inputs)}


def _floor(parts: Any, run: dict[str, Any], threads: int) -> dict[str, Any]:
    """Only the unavoidable model work of `run`: parse every text, embed every claim and
    every article's headline + lede once (a fresh embedder, so no cache helps), score the
    pairs the run actually scored."""
    from narratives.bench.parts import warm_up
    from narratives.composition import new_embedder
    from narratives.events.stories import lede_text

    embedder = new_embedder(threads=threads)
    warm_up(nlp=parts.analyzer.nlp, embedder=embedder)
    watch = Stopwatch()
    with watch("parse"):
        for _ in parts.analyzer.nlp.pipe(sorted((a.text for a in run["articles"]), key=len), batch_size=32):
            pass
    with watch("embed"):
        embedder.embed([c.text for c in run["result"].claims] + [lede_text(a) for a in run["articles"]])
    with watch("contradiction"):
        parts.index.contradiction.predict(run["scored"])
    return {"seconds": round(sum(watch.seconds.values()), 3),
            "parts": {k: round(v, 3) for k, v in watch.seconds.items()}}


def end_to_end(spec: dict[str, Any]) -> dict[str, Any]:
    """Ingest + analyse + link `records` into an index that already holds `stored` claims.

    With `floor`, the floor of the same work is measured right after, in this process;
    with `paired_empty`, the same corpus is first run against an empty store here, so the
    growth ratio compares two runs under the same machine load. `pairs_out` receives the
    pairs found.
    """
    from narratives.bench.corpora import all_ruwa_records
    from narratives.bench.parts import FreshEmbedder, load_parts, warm_up_parts
    from narratives.bench.stored import build_stored
    from narratives.composition import load_side_classifier, new_embedder
    from narratives.index.narrative_index import NarrativeIndex

    settings = load_settings()
    parts = load_parts(settings)
    warm_up_parts(parts)
    records = _records(spec)
    stored_n = int(spec.get("stored", 0))
    paired: dict[str, Any] | None = None
    if stored_n and spec.get("paired_empty"):
        # Its own embedder for the analyzer, side classifier and index alike: the texts
        # it embeds must not warm the cache of the run measured next.
        fresh = new_embedder(threads=settings.threads)
        fresh.embed(["warm-up"])
        analyzer = replace(parts.analyzer, embedder=fresh)
        if analyzer.side_classifier is not None:
            analyzer.side_classifier = load_side_classifier(settings, embedder=fresh)
        empty = NarrativeIndex(embedder=fresh, contradiction=parts.index.contradiction, settings=settings)
        paired = _link_corpus(type(parts)(analyzer=analyzer, index=empty), records)
        del empty, analyzer, fresh
    load_seconds = 0.0
    rss_before = current_rss_mb()
    if stored_n:
        pool = all_ruwa_records(settings.shared_data)[: spec.get("stored_pool") or None]
        state = build_stored(pool, stored_n, embedder=FreshEmbedder(settings.threads),
                             cache_dir=Path(spec["cache_dir"]), exclude=records)
        started = time.perf_counter()
        parts.index.load(state.claims, state.embeddings, state.events, state.pairs)
        load_seconds = time.perf_counter() - started
        del state
    rss_loaded = current_rss_mb()
    run = _link_corpus(parts, records)
    result, seconds, n = run["result"], run["seconds"], len(records)
    if spec.get("pairs_out"):
        Path(spec["pairs_out"]).write_text(json.dumps(
            sorted([p.id, p.a, p.b, p.relation] for p in result.pairs)), encoding="utf-8")
    report = {
        "articles": n, "words": _words(records), "stored": stored_n,
        "claims": len(result.claims), "pairs": len(result.pairs), "events": len(result.events),
        "seconds": round(seconds, 3),
        "per_article_ms": round(1000 * seconds / max(1, n), 2),
        "articles_per_s": round(n / seconds, 2) if seconds else None,
        "embed_seconds": round(run["embed_seconds"], 3),
        "contradiction_seconds": round(run["contradiction_seconds"], 3),
        "pairs_scored": len(run["scored"]) // 2,
        "store_load_seconds": round(load_seconds, 2),
        "rss_store_mb": round(rss_loaded - rss_before, 1),
    }
    if paired is not None:
        report["paired_empty_per_article_ms"] = round(1000 * paired["seconds"] / max(1, n), 2)
    if spec.get("floor"):
        report["floor"] = _floor(parts, run, settings.threads)
    return report


CASES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "stages": stages,
    "e2e": end_to_end,
}


def run_case(name: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Run one case here; the result gets `rss_mb`, this process's peak RSS so far."""
    from narratives.bench import api, engines, naive

    cases = {**CASES, "naive": naive.naive_case, "api": api.api_case, "engines": engines.engines_case}
    configure_offline()
    result = cases[name](spec)
    result["rss_mb"] = round(peak_rss_mb(), 1)
    return result


def main(argv: list[str]) -> None:
    name, spec_path = argv[1], argv[2]
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    sys.stdout.write(json.dumps(run_case(name, spec)) + "\n")


if __name__ == "__main__":
    main(sys.argv)
