"""Rows <-> domain dataclasses. The only place that knows both shapes."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np

from narratives.ingest.dates import claim_day
from narratives.ingest.headlines import article_day
from narratives.storage.tables import ArticleRow, ArticleStoryRow, ClaimRow, EventRow, PairRow
from narratives.types import Article, Claim, ClaimPair, Event, Span

_FLOOR_DATE = dt.date(1, 1, 1)
# Claim fields with a column of their own (under another name where SQL reserves the word);
# any other field goes to the `extra` JSON column, so new dataclass fields survive a round trip.
_CLAIM_RENAMED = {"start": "start_char", "end": "end_char"}
_CLAIM_SPECIAL = {"content_spans", "sentence", "event_id"}
_CLAIM_COLUMNS = {c.key for c in ClaimRow.__table__.columns}
# Date fields kept in `extra`, where JSON holds them as ISO strings.
_CLAIM_DATES = {f.name for f in dataclasses.fields(Claim) if f.type in ("dt.date | None", "dt.date")} - _CLAIM_COLUMNS


def _date_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def article_row(article: Article, *, now: dt.datetime) -> ArticleRow:
    return ArticleRow(
        id=article.id,
        text=article.text,
        title=article.title,
        url=article.url,
        outlet=article.outlet,
        published=article.published,
        day=article_day(article),
        language=article.language,
        external_id=getattr(article, "external_id", None),
        boilerplate=[[s.start, s.end] for s in article.boilerplate],
        created_at=now,
    )


def article_from_row(row: ArticleRow) -> Article:
    values: dict[str, Any] = dict(
        id=row.id,
        text=row.text,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published=row.published,
        language=row.language,
        boilerplate=tuple(Span(s, e) for s, e in row.boilerplate or ()),
    )
    if "external_id" in {f.name for f in dataclasses.fields(Article)}:
        values["external_id"] = row.external_id
    return Article(**values)


def claim_row(claim: Claim, *, position: int, embedding: np.ndarray) -> ClaimRow:
    """`embedding`: float32 (dim,), stored little-endian."""
    columns: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for f in dataclasses.fields(claim):
        if f.name in _CLAIM_SPECIAL:
            continue
        column = _CLAIM_RENAMED.get(f.name, f.name)
        value = getattr(claim, f.name)
        if column in _CLAIM_COLUMNS:
            columns[column] = value
        else:
            extra[f.name] = _date_json(value)
    data, dim = vector_bytes(embedding)
    return ClaimRow(
        **columns,
        position=position,
        content_spans=[[s.start, s.end] for s in claim.content_spans],
        sentence_start=claim.sentence.start,
        sentence_end=claim.sentence.end,
        day=claim_day(claim),
        extra=extra,
        embedding=data,
        embedding_dim=dim,
    )


def claim_from_row(row: ClaimRow, *, event_id: str | None) -> Claim:
    names = {f.name for f in dataclasses.fields(Claim)}
    values: dict[str, Any] = {}
    for name in names - _CLAIM_SPECIAL:
        column = _CLAIM_RENAMED.get(name, name)
        if column in _CLAIM_COLUMNS:
            values[name] = getattr(row, column)
    for name, value in (row.extra or {}).items():
        if name in names:
            values[name] = dt.date.fromisoformat(value) if name in _CLAIM_DATES and value else value
    values["content_spans"] = tuple(Span(s, e) for s, e in row.content_spans)
    values["sentence"] = Span(row.sentence_start, row.sentence_end)
    values["event_id"] = event_id
    return Claim(**values)


def vector_bytes(vector: np.ndarray) -> tuple[bytes, int]:
    """A float32 (dim,) vector as little-endian bytes and its length."""
    flat = np.asarray(vector, dtype="<f4").reshape(-1)
    return flat.tobytes(), int(flat.shape[0])


def embedding_from_row(row: ClaimRow | ArticleStoryRow) -> np.ndarray:
    """float32 (dim,)."""
    return np.frombuffer(row.embedding, dtype="<f4", count=row.embedding_dim).astype(np.float32)


def event_row(event: Event) -> EventRow:
    row = EventRow(id=event.id)
    update_event_row(row, event)
    return row


def update_event_row(row: EventRow, event: Event) -> None:
    row.label = event.label
    row.start_date = event.start_date
    row.end_date = event.end_date
    row.sort_date = event.end_date or event.start_date or _FLOOR_DATE
    row.sides = list(event.sides)
    row.article_ids = list(event.article_ids)
    row.outlets = list(event.outlets)


def event_names_from_row(row: EventRow) -> dict[str, int] | None:
    """The stored name counts of an event's claims (None before migration 0004)."""
    return None if row.name_counts is None else {str(k): int(v) for k, v in row.name_counts.items()}


def event_from_row(row: EventRow, claim_ids: tuple[str, ...]) -> Event:
    return Event(
        id=row.id,
        label=row.label,
        start_date=row.start_date,
        end_date=row.end_date,
        claim_ids=claim_ids,
        sides=tuple(row.sides),
        article_ids=tuple(row.article_ids or ()),
        outlets=tuple(row.outlets or ()),
    )


_PAIR_COLUMNS = {c.key for c in PairRow.__table__.columns}


def pair_row(pair: ClaimPair) -> PairRow:
    fields = (f.name for f in dataclasses.fields(pair))
    return PairRow(**{name: getattr(pair, name) for name in fields if name in _PAIR_COLUMNS})


def pair_from_row(row: PairRow) -> ClaimPair:
    fields = (f.name for f in dataclasses.fields(ClaimPair))
    return ClaimPair(**{name: getattr(row, name) for name in fields if name in _PAIR_COLUMNS})
