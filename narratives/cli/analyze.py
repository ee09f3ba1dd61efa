"""`narratives analyze INPUT... --out-dir DIR`: batch analysis to JSONL files and a report."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from narratives.errors import NarrativesError


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out-dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory for articles/claims/events/pairs.jsonl, failures.jsonl and report.html.")
@click.option("--format", "fmt", type=click.Choice(["auto", "ruwa-csv"]), default="auto", show_default=True,
              help="auto: by file suffix (.jsonl, .json, .txt, .html, directories); ruwa-csv: the RUWA CSV.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: this process; ray: parse, attribute, embed and assign sides in Ray actors "
                   "(same outputs byte for byte).")
@click.option("--address", default=None,
              help="With --engine ray: the Ray cluster to join (e.g. HEAD:6379); default: start a local one.")
@click.option("--actors", type=click.IntRange(1), default=None,
              help="With --engine ray: how many actors (default: the cluster's CPUs less one).")
def analyze(inputs: tuple[Path, ...], out_dir: Path, fmt: str, progress: bool | None, as_json: bool,
            engine: str, address: str | None, actors: int | None) -> None:
    """Analyse articles: attributed claims, sides, events and claim vs counter-claim pairs.

    Exit code 0 when every input was analysed, 1 when some failed (see failures.jsonl),
    2 on a usage error.
    """
    from tqdm import tqdm

    from narratives.batch.run import BatchRun
    from narratives.ingest.inputs import read_inputs

    if engine == "local" and (address or actors):
        raise click.UsageError("--address and --actors apply to --engine ray only")
    try:
        chunk_engine, index, close = _engine(engine, address=address, actors=actors)
    except NarrativesError as exc:
        raise click.ClickException(exc.format_message()) from exc
    show = sys.stderr.isatty() if progress is None else progress
    try:
        with tqdm(desc="articles", unit="art", disable=not show, file=sys.stderr) as bar:
            summary = BatchRun(engine=chunk_engine, index=index, out_dir=out_dir).run(
                read_inputs(inputs, fmt=fmt),  # type: ignore[arg-type]
                on_progress=bar.update,
            )
    except NarrativesError as exc:
        raise click.ClickException(exc.format_message()) from exc
    finally:
        close()
    if as_json:
        click.echo(json.dumps(summary.as_dict()))
    else:
        relations = ", ".join(f"{n} {r}" for r, n in sorted(summary.relations.items())) or "none"
        click.echo(
            f"articles: {summary.articles} analysed, {summary.duplicates} duplicates skipped, "
            f"{len(summary.failures)} failed\n"
            f"claims: {summary.claims}  events: {summary.events}  pairs: {summary.pairs} ({relations})\n"
            f"time: {summary.seconds:.1f} s, {summary.articles_per_second:.1f} articles/s\n"
            f"outputs: {out_dir}"
        )
        for failure in summary.failures[:20]:
            click.echo(f"  failed {failure.source}: {failure.code}: {failure.message}", err=True)
        if len(summary.failures) > 20:
            click.echo(f"  ... and {len(summary.failures) - 20} more in {out_dir / 'failures.jsonl'}", err=True)
    if summary.failures:
        sys.exit(1)


def _engine(name: str, *, address: str | None, actors: int | None):
    """(chunk engine, index, close) for `--engine name`."""
    from narratives.batch.run import LocalEngine
    from narratives.composition import load_analyzer, load_index
    from narratives.config import load_settings
    from narratives.sides.registry import load_registry

    settings = load_settings()
    load_registry(settings.registry)  # before the models: a broken registry fails fast
    index = load_index(settings)
    if name == "local":
        return LocalEngine(load_analyzer(settings)), index, lambda: None
    from narratives.batch.ray_engine import start_ray_engine

    ray_engine = start_ray_engine(settings, fallback_embedder=index.embedder, address=address, actors=actors)
    # The index finds each chunk's claim vectors as the actors computed them.
    index.embedder = ray_engine.embedder
    return ray_engine, index, ray_engine.close
