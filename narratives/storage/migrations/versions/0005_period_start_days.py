"""claims.day anew: a date that opens a period ("since February 24") no longer dates the
claim (`claim_date`), so stored days are recomputed by the code that writes them now

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sqlalchemy.orm import Session

    from narratives.ingest.dates import claim_date

    session = Session(bind=op.get_bind())
    claims = sa.table('claims', sa.column('id', sa.String), sa.column('text', sa.Text), sa.column('published', sa.Date), sa.column('day', sa.Date))
    for cid, text, published, day in session.execute(sa.select(claims.c.id, claims.c.text, claims.c.published, claims.c.day)).all():
        new = claim_date(text, published)
        if new != day:
            session.execute(claims.update().where(claims.c.id == cid).values(day=new))
    session.flush()


def downgrade() -> None:
    """The days stay as they are: each is a day the claim names or its publication date."""
