"""Bases of body names with a banned word

Revision ID: 0015_body_name_bases
Revises: 0014_template_phrases
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0015_body_name_bases'
down_revision: str | None = '0014_template_phrases'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('body_name_bases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirmed_by', sa.String(length=64), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_body_name_bases'))
    )
    with op.batch_alter_table('body_name_bases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_body_name_bases_name'), ['name'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('body_name_bases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_body_name_bases_name'))

    op.drop_table('body_name_bases')
