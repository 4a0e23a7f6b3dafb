"""Candidates: indexes for searching by name and by the end of the masked number

SQLite: a full-text table of each name with its characters spaced, kept in step by triggers. The
index for names longer than the triggers space is made after migrating, by
`candidate_search.repair_sqlite_name_index`: an expression index would not survive another
branch's batch migration of the table on a fresh install, and warns when that copies the table.
PostgreSQL: a GIN index on the characters of each name (`string_to_array(name, NULL)`).
Both: `id_masked_reversed` with a btree index, backfilled here.

Revision ID: 0022_candidate_search
Revises: 0021_stock_printing
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0022_candidate_search'
down_revision: str | None = '0021_stock_printing'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of storage/candidate_search.py as of this revision.
FTS = 'candidates_name_fts'
INDEXED_CHARS = 20  # longer names: a partial index (made after migrating)
LONG_NAME_INDEX = 'ix_candidates_name_beyond_fts'  # made by repair_sqlite_name_index
CHARS_INDEX = 'ix_candidates_name_chars'
_FOLD = str.maketrans('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')


def _spaced(column: str) -> str:
    # No recursive query in a trigger, no such function in SQLite: one substr per character
    # (only the CASE branch taken is computed: 4 for most names).
    def upto(count: int) -> str:
        return " || ' ' || ".join(f'substr({column}, {i}, 1)' for i in range(1, count + 1))

    return f'CASE WHEN length({column}) <= 4 THEN {upto(4)} ELSE {upto(INDEXED_CHARS)} END'


def upgrade() -> None:
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('id_masked_reversed', sa.String(length=40), server_default='', nullable=False)
        )
    _backfill_reversed()
    op.create_index(
        'ix_candidates_id_masked_reversed',
        'candidates',
        ['id_masked_reversed'],
        unique=False,
        postgresql_ops={'id_masked_reversed': 'varchar_pattern_ops'},
    )
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        _sqlite_name_index()
    elif dialect == 'postgresql':
        _postgresql_name_index()


def _backfill_reversed() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text('SELECT id, id_masked FROM candidates')).all()
    values = [{'i': row[0], 'r': str(row[1]).translate(_FOLD)[::-1]} for row in rows]
    if values:
        bind.execute(sa.text('UPDATE candidates SET id_masked_reversed = :r WHERE id = :i'), values)


def _sqlite_name_index() -> None:
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(chars, tokenize = 'unicode61 remove_diacritics 0')"
    )
    op.execute(f'INSERT INTO {FTS}(rowid, chars) SELECT id, {_spaced("name")} FROM candidates')
    op.execute(
        f'CREATE TRIGGER {FTS}_insert AFTER INSERT ON candidates BEGIN '
        f'INSERT INTO {FTS}(rowid, chars) VALUES (NEW.id, {_spaced("NEW.name")}); END'
    )
    op.execute(
        f'CREATE TRIGGER {FTS}_update AFTER UPDATE OF id, name ON candidates BEGIN '
        f'DELETE FROM {FTS} WHERE rowid = OLD.id; '
        f'INSERT INTO {FTS}(rowid, chars) VALUES (NEW.id, {_spaced("NEW.name")}); END'
    )
    op.execute(
        f'CREATE TRIGGER {FTS}_delete AFTER DELETE ON candidates BEGIN '
        f'DELETE FROM {FTS} WHERE rowid = OLD.id; END'
    )


def _postgresql_name_index() -> None:
    # The characters of each name as an array: "contains every character of 赵艳" narrows to a
    # handful of rows for a query of any length, one character included (pg_trgm needs three,
    # and took 14 ms for those against 1 ms here on 100,000 names); no extension needed.
    op.execute(
        f'CREATE INDEX {CHARS_INDEX} ON candidates USING gin (string_to_array(name, NULL))'
    )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for suffix in ('insert', 'update', 'delete'):
            op.execute(f'DROP TRIGGER IF EXISTS {FTS}_{suffix}')
        op.execute(f'DROP TABLE IF EXISTS {FTS}')
        op.execute(f'DROP INDEX IF EXISTS {LONG_NAME_INDEX}')
    elif dialect == 'postgresql':
        op.execute(f'DROP INDEX IF EXISTS {CHARS_INDEX}')
    op.drop_index('ix_candidates_id_masked_reversed', table_name='candidates')
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_column('id_masked_reversed')
