"""date windows: claims.day and an index on articles.published, so a worker reads one
date window; store-wide name and word counts (frequencies); events.name_counts

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('day', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_claims_day'), ['day'], unique=False)
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_articles_published'), ['published'], unique=False)
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_counts', sa.JSON(), nullable=True))
    op.create_table('frequencies',
    sa.Column('counter', sa.String(length=16), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('counter', 'key')
    )
    _backfill()


def _backfill() -> None:
    """Days and counts of what is already stored (the code that writes them now)."""
    from sqlalchemy.orm import Session

    from narratives.ingest.dates import claim_date
    from narratives.storage.frequencies import CLAIM_NAMES, add_counts, claim_name_counts, story_counts
    from narratives.types import Article

    session = Session(bind=op.get_bind())
    claims = sa.table('claims', sa.column('id', sa.String), sa.column('text', sa.Text), sa.column('published', sa.Date), sa.column('day', sa.Date))
    rows = session.execute(sa.select(claims.c.id, claims.c.text, claims.c.published)).all()
    for cid, text, published in rows:
        session.execute(claims.update().where(claims.c.id == cid).values(day=claim_date(text, published)))
    add_counts(session, CLAIM_NAMES, claim_name_counts(text for _, text, _ in rows))
    articles = sa.table('articles', sa.column('id', sa.String), sa.column('text', sa.Text), sa.column('title', sa.Text))
    stories = sa.table('article_stories', sa.column('article_id', sa.String))
    stored = session.execute(sa.select(articles.c.id, articles.c.text, articles.c.title).join(stories, stories.c.article_id == articles.c.id))
    for counter, counts in story_counts(Article(id=i, text=t, title=h) for i, t, h in stored).items():
        add_counts(session, counter, counts)
    session.flush()


def downgrade() -> None:
    op.drop_table('frequencies')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('name_counts')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_published'))
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_day'))
        batch_op.drop_column('day')
