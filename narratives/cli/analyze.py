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
def analyze(inputs: tuple[Path, ...], out_dir: Path, fmt: str, progress: bool | None, as_json: bool) -> None:
    """Analyse articles: attributed claims, sides, events and claim vs counter-claim pairs.

    Exit code 0 when every input was analysed, 1 when some failed (see failures.jsonl),
    2 on a usage error.
    """
    from tqdm import tqdm

    from narratives.batch import BatchRun
    from narratives.inputs import read_inputs
    from narratives.services import load_index
    from narratives.pipeline import load_analyzer

    from narratives.config import load_settings
    from narratives.registry import load_registry

    try:
        load_registry(load_settings().registry)  # before the models: a broken registry fails fast
        analyzer = load_analyzer()
        index = load_index()
    except NarrativesError as exc:
        raise click.ClickException(exc.format_message()) from exc
    show = sys.stderr.isatty() if progress is None else progress
    with tqdm(desc="articles", unit="art", disable=not show, file=sys.stderr) as bar:
        summary = BatchRun(analyzer=analyzer, index=index, out_dir=out_dir).run(
            read_inputs(inputs, fmt=fmt),  # type: ignore[arg-type]
            on_progress=bar.update,
        )
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
