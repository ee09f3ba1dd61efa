"""Reading one date window of the store: what a worker's index needs for new articles.

A window is a set of day ranges for stories (articles by `day`, the day its story is about) and for claims (by
`day`, the day the claim is about), each with or without the undated bucket. The read
returns, in one snapshot, every event that has a story article or a claim in the window,
whole: all its claims with their embeddings, its story's articles with their lede vectors,
its pairs, and the events of the claims those pairs point to. Claim rows and articles
with their vectors never change once stored (ids are content hashes), so they are kept
in a bounded cache keyed by id and row `seq` (a deleted and re-posted row is a new
entry); the membership rows (events, stories, pairs) are read afresh every time.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Generic, Hashable, Iterable, Sequence, TypeVar

import numpy as np
from sqlalchemy import false, func, or_, select
from sqlalchemy.orm import Session

from narratives.storage import records
from narratives.storage.engine import in_chunks
from narratives.storage.store import IndexState, Store
from narratives.storage.tables import (
    ArticleRow,
    ArticleStoryRow,
    ClaimRow,
    EventClaimRow,
    EventRedirectRow,
    EventRow,
    PairRow,
)
from narratives.types import Article, Claim

DayRanges = Sequence[tuple[dt.date, dt.date]]
_CHUNK = 900  # ids per IN list: under SQLite's bound-parameter limit
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """At most `capacity` entries; the least recently used goes first."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[K, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: K) -> V | None:
        value = self._entries.get(key)
        if value is not None:
            self._entries.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)


@dataclass(frozen=True)
class WindowState(IndexState):
    """`IndexState` for one window, plus what a part of the store needs besides: the other
    articles its claims come from (`articles`, their stories not held) and the store-wide
    totals of claims and of articles with a story, in the same snapshot (`revision` is not
    read: nothing is kept that another worker's write could make stale). Its claims carry
    no `event_id`: the events list their members."""

    articles: list[Article] = dataclasses.field(default_factory=list)
    claim_total: int = 0
    story_total: int = 0


def _chunks(ids: Iterable[str]) -> Iterable[Sequence[str]]:
    return in_chunks(sorted(set(ids)), _CHUNK)


def _in_window(column, ranges: DayRanges, undated: bool):
    clauses = [column.between(start, end) for start, end in ranges]
    if undated:
        clauses.append(column.is_(None))
    return or_(*clauses) if clauses else false()


