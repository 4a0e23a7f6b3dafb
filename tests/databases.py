"""Installed databases built once per session and handed to each test as a fresh copy.

Migrating and initialising a database costs more than most tests do themselves, and every test
that asks for `env` starts from the same state, so that state is built once per backend and stage
and copied for each test: a file copy on SQLite; on PostgreSQL a data copy into a schema that is
reused from test to test, because creating and dropping a schema per test is slow there.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import IntEnum
from pathlib import Path

import sqlalchemy as sa

from kaoping.adapters.clock import FixedClock
from kaoping.adapters.store_keys import KeyFile, new_recovery_secret, store_key
from kaoping.bootstrap import build_env
from kaoping.domain.catalogue import Level
from kaoping.domain.remit import RemitEntry
from kaoping.domain.roles import Role
from kaoping.services import accounts, remit, setup
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import BodyProfile
from kaoping.storage import cipher
from kaoping.storage.schema import metadata

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
PASSWORD = "Passw0rd-test"
PASSPHRASE = "key-passphrase-1"
BODY = BodyProfile("广西数字技术评价中心", "GXDT01", "南宁市", "李老师", "0771-1234567")
USERNAMES = {role: f"u_{role.value}" for role in Role}


# Set-up creates these with the administrator; every other role waits for the supervisor.
FIRST_ROLES = (Role.SUPERVISOR, Role.CERTIFICATE_OFFICER)


class Stage(IntEnum):
    """How far a test's fixtures set the installation up; each stage includes the ones before."""

    # `env`: body profile, signing key, catalogue, the administrator, the first supervisor and
    # certificate officer (set-up makes all three)
    INSTALLED = 0
    ADMIN = 1  # `admin`: the administrator signed in
    ACTORS = 2  # `actors`: one more user per role, each signed in


def first_setup(admin: str = "admin", admin_name: str = "系统管理员") -> setup.InitialSetup:
    """The set-up request of a test installation: its administrator, `u_supervisor` and
    `u_certificate_officer`, all with the test password, and the test key passphrase."""
    first = [
        setup.FirstAccount(USERNAMES[role], f"{role.label}甲", PASSWORD) for role in FIRST_ROLES
    ]
    return setup.InitialSetup(
        BODY, setup.FirstAccount(admin, admin_name, PASSWORD), *first, PASSPHRASE
    )


REMIT_BASIS = "评价机构目录（测试）：本机构获准开展全部职业、全部方向的初级、中级、高级评价"


def whole_catalogue(env: Env) -> tuple[RemitEntry, ...]:
    """A remit of every occupation of the shipped catalogue, every direction and level."""
    occupations = env.adapters.standards.catalogue()
    return tuple(RemitEntry(o.code, level) for o in occupations for level in Level)


def initialise(env: Env) -> None:
    """First-run setup with the shared test profile and passwords, and a remit of the whole
    catalogue that the first supervisor confirms, so tests may plan any occupation."""
    request = replace(first_setup(), remit=whole_catalogue(env), remit_basis=REMIT_BASIS)
    setup.initialise(env, request)
    remit.confirm_remit(env, accounts.sign_in(env, USERNAMES[Role.SUPERVISOR], PASSWORD))


def confirm_pending(env: Env) -> None:
    """The first quality supervisor confirms every grant waiting, as the second person."""
    supervisor = accounts.sign_in(env, USERNAMES[Role.SUPERVISOR], PASSWORD)
    for grant in accounts.pending_grants(env, supervisor):
        accounts.confirm_grant(env, supervisor, grant.id)


def add_user(env: Env, admin: Actor, username: str, name: str, roles: list[Role]) -> int:
    """Create a user with the test password and have the supervisor confirm the roles."""
    user_id = accounts.create_user(env, admin, username, name, PASSWORD, roles)
    confirm_pending(env)
    return user_id


def sign_in_admin(env: Env) -> Actor:
    """Sign the first system administrator in."""
    return accounts.sign_in(env, "admin", PASSWORD)


