"""Candidate photos in their own table

Photos that were stored in candidates.photo move into candidate_photos unchanged (their SHA-256
stands in for the original's, which was never kept), and the column goes. The column is dropped
with a plain ALTER TABLE (SQLite 3.35+ and PostgreSQL): rebuilding the candidates table, as batch
mode would, drops and recreates a table that many others reference.

Revision ID: 0018_candidate_photos
Revises: 0017_calendar_years
Create Date: 2026-12-06
"""
from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op


revision: str = '0018_candidate_photos'
down_revision: str | None = '0017_calendar_years'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as header:
            return header.size
    except Exception:
        return 0, 0


def upgrade() -> None:
    photos = op.create_table('candidate_photos',
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('jpeg', sa.LargeBinary(), nullable=False),
    sa.Column('original_sha256', sa.String(length=64), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_by', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_candidate_photos_candidate_id_candidates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('candidate_id', name=op.f('pk_candidate_photos'))
    )
    assert photos is not None
    connection = op.get_bind()
    now = datetime.now(UTC)
    old = connection.execute(sa.text('SELECT id, photo FROM candidates WHERE photo IS NOT NULL'))
    for candidate_id, data in old.fetchall():
        if not data:
            continue
        width, height = _size(bytes(data))
        connection.execute(photos.insert().values(
            candidate_id=candidate_id, jpeg=bytes(data),
            original_sha256=hashlib.sha256(bytes(data)).hexdigest(),
            width=width, height=height, imported_at=now, imported_by='',
        ))
    op.execute('ALTER TABLE candidates DROP COLUMN photo')


def downgrade() -> None:
    op.execute('ALTER TABLE candidates ADD COLUMN photo BLOB' if op.get_bind().dialect.name == 'sqlite' else 'ALTER TABLE candidates ADD COLUMN photo BYTEA')
    op.execute('UPDATE candidates SET photo = (SELECT jpeg FROM candidate_photos WHERE candidate_photos.candidate_id = candidates.id)')
    op.drop_table('candidate_photos')
