"""Candidate photos: the mark of the emblem screen each stored picture passed, its pixel hash

Photos stored from now on carry the mark of the intake's emblem screen (reference set and
thresholds); issuing trusts that screen while the mark is current instead of screening every
photo again. Photos stored before this revision get an empty mark and are screened at issuing.
The pixel hash of the stored picture spares issuing decoding it (empty: decoded there).

Revision ID: 0023_photo_screen_mark
Revises: 0022_candidate_search
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0023_photo_screen_mark'
down_revision: str | None = '0022_candidate_search'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: no table copy on SQLite, none on PostgreSQL.
    op.add_column(
        'candidate_photos',
        sa.Column('screened_with', sa.String(length=64), nullable=False, server_default=''),
    )
    op.add_column(
        'candidate_photos',
        sa.Column('pixel_sha256', sa.String(length=64), nullable=False, server_default=''),
    )


def downgrade() -> None:
    with op.batch_alter_table('candidate_photos') as batch:
        batch.drop_column('pixel_sha256')
        batch.drop_column('screened_with')