def create_actors(env: Env, admin: Actor) -> dict[Role, Actor]:
    """Sign in one user for every role besides the administrator.

    Set-up made the supervisor and the certificate officer; the administrator creates the others
    and the supervisor confirms their roles, as the rules require.
    """
    for role in Role:
        if role is not Role.SYSTEM_ADMIN and role not in FIRST_ROLES:
            accounts.create_user(env, admin, USERNAMES[role], f"{role.label}甲", PASSWORD, [role])
    confirm_pending(env)
    result = {Role.SYSTEM_ADMIN: admin}
    for role in Role:
        if role is not Role.SYSTEM_ADMIN:
            result[role] = accounts.sign_in(env, USERNAMES[role], PASSWORD)
    return result


def set_up(env: Env, stage: Stage) -> dict[Role, Actor]:
    """Bring a migrated, empty database to `stage`, exactly as the fixtures would one by one.

    Returns:
        The signed-in users the stage has (none for INSTALLED).
    """
    initialise(env)
    if stage is Stage.INSTALLED:
        return {}
    admin = sign_in_admin(env)
    return {Role.SYSTEM_ADMIN: admin} if stage is Stage.ADMIN else create_actors(env, admin)


def dispose(env: Env) -> None:
    """Release pooled connections, so files can be copied and schemas emptied."""
    getattr(env.uow, "engine").dispose()  # noqa: B009


@dataclass
class Template:
    """One stage of the installation as stored once for the session.

    Attributes:
        source: The SQLite file, or the PostgreSQL schema, holding it.
        actors: The users signed in while building it, handed to tests instead of signing in again.
        key: The encrypted store's key (None for a plain file or PostgreSQL).
    """

    source: str
    actors: dict[Role, Actor] = field(default_factory=dict)
    key: bytes | None = None


def _build(url: str, stage: Stage, key: bytes | None = None) -> dict[Role, Actor]:
    # A clock of its own at the same moment as the test's, so timestamps are what tests expect.
    env = build_env(url, key=key, clock=FixedClock(START), fast_hashing=True)
    try:
        return set_up(env, stage)
    finally:
        dispose(env)


def _advance(url: str, stage: Stage, before: Template, key: bytes | None) -> dict[Role, Actor]:
    """Take a copy of the stage before `stage` one stage further; returns the stage's actors."""
    env = build_env(url, key=key, clock=FixedClock(START), fast_hashing=True, migrate_schema=False)
    try:
        if stage is Stage.ADMIN:
            return {Role.SYSTEM_ADMIN: sign_in_admin(env)}
        return create_actors(env, replace(before.actors[Role.SYSTEM_ADMIN]))
    finally:
        dispose(env)


def decrypt(store: Path, key: bytes, target: Path) -> None:
    """Copy an encrypted store into a new plain file (``sqlcipher_export``), rows and counters."""
    source = cipher.connect(store, key)
    try:
        source.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        source.execute("SELECT sqlcipher_export('plain')")
        source.execute("DETACH DATABASE plain")
    finally:
        source.close()


def new_store_key(database: Path) -> bytes:
    """A fresh key for an encrypted store at `database`, with its (empty) key file beside it."""
    key = store_key(new_recovery_secret())
    KeyFile.create(database.with_name(database.name + ".keys"), key)
    return key


def encrypted_url(path: Path) -> str:
    """The URL of an encrypted store file."""
    return f"sqlite+pysqlcipher:///{path}"


