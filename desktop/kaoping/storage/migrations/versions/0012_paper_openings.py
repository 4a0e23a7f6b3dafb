"""Papers: how often and when a sealed paper was last opened, and by whom

Revision ID: 0012_paper_openings
Revises: 0008_bank
Create Date: 2026-12-05 03:00:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0012_paper_openings'
down_revision: str | None = '0008_bank'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('papers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opened_count', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('last_opened_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('last_opened_by', sa.String(length=140), server_default='',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('papers', schema=None) as batch_op:
        batch_op.drop_column('last_opened_by')
        batch_op.drop_column('last_opened_at')
        batch_op.drop_column('opened_count')
