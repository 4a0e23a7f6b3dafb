"""Every role can do what the permission matrix allows and is refused, audited, otherwise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kaoping.domain.errors import PermissionDenied
from kaoping.domain.roles import MATRIX, Permission, Role
from kaoping.services import accounts, audit, catalogue, maintenance, setup
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import AuditFilter, BodyProfile

Action = Callable[[Env, Actor, Path], object]

ACTIONS: dict[Permission, Action] = {
    Permission.USERS_MANAGE: lambda env, a, _: accounts.create_user(
        env, a, f"new_{a.username}", "新用户", "Passw0rd-new", [Role.EXAMINER]),
    Permission.PROFILE_MANAGE: lambda env, a, _: setup.update_profile(
        env, a, BodyProfile("改名后的机构", "GXDT01")),
    Permission.KEYS_MANAGE: lambda env, a, _: setup.replace_signing_key(env, a, "new-passphrase"),
    Permission.CATALOGUE_EDIT: lambda env, a, _: catalogue.add_direction(
        env, a, "2-02-10-12", f"新方向{a.user_id}"),
    Permission.AUDIT_VIEW: lambda env, a, _: audit.search(env, a, AuditFilter()),
    Permission.BACKUP: lambda env, a, tmp: maintenance.backup(env, a, tmp / f"b{a.user_id}.db"),
}


def _is_sqlite(env: Env) -> bool:
    return str(env.engine_url).startswith("sqlite")


def _state(env: Env) -> tuple[object, ...]:
    with env.uow(write=False) as uow:
        return (uow.users.list(), uow.body.get_profile(), uow.body.active_signing_key(),
                uow.catalogue.occupations())


@pytest.mark.parametrize("permission", list(ACTIONS), ids=lambda p: p.value)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_matrix_is_enforced_by_services(env: Env, actors: dict[Role, Actor], role: Role,
                                        permission: Permission, tmp_path: Path) -> None:
    """An allowed role succeeds; any other is refused with a clear message, nothing changes,
    and the refusal is in the audit log."""
    actor = actors[role]
    if permission in MATRIX[role]:
        if permission is Permission.BACKUP and not _is_sqlite(env):
            return  # PostgreSQL is backed up with pg_dump; the refusal path is still tested below
        ACTIONS[permission](env, actor, tmp_path)
        return
    before = _state(env)
    with pytest.raises(PermissionDenied) as refused:
        ACTIONS[permission](env, actor, tmp_path)
    assert permission.label in str(refused.value)
    assert "需要以下角色之一" in str(refused.value)
    assert _state(env) == before
    entries = audit.search(env, actors[Role.SYSTEM_ADMIN],
                           AuditFilter(actor=actor.username, outcome="refused"))
    assert entries and entries[0].details == f'{{"permission":"{permission.value}"}}'


def test_roles_take_effect_at_the_next_action(env: Env, actors: dict[Role, Actor]) -> None:
    """Removing a role refuses the very next action of an already signed-in session."""
    examiner = actors[Role.EXAMINER]
    admin = actors[Role.SYSTEM_ADMIN]
    accounts.set_roles(env, admin, examiner.user_id, [Role.SYSTEM_ADMIN])
    audit.search(env, examiner, AuditFilter())
    accounts.set_roles(env, admin, examiner.user_id, [Role.EXAMINER])
    with pytest.raises(PermissionDenied):
        audit.search(env, examiner, AuditFilter())
