"""`narratives serve`: the web service on the configured store, seed articles analysed first.

For production run gunicorn on `service.wsgi:app` instead (see docs/service.md); this
command uses Werkzeug's threaded server.
"""
from __future__ import annotations

from pathlib import Path

import click

from narratives.config import load_settings
from narratives.errors import NarrativesError


def seed_store(service, paths: tuple[Path, ...]) -> tuple[int, int]:
    """Analyse and store the articles under `paths` unless already stored: (new, known)."""
    from narratives.ingest.inputs import InputRecord, read_inputs

    new = known = 0
    for item in read_inputs(paths):
        if not isinstance(item, InputRecord):
            raise click.ClickException(f"cannot read seed {item.source}: {item.message}")
        posted = service.post_articles([item.record])[0]
        if posted.duplicate:
            known += 1
        else:
            new += 1
    return new, known


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--seed",
    "seeds",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="File or directory of articles (.txt/.html/.jsonl) to analyse and store on start if not stored yet.",
)
def serve(host: str, port: int, seeds: tuple[Path, ...]) -> None:
    """Run the REST API and web page. The store is NARRATIVES_DATABASE_URL (default: SQLite under the data dir)."""
    from werkzeug.serving import make_server

    from narratives.sides.registry import load_registry
    from service import create_app
    from service.transport import QuietRequestHandler

    settings = load_settings()
    click.echo(f"narratives: loading models; store {settings.effective_database_url}", err=True)
    try:
        load_registry(settings.registry)  # a broken registry stops start-up, naming file, line and field
        app = create_app()
        service = app.extensions["narratives"]
        not_ready = {k: v for k, v in service.readiness().items() if v != "ok"}
        for component, reason in not_ready.items():
            click.echo(f"narratives: warning: {component} not ready: {reason}", err=True)
        if seeds and not_ready:
            click.echo("narratives: warning: seed articles not analysed until the models above are installed", err=True)
        elif seeds:
            new, known = seed_store(service, seeds)
            click.echo(f"narratives: seed articles: {new} analysed, {known} already stored", err=True)
    except NarrativesError as exc:
        raise click.ClickException(exc.format_message()) from exc
    server = make_server(host, port, app, threaded=True, request_handler=QuietRequestHandler)
    click.echo(f"narratives: serving on http://{host}:{server.server_port}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("narratives: stopped", err=True)
    finally:
        server.server_close()
