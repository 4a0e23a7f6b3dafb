"""Calendar years: which years' holiday arrangement is complete; each holiday entry's year

Revision ID: 0017_calendar_years
Revises: 0016_eligibility_remit, 0010_exchange
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0017_calendar_years'
# Joins the newest revision with the exchange branch, whose holiday table it extends. Once
# 0016_eligibility_remit is merged, it replaces 0015_body_name_bases here.
down_revision: str | tuple[str, ...] | None = ('0016_eligibility_remit', '0010_exchange')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_HOLIDAYS = sa.table('holiday_overrides', sa.column('day', sa.Date()), sa.column('year', sa.Integer()))


def upgrade() -> None:
    op.create_table('calendar_years',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('notice_sha256', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('confirmed_by', sa.String(length=64), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_calendar_years'))
    )
    with op.batch_alter_table('holiday_overrides', schema=None) as batch_op:
        batch_op.add_column(sa.Column('year', sa.Integer(), nullable=True))
    # Entries made before arrangements had years belong to their own day's year. None of those
    # years becomes complete: a year with entries and no completion stays unknown until the
    # administrator confirms a notice or marks it complete.
    bind = op.get_bind()
    for (day,) in bind.execute(sa.select(_HOLIDAYS.c.day)).all():
        bind.execute(_HOLIDAYS.update().where(_HOLIDAYS.c.day == day).values(year=day.year))
    with op.batch_alter_table('holiday_overrides', schema=None) as batch_op:
        batch_op.alter_column('year', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_holiday_overrides_year'), ['year'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('holiday_overrides', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_holiday_overrides_year'))
        batch_op.drop_column('year')

    op.drop_table('calendar_years')
