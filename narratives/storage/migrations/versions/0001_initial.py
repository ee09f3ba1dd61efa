"""initial schema: articles, claims, events, event_claims, pairs

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 19:18:08.182890
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=20), nullable=True),
    sa.Column('external_id', sa.Text(), nullable=True),
    sa.Column('boilerplate', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('id')
    )
    op.create_table('events',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('sort_date', sa.Date(), nullable=False),
    sa.Column('sides', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_sort_date'), ['sort_date'], unique=False)

    op.create_table('claims',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.Column('content_spans', sa.JSON(), nullable=False),
    sa.Column('sentence_start', sa.Integer(), nullable=False),
    sa.Column('sentence_end', sa.Integer(), nullable=False),
    sa.Column('speaker', sa.Text(), nullable=False),
    sa.Column('speaker_start', sa.Integer(), nullable=True),
    sa.Column('speaker_end', sa.Integer(), nullable=True),
    sa.Column('speaker_title', sa.Text(), nullable=True),
    sa.Column('speaker_affiliation', sa.Text(), nullable=True),
    sa.Column('actor_id', sa.String(length=200), nullable=True),
    sa.Column('cue', sa.Text(), nullable=True),
    sa.Column('cue_start', sa.Integer(), nullable=True),
    sa.Column('cue_end', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('side', sa.String(length=64), nullable=False),
    sa.Column('side_confidence', sa.Float(), nullable=False),
    sa.Column('side_evidence', sa.Text(), nullable=False),
    sa.Column('side_decided_by', sa.String(length=20), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.Column('embedding', sa.LargeBinary(), nullable=False),
    sa.Column('embedding_dim', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('id')
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_side'), ['side'], unique=False)

    op.create_table('event_claims',
    sa.Column('claim_id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id')
    )
    with op.batch_alter_table('event_claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_claims_event_id'), ['event_id'], unique=False)

    op.create_table('pairs',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('a', sa.String(length=64), nullable=False),
    sa.Column('b', sa.String(length=64), nullable=False),
    sa.Column('side_a', sa.String(length=64), nullable=False),
    sa.Column('side_b', sa.String(length=64), nullable=False),
    sa.Column('relation', sa.String(length=20), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.Column('contradiction', sa.Float(), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['a'], ['claims.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['b'], ['claims.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('id')
    )
    with op.batch_alter_table('pairs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pairs_a'), ['a'], unique=False)
        batch_op.create_index(batch_op.f('ix_pairs_b'), ['b'], unique=False)
        batch_op.create_index(batch_op.f('ix_pairs_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pairs_relation'), ['relation'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('pairs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pairs_relation'))
        batch_op.drop_index(batch_op.f('ix_pairs_event_id'))
        batch_op.drop_index(batch_op.f('ix_pairs_b'))
        batch_op.drop_index(batch_op.f('ix_pairs_a'))

    op.drop_table('pairs')
    with op.batch_alter_table('event_claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_claims_event_id'))

    op.drop_table('event_claims')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_side'))
        batch_op.drop_index(batch_op.f('ix_claims_article_id'))

    op.drop_table('claims')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_sort_date'))

    op.drop_table('events')
    op.drop_table('articles')
