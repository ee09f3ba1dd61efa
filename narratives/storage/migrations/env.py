"""Alembic environment: runs on the connection `narratives.storage.engine.migrate` passes in."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from narratives.storage.tables import Base

target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    with create_engine(context.config.get_main_option("sqlalchemy.url")).begin() as own:
        _run(own)
