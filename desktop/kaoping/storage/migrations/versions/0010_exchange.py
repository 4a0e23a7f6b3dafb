"""Exchange: holiday table, trusted signers, package registers, report entries, site roster links

Revision ID: 0010_exchange
Revises: 0004
Create Date: 2026-11-25 12:49:25.283828
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010_exchange'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('exported_packages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('batch', sa.String(length=40), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exported_packages')),
    sa.UniqueConstraint('kind', 'batch', 'sequence', name='uq_exported_packages_kind_batch_seq'),
    sa.UniqueConstraint('package_id', name=op.f('uq_exported_packages_package_id'))
    )

    with op.batch_alter_table('exported_packages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exported_packages_batch'), ['batch'], unique=False)

    op.create_table('holiday_overrides',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('workday', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_holiday_overrides'))
    )

    op.create_table('imported_packages',
    sa.Column('package_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('batch', sa.String(length=40), nullable=False),
    sa.Column('body_code', sa.String(length=50), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('signer_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('package_id', name=op.f('pk_imported_packages'))
    )

    with op.batch_alter_table('imported_packages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_imported_packages_batch'), ['batch'], unique=False)

    op.create_table('trusted_signers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kinds', sa.String(length=100), nullable=False),
    sa.Column('subject', sa.String(length=400), nullable=False),
    sa.Column('not_after', sa.DateTime(timezone=True), nullable=False),
    sa.Column('cert_pem', sa.LargeBinary(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('added_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trusted_signers')),
    sa.UniqueConstraint('fingerprint', name=op.f('uq_trusted_signers_fingerprint'))
    )

    op.create_table('report_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.String(length=64), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['batches.id'], name=op.f('fk_report_entries_batch_id_batches')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_report_entries_candidate_id_candidates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_entries')),
    sa.UniqueConstraint('package_id', 'candidate_id', name='uq_report_entries_package_candidate')
    )

    with op.batch_alter_table('report_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_entries_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_entries_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_entries_package_id'), ['package_id'], unique=False)

    op.create_table('site_candidates',
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('origin_id', sa.Integer(), nullable=False),
    sa.Column('id_digest', sa.String(length=64), nullable=False),
    sa.Column('package_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_site_candidates_candidate_id_candidates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('candidate_id', name=op.f('pk_site_candidates'))
    )

    with op.batch_alter_table('site_candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_site_candidates_id_digest'), ['id_digest'], unique=False)
        batch_op.create_index(batch_op.f('ix_site_candidates_origin_id'), ['origin_id'], unique=False)

    op.create_table('site_sessions',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('origin_id', sa.Integer(), nullable=False),
    sa.Column('digest_salt', sa.String(length=64), nullable=False),
    sa.Column('package_id', sa.String(length=64), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['exam_sessions.id'], name=op.f('fk_site_sessions_session_id_exam_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', name=op.f('pk_site_sessions'))
    )


def downgrade() -> None:
    op.drop_table('site_sessions')

    with op.batch_alter_table('site_candidates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_site_candidates_origin_id'))
        batch_op.drop_index(batch_op.f('ix_site_candidates_id_digest'))

    op.drop_table('site_candidates')

    with op.batch_alter_table('report_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_entries_package_id'))
        batch_op.drop_index(batch_op.f('ix_report_entries_candidate_id'))
        batch_op.drop_index(batch_op.f('ix_report_entries_batch_id'))

    op.drop_table('report_entries')

    op.drop_table('trusted_signers')

    with op.batch_alter_table('imported_packages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_imported_packages_batch'))

    op.drop_table('imported_packages')

    op.drop_table('holiday_overrides')

    with op.batch_alter_table('exported_packages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exported_packages_batch'))

    op.drop_table('exported_packages')
