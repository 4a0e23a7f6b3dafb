"""Shared fixtures: a fresh database per test, signed-in users of every role, offscreen Qt."""

from __future__ import annotations

import dataclasses
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.roles import Role
from kaoping.services import accounts
from kaoping.services.base import Actor, Env
from tests.databases import (
    BODY,
    PASSPHRASE,
    PASSWORD,
    START,
    USERNAMES,
    PostgresTemplates,
    SqliteTemplates,
    Template,
    add_user,
    create_actors,
    dispose,
    postgres_templates,
    schema_url,
    sign_in_admin,
    stage_for,
)

__all__ = ["BODY", "PASSPHRASE", "PASSWORD", "USERNAMES"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use Qt get the `gui` marker, so `-m "not gui"` runs the rest."""
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def clock() -> FixedClock:
    """A clock fixed at 2026-11-25 09:00 UTC that tests move by hand."""
    return FixedClock(START)


ROOT = Path(__file__).resolve().parents[1]
POSTGRES_MARKER = ROOT / ".venv" / "kaoping-test-postgres.url"


def postgres_url() -> str | None:
    """The PostgreSQL server the store and service tests also run against, if one is set up.

    `scripts/bootstrap` starts a local server and writes its URL into `.venv/`; the environment
    variable KAOPING_TEST_POSTGRES_URL overrides it. Without either, only SQLite is used.
    """
    url = os.environ.get("KAOPING_TEST_POSTGRES_URL")
    if url:
        return url
    return POSTGRES_MARKER.read_text().strip() if POSTGRES_MARKER.exists() else None


BACKENDS = ["sqlite", "postgresql"] if postgres_url() else ["sqlite"]

# SQLite test cases run on the encrypted store, as the application keeps its data, unless
# KAOPING_TEST_STORE=plain; tests marked `encrypted_store` always run on the encrypted store, and
# those marked `plain_store` always on a plain file (they open the file with sqlite3 themselves).
TEST_STORES = ("encrypted", "plain")
TEST_STORE = os.environ.get("KAOPING_TEST_STORE") or "encrypted"
if TEST_STORE not in TEST_STORES:
    raise pytest.UsageError(
        f"KAOPING_TEST_STORE={TEST_STORE!r}: use {' or '.join(TEST_STORES)} (default encrypted)"
    )


@pytest.fixture(scope="session")
def encrypted_templates(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplates:
    """Installed encrypted stores built once for the session."""
    return SqliteTemplates(tmp_path_factory.mktemp("encrypted-templates"), encrypted=True)


@pytest.fixture(scope="session")
def sqlite_templates(
    tmp_path_factory: pytest.TempPathFactory, encrypted_templates: SqliteTemplates
) -> SqliteTemplates:
    """Installed plain SQLite databases built once for the session.

    When the test cases run encrypted, the few plain files (`plain_store`) are decrypted copies
    of the encrypted templates the session builds anyway.
    """
    source = encrypted_templates if TEST_STORE == "encrypted" else None
    return SqliteTemplates(tmp_path_factory.mktemp("templates"), decrypted_from=source)


@pytest.fixture(scope="session")
def store_templates(
    sqlite_templates: SqliteTemplates, encrypted_templates: SqliteTemplates
) -> SqliteTemplates:
    """The session templates of the kind SQLite test cases run on (KAOPING_TEST_STORE)."""
    return encrypted_templates if TEST_STORE == "encrypted" else sqlite_templates


@pytest.fixture
def encrypted(request: pytest.FixtureRequest, backend: str) -> bool:
    """Whether this test's SQLite database is an encrypted store."""
    if backend != "sqlite" or request.node.get_closest_marker("plain_store"):
        return False
    return bool(request.node.get_closest_marker("encrypted_store")) or TEST_STORE == "encrypted"


@pytest.fixture(scope="session")
def pg_templates() -> Iterator[PostgresTemplates | None]:
    """Installed PostgreSQL schemas built once for the session, if a server is set up."""
    with postgres_templates(postgres_url()) as templates:
        yield templates


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that needs a database runs on each backend, except the screen tests.

    Those run on SQLite only: the interface never opens a database session, it calls the
    services, whose own tests run on PostgreSQL as well; on PostgreSQL a screen test would
    repeat them through the widgets at twice the cost and prove nothing more.
    """
    if "backend" in metafunc.fixturenames:
        on_screen = {"qtbot", "qapp"} & set(metafunc.fixturenames)
        metafunc.parametrize("backend", ["sqlite"] if on_screen else BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on (see `pytest_generate_tests`)."""
    if request.param == "postgresql" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("SQLite-specific behaviour")
    return str(request.param)


@pytest.fixture
def empty_db_url(
    backend: str, tmp_path: Path, pg_templates: PostgresTemplates | None
) -> Iterator[str]:
    """A new database with nothing in it, not even tables: a SQLite file or a fresh schema."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    assert pg_templates is not None
    schema = pg_templates.new_schema()
    yield schema_url(postgres_url() or "", schema)
    pg_templates.drop_schema(schema)


@pytest.fixture
def installed(
    request: pytest.FixtureRequest,
    backend: str,
    encrypted: bool,
    sqlite_templates: SqliteTemplates,
    encrypted_templates: SqliteTemplates,
    pg_templates: PostgresTemplates | None,
) -> Template:
    """The session template this test's database is copied from.

    It is set up as far as the test's fixtures go (`env`, `admin`, `actors`), in the order those
    fixtures would do it, so the copy holds what building it per test would have stored.
    """
    stage = stage_for(set(request.fixturenames))
    if backend == "sqlite":
        templates = encrypted_templates if encrypted else sqlite_templates
        return templates.get(stage)
    assert pg_templates is not None
    return pg_templates.get(stage)


@pytest.fixture
def db_url(
    backend: str, installed: Template, tmp_path: Path, pg_templates: PostgresTemplates | None
) -> str:
    """The database behind `env`, migrated and initialised, for tests that also open it directly.

    A SQLite file of the test's own, or on PostgreSQL the working schema refilled for this test.
    """
    if backend == "sqlite":
        return SqliteTemplates.copy(installed, tmp_path / "kaoping.db")
    assert pg_templates is not None
    return pg_templates.copy(installed)


@pytest.fixture
def env(db_url: str, installed: Template, clock: FixedClock) -> Iterator[Env]:
    """An initialised installation: body profile, signing key, catalogue, one administrator."""
    environment = build_env(
        db_url, key=installed.key, clock=clock, fast_hashing=True, migrate_schema=False
    )
    yield environment
    # Release pooled connections so the PostgreSQL schema can be refilled and none pile up.
    dispose(environment)


@pytest.fixture
def admin(env: Env, installed: Template) -> Actor:
    """The first system administrator, signed in."""
    stored = installed.actors.get(Role.SYSTEM_ADMIN)
    # A copy: actions update an actor's roles, and the template's actors serve every test.
    return dataclasses.replace(stored) if stored else sign_in_admin(env)


@pytest.fixture
def actors(env: Env, admin: Actor, installed: Template) -> dict[Role, Actor]:
    """One signed-in user for every role (the system administrator is `admin`)."""
    if set(installed.actors) == set(Role):
        # Copies: an action re-reads and stores the actor's roles, which must not leak between
        # tests sharing the template (a test that changes a role would change it for the next).
        return {role: dataclasses.replace(actor) for role, actor in installed.actors.items()}
    return create_actors(env, admin)


@pytest.fixture
def make_user(env: Env, admin: Actor) -> Callable[[str, list[Role]], Actor]:
    """Create and sign in a user with the given roles, confirmed by the supervisor."""

    def make(username: str, roles: list[Role]) -> Actor:
        add_user(env, admin, username, username, roles)
        return accounts.sign_in(env, username, PASSWORD)

    return make


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message box nobody answers would hang the run: in Qt tests it fails the test instead.

    Tests that expect a message replace `kaoping.ui.messages` functions themselves.
    """
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        return
    from PySide6.QtWidgets import QMessageBox

    def refuse(*args: object, **_kwargs: object) -> None:
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"unexpected message box: {texts}")

    for name in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, name, refuse)


@pytest.fixture(autouse=True)
def own_machine_settings(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Window places and language go to a file of the test's own, never the real user's settings."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        return
    from PySide6.QtCore import QSettings

    from kaoping.ui import application

    ini = tmp_path / "machine-settings.ini"
    monkeypatch.setattr(
        application, "machine_settings", lambda: QSettings(str(ini), QSettings.Format.IniFormat)
    )
