"""The actor registry as JSON for `GET /api/v1/sides`."""
from __future__ import annotations

import dataclasses
from typing import Any, Iterable

from narratives.types import DEFAULT_SIDES


def _plain(item: Any) -> dict[str, object]:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return {k: list(v) if isinstance(v, (tuple, frozenset, set)) else v for k, v in dataclasses.asdict(item).items()}
    if isinstance(item, dict):
        return dict(item)
    return {"id": str(item)}


def _items(collection: Any) -> Iterable[Any]:
    if collection is None:
        return []
    if isinstance(collection, dict):
        return [
            value if not isinstance(value, str) else {"id": key, "label": value}
            for key, value in collection.items()
        ]
    return list(collection)


def registry_view(registry: Any) -> dict[str, list[dict[str, object]]]:
    """`{"sides": [...], "actors": [...]}`; the default sides when no registry is loaded."""
    if registry is None:
        return {"sides": [{"id": side} for side in DEFAULT_SIDES], "actors": []}
    sides = [_plain(s) for s in _items(getattr(registry, "sides", None))] or [{"id": s} for s in DEFAULT_SIDES]
    actors = [_plain(a) for a in _items(getattr(registry, "actors", None))]
    return {"sides": sides, "actors": actors}
