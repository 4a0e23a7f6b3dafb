"""Opening the database: engine, SQLite settings, and migration to the current schema on first use."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_sqlite_url(data_dir: Path) -> str:
    """The URL of the default database file inside the user data folder."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'kaoping.db'}"


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite turn on WAL, foreign keys and explicit write locks.

    Python's sqlite3 module starts transactions lazily and only at the first write, so two writers
    could both read the same audit-chain head. We take over BEGIN ourselves and use
    `BEGIN IMMEDIATE` for units of work that write, which serialises writers cleanly.
    """
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    kwargs: dict[str, Any] = {}
    if url in ("sqlite://", "sqlite:///:memory:"):
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    else:
        kwargs = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("kaoping_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration bound to an engine, independent of the working folder."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (creates it on an empty database)."""
    command.upgrade(alembic_config(engine), "heads")


def is_initialised(engine: Engine) -> bool:
    """Whether the schema exists (migrations have run at least once)."""
    return inspect(engine).has_table("alembic_version")


def ensure_parent(url: str) -> None:
    """Create the folder of a SQLite file URL so a fresh path works."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and url != "sqlite:///:memory:":
        Path(url[len(prefix) :]).expanduser().parent.mkdir(parents=True, exist_ok=True)


def url_from_env(explicit: str | None) -> str | None:
    """`--db` wins over `KAOPING_DB`; None means use the default file."""
    return explicit or os.environ.get("KAOPING_DB") or None
