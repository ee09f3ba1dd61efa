"""`narratives train MODEL`: reproduce a shipped artifact end to end."""
from __future__ import annotations

import click

from narratives.cli import LazyGroup


@click.group(
    cls=LazyGroup,
    lazy={
        "contradiction": "models.training.contradiction:command",
        "stance": "models.training.stance:command",
        "attribution": "models.training.attribution:command",
        "events": "narratives.evaluation.events:train_command",
    },
)
def train() -> None:
    """Train the project's learned components (deterministic, CPU)."""
