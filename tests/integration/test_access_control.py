"""Every role can do what the permission matrix allows and is refused, audited, otherwise."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from kaoping.domain.errors import PermissionDenied
from kaoping.domain.roles import MATRIX, Permission, Role
from kaoping.services import accounts, audit, catalogue, maintenance, setup
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import (
    AuditFilter,
    BodyProfile,
    OccupationInfo,
    SigningKeyInfo,
    UserInfo,
)

# The backup's effect is checked by opening the copy with sqlite3: a plain file.
pytestmark = pytest.mark.plain_store

Action = Callable[[Env, Actor, Path], object]

ACTIONS: dict[Permission, Action] = {
    Permission.USERS_MANAGE: lambda env, a, _: accounts.create_user(
        env, a, f"new_{a.username}", "新用户", "Passw0rd-new", [Role.EXAMINER]
    ),
    Permission.PROFILE_MANAGE: lambda env, a, _: setup.update_profile(
        env, a, BodyProfile("改名后的机构", "GXDT01")
    ),
    Permission.SIGNING_KEY_MANAGE: lambda env, a, _: setup.replace_signing_key(
        env, a, "new-passphrase"
    ),
    Permission.CATALOGUE_EDIT: lambda env, a, _: catalogue.add_direction(
        env, a, "2-02-10-12", f"新方向{a.user_id}"
    ),
    Permission.AUDIT_VIEW: lambda env, a, _: audit.search(env, a, AuditFilter()),
    Permission.BACKUP: lambda env, a, tmp: maintenance.backup(env, a, tmp / f"b{a.user_id}.db"),
}


@dataclass(frozen=True)
class State:
    """What the actions can change, read straight from the database."""

    users: list[UserInfo]
    profile: BodyProfile | None
    signing_key: tuple[bytes, bytes] | None
    occupations: list[OccupationInfo]


def _is_sqlite(env: Env) -> bool:
    return str(env.engine_url).startswith("sqlite")


def _state(env: Env) -> State:
    with env.uow(write=False) as uow:
        return State(
            uow.users.list(),
            uow.body.get_profile(),
            uow.body.active_signing_key(),
            uow.catalogue.occupations(),
        )


# What each allowed action must have done, read back after it: (env, actor, tmp, before, result).
Effect = Callable[[Env, Actor, Path, State, object], None]


def _user_added(env: Env, actor: Actor, _tmp: Path, before: State, result: object) -> None:
    added = {u.username: u for u in _state(env).users}[f"new_{actor.username}"]
    # The account exists at once; its role waits for a second person (test_duties.py).
    assert added.id == result and added.roles == () and added.active
    with env.uow(write=False) as uow:
        assert [g.roles for g in uow.users.pending_grants(added.id)] == [(Role.EXAMINER,)]
    assert len(_state(env).users) == len(before.users) + 1


def _profile_renamed(env: Env, _actor: Actor, _tmp: Path, _before: State, _result: object) -> None:
    profile = _state(env).profile
    assert profile is not None and (profile.name, profile.code) == ("改名后的机构", "GXDT01")


def _key_replaced(env: Env, _actor: Actor, _tmp: Path, before: State, result: object) -> None:
    after = _state(env).signing_key
    assert after is not None and after != before.signing_key
    assert isinstance(result, SigningKeyInfo) and after[1] == result.cert_pem


def _direction_added(env: Env, actor: Actor, _tmp: Path, _before: State, result: object) -> None:
    occupation = next(o for o in _state(env).occupations if o.code == "2-02-10-12")
    assert (result, f"新方向{actor.user_id}") in {(d.id, d.name) for d in occupation.directions}


def _audit_shown(_env: Env, _actor: Actor, _tmp: Path, _before: State, result: object) -> None:
    assert isinstance(result, list)
    assert "setup.initialise" in {entry.action for entry in result}


def _backup_written(env: Env, actor: Actor, tmp: Path, before: State, result: object) -> None:
    copy = tmp / f"b{actor.user_id}.db"
    assert result == copy.stat().st_size > 0
    with closing(sqlite3.connect(copy)) as db:
        users = db.execute("SELECT count(*) FROM users").fetchone()[0]
        actions = {row[0] for row in db.execute("SELECT action FROM audit_log")}
    # The copy holds the users and the record of its own making.
    assert users == len(before.users) and "backup.run" in actions


EFFECTS: dict[Permission, Effect] = {
    Permission.USERS_MANAGE: _user_added,
    Permission.PROFILE_MANAGE: _profile_renamed,
    Permission.SIGNING_KEY_MANAGE: _key_replaced,
    Permission.CATALOGUE_EDIT: _direction_added,
    Permission.AUDIT_VIEW: _audit_shown,
    Permission.BACKUP: _backup_written,
}


@pytest.mark.parametrize("permission", list(ACTIONS), ids=lambda p: p.value)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_matrix_is_enforced_by_services(
    env: Env, actors: dict[Role, Actor], role: Role, permission: Permission, tmp_path: Path
) -> None:
    """An allowed role succeeds and the change is there; any other is refused with a clear
    message, nothing changes, and the refusal is in the audit log."""
    actor = actors[role]
    before = _state(env)
    if permission in MATRIX[role]:
        if permission is Permission.BACKUP and not _is_sqlite(env):
            pytest.skip("PostgreSQL is backed up with pg_dump; the refusal path is still tested")
        result = ACTIONS[permission](env, actor, tmp_path)
        EFFECTS[permission](env, actor, tmp_path, before, result)
        return
    with pytest.raises(PermissionDenied) as refused:
        ACTIONS[permission](env, actor, tmp_path)
    assert permission.label in str(refused.value)
    assert "需要以下角色之一" in str(refused.value)
    assert _state(env) == before
    entries = audit.search(
        env, actors[Role.SYSTEM_ADMIN], AuditFilter(actor=actor.username, outcome="refused")
    )
    assert entries and entries[0].details == f'{{"permission":"{permission.value}"}}'


def test_roles_take_effect_at_the_next_action(env: Env, actors: dict[Role, Actor]) -> None:
    """Removing a role refuses the very next action of an already signed-in session."""
    examiner = actors[Role.EXAMINER]
    admin = actors[Role.SYSTEM_ADMIN]
    supervisor = actors[Role.SUPERVISOR]
    grant = accounts.set_roles(env, admin, examiner.user_id, [Role.SYSTEM_ADMIN])
    assert grant is not None
    accounts.confirm_grant(env, supervisor, grant)
    audit.search(env, examiner, AuditFilter())
    accounts.set_roles(env, admin, examiner.user_id, [Role.EXAMINER])
    with pytest.raises(PermissionDenied):
        audit.search(env, examiner, AuditFilter())
