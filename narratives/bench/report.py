"""The bench report as Markdown tables (what `narratives bench` prints without `--json`)."""
from __future__ import annotations

from typing import Any, Sequence

STAGES = ("ingest", "parse", "attribution", "side", "embed", "align", "pair")


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    def cell(value: Any) -> str:
        if value is None:
            return "-"
        if isinstance(value, float):
            return f"{value:,.3g}" if abs(value) < 10 else f"{value:,.1f}"
        return f"{value:,}" if isinstance(value, int) else str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def _verdict(value: float | None, bar: float, *, at_most: bool) -> str:
    if value is None:
        return "n/a"
    ok = value <= bar if at_most else value >= bar
    return "meets" if ok else "MISSES"


def render_table(report: dict[str, Any]) -> str:
    corpus = report["stages_corpus"]
    out = [f"## Per-stage throughput (PolNeAR: {corpus['articles']} articles, {corpus['words']:,} words, "
           f"{corpus['claims']:,} claims)", ""]
    stages = report["stages"]
    out += _table(
        ("stage", "seconds", "articles/s", "words/s", "share"),
        [(name, stages[name]["seconds"], stages[name]["articles_per_s"], stages[name]["words_per_s"],
          f"{100 * stages[name]['share']:.1f}%") for name in STAGES if name in stages],
    )
    out += [f"attribution includes the learned span tagger: {corpus.get('attribution_tagger_seconds', 0.0):.2f} s; "
            "side is the stance model (claim embeddings come from the batch call counted as embed)", ""]
    out += ["## End to end", ""]
    rows = []
    for name, runs in report["end_to_end"].items():
        for stored, run in runs.items():
            rows.append((name, int(stored), run["articles"], run["seconds"], run["articles_per_s"],
                         run["per_article_ms"], run["claims"], run["pairs"], run["pairs_scored"],
                         report["rss_mb"][f"e2e_{name}_{stored}"]))
    out += _table(("corpus", "stored claims", "articles", "seconds", "articles/s", "ms/article", "claims",
                   "pairs", "pairs scored", "peak RSS MB"), rows)
    floor_rows = []
    for name, ratio in report["floor_ratio"].items():
        floor = report["floor"][name]
        floor_rows.append((name, report["end_to_end"][name]["0"]["seconds"], floor["seconds"],
                           ", ".join(f"{k} {v:.2f}s" for k, v in floor["parts"].items()), ratio,
                           _verdict(ratio, 1.5, at_most=True)))
    out += ["## Floor (spaCy parse + claim embeddings + contradiction scoring of the pairs scored)", ""]
    out += _table(("corpus", "end-to-end s", "floor s", "floor parts", "ratio", "bar <= 1.5"), floor_rows)
    growth = report["growth_vs_empty"]
    out += [f"## Growth: ms/article with {growth['stored']:,} stored claims vs an empty store "
            "(both measured in the same process)", ""]
    out += _table(("corpus", "ratio", "bar <= 2"),
                  [(k, v, _verdict(v, 2.0, at_most=True)) for k, v in growth.items() if k != "stored"])
    naive = report["naive"]
    pairs = naive["pairs"]
    out += [f"## Naive baseline ({report['size']['ruwa']} RUWA records of one event + "
            f"{report['size']['polnear']} PolNeAR articles)", ""]
    out += _table(
        ("run", "seconds", "parts", "pairs found", "pairs scored"),
        [("naive", naive["naive"]["seconds"], ", ".join(f"{k} {v:.1f}s" for k, v in naive["naive"]["parts"].items())
          + (" (contradiction extrapolated)" if naive["naive"]["extrapolated"] else ""),
          pairs["naive"], naive["naive"]["pairs_scored"]),
         ("optimized", naive["optimized"]["seconds"], "", pairs["optimized"], naive["optimized"]["pairs_scored"])],
    )
    speedup = report["naive_speedup"]
    out += [f"speed-up: {speedup}x ({_verdict(speedup, 3.0, at_most=False)} the >= 3x bar); same pairs: "
            f"{'yes' if pairs['same'] else 'no'} ({pairs['only_optimized']} only optimized, "
            f"{pairs['only_naive']} only naive)", ""]
    api = report["api_latency_ms"]
    out += [f"## API latency ({report['api']['stored_claims']:,} claims stored, "
            f"~{report['api']['article_words']:.0f}-word articles)", ""]
    out += _table(("request", "p50 ms", "p95 ms", "max ms", "n"),
                  [("POST /api/v1/articles", *(api["post_articles"][k] for k in ("p50", "p95", "max", "n"))),
                   ("GET /api/v1/events/{id}", *(api["get_event"][k] for k in ("p50", "p95", "max", "n")))])
    out += ["## Memory", "", f"per stored claim: {report['memory_per_stored_claim_kb']} KB", ""]
    out += _table(("case", "peak RSS MB"), sorted(report["rss_mb"].items()))
    machine = report["machine"]
    out.append(f"machine: {machine['cpus']} CPUs, {machine['platform']}, Python {machine['python']}, "
               f"torch threads {machine['threads']}; bench took {report['bench_seconds']} s")
    return "\n".join(out)


def render_engines(report: dict[str, Any]) -> str:
    """The `narratives bench --engines` report: local vs Ray throughput, same outputs or not."""
    local, ray = report["local"], report["ray"]
    out = [f"## analyze --engine local vs --engine ray ({local['articles']} RUWA articles, "
           f"{report['machine']['cpus']} CPUs, {ray['actors']} Ray actor(s))", ""]
    out += _table(("engine", "start-up s", "run s", "articles/s", "claims", "pairs"),
                  [(name, run["startup_seconds"], run["seconds"], run["articles_per_s"], run["claims"], run["pairs"])
                   for name, run in (("local", local), ("ray", ray))])
    same = "yes" if report["same_outputs"] else f"NO ({', '.join(report['differing_files'])})"
    out.append(f"ray / local throughput: {report['ray_vs_local']}x; identical output files: {same}")
    return "\n".join(out)
