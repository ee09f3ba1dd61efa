"""events hold articles: events.article_ids / outlets, article_stories, event_redirects

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('article_ids', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('outlets', sa.JSON(), nullable=False, server_default='[]'))
    op.create_table('article_stories',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('embedding', sa.LargeBinary(), nullable=False),
    sa.Column('embedding_dim', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id')
    )
    with op.batch_alter_table('article_stories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_stories_event_id'), ['event_id'], unique=False)
    op.create_table('event_redirects',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('event_redirects')
    with op.batch_alter_table('article_stories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_stories_event_id'))
    op.drop_table('article_stories')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('outlets')
        batch_op.drop_column('article_ids')
