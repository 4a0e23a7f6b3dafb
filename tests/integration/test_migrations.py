"""Migrations and table definitions agree, so a fresh install and an upgraded one are the same."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kaoping.storage.engine import make_engine, migrate
from kaoping.storage.schema import metadata


def test_migrations_create_exactly_the_declared_schema(tmp_path: Path) -> None:
    """Upgrading an empty database leaves nothing for autogenerate to add or change."""
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    migrate(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    assert diff == []


def test_migrating_twice_is_harmless(tmp_path: Path) -> None:
    """Opening an up-to-date database again changes nothing."""
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    migrate(engine)
    migrate(engine)
