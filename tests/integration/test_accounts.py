"""Sign-in, lockout, idle sessions and account rules."""

from __future__ import annotations

import pytest

from kaoping.adapters.clock import FixedClock
from kaoping.domain.errors import AuthenticationError, ConflictError, ValidationError
from kaoping.domain.roles import Role
from kaoping.services import accounts, audit
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import AuditFilter

PASSWORD = "Passw0rd-test"


def test_lockout_after_repeated_failures(env: Env, admin: Actor, clock: FixedClock) -> None:
    """Five wrong passwords lock the account; even the right one is refused until it expires."""
    accounts.create_user(env, admin, "zhang", "张三", PASSWORD, [Role.EXAMINER])
    messages = []
    for _ in range(5):
        with pytest.raises(AuthenticationError) as failed:
            accounts.sign_in(env, "zhang", "wrong-password1")
        messages.append(str(failed.value))
    assert "再错 4 次" in messages[0]
    assert "已锁定" in messages[-1]
    # Locked at 17:00 Beijing time (09:00 UTC) for 15 minutes, whatever this computer's zone.
    with pytest.raises(AuthenticationError, match="已锁定，请在 17:15 之后再试"):
        accounts.sign_in(env, "zhang", PASSWORD)
    clock.advance(minutes=16)
    assert accounts.sign_in(env, "zhang", PASSWORD).username == "zhang"
    failures = audit.search(env, admin, AuditFilter(actor="zhang", outcome="failed"))
    assert len(failures) == 6


def test_administrator_can_unlock(env: Env, admin: Actor) -> None:
    """A locked user can sign in again right after an administrator unlocks them."""
    user_id = accounts.create_user(env, admin, "li", "李四", PASSWORD, [Role.EXAMINER])
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            accounts.sign_in(env, "li", "nope-nope-1")
    accounts.unlock(env, admin, user_id)
    assert accounts.sign_in(env, "li", PASSWORD).user_id == user_id


def test_idle_session_must_sign_in_again(env: Env, admin: Actor, clock: FixedClock) -> None:
    """After 30 idle minutes the next action asks the user to sign in again."""
    clock.advance(minutes=31)
    with pytest.raises(AuthenticationError, match="重新登录"):
        accounts.list_users(env, admin)


def test_activity_keeps_the_session_alive(env: Env, admin: Actor, clock: FixedClock) -> None:
    """Acting every 20 minutes never times out."""
    for _ in range(4):
        clock.advance(minutes=20)
        accounts.list_users(env, admin)


def test_passwords_are_hashed_with_argon2id(env: Env, admin: Actor) -> None:
    """The stored password is an argon2id hash, never the password."""
    with env.uow(write=False) as uow:
        user = uow.users.by_username("admin")
    assert user is not None
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_weak_password_and_bad_username_are_named(env: Env, admin: Actor) -> None:
    """Bad input names the field and creates nothing."""
    with pytest.raises(ValidationError) as weak:
        accounts.create_user(env, admin, "wang", "王五", "short", [Role.EXAMINER])
    assert weak.value.field == "密码"
    with pytest.raises(ValidationError) as bad:
        accounts.create_user(env, admin, "王五", "王五", PASSWORD, [Role.EXAMINER])
    assert bad.value.field == "用户名"
    assert {"wang", "王五"}.isdisjoint(u.username for u in accounts.list_users(env, admin))


def test_duplicate_username_refused(env: Env, admin: Actor) -> None:
    """A username can be used once."""
    accounts.create_user(env, admin, "zhao", "赵六", PASSWORD, [Role.EXAMINER])
    with pytest.raises(ConflictError, match="已被使用"):
        accounts.create_user(env, admin, "zhao", "赵六", PASSWORD, [Role.SUPERVISOR])


def test_last_administrator_keeps_the_role(env: Env, admin: Actor) -> None:
    """The installation can never lose its last system administrator."""
    with pytest.raises(ConflictError, match="最后一位系统管理员"):
        accounts.set_roles(env, admin, admin.user_id, [Role.EXAMINER])


def test_change_own_password(env: Env, admin: Actor) -> None:
    """The old password stops working and the new one works."""
    accounts.change_own_password(env, admin, PASSWORD, "NewPassw0rd-1")
    with pytest.raises(AuthenticationError):
        accounts.sign_in(env, "admin", PASSWORD)
    accounts.sign_in(env, "admin", "NewPassw0rd-1")


def test_disabled_user_cannot_sign_in(env: Env, admin: Actor) -> None:
    """A disabled account is refused with a message saying so."""
    user_id = accounts.create_user(env, admin, "qian", "钱七", PASSWORD, [Role.EXAMINER])
    accounts.set_active(env, admin, user_id, False)
    with pytest.raises(AuthenticationError, match="停用"):
        accounts.sign_in(env, "qian", PASSWORD)
