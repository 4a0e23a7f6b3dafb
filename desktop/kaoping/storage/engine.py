"""Opening the database: which store a URL names, engines, and migration to the current schema.

The local store is an encrypted SQLite file (SQLCipher) unless a person asks for a plain file with
an explicit ``--db sqlite:///…``; a head office may use PostgreSQL instead, over TLS.
"""

from __future__ import annotations

import enum
import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from kaoping.domain.errors import ValidationError
from kaoping.storage import cipher
from kaoping.storage.candidate_search import repair_sqlite_name_index

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_FILE = "kaoping.db"
KEYS_SUFFIX = ".keys"
ENCRYPTED_SCHEME = "sqlite+pysqlcipher"
# sslmode values that encrypt the connection; "prefer" and "allow" fall back to plain text.
TLS_MODES = frozenset({"require", "verify-ca", "verify-full"})
INSECURE_ENV = "KAOPING_ALLOW_INSECURE_PG"


class StoreKind(enum.Enum):
    """What kind of database a URL names."""

    ENCRYPTED = "encrypted"  # SQLCipher file, the default local store
    PLAIN = "plain"  # plain SQLite file, only when asked for explicitly (tests, --db sqlite:///)
    MEMORY = "memory"  # in-memory SQLite (tests)
    SERVER = "server"  # PostgreSQL


@dataclass(frozen=True)
class StoreLocation:
    """A database as named by a URL.

    Attributes:
        kind: Encrypted file, plain file, in memory or a server.
        url: The SQLAlchemy URL the engine connects to (for files: ``sqlite:///path``).
        path: The database file, for the file kinds.
    """

    kind: StoreKind
    url: str
    path: Path | None = None

    @property
    def keys_path(self) -> Path:
        """The key file beside an encrypted database (``kaoping.db.keys``)."""
        if self.path is None:
            raise ValueError("only a database file has a key file")
        return self.path.with_name(self.path.name + KEYS_SUFFIX)

    @property
    def shown(self) -> str:
        """The URL to show people: the encrypted scheme for encrypted files, no password."""
        if self.kind is StoreKind.ENCRYPTED and self.path is not None:
            return f"{ENCRYPTED_SCHEME}:///{self.path}"
        return make_url(self.url).render_as_string(hide_password=True)


def default_location(data_dir: Path) -> StoreLocation:
    """The encrypted store inside the user data folder.

    A plain file already there (from a version before encryption) is opened as it is, until an
    administrator converts it with ``kaoping store encrypt``.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DEFAULT_FILE
    kind = StoreKind.PLAIN if cipher.is_plain(path) else StoreKind.ENCRYPTED
    return StoreLocation(kind, f"sqlite:///{path}", path)


def locate(url: str, *, allow_insecure: bool = False) -> StoreLocation:
    """What a ``--db`` URL names.

    ``sqlite+pysqlcipher:///path`` is an encrypted store; ``sqlite:///path`` is a plain file,
    unless the file already exists and is encrypted, which is then opened as one (a person
    pointing at a store means that store). PostgreSQL URLs must use TLS to a non-local server.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ValidationError(
            f"数据库地址格式不对：{url}。例如 sqlite:///D:/kaoping/kaoping.db 或 "
            "postgresql+psycopg://用户@主机/库名?sslmode=require",
            field="数据库",
        ) from None
    backend = parsed.get_backend_name()
    if backend != "sqlite":
        check_server_tls(url, allow_insecure=allow_insecure)
        return StoreLocation(StoreKind.SERVER, url)
    database = parsed.database or ""
    if database in ("", ":memory:"):
        return StoreLocation(StoreKind.MEMORY, "sqlite://")
    path = Path(database).expanduser()
    plain_url = f"sqlite:///{path}"
    if parsed.drivername == ENCRYPTED_SCHEME or cipher.looks_encrypted(path):
        return StoreLocation(StoreKind.ENCRYPTED, plain_url, path)
    return StoreLocation(StoreKind.PLAIN, plain_url, path)


def _is_local_host(host: str | None) -> bool:
    if not host or host.startswith("/") or host == "localhost":
        return True  # a Unix socket or the loopback name: the data never crosses a network
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_server_tls(url: str, *, allow_insecure: bool = False) -> None:
    """Refuse a PostgreSQL server across a network without TLS.

    Candidates' personal data must not cross a network in plain text: a non-local server needs
    ``sslmode=require`` (or ``verify-ca`` / ``verify-full``). An operator can override this,
    explicitly, with ``--allow-insecure-db`` or ``KAOPING_ALLOW_INSECURE_PG=1``.
    """
    if allow_insecure or os.environ.get(INSECURE_ENV) == "1":
        return
    parsed = make_url(url)
    hosts = parsed.query.get("host")  # libpq also takes the host (or several) as a parameter
    extra = [hosts] if isinstance(hosts, str) else list(hosts or ())
    if all(_is_local_host(h) for h in [parsed.host, *extra]):
        return
    mode = parsed.query.get("sslmode")
    if isinstance(mode, str) and mode in TLS_MODES:
        return
    raise ValidationError(
        f"连接数据库服务器 {parsed.host} 未启用 TLS 加密，考生个人信息会以明文经过网络。"
        "请在数据库地址末尾加上 ?sslmode=require（或 verify-full），"
        "确需在受控网络中不加密连接时，使用 --allow-insecure-db 或设置 KAOPING_ALLOW_INSECURE_PG=1。",
        field="数据库",
    )


def make_engine(url: str, key: bytes | None = None) -> Engine:
    """Create an engine; for SQLite turn on WAL, foreign keys and explicit write locks.

    Python's sqlite3 module starts transactions lazily and only at the first write, so two writers
    could both read the same audit-chain head. We take over BEGIN ourselves and use
    `BEGIN IMMEDIATE` for units of work that write, which serialises writers cleanly.

    Args:
        url: A SQLAlchemy URL (for an encrypted file: its ``sqlite:///path``).
        key: The encrypted file's 256-bit key. Every connection (the application's, Alembic's
            and the backup's) is made by `cipher.connect`, whose first statement sets it.
    """
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    kwargs: dict[str, Any] = {}
    if key is not None:
        path = Path(str(make_url(url).database))
        kwargs = {
            "creator": lambda: cipher.connect(path, key),
            "module": cipher.dbapi,
        }
        url = f"sqlite:///{path}"
    elif url in ("sqlite://", "sqlite:///:memory:"):
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
    with engine.begin() as connection:
        repair_sqlite_name_index(connection)


def is_initialised(engine: Engine) -> bool:
    """Whether the schema exists (migrations have run at least once)."""
    return inspect(engine).has_table("alembic_version")


def ensure_parent(location: StoreLocation) -> None:
    """Create the folder of a database file so a fresh path works."""
    if location.path is not None:
        location.path.parent.mkdir(parents=True, exist_ok=True)


def url_from_env(explicit: str | None) -> str | None:
    """`--db` wins over `KAOPING_DB`; None means use the default file."""
    return explicit or os.environ.get("KAOPING_DB") or None
