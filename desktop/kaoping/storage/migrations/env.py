"""Alembic environment: runs migrations on the engine handed over in `config.attributes`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from kaoping.storage.candidate_search import include_name, include_object
from kaoping.storage.schema import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # `alembic` run from the command line for autogenerate
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things in place
        compare_type=True,
        # The search index's virtual table and dialect-only indexes are the migrations' own.
        include_name=include_name,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
