"""Migrations and table definitions agree, so a fresh install and an upgraded one are the same."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from kaoping.bootstrap import build_env
from kaoping.domain.roles import Role
from kaoping.services import accounts
from kaoping.services.base import Actor
from kaoping.storage.candidate_search import include_name, include_object
from kaoping.storage.engine import alembic_config, make_engine, migrate
from kaoping.storage.schema import metadata
from tests.databases import PASSWORD, USERNAMES, dispose

Snapshot = tuple[set[str], dict[str, list[tuple[object, ...]]]]


# SQLAlchemy cannot reflect the SQLite index of long names (an expression index); it is not declared.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_migrations_create_exactly_the_declared_schema(empty_db_url: str) -> None:
    """Upgrading an empty database leaves nothing for autogenerate to add or change (the name
    search's full-text table and dialect-only indexes aside, as in the migrations' own set-up)."""
    engine = make_engine(empty_db_url)
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": include_name, "include_object": include_object}
        )
        diff = compare_metadata(context, metadata)
    engine.dispose()
    assert diff == []


def _snapshot(engine: sa.Engine) -> Snapshot:
    """The schema revisions (one per branch) and every row of every table, in a stable order."""
    with engine.connect() as connection:
        revisions = set(MigrationContext.configure(connection).get_current_heads())
        rows = {
            table.name: sorted(
                (tuple(row) for row in connection.execute(sa.select(table))), key=repr
            )
            for table in metadata.sorted_tables
        }
    return revisions, rows


@pytest.mark.plain_store  # snapshots the file with an engine of its own
def test_opening_an_up_to_date_database_again_changes_nothing(
    db_url: str, actors: dict[Role, Actor]
) -> None:
    """Each start of the program migrates first; on a database in use that keeps the revision at
    the newest, every row as it was, and everyone able to sign in."""
    engine = make_engine(db_url)
    before = _snapshot(engine)
    for _ in range(2):
        dispose(build_env(db_url, fast_hashing=True))
    after = _snapshot(engine)
    heads = set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())
    engine.dispose()
    assert before[0] == heads and after[0] == heads
    assert after[1] == before[1]
    assert len(before[1]["users"]) == len(Role) and before[1]["occupations"]
    reopened = build_env(db_url, fast_hashing=True, migrate_schema=False)
    try:
        signed_in = accounts.sign_in(reopened, USERNAMES[Role.EXAMINER], PASSWORD)
    finally:
        dispose(reopened)
    assert signed_in.user_id == actors[Role.EXAMINER].user_id
