"""The events list a reader opens: filtered, ranked disputed-first, paged by keyset.

Read-only SQL over the stored tables. An event's articles and outlets are the stored
event's (its story's articles, then those of its other claims: `Event.article_ids`); its
disputes are its `contradicts` pairs.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import ColumnElement, CompoundSelect, Integer, Select, and_, case, func, select, tuple_, union
from sqlalchemy.orm import Session

from narratives.storage import records
from narratives.storage.pagination import InvalidCursorError, Page, check_limit, decode_cursor, encode_cursor
from narratives.storage.store import Store
from narratives.storage.tables import ArticleRow, ArticleStoryRow, ClaimRow, EventClaimRow, EventRow, PairRow
from narratives.types import Event


@dataclass(frozen=True)
class EventFilters:
    """What the reader narrows the list to; every field is optional (None: no filter)."""

    side: str | None = None
    outlet: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    disputed: bool = False
    q: str | None = None  # case-insensitive substring of one of the event's claims


@dataclass(frozen=True)
class EventDigest:
    """One row of the events list: the event and what the list shows about it."""

    event: Event
    disputes: int  # number of `contradicts` pairs

    @property
    def article_ids(self) -> tuple[str, ...]:
        return self.event.article_ids

    @property
    def outlets(self) -> tuple[str, ...]:
        return self.event.outlets

    @property
    def disputed(self) -> bool:
        """Claims of two or more sides and at least one `contradicts` pair."""
        return len(self.event.sides) >= 2 and self.disputes > 0


def _event_articles() -> CompoundSelect:
    """(event_id, article_id) of every article of an event, as `Event.article_ids` lists
    them: the articles of its story and those of its claims."""
    return union(
        select(EventClaimRow.event_id, ClaimRow.article_id).join(ClaimRow, ClaimRow.id == EventClaimRow.claim_id),
        select(ArticleStoryRow.event_id, ArticleStoryRow.article_id),
    )


def _ranked_events() -> Select:
    """Per event: seq, whether disputed, sort date, outlets and disputes (the ranking key)."""
    members = (
        select(EventClaimRow.event_id, func.count(func.distinct(ClaimRow.side)).label("sides"))
        .join(ClaimRow, ClaimRow.id == EventClaimRow.claim_id)
        .group_by(EventClaimRow.event_id)
        .subquery()
    )
    articles = _event_articles().subquery()
    reports = (
        select(articles.c.event_id, func.count(func.distinct(ArticleRow.outlet)).label("outlets"))
        .join(ArticleRow, ArticleRow.id == articles.c.article_id)
        .group_by(articles.c.event_id)
        .subquery()
    )
    disputes = (
        select(PairRow.event_id, func.count().label("n"))
        .where(PairRow.relation == "contradicts")
        .group_by(PairRow.event_id)
        .subquery()
    )
    n_disputes = func.coalesce(disputes.c.n, 0)
    disputed = case((and_(func.coalesce(members.c.sides, 0) >= 2, n_disputes > 0), 1), else_=0)
    return (
        select(
            EventRow.seq.label("seq"),
            disputed.cast(Integer).label("disputed"),
            EventRow.sort_date.label("sort_date"),
            func.coalesce(reports.c.outlets, 0).label("outlets"),
            n_disputes.label("disputes"),
        )
        .outerjoin(members, members.c.event_id == EventRow.id)
        .outerjoin(reports, reports.c.event_id == EventRow.id)
        .outerjoin(disputes, disputes.c.event_id == EventRow.id)
    )


def _events_with_claim(condition: ColumnElement[bool]) -> Select:
    return (
        select(EventClaimRow.event_id)
        .join(ClaimRow, ClaimRow.id == EventClaimRow.claim_id)
        .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
        .where(condition)
    )


def _filtered(query: Select, filters: EventFilters) -> Select:
    if filters.side:
        query = query.where(EventRow.id.in_(_events_with_claim(ClaimRow.side == filters.side)))
    if filters.outlet:
        articles = _event_articles().subquery()
        reported = select(articles.c.event_id).join(ArticleRow, ArticleRow.id == articles.c.article_id).where(ArticleRow.outlet == filters.outlet)
        query = query.where(EventRow.id.in_(reported))
    if filters.q:
        text = func.lower(ClaimRow.text).contains(filters.q.lower(), autoescape=True)
        query = query.where(EventRow.id.in_(_events_with_claim(text)))
    first = func.coalesce(EventRow.start_date, EventRow.end_date)
    last = func.coalesce(EventRow.end_date, EventRow.start_date)
    if filters.date_from:  # overlaps the range: ends on or after its start...
        query = query.where(last >= filters.date_from)
    if filters.date_to:  # ...and starts on or before its end
        query = query.where(first <= filters.date_to)
    return query


def _decode(cursor: str | None) -> tuple[int, dt.date, int, int, int] | None:
    key = decode_cursor(cursor, types=(int, str, int, int, int))
    if key is None:
        return None
    disputed, day, outlets, disputes, seq = key
    try:
        return int(disputed), dt.date.fromisoformat(str(day)), int(outlets), int(disputes), int(seq)
    except ValueError as exc:
        raise InvalidCursorError("the cursor is not one this service issued", field="cursor") from exc


def search_events(
    store: Store, filters: EventFilters = EventFilters(), *, limit: int = 20, cursor: str | None = None
) -> Page[EventDigest]:
    """Disputed events first, then the most recent, then those reported by more outlets."""
    ranked = _filtered(_ranked_events(), filters).subquery()
    key = (ranked.c.disputed, ranked.c.sort_date, ranked.c.outlets, ranked.c.disputes, ranked.c.seq)
    query = select(*key).order_by(*(c.desc() for c in key)).limit(check_limit(limit) + 1)
    if filters.disputed:
        query = query.where(ranked.c.disputed == 1)
    last = _decode(cursor)
    if last is not None:
        query = query.where(tuple_(*key) < tuple_(*last))
    with Session(store.engine) as session:
        rows = session.execute(query).all()
        digests = _digests(session, [row.seq for row in rows[:limit]])
    more = len(rows) > limit
    if not more:
        return Page(digests, None)
    end = rows[limit - 1]
    return Page(digests, encode_cursor([end.disputed, end.sort_date.isoformat(), end.outlets, end.disputes, end.seq]))


def _digests(session: Session, seqs: Sequence[int]) -> list[EventDigest]:
    """The events with these seqs, in this order, with their disputes."""
    rows = {row.seq: row for row in session.scalars(select(EventRow).where(EventRow.seq.in_(seqs)))}
    ids = [rows[s].id for s in seqs]
    claims: dict[str, list[str]] = {i: [] for i in ids}
    members = session.execute(
        select(EventClaimRow.event_id, EventClaimRow.claim_id)
        .where(EventClaimRow.event_id.in_(ids))
        .order_by(EventClaimRow.event_id, EventClaimRow.position)
    )
    for event_id, claim_id in members:
        claims[event_id].append(claim_id)
    disputes = dict(
        session.execute(
            select(PairRow.event_id, func.count())
            .where(PairRow.event_id.in_(ids), PairRow.relation == "contradicts")
            .group_by(PairRow.event_id)
        ).all()
    )
    return [
        EventDigest(event=records.event_from_row(rows[s], tuple(claims[rows[s].id])), disputes=int(disputes.get(rows[s].id, 0)))
        for s in seqs
    ]


def stored_outlets(store: Store) -> list[str]:
    """Every outlet of a stored article, alphabetically (the outlet filter's choices)."""
    with Session(store.engine) as session:
        return list(
            session.scalars(select(ArticleRow.outlet).where(ArticleRow.outlet.is_not(None)).distinct().order_by(ArticleRow.outlet))
        )
