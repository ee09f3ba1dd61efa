"""`narratives train attribution`: the cue/source/content span tagger on PolNeAR train."""
from __future__ import annotations

from pathlib import Path

import click

from narratives.config import load_settings


@click.command(name="attribution")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Artifact folder (default: models/artifacts/attribution).")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Corpus root with train/text and train/attributions (default: shared PolNeAR).")
@click.option("--epochs", type=int, default=None, help="Training epochs (default: 1, as the shipped tagger).")
@click.option("--limit", type=int, default=None, help="Train on the first N texts only (smoke runs).")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--threads", type=int, default=1, show_default=True)
@click.option("--teacher", "teacher_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Distil this trained tagger (an artifact folder) into a smaller one.")
@click.option("--layers", type=int, default=None,
              help="Encoder layers of the distilled tagger (with --teacher; default: the teacher's).")
def command(out_dir: Path | None, data_dir: Path | None, epochs: int | None, limit: int | None, seed: int,
            threads: int, teacher_dir: Path | None, layers: int | None) -> None:
    """Fine-tune the cue/source/content span tagger on PolNeAR train (never dev or test)."""
    from narratives.composition import train_attribution_tagger
    from narratives.corpora.polnear import read_split

    settings = load_settings()
    out_dir = out_dir or settings.artifacts / "attribution"
    if layers is not None and teacher_dir is None:
        raise click.UsageError("--layers needs --teacher (a smaller tagger is distilled from a trained one)")
    if teacher_dir is not None and Path(teacher_dir).resolve() == Path(out_dir).resolve():
        raise click.UsageError("--out must differ from --teacher: the teacher is read while the student is written")
    texts = list(read_split(data_dir or settings.shared_data / "polnear", "train"))[:limit]
    options = {"epochs": epochs} if epochs is not None else {}
    config = train_attribution_tagger(texts, out_dir, seed=seed, threads=threads, teacher_dir=teacher_dir,
                                      layers=layers, **options)
    click.echo(
        f"trained on {config['train_texts']} texts ({config['train_windows']} windows) in "
        f"{config['train_seconds']} s; weights sha256 {config['sha256']} -> {out_dir}"
    )