class SqliteTemplates:
    """Stage templates as SQLite files in a session folder, built when first asked for.

    With `encrypted`, each template is an encrypted store (SQLCipher) with its key file, and
    each copy shares the template's key.
    """

    def __init__(
        self, folder: Path, encrypted: bool = False, decrypted_from: SqliteTemplates | None = None
    ) -> None:
        """Args:
        folder: Where the template files go.
        encrypted: Encrypted stores (each with its key file) rather than plain files.
        decrypted_from: Encrypted templates that plain ones are decrypted copies of: a copy
            costs milliseconds where setting a file up costs seconds, and holds the same rows.
        """
        self._folder = folder
        self._encrypted = encrypted
        self._decrypted_from = decrypted_from
        self._built: dict[Stage, Template] = {}

    def get(self, stage: Stage) -> Template:
        """The template of `stage`, building it on first use.

        A later stage starts from a copy of the one before (built first if need be), so each
        worker migrates and sets up each kind of file once, not once per stage; the steps
        after the copy are the ones building it from scratch would take next.
        """
        if stage not in self._built and self._decrypted_from is not None:
            source = self._decrypted_from.get(stage)
            assert source.key is not None, "decrypted copies come from encrypted templates"
            path = self._folder / f"stage-{stage.name.lower()}.db"
            decrypt(Path(source.source), source.key, path)
            self._built[stage] = Template(str(path), source.actors)
        if stage not in self._built:
            path = self._folder / f"stage-{stage.name.lower()}.db"
            if stage is Stage.INSTALLED:
                key = new_store_key(path) if self._encrypted else None
                url = encrypted_url(path) if key else f"sqlite:///{path}"
                actors = _build(url, stage, key)
            else:
                before = self.get(Stage(stage - 1))
                key = before.key
                url = self.copy(before, path)
                actors = _advance(url, stage, before, key)
            db = cipher.connect(path, key) if key else sqlite3.connect(path)
            try:
                # Fold the write-ahead log into the file, so copying the file copies everything.
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                db.close()
            self._built[stage] = Template(str(path), actors, key)
        return self._built[stage]

    @staticmethod
    def copy(template: Template, target: Path) -> str:
        """Copy a template (and its key file) to `target`; returns its URL."""
        shutil.copyfile(template.source, target)
        if template.key is None:
            return f"sqlite:///{target}"
        shutil.copyfile(f"{template.source}.keys", f"{target}.keys")
        return encrypted_url(target)


def schema_url(base: str, schema: str) -> str:
    """`base` with every connection's search path set to `schema`, committing without waiting.

    With ``synchronous_commit=off`` a commit returns before the server has flushed its log to
    disk (a tenth of the time here): a committed row is seen by every other connection at once,
    as before, and only a crash of the test server itself could lose it, which no test causes.
    """
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}%20-csynchronous_commit%3Doff"


