"""Candidates: an index for reading a batch page by page in name order

Revision ID: 0011_candidate_order
Revises: 0005_intake
Create Date: 2026-12-04 15:50:00.890471
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op


revision: str = '0011_candidate_order'
down_revision: str | None = '0005_intake'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.create_index('ix_candidates_batch_name', ['batch_id', 'name', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_index('ix_candidates_batch_name')