class WindowReader:
    """Reads date windows of `store` for `narratives.index.windowed.WindowedIndex`, caching
    at most `cache_claims` claims (with embeddings) and as many articles."""

    def __init__(self, store: Store, *, cache_claims: int = 20_000) -> None:
        self.store = store
        self._claims: BoundedCache[tuple[str, int], tuple[Claim, np.ndarray]] = BoundedCache(cache_claims)
        self._articles: BoundedCache[tuple[str, int], tuple[Article, np.ndarray | None]] = BoundedCache(cache_claims)

    @property
    def cached(self) -> int:
        """Claims and articles held in the cache."""
        return len(self._claims) + len(self._articles)

    def read_window(
        self, *, story_days: DayRanges, undated_stories: bool, claim_days: DayRanges, undated_claims: bool
    ) -> WindowState:
        with self.store.snapshot() as session:
            events = set(session.scalars(
                select(ArticleStoryRow.event_id).join(ArticleRow, ArticleRow.id == ArticleStoryRow.article_id)
                .where(_in_window(ArticleRow.day, story_days, undated_stories))
            ))
            in_window = session.execute(
                select(ClaimRow.id, EventClaimRow.event_id).outerjoin(EventClaimRow, EventClaimRow.claim_id == ClaimRow.id)
                .where(_in_window(ClaimRow.day, claim_days, undated_claims))
            ).all()
            events |= {eid for _, eid in in_window if eid}
            whole = set(events)  # events touched by the window: stories and pairs too
            members = self._members(session, events)
            pair_rows = [r for ids in _chunks(whole) for r in session.scalars(select(PairRow).where(PairRow.event_id.in_(ids)))]
            pairs = [records.pair_from_row(r) for r in sorted(pair_rows, key=lambda r: r.seq)]  # creation order, as a full load
            loaded = {cid for rows in members.values() for cid, _ in rows}
            ends = {c for p in pairs for c in (p.a, p.b)} - loaded
            if ends:  # a pair may point into another event (a denial answers a claim elsewhere)
                more = {eid for ids in _chunks(ends) for eid in session.scalars(select(EventClaimRow.event_id).where(EventClaimRow.claim_id.in_(ids)))}
                members.update(self._members(session, more - events))
                events |= more
            event_rows = {r.id: r for ids in _chunks(events) for r in session.scalars(select(EventRow).where(EventRow.id.in_(ids)))}
            member_ids = [cid for rows in members.values() for cid, _ in rows]
            loose = [cid for cid, eid in in_window if not eid]
            claims, embeddings = self._read_claims(session, [*member_ids, *loose])
            stories = self._read_stories(session, whole, event_rows)
            held = {a.id for a, _, _ in stories}
            others = [a for a, _ in self._read_articles(session, {c.article_id for c in claims} - held).values()]
            redirects = {
                r.id: r.event_id for ids in _chunks(whole) for r in session.scalars(select(EventRedirectRow).where(EventRedirectRow.event_id.in_(ids)))
            }
            claim_total = int(session.scalar(select(func.count()).select_from(ClaimRow)) or 0)
            story_total = int(session.scalar(select(func.count()).select_from(ArticleStoryRow)) or 0)
            event_list = [
                records.event_from_row(event_rows[eid], tuple(cid for cid, _ in sorted(members.get(eid, []), key=lambda m: m[1])))
                for eid in sorted(event_rows, key=lambda e: event_rows[e].seq)
            ]
        return WindowState(
            claims, embeddings, event_list, pairs, stories, redirects, 0,
            {eid: records.event_names_from_row(row) for eid, row in event_rows.items()},
            articles=others, claim_total=claim_total, story_total=story_total,
        )

    @staticmethod
    def _members(session: Session, events: Iterable[str]) -> dict[str, list[tuple[str, int]]]:
        """Event id -> its (claim id, position) rows."""
        out: dict[str, list[tuple[str, int]]] = {}
        for ids in _chunks(events):
            for cid, eid, position in session.execute(
                select(EventClaimRow.claim_id, EventClaimRow.event_id, EventClaimRow.position).where(EventClaimRow.event_id.in_(ids))
            ):
                out.setdefault(eid, []).append((cid, position))
        return out

    def _read_claims(self, session: Session, ids: Sequence[str]) -> tuple[list[Claim], np.ndarray]:
        """The claims `ids` (in `seq` order) and their (n, dim) embeddings. Their `event_id`
        is None: the events read with them list their members (as `NarrativeIndex.load` reads them)."""
        keys = sorted(((cid, int(seq)) for chunk in _chunks(ids) for cid, seq in session.execute(
            select(ClaimRow.id, ClaimRow.seq).where(ClaimRow.id.in_(chunk))
        )), key=lambda k: k[1])
        found = {key: self._claims.get(key) for key in keys}
        missing = [cid for (cid, _), hit in found.items() if hit is None]
        for chunk in _chunks(missing):
            for row in session.scalars(select(ClaimRow).where(ClaimRow.id.in_(chunk))):
                entry = (records.claim_from_row(row, event_id=None), records.embedding_from_row(row))
                found[(row.id, row.seq)] = entry
                self._claims.put((row.id, row.seq), entry)
        claims = [found[k][0] for k in keys]  # type: ignore[index]
        vectors = [found[k][1] for k in keys]  # type: ignore[index]
        dim = vectors[0].shape[0] if vectors else 0
        return claims, (np.stack(vectors) if vectors else np.zeros((0, dim), dtype=np.float32))

    def _read_articles(self, session: Session, ids: Iterable[str]) -> dict[str, tuple[Article, np.ndarray | None]]:
        """Article id -> (article, its (dim,) lede vector or None), in `seq` order."""
        rows = sorted(((aid, int(seq)) for chunk in _chunks(ids) for aid, seq in session.execute(
            select(ArticleRow.id, ArticleRow.seq).where(ArticleRow.id.in_(chunk))
        )), key=lambda k: k[1])
        found = {key: self._articles.get(key) for key in rows}
        missing = [aid for (aid, _), hit in found.items() if hit is None]
        for chunk in _chunks(missing):
            for row, story in session.execute(
                select(ArticleRow, ArticleStoryRow).outerjoin(ArticleStoryRow, ArticleStoryRow.article_id == ArticleRow.id)
                .where(ArticleRow.id.in_(chunk))
            ):
                entry = (records.article_from_row(row), records.embedding_from_row(story) if story is not None else None)
                found[(row.id, row.seq)] = entry
                self._articles.put((row.id, row.seq), entry)
        return {aid: found[(aid, seq)] for aid, seq in rows}  # type: ignore[misc]

    def _read_stories(self, session: Session, events: set[str], event_rows: dict[str, EventRow]) -> list[tuple[Article, str, np.ndarray]]:
        """The stories of `events`: (article, event id, lede vector), each story's articles
        in its stored order, the stories in the order their first article was stored (so
        the index sees the articles' order, which breaks ties between stories and decides
        which of two merging stories keeps its id)."""
        story_of = {
            aid: eid for ids in _chunks(events)
            for aid, eid in session.execute(select(ArticleStoryRow.article_id, ArticleStoryRow.event_id).where(ArticleStoryRow.event_id.in_(ids)))
        }
        articles = self._read_articles(session, story_of)
        first_seen = {aid: i for i, aid in enumerate(articles)}  # `_read_articles` keeps seq order
        by_event: dict[str, list[str]] = {}
        for aid in articles:
            by_event.setdefault(story_of[aid], []).append(aid)
        out: list[tuple[Article, str, np.ndarray]] = []
        for eid in sorted(by_event, key=lambda e: first_seen[by_event[e][0]]):
            stored_order = {aid: i for i, aid in enumerate(event_rows[eid].article_ids or ())} if eid in event_rows else {}
            for aid in sorted(by_event[eid], key=lambda a: (stored_order.get(a, len(stored_order)), first_seen[a])):
                article, vector = articles[aid]
                assert vector is not None  # a story row always holds its vector
                out.append((article, eid, vector))
        return out

    def count_reader(self, counter: str) -> Callable[[Sequence[str]], dict[str, int]]:
        """A function reading store-wide counts of `counter` (`frequencies`) for keys."""
        return functools.partial(self.store.read_counts, counter)
