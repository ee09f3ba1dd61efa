"""The relational schema (SQLAlchemy 2.x declarative, `Mapped` types).

Portable SQL only: the same tables run on SQLite (the embedded default) and PostgreSQL.
Every table has an integer `seq` key for stable keyset pagination and a string `id`
(the domain id) that other tables reference. Alembic migrations in `migrations/` create
exactly this schema; a test checks that the two agree.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = String(64)


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(ID, unique=True)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    # The day its story is about (`article_day`: the incident's day when a follow-up's
    # headline or lede dates it earlier, else `published`); a worker reads the stories of a
    # new article's window by it.
    day: Mapped[dt.date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(String(20))
    external_id: Mapped[str | None] = mapped_column(Text)
    boilerplate: Mapped[list[list[int]]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ClaimRow(Base):
    __tablename__ = "claims"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(ID, unique=True)
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    content_spans: Mapped[list[list[int]]] = mapped_column(JSON)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(Text)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    speaker_title: Mapped[str | None] = mapped_column(Text)
    speaker_affiliation: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[str | None] = mapped_column(String(200))
    cue: Mapped[str | None] = mapped_column(Text)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    side: Mapped[str] = mapped_column(String(64), index=True)
    side_confidence: Mapped[float] = mapped_column(Float)
    side_evidence: Mapped[str] = mapped_column(Text)
    side_decided_by: Mapped[str] = mapped_column(String(20))
    published: Mapped[dt.date | None] = mapped_column(Date)
    # The day the claim is about (`claim_day`: a date it names, not one opening a period,
    # else its article's incident day, else `published`), the day bucket the index searches by; indexed so a worker reads
    # only a window of them.
    day: Mapped[dt.date | None] = mapped_column(Date, index=True)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    embedding: Mapped[bytes] = mapped_column(LargeBinary)
    embedding_dim: Mapped[int] = mapped_column(Integer)


class EventRow(Base):
    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(ID, unique=True)
    label: Mapped[str] = mapped_column(Text)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    # end_date, else start_date, else 0001-01-01: NULL ordering differs between databases.
    sort_date: Mapped[dt.date] = mapped_column(Date, index=True)
    sides: Mapped[list[str]] = mapped_column(JSON)
    article_ids: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    outlets: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    # The distinctive names of its claims, counted as they joined (the label's place);
    # NULL in stores written before 0004, where the index recounts them.
    name_counts: Mapped[dict[str, int] | None] = mapped_column(JSON)


class ArticleStoryRow(Base):
    """An article's story (its main event) and the headline + lede embedding it was
    assigned by, so the index can be rebuilt without the model."""

    __tablename__ = "article_stories"

    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[str] = mapped_column(ID, index=True)
    embedding: Mapped[bytes] = mapped_column(LargeBinary)
    embedding_dim: Mapped[int] = mapped_column(Integer)


class EventRedirectRow(Base):
    """An event merged into an older one: its id answers with the older id."""

    __tablename__ = "event_redirects"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    event_id: Mapped[str] = mapped_column(ID)


class EventClaimRow(Base):
    """Event membership: a claim belongs to at most one event."""

    __tablename__ = "event_claims"

    claim_id: Mapped[str] = mapped_column(ID, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[str] = mapped_column(ID, ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)


class PairRow(Base):
    __tablename__ = "pairs"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(ID, unique=True)
    event_id: Mapped[str] = mapped_column(ID, ForeignKey("events.id", ondelete="CASCADE"), index=True)
    a: Mapped[str] = mapped_column(ID, ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    b: Mapped[str] = mapped_column(ID, ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    side_a: Mapped[str] = mapped_column(String(64))
    side_b: Mapped[str] = mapped_column(String(64))
    relation: Mapped[str] = mapped_column(String(20), index=True)
    similarity: Mapped[float] = mapped_column(Float)
    contradiction: Mapped[float] = mapped_column(Float)
    rationale: Mapped[str] = mapped_column(Text)


class FrequencyRow(Base):
    """Store-wide counts the index weighs names and words by, kept by every write, so a
    worker holding only a date window still sees them: `counter` is `claim_names` (stored
    claims mentioning a name), `story_terms` or `story_names` (stored articles using a
    word or a name). A key whose count falls to 0 is deleted."""

    __tablename__ = "frequencies"

    counter: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class StoreWritesRow(Base):
    """One row (id 1) whose `revision` every write increments in its own transaction.

    Row counts and highest `seq` cannot say whether another process wrote: SQLite reuses
    the highest rowid after a delete, so delete-then-insert leaves both unchanged."""

    __tablename__ = "store_writes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    revision: Mapped[int] = mapped_column(Integer)
