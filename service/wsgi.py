"""WSGI entry point for gunicorn: `gunicorn --preload service.wsgi:app`.

With `--preload` the models load once in the master and are shared copy-on-write by the
workers. Database connections must not cross a fork, so each child drops the pool it
inherited and opens its own.
"""
from __future__ import annotations

import os

from service import create_app

app = create_app()
os.register_at_fork(after_in_child=lambda: app.extensions["narratives"].store.engine.dispose(close=False))
