"""Shared fixtures: a fresh file database per test, signed-in users of every role, offscreen Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.roles import Role
from kaoping.services import accounts, setup
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import BodyProfile

PASSWORD = "Passw0rd-test"
PASSPHRASE = "key-passphrase-1"
BODY = BodyProfile("广西数字技术评价中心", "GXDT01", "南宁市", "李老师", "0771-1234567")
USERNAMES = {role: f"u_{role.value}" for role in Role}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use Qt get the `gui` marker, so `-m "not gui"` runs the rest."""
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def clock() -> FixedClock:
    """A clock fixed at 2026-11-25 09:00 UTC that tests move by hand."""
    return FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))


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


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database for this test: a SQLite file, and on PostgreSQL a fresh schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kaoping.db'}"
        return
    if request.node.get_closest_marker("sqlite_only"):
        pytest.skip("SQLite-specific behaviour")
    base = postgres_url()
    assert base is not None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def env(db_url: str, clock: FixedClock) -> Iterator[Env]:
    """An initialised installation: body profile, signing key, catalogue, one administrator."""
    environment = build_env(db_url, clock=clock, fast_hashing=True)
    setup.initialise(environment, setup.InitialSetup(BODY, "admin", "系统管理员", PASSWORD,
                                                     PASSPHRASE))
    yield environment
    # Release pooled connections so a PostgreSQL schema can be dropped and none pile up.
    getattr(environment.uow, "engine").dispose()  # noqa: B009


@pytest.fixture
def admin(env: Env) -> Actor:
    """The first system administrator, signed in."""
    return accounts.sign_in(env, "admin", PASSWORD)


@pytest.fixture
def actors(env: Env, admin: Actor) -> dict[Role, Actor]:
    """One signed-in user for every role (the system administrator is `admin`)."""
    result = {Role.SYSTEM_ADMIN: admin}
    for role in Role:
        if role is Role.SYSTEM_ADMIN:
            continue
        accounts.create_user(env, admin, USERNAMES[role], f"{role.label}甲", PASSWORD, [role])
        result[role] = accounts.sign_in(env, USERNAMES[role], PASSWORD)
    return result


@pytest.fixture
def make_user(env: Env, admin: Actor) -> Callable[[str, list[Role]], Actor]:
    """Create and sign in a user with the given roles."""
    def make(username: str, roles: list[Role]) -> Actor:
        accounts.create_user(env, admin, username, username, PASSWORD, roles)
        return accounts.sign_in(env, username, PASSWORD)
    return make


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(request: pytest.FixtureRequest,
                                monkeypatch: pytest.MonkeyPatch) -> None:
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
