"""Template phrases reviewed by two people

Revision ID: 0014_template_phrases
Revises: 0009_certificates
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0014_template_phrases'
down_revision: str | None = '0009_certificates'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('template_phrases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_sha256', sa.String(length=64), nullable=False),
    sa.Column('phrase', sa.Text(), nullable=False),
    sa.Column('words', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=False),
    sa.Column('proposed_by', sa.String(length=64), nullable=False),
    sa.Column('proposed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_template_phrases_proposed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_template_phrases'))
    )
    with op.batch_alter_table('template_phrases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_template_phrases_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_template_phrases_template_sha256'), ['template_sha256'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('template_phrases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_template_phrases_template_sha256'))
        batch_op.drop_index(batch_op.f('ix_template_phrases_status'))

    op.drop_table('template_phrases')
