"""Eligibility that gates (exceptions, the alternative met, proofs, who entered) and the remit

Revision ID: 0016_eligibility_remit
Revises: 0015_body_name_bases
Create Date: 2026-12-08
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0016_eligibility_remit'
down_revision: str | None = '0015_body_name_bases'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('eligibility_alternative', sa.String(length=20), server_default='', nullable=False))
        batch_op.add_column(sa.Column('eligibility_proof', sa.String(length=300), server_default='', nullable=False))
        batch_op.add_column(sa.Column('entered_by', sa.String(length=64), server_default='', nullable=False))

    op.create_table('eligibility_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('verdict', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_eligibility_overrides_candidate_id_candidates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_eligibility_overrides')),
    sa.UniqueConstraint('candidate_id', name=op.f('uq_eligibility_overrides_candidate_id'))
    )

    op.create_table('remit_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('proposed_by', sa.String(length=64), nullable=False),
    sa.Column('proposed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirmed_by', sa.String(length=64), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remit_versions'))
    )

    op.create_table('remit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('occupation_code', sa.String(length=20), nullable=False),
    sa.Column('direction', sa.String(length=100), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['occupation_code'], ['occupations.code'], name=op.f('fk_remit_entries_occupation_code_occupations')),
    sa.ForeignKeyConstraint(['version_id'], ['remit_versions.id'], name=op.f('fk_remit_entries_version_id_remit_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remit_entries')),
    sa.UniqueConstraint('version_id', 'occupation_code', 'direction', 'level', name='uq_remit_entries_entry')
    )
    with op.batch_alter_table('remit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remit_entries_version_id'), ['version_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('remit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remit_entries_version_id'))

    op.drop_table('remit_entries')
    op.drop_table('remit_versions')
    op.drop_table('eligibility_overrides')
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_column('entered_by')
        batch_op.drop_column('eligibility_proof')
        batch_op.drop_column('eligibility_alternative')
