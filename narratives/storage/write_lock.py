"""One writer at a time across processes: the lock the service holds while it reads its
window of the store, links new articles and commits what the index decided.

Every worker reads the date window of its new articles from the store and decides in
memory, so a write is only correct if nobody else commits between the worker reading the
store and committing its own changes. Within a
process a thread lock does that; across processes (gunicorn workers) this module does:
PostgreSQL's session-level advisory lock, or an exclusive `flock` on a file beside the
SQLite database. An in-memory SQLite store lives in one process and needs neither.
"""
from __future__ import annotations

import contextlib
import fcntl
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, text

# The advisory lock key: any 64-bit number other applications on the database do not use.
WRITE_LOCK_KEY = 0x6E61727261746976  # "narrativ"


@contextlib.contextmanager
def _advisory_lock(engine: Engine) -> Iterator[None]:
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": WRITE_LOCK_KEY})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": WRITE_LOCK_KEY})
            connection.commit()


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    # Opened afresh each time: a descriptor inherited across fork would share the lock.
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_lock(engine: Engine) -> contextlib.AbstractContextManager[None]:
    """A context manager that holds the store's cross-process write lock."""
    url = engine.url
    if url.get_backend_name() == "postgresql":
        return _advisory_lock(engine)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return _file_lock(Path(url.database + ".write-lock"))
    return contextlib.nullcontext()
