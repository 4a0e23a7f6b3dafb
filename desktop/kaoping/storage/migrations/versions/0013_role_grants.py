"""Role grants waiting for a second person

Revision ID: 0013_role_grants
Revises: 0004
Create Date: 2026-12-06 03:38:17.285266
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0013_role_grants'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('role_grants',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('roles', sa.String(length=300), nullable=False),
    sa.Column('requested_by', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['requested_by'], ['users.id'], name=op.f('fk_role_grants_requested_by_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_role_grants_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_role_grants'))
    )
    with op.batch_alter_table('role_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_role_grants_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_role_grants_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('role_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_role_grants_user_id'))
        batch_op.drop_index(batch_op.f('ix_role_grants_status'))

    op.drop_table('role_grants')
