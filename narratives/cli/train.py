"""`narratives train MODEL`: reproduce a shipped artifact end to end.

Each command reads its corpus (`narratives.corpora`) and hands the records to the
trainer in `models/training` through `narratives.composition`.
"""
from __future__ import annotations

import click

from narratives.cli import LazyGroup


@click.group(
    cls=LazyGroup,
    lazy={
        "contradiction": "narratives.cli.train_contradiction:command",
        "stance": "narratives.cli.train_stance:command",
        "attribution": "narratives.cli.train_attribution:command",
    },
)
def train() -> None:
    """Train the project's learned components (deterministic, CPU)."""
