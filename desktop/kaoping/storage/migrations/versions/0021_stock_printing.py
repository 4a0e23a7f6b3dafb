"""Printing onto pre-printed stock: layouts, printer calibrations and a print log

Revision ID: 0021_stock_printing
Revises: 0020_password_change_required
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0021_stock_printing'
down_revision: str | None = '0020_password_change_required'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('stock_layouts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('template_sha256', sa.String(length=64), nullable=False),
    sa.Column('page_width', sa.Float(), nullable=False),
    sa.Column('page_height', sa.Float(), nullable=False),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('scan', sa.LargeBinary(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_layouts')),
    sa.UniqueConstraint('name', name=op.f('uq_stock_layouts_name'))
    )
    op.create_table('printer_calibrations',
    sa.Column('printer', sa.String(length=200), nullable=False),
    sa.Column('dx', sa.Float(), nullable=False),
    sa.Column('dy', sa.Float(), nullable=False),
    sa.Column('sx', sa.Float(), nullable=False),
    sa.Column('sy', sa.Float(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('printer', name=op.f('pk_printer_calibrations'))
    )
    op.create_table('certificate_prints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('printed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('printed_by', sa.String(length=64), nullable=False),
    sa.Column('printer', sa.String(length=200), nullable=False),
    sa.Column('layout_id', sa.Integer(), nullable=True),
    sa.Column('stock', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificates.id'], name=op.f('fk_certificate_prints_certificate_id_certificates')),
    sa.ForeignKeyConstraint(['layout_id'], ['stock_layouts.id'], name=op.f('fk_certificate_prints_layout_id_stock_layouts'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_prints'))
    )
    op.create_index('ix_certificate_prints_certificate', 'certificate_prints', ['certificate_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_certificate_prints_certificate', table_name='certificate_prints')
    op.drop_table('certificate_prints')
    op.drop_table('printer_calibrations')
    op.drop_table('stock_layouts')
