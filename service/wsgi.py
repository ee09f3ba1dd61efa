"""WSGI entry point for gunicorn: `gunicorn --preload service.wsgi:app`.

With `--preload` the models load once in the master and are shared copy-on-write by the
workers. Database connections must not cross a fork, so each child drops the pool it
inherited and opens its own; torch's intra-op thread pool does not survive a fork either
("Invalid thread pool" on a fresh worker's first request), so each child sets it anew.
"""
from __future__ import annotations

import os

from models.embedder import set_torch_threads
from service import create_app

app = create_app()


def _after_fork_in_child() -> None:
    service = app.extensions["narratives"]
    service.store.engine.dispose(close=False)
    set_torch_threads(service.settings.threads)


os.register_at_fork(after_in_child=_after_fork_in_child)
