"""articles.day: the day an article's story is about (its incident's day when the headline
or lede dates it earlier, `article_day`), which a worker's story window reads; claims.day
anew with the article's incident day a claim carries (`claim_day`)

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('day', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_articles_day'), ['day'], unique=False)
    _backfill()


def _backfill() -> None:
    """The days the code that writes them now computes."""
    from sqlalchemy.orm import Session

    from narratives.ingest.dates import claim_date
    from narratives.ingest.headlines import article_day
    from narratives.types import Article

    session = Session(bind=op.get_bind())
    articles = sa.table(
        'articles', sa.column('id', sa.String), sa.column('text', sa.Text), sa.column('title', sa.Text),
        sa.column('published', sa.Date), sa.column('day', sa.Date),
    )
    stored = session.execute(sa.select(articles.c.id, articles.c.text, articles.c.title, articles.c.published)).all()
    for aid, text, title, published in stored:
        day = article_day(Article(id=aid, text=text, title=title, published=published))
        session.execute(articles.update().where(articles.c.id == aid).values(day=day))
    claims = sa.table(
        'claims', sa.column('id', sa.String), sa.column('text', sa.Text), sa.column('published', sa.Date),
        sa.column('day', sa.Date), sa.column('extra', sa.JSON),
    )
    rows = session.execute(sa.select(claims.c.id, claims.c.text, claims.c.published, claims.c.day, claims.c.extra)).all()
    for cid, text, published, day, extra in rows:
        incident = (extra or {}).get('incident_date')
        new = claim_date(text, published, dt.date.fromisoformat(incident) if incident else None)
        if new != day:
            session.execute(claims.update().where(claims.c.id == cid).values(day=new))
    session.flush()


def downgrade() -> None:
    # Not in batch mode: on SQLite that copies the articles table anew, and dropping the old
    # one would cascade to every claim.
    op.drop_index(op.f('ix_articles_day'), table_name='articles')
    op.drop_column('articles', 'day')
