"""Domain objects <-> plain JSON-ready dicts, per the contracts in DESIGN.md."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from narratives.types import Article, Claim, ClaimPair, Event, Span


def _plain(value: Any) -> Any:
    if isinstance(value, Span):
        return [value.start, value.end]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def to_dict(obj: Article | Claim | Event | ClaimPair) -> dict[str, Any]:
    """Every field of a domain dataclass; spans as `[start, end]`, dates as ISO strings."""
    return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def article_summary(article: Article, *, claims: int | None = None) -> dict[str, Any]:
    """An article for listings: its metadata without the full text."""
    data = to_dict(article)
    data.pop("text")
    data["chars"] = len(article.text)
    if claims is not None:
        data["claims"] = claims
    return data


def claim_from_dict(data: dict[str, Any]) -> Claim:
    values = dict(data)
    values["content_spans"] = tuple(Span(*s) for s in values["content_spans"])
    values["sentence"] = Span(*values["sentence"])
    if values.get("published"):
        values["published"] = dt.date.fromisoformat(values["published"])
    names = {f.name for f in dataclasses.fields(Claim)}
    return Claim(**{k: v for k, v in values.items() if k in names})