class PostgresTemplates:
    """Stage templates as PostgreSQL schemas, and one working schema that tests take turns on.

    Before each test the working schema is emptied and refilled from the template (rows and
    sequence positions). Its tables are never dropped, which is what makes this quicker than a
    schema per test; tests do not change table definitions, so the schema stays as migrated.
    """

    # Rows left in the working schema up to which deleting them beats truncating every table.
    DELETE_AT_MOST = 2000

    def __init__(self, base: str) -> None:
        self._base = base
        self._admin = sa.create_engine(base)
        self._prefix = f"kp_{uuid.uuid4().hex[:8]}"
        self._built: dict[Stage, Template] = {}
        self._work: str | None = None
        self._tables: list[str] = []
        self._sequences: list[str] = []
        self._template_rows: dict[str, list[str]] = {}

    def get(self, stage: Stage) -> Template:
        """The template of `stage`, building it on first use."""
        if stage not in self._built:
            schema = self.new_schema(f"{self._prefix}_{stage.name.lower()}")
            self._built[stage] = Template(schema, _build(schema_url(self._base, schema), stage))
        return self._built[stage]

    def new_schema(self, name: str | None = None) -> str:
        """Create an empty schema; returns its name."""
        schema = name or f"t_{uuid.uuid4().hex[:12]}"
        with self._admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        return schema

    def drop_schema(self, schema: str) -> None:
        """Drop a schema and everything in it."""
        with self._admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))

    def copy(self, template: Template) -> str:
        """Make the working schema equal to `template`; returns its URL."""
        work = self._working_schema(template)
        filled = self._filled_tables(work)
        with self._admin.begin() as connection:
            # A test that left a transaction open would otherwise make this wait for ever.
            connection.execute(sa.text("SET LOCAL lock_timeout = '20s'"))
            self._empty(connection, work, filled)
            for table in self._template_tables(template):
                connection.execute(
                    sa.text(
                        f'INSERT INTO "{work}"."{table}" SELECT * FROM "{template.source}"."{table}"'
                    )
                )
            positions = ", ".join(
                f'setval(\'"{work}"."{sequence}"\', '
                f'(SELECT last_value FROM "{template.source}"."{sequence}"), '
                f'(SELECT is_called FROM "{template.source}"."{sequence}"))'
                for sequence in self._sequences
            )
            if positions:
                connection.execute(sa.text(f"SELECT {positions}"))
        return schema_url(self._base, work)

    def _empty(self, connection: sa.Connection, work: str, filled: dict[str, int]) -> None:
        """Delete every row of the working schema's tables that hold any.

        A TRUNCATE replaces the files of every table and index it names (all of them, since it
        must name each table that refers to one it empties), which took a third of a second per
        test; deleting the few dozen rows a test leaves, children first, takes milliseconds.
        After a test that left many rows, one TRUNCATE of every table is quicker: row-by-row
        deletes check each foreign key per row (40 s after importing 10,000 candidates).
        """
        if not filled:
            return
        if sum(filled.values()) > self.DELETE_AT_MOST:
            names = ", ".join(f'"{work}"."{table}"' for table in self._tables)
            connection.execute(sa.text(f"TRUNCATE {names}"))
            return
        for table in reversed(self._tables):
            if table in filled:
                connection.execute(sa.text(f'DELETE FROM "{work}"."{table}"'))

    def _filled_tables(self, schema: str) -> dict[str, int]:
        """The tables of `schema` holding rows, with their number of rows (counted up to a
        little over DELETE_AT_MOST: beyond that the number makes no difference)."""
        limit = self.DELETE_AT_MOST + 1
        counts = " UNION ALL ".join(
            f"SELECT '{table}', (SELECT count(*) FROM "
            f'(SELECT 1 FROM "{schema}"."{table}" LIMIT {limit}) AS held)'
            for table in self._tables
        )
        with self._admin.connect() as connection:
            rows = connection.execute(sa.text(counts))
            return {str(name): int(held) for name, held in rows if held}

    def _template_tables(self, template: Template) -> list[str]:
        """The tables holding rows in `template` (most are empty), parents first; templates do
        not change once built, so this is counted once per template."""
        if template.source not in self._template_rows:
            filled = self._filled_tables(template.source)
            self._template_rows[template.source] = [t for t in self._tables if t in filled]
        return self._template_rows[template.source]

    def _working_schema(self, template: Template) -> str:
        if self._work is None:
            work = self.new_schema(f"{self._prefix}_work")
            # The same migrations as the templates, so the tables match column for column.
            dispose(build_env(schema_url(self._base, work), fast_hashing=True))
            self._tables = self._ordered_tables(template.source)
            self._sequences = self._sequence_names(template.source)
            self._work = work
        return self._work

    def _ordered_tables(self, schema: str) -> list[str]:
        present = set(self._names("SELECT tablename FROM pg_tables WHERE schemaname = :s", schema))
        # Parents before children; tables outside the declared schema (alembic_version) last.
        declared = [table.name for table in metadata.sorted_tables if table.name in present]
        return declared + sorted(present - set(declared))

    def _sequence_names(self, schema: str) -> list[str]:
        return self._names("SELECT sequencename FROM pg_sequences WHERE schemaname = :s", schema)

    def _names(self, query: str, schema: str) -> list[str]:
        with self._admin.connect() as connection:
            return [str(row[0]) for row in connection.execute(sa.text(query), {"s": schema})]

    def close(self) -> None:
        """Drop every schema made for the session, in one statement (one commit, not four)."""
        schemas = [t.source for t in self._built.values()] + ([self._work] if self._work else [])
        if schemas:
            names = ", ".join(f'"{schema}"' for schema in schemas)
            with self._admin.begin() as connection:
                connection.execute(sa.text(f"DROP SCHEMA {names} CASCADE"))
        self._admin.dispose()


@contextmanager
def postgres_templates(base: str | None) -> Iterator[PostgresTemplates | None]:
    """Session-long PostgreSQL templates, dropped at the end; None without a server."""
    if base is None:
        yield None
        return
    templates = PostgresTemplates(base)
    try:
        yield templates
    finally:
        templates.close()


def stage_for(fixturenames: set[str]) -> Stage:
    """The deepest stage the test's fixtures ask for."""
    if "actors" in fixturenames:
        return Stage.ACTORS
    return Stage.ADMIN if "admin" in fixturenames else Stage.INSTALLED
