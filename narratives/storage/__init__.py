"""Storage: SQLAlchemy 2.x over SQLite (WAL, the default) or PostgreSQL, migrated by Alembic."""
from __future__ import annotations

from narratives.storage.pagination import InvalidCursorError, Page
from narratives.storage.store import ArticleSummary, IndexState, LinkChanges, Store

__all__ = ["ArticleSummary", "IndexState", "InvalidCursorError", "LinkChanges", "Page", "Store"]
