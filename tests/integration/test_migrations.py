"""Migrations and table definitions agree, so a fresh install and an upgraded one are the same."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kaoping.storage.engine import make_engine, migrate
from kaoping.storage.schema import metadata


def test_migrations_create_exactly_the_declared_schema(db_url: str) -> None:
    """Upgrading an empty database leaves nothing for autogenerate to add or change."""
    engine = make_engine(db_url)
    migrate(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert diff == []


def test_migrating_twice_is_harmless(db_url: str) -> None:
    """Opening an up-to-date database again changes nothing."""
    engine = make_engine(db_url)
    migrate(engine)
    migrate(engine)
    engine.dispose()
