"""`narratives train stance`: the side classifier on RUWA headlines of the training outlets.

Deterministic (lbfgs logistic regression, fixed vocabulary order, no random state), and
a few minutes on 2 idle CPU cores: embedding ~12k headlines and ledes and the
logistic regressions (one per left-out event for the temperature, one final) dominate.
"""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

import click

from narratives.config import PROJECT_ROOT, load_settings


@click.command(name="stance")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=PROJECT_ROOT / "models" / "artifacts" / "stance",
              show_default=True, help="Artifact directory.")
@click.option("--holdout-events/--all-events", default=False,
              help="Leave the evaluation's held-out events out of training too.")
def command(out_dir: Path, holdout_events: bool) -> None:
    """Train the side classifier on RUWA headlines of the training outlets."""
    from narratives.composition import fit_side_classifier, new_embedder, set_threads, side_examples
    from narratives.corpora.ruwa import TEST_EVENTS, TRAIN_OUTLETS, outlet_event_split, read_ruwa
    from narratives.sides.registry import load_registry

    settings = load_settings()
    set_threads(min(settings.threads, 2))
    started = time.perf_counter()
    examples = side_examples(read_ruwa(settings.shared_data / "ruwa" / "ruwa.csv"), registry=load_registry(settings.registry))
    if holdout_events:
        train, _ = outlet_event_split(examples)
    else:
        train = [e for e in examples if e.outlet in TRAIN_OUTLETS]
    model = fit_side_classifier(train, new_embedder())
    paths = model.save(out_dir)
    elapsed = time.perf_counter() - started
    counts = {side: sum(e.side == side for e in train) for side in model.sides}
    click.echo(f"trained on {len(train)} RUWA rows {counts} from {', '.join(TRAIN_OUTLETS)}"
               f"{' (events ' + ', '.join(TEST_EVENTS) + ' held out)' if holdout_events else ''}")
    click.echo(f"temperature {model.weights.temperature:.3f}, vocabulary {len(model.weights.vocabulary)}, {elapsed:.0f}s")
    for path in paths:
        click.echo(f"{path}  {path.stat().st_size} bytes  sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")
