"""`narratives token`: a new API write token and the digest the operator configures."""
from __future__ import annotations

import click


@click.command()
def token() -> None:
    """Print a new random API token (give it to the client) and its SHA-256 digest (add it to
    NARRATIVES_API_TOKEN_HASHES, comma-separated). Only the digest is stored."""
    from service.access import new_token

    secret, digest = new_token()
    click.echo(f"token:  {secret}")
    click.echo(f"digest: {digest}")
