"""`narratives bench`: where the time goes, the floor, the naive baseline, memory, API latency."""
from __future__ import annotations

import json
from pathlib import Path

import click

from narratives.errors import NarrativesError


@click.command()
@click.option("--quick", is_flag=True, help="A small smoke run (about a minute): tiny corpora and stores.")
@click.option("--polnear", type=int, default=None, help="PolNeAR articles (default 50).")
@click.option("--ruwa", type=int, default=None, help="RUWA records of one event (default 300).")
@click.option("--stores", default=None, help="Stored-claim counts, comma-separated (default 0,10000,100000).")
@click.option("--naive-pair-cap", type=int, default=None,
              help="Score at most this many pairs one by one in the naive run and extrapolate the rest (default 6000; 0: all).")
@click.option("--engines", is_flag=True,
              help="Only compare `analyze --engine local` and `--engine ray` on the first --ruwa RUWA rows (default 300).")
@click.option("--hostile", is_flag=True,
              help="Only the hostile-input case (issue 20): the probe's inputs posted to a running service.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the JSON report to this file.")
def bench(quick: bool, polnear: int | None, ruwa: int | None, stores: str | None,
          naive_pair_cap: int | None, engines: bool, hostile: bool, as_json: bool, out: Path | None) -> None:
    """Benchmark the pipeline: per-stage throughput, end-to-end against the floor and a naive
    baseline, growth with 10k/100k stored claims, peak RSS per case and API latency.

    Each case runs in its own process. The default run takes about thirteen minutes on 2 cores.
    """
    from dataclasses import replace

    from narratives.bench.report import render_engines, render_table
    from narratives.bench.runner import FULL, QUICK, run_bench, run_engines_bench

    if engines:
        try:
            report = run_engines_bench(ruwa or FULL.ruwa)
        except NarrativesError as exc:
            raise click.ClickException(exc.format_message()) from exc
        _emit(report, render_engines(report), as_json=as_json, out=out)
        return
    if hostile:
        from narratives.bench.hostile import hostile_case, render_hostile

        try:
            report = hostile_case()
        except NarrativesError as exc:
            raise click.ClickException(exc.format_message()) from exc
        _emit(report, render_hostile(report), as_json=as_json, out=out)
        return
    size = QUICK if quick else FULL
    overrides = {"polnear": polnear, "ruwa": ruwa, "naive_pair_cap": naive_pair_cap}
    size = replace(size, **{k: v for k, v in overrides.items() if v is not None})
    if stores:
        size = replace(size, stores=tuple(sorted({0, *(int(s) for s in stores.split(","))})))
    try:
        report = run_bench(size, on_progress=lambda message: click.echo(f"bench: {message}", err=True))
    except NarrativesError as exc:
        raise click.ClickException(exc.format_message()) from exc
    _emit(report, render_table(report), as_json=as_json, out=out)


def _emit(report: dict, table: str, *, as_json: bool, out: Path | None) -> None:
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    click.echo(json.dumps(report) if as_json else table)
