"""Domain objects -> plain JSON-ready dicts, per the contracts in DESIGN.md."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from narratives.types import Article, ArticleFailure, Claim, ClaimPair, Event, Span


def _plain(value: Any) -> Any:
    if isinstance(value, Span):
        return [value.start, value.end]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def to_dict(obj: Article | ArticleFailure | Claim | Event | ClaimPair) -> dict[str, Any]:
    """Every field of a domain dataclass; spans as `[start, end]`, dates as ISO strings."""
    return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
