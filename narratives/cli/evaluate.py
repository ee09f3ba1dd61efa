"""`narratives eval TASK`: each task prints a table, or one JSON object with `--json`."""
from __future__ import annotations

import click

from narratives.cli import LazyGroup


@click.group(
    name="eval",
    cls=LazyGroup,
    lazy={
        "gold": "narratives.evaluation.gold:command",
        "attribution": "narratives.evaluation.attribution:command",
        "nli": "narratives.evaluation.nli:command",
        "fnc1": "narratives.evaluation.fnc1:command",
        "stance": "narratives.evaluation.stance:command",
        "speakers": "narratives.evaluation.speakers:command",
        "events": "narratives.evaluation.events:command",
        "pairs": "narratives.evaluation.pairs:command",
    },
)
def evaluate() -> None:
    """Measure the pipeline against gold and public data sets."""
