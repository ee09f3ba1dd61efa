"""The `narratives` command line: analyze, eval, train, serve, bench, token.

Subcommands live in their own modules and are imported only when invoked, so
`narratives --help` stays fast and a missing optional part fails only its own command.
"""
from __future__ import annotations

import importlib

import click

from narratives.config import configure_offline


class LazyGroup(click.Group):
    """A click group whose subcommands are `module:attribute` strings, imported on use."""

    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self._lazy:
            module_name, attr = self._lazy[name].split(":")
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                return None  # this build has no such command
            return getattr(module, attr)
        return super().get_command(ctx, name)


@click.group(
    cls=LazyGroup,
    lazy={
        "analyze": "narratives.cli.analyze:analyze",
        "eval": "narratives.cli.evaluate:evaluate",
        "train": "narratives.cli.train:train",
        "serve": "narratives.cli.serve:serve",
        "bench": "narratives.cli.bench:bench",
        "token": "narratives.cli.token:token",
    },
)
@click.version_option(package_name="narratives")
def cli() -> None:
    """Compare competing narratives of the same war events."""
    configure_offline()


def main() -> None:
    cli(prog_name="narratives")
