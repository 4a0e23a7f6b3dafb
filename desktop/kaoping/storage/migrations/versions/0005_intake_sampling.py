"""candidate intake columns and verification sampling tables

Revision ID: 0005_intake
Revises: 0004
Create Date: 2026-11-25 12:47:55.254134
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005_intake'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('sampling_draws',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('seed', sa.String(length=128), nullable=False),
    sa.Column('ratio', sa.String(length=20), nullable=False),
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.Column('population', sa.Text(), nullable=False),
    sa.Column('population_sha256', sa.String(length=64), nullable=False),
    sa.Column('flagged', sa.Text(), nullable=False),
    sa.Column('randomly_drawn', sa.Text(), nullable=False),
    sa.Column('drawn', sa.Text(), nullable=False),
    sa.Column('drawn_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('drawn_by', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['batches.id'], name=op.f('fk_sampling_draws_batch_id_batches')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sampling_draws'))
    )
    with op.batch_alter_table('sampling_draws', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sampling_draws_batch_id'), ['batch_id'], unique=False)

    op.create_table('sampling_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draw_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('fact', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checked_by', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_sampling_checks_candidate_id_candidates')),
    sa.ForeignKeyConstraint(['draw_id'], ['sampling_draws.id'], name=op.f('fk_sampling_checks_draw_id_sampling_draws')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sampling_checks')),
    sa.UniqueConstraint('draw_id', 'candidate_id', 'fact', name='uq_sampling_checks_fact')
    )
    with op.batch_alter_table('sampling_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sampling_checks_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sampling_checks_draw_id'), ['draw_id'], unique=False)

    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('eligible', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('eligibility_verified', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_column('eligibility_verified')
        batch_op.drop_column('eligible')

    with op.batch_alter_table('sampling_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sampling_checks_draw_id'))
        batch_op.drop_index(batch_op.f('ix_sampling_checks_candidate_id'))

    op.drop_table('sampling_checks')
    with op.batch_alter_table('sampling_draws', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sampling_draws_batch_id'))

    op.drop_table('sampling_draws')
