"""The store: domain objects in, domain objects out, one transaction per write.

Writes persist what the in-memory index decided (`LinkResult`-shaped objects from
`narratives.index.narrative_index`); reads serve the API and the web page straight from SQL, so every
worker process sees the same data.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Protocol, Sequence

import numpy as np
from sqlalchemy import Engine, delete, func, or_, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from narratives.errors import NotFoundError
from narratives.storage import frequencies, records
from narratives.storage.engine import make_engine, migrate
from narratives.storage.pagination import Page, check_limit, decode_cursor, encode_cursor
from narratives.storage.tables import (
    ArticleRow,
    ArticleStoryRow,
    ClaimRow,
    EventClaimRow,
    EventRedirectRow,
    EventRow,
    PairRow,
    StoreWritesRow,
)
from narratives.storage.write_lock import write_lock
from narratives.types import Article, ArticleAnalysis, Claim, ClaimPair, Event


class LinkChanges(Protocol):
    """What `NarrativeIndex.add` / `.remove_article` report (their `LinkResult`)."""

    claims: Sequence[Claim]
    embeddings: np.ndarray  # (len(claims), dim) float32
    events: Sequence[Event]
    removed_event_ids: Sequence[str]
    pairs: Sequence[ClaimPair]
    removed_pair_ids: Sequence[str]
    articles: Sequence[Article]  # the new articles (or, on removal, those moved by a split) with their event_id
    story_vectors: np.ndarray | None  # (len(articles), dim) float32
    redirects: Sequence[tuple[str, str]]  # (merged-away event id, kept id)
    event_names: Mapping[str, Mapping[str, int]]  # event id -> its claims' name counts


@dataclass(frozen=True)
class ArticleSummary:
    article: Article
    claims: int
    created_at: dt.datetime


@dataclass(frozen=True)
class IndexState:
    """Everything `NarrativeIndex.load` needs; `embeddings` is (len(claims), dim) float32.
    `revision` is the store's write counter in the same snapshot."""

    claims: list[Claim]
    embeddings: np.ndarray
    events: list[Event]
    pairs: list[ClaimPair]
    stories: list[tuple[Article, str, np.ndarray]]  # article, its event id, (dim,) lede vector
    redirects: dict[str, str]
    revision: int = 0
    event_names: dict[str, dict[str, int] | None] = dataclasses.field(default_factory=dict)


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._session = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect to `url` and apply any pending migrations."""
        engine = make_engine(url)
        migrate(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    # ---- writes -------------------------------------------------------------------------
    def write_lock(self) -> contextlib.AbstractContextManager[None]:
        """Held across processes while a writer syncs, links and commits (see `write_lock`)."""
        return write_lock(self.engine)

    def save(self, analyses: Sequence[ArticleAnalysis], changes: LinkChanges) -> int:
        """Store new articles and everything the index derived from them, atomically;
        the store's new revision."""
        now = dt.datetime.now(dt.timezone.utc)
        with self._session.begin() as session:
            session.add_all(records.article_row(a.article, now=now) for a in analyses)
            session.flush()
            positions: dict[str, int] = {}
            for claim, vector in zip(changes.claims, changes.embeddings):
                position = positions.get(claim.article_id, 0)
                positions[claim.article_id] = position + 1
                session.add(records.claim_row(claim, position=position, embedding=vector))
            session.flush()
            vectors = changes.story_vectors if changes.story_vectors is not None else [None] * len(changes.articles)
            storied = []
            for article, vector in zip(changes.articles, vectors):
                if vector is not None and article.event_id:
                    data, dim = records.vector_bytes(vector)
                    session.add(ArticleStoryRow(article_id=article.id, event_id=article.event_id, embedding=data, embedding_dim=dim))
                    storied.append(article)
            session.flush()
            self._apply_links(session, changes)
            self._count_names(session, [c.text for c in changes.claims], storied, sign=1)
            return self._count_write(session)

    @staticmethod
    def _count_names(session: Session, claim_texts: Sequence[str], storied: Sequence[Article], *, sign: int) -> None:
        """Keep the store-wide counts (`frequencies`) in step with the claims and the
        articles with a story that this write adds or removes."""
        frequencies.add_counts(session, frequencies.CLAIM_NAMES, frequencies.claim_name_counts(claim_texts), sign=sign)
        for counter, counts in frequencies.story_counts(storied).items():
            frequencies.add_counts(session, counter, counts, sign=sign)

    def delete_article(self, article_id: str, changes: LinkChanges) -> int:
        """Remove an article, its claims and pairs, and apply the index's event updates;
        the store's new revision."""
        with self._session.begin() as session:
            texts = list(session.scalars(select(ClaimRow.text).where(ClaimRow.article_id == article_id)))
            storied = session.scalars(
                select(ArticleRow).join(ArticleStoryRow, ArticleStoryRow.article_id == ArticleRow.id).where(ArticleRow.id == article_id)
            ).all()
            self._count_names(session, texts, [records.article_from_row(r) for r in storied], sign=-1)
            claim_ids = select(ClaimRow.id).where(ClaimRow.article_id == article_id)
            session.execute(delete(PairRow).where(or_(PairRow.a.in_(claim_ids), PairRow.b.in_(claim_ids))))
            session.execute(delete(EventClaimRow).where(EventClaimRow.claim_id.in_(claim_ids)))
            session.execute(delete(ClaimRow).where(ClaimRow.article_id == article_id))
            session.execute(delete(ArticleRow).where(ArticleRow.id == article_id))
            for article in changes.articles:  # moved to an event split off from theirs
                session.execute(update(ArticleStoryRow).where(ArticleStoryRow.article_id == article.id).values(event_id=article.event_id))
            self._apply_links(session, changes)
            # An event left without claims or articles describes nothing; drop it even if the index kept it.
            members = select(EventClaimRow.event_id).union(select(ArticleStoryRow.event_id))
            session.execute(delete(PairRow).where(PairRow.event_id.not_in(members)))
            session.execute(delete(EventRow).where(EventRow.id.not_in(members)))
            return self._count_write(session)

    @staticmethod
    def _count_write(session: Session) -> int:
        row = session.get(StoreWritesRow, 1)
        if row is None:
            row = StoreWritesRow(id=1, revision=0)
            session.add(row)
        row.revision += 1
        session.flush()
        return row.revision

    def _apply_links(self, session: Session, changes: LinkChanges) -> None:
        names = changes.event_names
        for gone, kept in changes.redirects:
            session.execute(update(ArticleStoryRow).where(ArticleStoryRow.event_id == gone).values(event_id=kept))
            session.execute(update(EventRedirectRow).where(EventRedirectRow.event_id == gone).values(event_id=kept))
            session.merge(EventRedirectRow(id=gone, event_id=kept))
        if changes.removed_pair_ids:
            session.execute(delete(PairRow).where(PairRow.id.in_(list(changes.removed_pair_ids))))
        removed_events = list(changes.removed_event_ids)
        if removed_events:
            session.execute(delete(PairRow).where(PairRow.event_id.in_(removed_events)))
            session.execute(delete(EventClaimRow).where(EventClaimRow.event_id.in_(removed_events)))
            session.execute(delete(EventRow).where(EventRow.id.in_(removed_events)))
        for event in changes.events:
            row = session.scalar(select(EventRow).where(EventRow.id == event.id))
            if row is None:
                row = records.event_row(event)
                session.add(row)
            else:
                records.update_event_row(row, event)
            if event.id in names:
                row.name_counts = dict(names[event.id])
            session.flush()
            session.execute(
                delete(EventClaimRow).where(
                    or_(EventClaimRow.event_id == event.id, EventClaimRow.claim_id.in_(event.claim_ids))
                )
            )
            session.add_all(
                EventClaimRow(claim_id=cid, event_id=event.id, position=i)
                for i, cid in enumerate(event.claim_ids)
            )
            session.flush()
        if changes.events:  # a live event answers for itself (a split can revive a merged-away id)
            session.execute(delete(EventRedirectRow).where(EventRedirectRow.id.in_([e.id for e in changes.events])))
        session.add_all(records.pair_row(pair) for pair in changes.pairs)

    # ---- reads --------------------------------------------------------------------------
    def existing_article_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        with self._session() as session:
            return set(session.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(ids))))

    def get_article(self, article_id: str) -> Article:
        """The article with its `event_id` (its story) and `event_ids` (then its claims' events)."""
        with self._session() as session:
            row = session.scalar(select(ArticleRow).where(ArticleRow.id == article_id))
            if row is None:
                raise NotFoundError(f"no article with id {article_id!r}", field="id")
            main = session.scalar(select(ArticleStoryRow.event_id).where(ArticleStoryRow.article_id == article_id))
            others = session.scalars(
                select(EventClaimRow.event_id).join(ClaimRow, ClaimRow.id == EventClaimRow.claim_id)
                .where(ClaimRow.article_id == article_id).order_by(ClaimRow.position)
            )
            ids = tuple(dict.fromkeys(e for e in (main, *others) if e))
            return dataclasses.replace(records.article_from_row(row), event_id=main, event_ids=ids)

    def event_redirect(self, event_id: str) -> str | None:
        """The id an event merged into, or None if `event_id` was never merged away."""
        with self._session() as session:
            return session.scalar(select(EventRedirectRow.event_id).where(EventRedirectRow.id == event_id))

    def list_articles(self, *, limit: int = 20, cursor: str | None = None) -> Page[ArticleSummary]:
        """Newest first."""
        key = decode_cursor(cursor, types=(int,))
        counts = (
            select(ClaimRow.article_id, func.count().label("n")).group_by(ClaimRow.article_id).subquery()
        )
        query = (
            select(ArticleRow, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.article_id == ArticleRow.id)
            .order_by(ArticleRow.seq.desc())
            .limit(check_limit(limit) + 1)
        )
        if key:
            query = query.where(ArticleRow.seq < key[0])
        with self._session() as session:
            rows = session.execute(query).all()
        items = [ArticleSummary(records.article_from_row(r), int(n), r.created_at) for r, n in rows[:limit]]
        more = len(rows) > limit
        return Page(items, encode_cursor([rows[limit - 1][0].seq]) if more else None)

    def _claims(self, session: Session, query) -> list[Claim]:
        rows = session.execute(
            query.add_columns(EventClaimRow.event_id).outerjoin(
                EventClaimRow, EventClaimRow.claim_id == ClaimRow.id
            )
        ).all()
        return [records.claim_from_row(row, event_id=event_id) for row, event_id in rows]

    def article_claims(self, article_id: str) -> list[Claim]:
        with self._session() as session:
            query = select(ClaimRow).where(ClaimRow.article_id == article_id).order_by(ClaimRow.position)
            return self._claims(session, query)

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        ids = list(ids)
        with self._session() as session:
            rows = session.scalars(select(ArticleRow).where(ArticleRow.id.in_(ids)))
            return {row.id: records.article_from_row(row) for row in rows}

    def claims_by_id(self, ids: Iterable[str]) -> dict[str, Claim]:
        ids = list(ids)
        with self._session() as session:
            claims = self._claims(session, select(ClaimRow).where(ClaimRow.id.in_(ids)))
        return {c.id: c for c in claims}

    def list_claims(
        self,
        *,
        side: str | None = None,
        event: str | None = None,
        q: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page[Claim]:
        """In insertion order; `q` is a case-insensitive substring of the claim text."""
        key = decode_cursor(cursor, types=(int,))
        query = select(ClaimRow).order_by(ClaimRow.seq).limit(check_limit(limit) + 1)
        if key:
            query = query.where(ClaimRow.seq > key[0])
        if side:
            query = query.where(ClaimRow.side == side)
        if event:
            query = query.where(EventClaimRow.event_id == event)
        if q:
            query = query.where(func.lower(ClaimRow.text).contains(q.lower(), autoescape=True))
        with self._session() as session:
            rows = session.execute(
                query.add_columns(EventClaimRow.event_id).outerjoin(
                    EventClaimRow, EventClaimRow.claim_id == ClaimRow.id
                )
            ).all()
        claims = [records.claim_from_row(row, event_id=eid) for row, eid in rows[:limit]]
        more = len(rows) > limit
        return Page(claims, encode_cursor([rows[limit - 1][0].seq]) if more else None)

    def _event(self, session: Session, row: EventRow) -> Event:
        ids = session.scalars(
            select(EventClaimRow.claim_id).where(EventClaimRow.event_id == row.id).order_by(EventClaimRow.position)
        )
        return records.event_from_row(row, tuple(ids))

    def get_event(self, event_id: str) -> Event:
        with self._session() as session:
            row = session.scalar(select(EventRow).where(EventRow.id == event_id))
            if row is None:
                raise NotFoundError(f"no event with id {event_id!r}", field="id")
            return self._event(session, row)

    def list_pairs(
        self,
        *,
        event: str | None = None,
        relation: str | None = None,
        min_score: float | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> Page[ClaimPair]:
        """Pairs in creation order; `min_score` bounds the contradiction score from below."""
        key = decode_cursor(cursor, types=(int,))
        query = select(PairRow).order_by(PairRow.seq).limit(check_limit(limit) + 1)
        if key:
            query = query.where(PairRow.seq > key[0])
        if event:
            query = query.where(PairRow.event_id == event)
        if relation:
            query = query.where(PairRow.relation == relation)
        if min_score is not None:
            query = query.where(PairRow.contradiction >= min_score)
        with self._session() as session:
            rows = session.scalars(query).all()
        more = len(rows) > limit
        return Page([records.pair_from_row(r) for r in rows[:limit]], encode_cursor([rows[limit - 1].seq]) if more else None)

    def event_pairs(self, event_id: str) -> list[ClaimPair]:
        with self._session() as session:
            rows = session.scalars(select(PairRow).where(PairRow.event_id == event_id).order_by(PairRow.seq))
            return [records.pair_from_row(r) for r in rows]

    def pairs_touching(self, claim_ids: Sequence[str]) -> list[ClaimPair]:
        with self._session() as session:
            ids = list(claim_ids)
            rows = session.scalars(
                select(PairRow).where(or_(PairRow.a.in_(ids), PairRow.b.in_(ids))).order_by(PairRow.seq)
            )
            return [records.pair_from_row(r) for r in rows]

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A session whose reads all see one committed state, whatever commits meanwhile."""
        with self._session() as session:
            if self.engine.dialect.name == "sqlite":
                # pysqlite opens no transaction for a SELECT, so each would see the latest
                # commit; an explicit (deferred) BEGIN pins WAL's snapshot at the first read.
                session.connection().exec_driver_sql("BEGIN")
            else:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    def load_index_state(self) -> IndexState:
        """All claims with embeddings, events and pairs, and the revision they are at, read
        in one snapshot, to rebuild the index at start-up or after another worker wrote."""
        with self.snapshot() as session:
            revision = self._revision(session)
            rows = session.execute(
                select(ClaimRow, EventClaimRow.event_id)
                .outerjoin(EventClaimRow, EventClaimRow.claim_id == ClaimRow.id)
                .order_by(ClaimRow.seq)
            ).all()
            claims = [records.claim_from_row(row, event_id=eid) for row, eid in rows]
            vectors = [records.embedding_from_row(row) for row, _ in rows]
            dim = vectors[0].shape[0] if vectors else 0
            embeddings = np.stack(vectors) if vectors else np.zeros((0, dim), dtype=np.float32)
            event_rows = session.scalars(select(EventRow).order_by(EventRow.seq)).all()
            events = [self._event(session, row) for row in event_rows]
            event_names = {row.id: records.event_names_from_row(row) for row in event_rows}
            pairs = [records.pair_from_row(r) for r in session.scalars(select(PairRow).order_by(PairRow.seq))]
            stories = [
                (records.article_from_row(article), story.event_id, records.embedding_from_row(story))
                for article, story in session.execute(
                    select(ArticleRow, ArticleStoryRow).join(ArticleStoryRow, ArticleStoryRow.article_id == ArticleRow.id).order_by(ArticleRow.seq)
                )
            ]
            redirects = {r.id: r.event_id for r in session.scalars(select(EventRedirectRow))}
        return IndexState(claims, embeddings, events, pairs, stories, redirects, revision, event_names)

    def read_counts(self, counter: str, keys: Sequence[str]) -> dict[str, int]:
        """Store-wide counts of `counter` (`frequencies.CLAIM_NAMES`, ...) for `keys`."""
        with self._session() as session:
            return frequencies.read_counts(session, counter, keys)

    @staticmethod
    def _revision(session: Session) -> int:
        return int(session.scalar(select(StoreWritesRow.revision).where(StoreWritesRow.id == 1)) or 0)

    def counts(self) -> dict[str, int]:
        with self._session() as session:
            return {
                table.__tablename__: int(session.scalar(select(func.count()).select_from(table)) or 0)
                for table in (ArticleRow, ClaimRow, EventRow, PairRow)
            }
