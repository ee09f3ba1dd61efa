"""`narratives train contradiction`: the NLI cross-encoder on the selected NLI sets."""
from __future__ import annotations

from pathlib import Path

import click

from narratives.config import load_settings


@click.command(name="contradiction")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Artifact directory.")
@click.option("--datasets", default="snli_dev", show_default=True,
              help="Comma-separated: snli_dev, cad_snli (permissive); sick, anli (non-commercial); "
                   "lingnli (no licence stated). The first one supplies the validation slice.")
@click.option("--permissive-only", is_flag=True,
              help="Refuse any selected set whose licence is non-commercial or unstated.")
@click.option("--init", "init_from", type=click.Path(exists=True, file_okay=False), default=None,
              help="Continue from a trained artifact directory instead of fresh MiniLM.")
@click.option("--checkpoint-steps", default=None, type=int,
              help="Also save the latest weights to OUT/latest every N steps.")
@click.option("--epochs", default=4, show_default=True, type=int)
@click.option("--seed", default=13, show_default=True, type=int)
@click.option("--batch-size", default=16, show_default=True, type=int)
@click.option("--lr", "learning_rate", default=5e-5, show_default=True, type=float)
@click.option("--max-examples", default=None, type=int, help="Subsample the training pairs (quick runs).")
@click.option("--threads", default=1, show_default=True, type=int, help="torch CPU threads.")
@click.option("--swap-contradictions", is_flag=True,
              help="Also train on every contradiction pair with premise and hypothesis swapped.")
def command(out_dir: Path, datasets: str, permissive_only: bool, init_from: str | None,
            checkpoint_steps: int | None, epochs: int, seed: int, batch_size: int,
            learning_rate: float, max_examples: int | None, threads: int, swap_contradictions: bool) -> None:
    """Train the NLI cross-encoder (MiniLM init) and write the artifact to OUT."""
    from narratives.composition import train_contradiction_model
    from narratives.corpora.nli import (
        VALIDATION_SIZE, load_training_examples, parse_dataset_names, training_and_validation,
    )

    selected = parse_dataset_names(datasets, permissive_only=permissive_only)
    examples = load_training_examples(load_settings().shared_data / "nli", selected)
    train_examples, validation = training_and_validation(examples, selected, size=VALIDATION_SIZE, seed=seed)
    record = train_contradiction_model(
        out_dir, train_examples=train_examples, validation=validation, datasets=selected,
        validation_size=VALIDATION_SIZE, epochs=epochs, seed=seed, batch_size=batch_size,
        learning_rate=learning_rate, max_examples=max_examples, threads=threads,
        swap_contradictions=swap_contradictions, permissive_only=permissive_only,
        init_from=init_from, checkpoint_steps=checkpoint_steps,
    )
    click.echo(
        f"saved {out_dir / record['weights_file']}: {record['train_pairs']} training pairs, "
        f"best validation accuracy {record['best_validation_accuracy']:.4f}, "
        f"{record['training_seconds']:.0f} s"
    )
