"""Shared fixtures: a fresh file database per test, signed-in users of every role, offscreen Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.roles import Role
from kaoping.services import accounts, setup
from kaoping.services.base import Actor, Env
from kaoping.services.dto import BodyProfile

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


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A new SQLite file for this test."""
    return f"sqlite:///{tmp_path / 'kaoping.db'}"


@pytest.fixture
def env(db_url: str, clock: FixedClock) -> Env:
    """An initialised installation: body profile, signing key, catalogue, one administrator."""
    environment = build_env(db_url, clock=clock, fast_hashing=True)
    setup.initialise(environment, setup.InitialSetup(BODY, "admin", "系统管理员", PASSWORD,
                                                     PASSPHRASE))
    return environment


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
