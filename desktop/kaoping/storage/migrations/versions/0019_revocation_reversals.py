"""Revocation categories and reversals of revocations confirmed by a second person

Revision ID: 0019_revocation_reversals
Revises: 0018_candidate_photos
Create Date: 2026-12-08
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0019_revocation_reversals'
down_revision: str | None = '0018_candidate_photos'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('status_category', sa.String(length=30), server_default='', nullable=False)
        )
    op.create_table('revocation_reversals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('revoked_reason', sa.String(length=300), nullable=False),
    sa.Column('revoked_category', sa.String(length=30), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('proposed_by_id', sa.Integer(), nullable=False),
    sa.Column('proposed_by', sa.String(length=64), nullable=False),
    sa.Column('proposed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificates.id'], name=op.f('fk_revocation_reversals_certificate_id_certificates')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_revocation_reversals_proposed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revocation_reversals'))
    )
    with op.batch_alter_table('revocation_reversals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revocation_reversals_certificate_id'), ['certificate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_revocation_reversals_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('revocation_reversals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revocation_reversals_status'))
        batch_op.drop_index(batch_op.f('ix_revocation_reversals_certificate_id'))

    op.drop_table('revocation_reversals')
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_column('status_category')
