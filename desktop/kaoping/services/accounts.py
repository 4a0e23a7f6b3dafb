"""Signing in and managing users and their roles (用户与角色)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import timedelta

from kaoping.domain.beijing import beijing
from kaoping.domain.errors import (
    AuthenticationError,
    ConflictError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from kaoping.domain.roles import Permission, Role, conflicting_roles, may_confirm_grant
from kaoping.services.base import (
    Actor,
    Env,
    Tx,
    action,
    guarded,
    iso,
    reading,
    refuse,
    system_action,
)
from kaoping.services.ports.core import StoredUser, UnitOfWork
from kaoping.services.ports.dto import RoleGrant, UserInfo

USERNAME = re.compile(r"^[A-Za-z0-9_.-]{2,32}$")
WRONG_CREDENTIALS = "用户名或密码不正确。"


def sign_in(env: Env, username: str, password: str) -> Actor:
    """Check a username and password and open a session.

    Repeated failures lock the account for `policy.lockout_minutes`; every attempt is audited.
    """
    now = env.clock.now()
    failure: str | None = None
    with env.uow(write=True) as uow:
        uow.audit.lock_head()
        user = uow.users.by_username(username.strip())
        if user is None or not user.active:
            failure = WRONG_CREDENTIALS if user is None else "该账号已停用，请联系系统管理员。"
        elif user.locked_until is not None and user.locked_until > now:
            until = beijing(user.locked_until).strftime("%H:%M")
            failure = f"账号因多次登录失败已锁定，请在 {until} 之后再试，或请系统管理员解锁。"
        elif not env.hasher.verify(user.password_hash, password):
            failure = _count_failure(env, uow, user.id, user.failed_attempts)
        outcome = "failed" if failure else "ok"
        if failure is None and user is not None:
            uow.users.clear_failures(user.id)
            for sign_in_hook in env.hooks.on_sign_in:
                sign_in_hook(env, uow, user.id, password)
            # The password the database just accepted is the one that opens the store.
            env.store_keys.signed_in(user.id, user.username, password)
        uow.audit.append(
            iso(now),
            username.strip()[:64],
            "auth.sign_in",
            f"user:{user.id}" if user else "",
            outcome,
            {"reason": failure} if failure else None,
        )
        uow.commit()
    if failure is not None or user is None:
        raise AuthenticationError(failure or WRONG_CREDENTIALS)
    return Actor(
        user.id,
        user.username,
        user.display_name,
        frozenset(user.roles),
        now,
        must_change_password=user.must_change_password,
    )


def _count_failure(env: Env, uow: UnitOfWork, user_id: int, before: int) -> str:
    policy = env.policy
    lock = None
    if before + 1 >= policy.max_failures:
        lock = env.clock.now() + timedelta(minutes=policy.lockout_minutes)
    uow.users.record_failure(user_id, lock)
    if lock is not None:
        return f"连续 {policy.max_failures} 次密码错误，账号已锁定 {policy.lockout_minutes} 分钟。"
    left = policy.max_failures - before - 1
    return f"{WRONG_CREDENTIALS}再错 {left} 次账号将被锁定。"


def _check_password(env: Env, password: str) -> None:
    if len(password) < env.policy.min_password_length:
        raise ValidationError(
            f"密码至少需要 {env.policy.min_password_length} 个字符。", field="密码"
        )
    if password.isdigit() or password.isalpha():
        raise ValidationError("密码须同时包含字母和数字。", field="密码")


def check_new_user(env: Env, username: str, display_name: str, password: str) -> None:
    """Refuse a bad username, empty name or weak password, naming the field."""
    if not USERNAME.match(username.strip()):
        raise ValidationError("用户名须为 2–32 位字母、数字、下划线、点或短横线。", field="用户名")
    if not display_name.strip():
        raise ValidationError("请填写姓名。", field="姓名")
    _check_password(env, password)


def _check_roles(roles: Sequence[Role]) -> None:
    if not roles:
        raise ValidationError("请至少选择一个角色。", field="角色")


def _ordered(roles: Iterable[Role]) -> list[Role]:
    wanted = set(roles)
    return [role for role in Role if role in wanted]


def _refuse_conflicts(roles: Iterable[Role], target: str) -> None:
    """Refuse (audited by `guarded`) roles that one account may not hold together."""
    reasons = conflicting_roles(roles)
    if reasons:
        raise refuse(
            ValidationError("".join(reasons), field="角色"),
            target,
            details={"roles": [r.value for r in _ordered(roles)]},
        )


def _request_grant(tx: Tx, actor: Actor, user_id: int, added: Sequence[Role]) -> int:
    """File the roles as a grant waiting for a second person; an older pending one is replaced."""
    superseded = tx.uow.users.pending_grants(user_id)
    for old in superseded:
        tx.uow.users.decide_grant(old.id, "superseded", actor.username, tx.now)
    grant_id = tx.uow.users.add_grant(user_id, added, actor.user_id, tx.now)
    tx.record(
        pending=[r.value for r in added],
        grant=grant_id,
        superseded=[old.id for old in superseded],
    )
    return grant_id


def create_user(
    env: Env, actor: Actor, username: str, display_name: str, password: str, roles: Sequence[Role]
) -> int:
    """Add a user whose roles wait for a second person's confirmation; returns the user's id.

    The account can sign in at once but holds no role until a quality supervisor or another
    system administrator confirms the grant (`confirm_grant`; DESIGN.md rule 10).
    """
    username = username.strip()
    check_new_user(env, username, display_name, password)
    _check_roles(roles)
    with guarded(env, actor, Permission.USERS_MANAGE, "users.create") as tx:
        _refuse_conflicts(roles, f"user:{username}")
        if tx.uow.users.by_username(username) is not None:
            raise ConflictError(f"用户名“{username}”已被使用，请换一个。", field="用户名")
        user_id = tx.uow.users.add(
            username, display_name.strip(), env.hasher.hash(password), [], env.clock.now()
        )
        tx.record(f"user:{user_id}", username=username, roles=[r.value for r in _ordered(roles)])
        _request_grant(tx, actor, user_id, _ordered(roles))
        # Last, so a refusal above leaves no wrapping; the administrator's session holds the key.
        env.store_keys.enrol(user_id, username, password)
    return user_id


def set_roles(env: Env, actor: Actor, user_id: int, roles: Sequence[Role]) -> int | None:
    """Change a user's roles: removals apply at once, additions wait for a second person.

    The last active system administrator cannot lose that role.

    Returns:
        The id of the grant waiting for confirmation, or None when nothing was added.
    """
    _check_roles(roles)
    with guarded(env, actor, Permission.USERS_MANAGE, "users.set_roles", f"user:{user_id}") as tx:
        user = _existing(tx.uow, user_id)
        _refuse_conflicts(roles, f"user:{user_id}")
        losing_admin = Role.SYSTEM_ADMIN in user.roles and Role.SYSTEM_ADMIN not in roles
        if losing_admin and tx.uow.users.count_with_role(Role.SYSTEM_ADMIN) <= 1:
            raise ConflictError("不能移除最后一位系统管理员的角色。", field="角色")
        kept = [role for role in user.roles if role in roles]
        added = _ordered(role for role in roles if role not in user.roles)
        tx.uow.users.set_roles(user_id, kept)
        tx.record(before=[r.value for r in user.roles], after=[r.value for r in kept])
        return _request_grant(tx, actor, user_id, added) if added else None


def pending_grants(env: Env, actor: Actor) -> list[RoleGrant]:
    """Grants waiting for a second person, oldest first."""
    with reading(env, actor, Permission.GRANTS_CONFIRM) as uow:
        return uow.users.pending_grants()


def confirm_grant(env: Env, actor: Actor, grant_id: int) -> None:
    """A second person confirms a grant; only now may the account use the roles.

    The one who asked for the grant and the one who receives it cannot confirm it; refusals are
    audited. The combination is checked again, since the account's roles may have changed.
    """
    with guarded(
        env, actor, Permission.GRANTS_CONFIRM, "users.grant_confirm", f"grant:{grant_id}"
    ) as tx:
        grant = _pending(tx.uow, grant_id)
        confirmer = _existing(tx.uow, actor.user_id)
        why_not = may_confirm_grant(
            actor.user_id, confirmer.roles, grant.requested_by, grant.user_id
        )
        if why_not is not None:
            raise refuse(PermissionDenied(why_not), details={"user": grant.username})
        user = _existing(tx.uow, grant.user_id)
        roles = _ordered([*user.roles, *grant.roles])
        _refuse_conflicts(roles, f"grant:{grant_id}")
        tx.uow.users.set_roles(grant.user_id, roles)
        tx.uow.users.decide_grant(grant_id, "confirmed", actor.username, tx.now)
        tx.record(
            user=grant.username,
            roles=[r.value for r in grant.roles],
            requested_by=grant.requested_by_name,
        )


def reject_grant(env: Env, actor: Actor, grant_id: int, reason: str = "") -> None:
    """Discard a grant; the account keeps the roles it had. The requester may withdraw it too."""
    with action(
        env, actor, Permission.GRANTS_CONFIRM, "users.grant_reject", f"grant:{grant_id}"
    ) as tx:
        grant = _pending(tx.uow, grant_id)
        tx.uow.users.decide_grant(grant_id, "rejected", actor.username, tx.now)
        tx.record(
            user=grant.username, roles=[r.value for r in grant.roles], reason=reason.strip()[:200]
        )


def _pending(uow: UnitOfWork, grant_id: int) -> RoleGrant:
    grant = uow.users.grant(grant_id)
    if grant is None:
        raise NotFound(f"角色授予申请（编号 {grant_id}）不存在。", field="编号")
    if grant.status != "pending":
        raise ConflictError(f"角色授予申请（编号 {grant_id}）已处理，不能再确认或拒绝。")
    return grant


def set_active(env: Env, actor: Actor, user_id: int, active: bool) -> None:
    """Enable or disable an account (disabled accounts cannot sign in)."""
    with action(env, actor, Permission.USERS_MANAGE, "users.set_active") as tx:
        user = _existing(tx.uow, user_id)
        if not active and user_id == actor.user_id:
            raise ConflictError("不能停用自己正在使用的账号。")
        if (
            not active
            and Role.SYSTEM_ADMIN in user.roles
            and tx.uow.users.count_with_role(Role.SYSTEM_ADMIN) <= 1
        ):
            raise ConflictError("不能停用最后一位系统管理员。")
        tx.uow.users.set_active(user_id, active)
        tx.record(f"user:{user_id}", active=active)
    if not active:
        # A disabled account's password no longer opens the store either; enabled again, the
        # account gets a wrapping at its next sign-in while the store is open, or by a reset.
        env.store_keys.forget(user_id)


def unlock(env: Env, actor: Actor, user_id: int) -> None:
    """Lift a lockout after failed sign-ins."""
    with action(env, actor, Permission.USERS_MANAGE, "users.unlock") as tx:
        _existing(tx.uow, user_id)
        tx.uow.users.clear_failures(user_id)
        tx.record(f"user:{user_id}")


def reset_password(env: Env, actor: Actor, user_id: int, new_password: str) -> None:
    """An administrator sets a new password for someone who forgot theirs."""
    _check_password(env, new_password)
    with action(env, actor, Permission.USERS_MANAGE, "users.reset_password") as tx:
        user = _existing(tx.uow, user_id)
        # A one-time password: the person replaces it at their next sign-in.
        tx.uow.users.set_password(
            user_id, env.hasher.hash(new_password), env.clock.now(), must_change=True
        )
        for hook in env.hooks.on_password:
            hook(env, tx.uow, user_id, None, new_password)
        entry = env.store_keys.enrol(user_id, user.username, new_password)
        tx.record(f"user:{user_id}")
    env.store_keys.keep_only(user_id, user.username, entry)


RECOVERY_ACTOR = "recovery-key"


def recover_access(env: Env, username: str, new_password: str) -> None:
    """With the store opened by its recovery key, give a system administrator a new password.

    For the day every password is forgotten: whoever holds the recovery sheet sets a new password
    for one active system administrator, who then resets the others as usual. The account's
    lockout is lifted and its new password opens the store; the action is audited under the
    name "recovery-key".
    """
    _check_password(env, new_password)
    with system_action(env, "store.recover", RECOVERY_ACTOR) as tx:
        user = tx.uow.users.by_username(username.strip())
        if user is None or not user.active:
            raise NotFound(f"没有名为 {username.strip()} 的启用账号。", field="用户名")
        if Role.SYSTEM_ADMIN not in user.roles:
            raise PermissionDenied(
                "恢复密钥只能为系统管理员设置新密码，其他用户再由系统管理员重置。"
            )
        tx.uow.users.set_password(user.id, env.hasher.hash(new_password), env.clock.now())
        tx.uow.users.clear_failures(user.id)
        for hook in env.hooks.on_password:
            hook(env, tx.uow, user.id, None, new_password)
        entry = env.store_keys.enrol(user.id, user.username, new_password)
        tx.record(f"user:{user.id}", username=user.username)
    env.store_keys.keep_only(user.id, user.username, entry)


def change_own_password(env: Env, actor: Actor, old_password: str, new_password: str) -> None:
    """A user changes their own password after proving the old one."""
    _check_password(env, new_password)
    with action(env, actor, Permission.CATALOGUE_VIEW, "users.change_password") as tx:
        user = _existing(tx.uow, actor.user_id)
        if not env.hasher.verify(user.password_hash, old_password):
            raise AuthenticationError("原密码不正确。")
        if old_password == new_password:
            raise ValidationError("新密码不能与原密码相同。", field="新密码")
        tx.uow.users.set_password(actor.user_id, env.hasher.hash(new_password), env.clock.now())
        for hook in env.hooks.on_password:
            hook(env, tx.uow, actor.user_id, old_password, new_password)
        entry = env.store_keys.enrol(actor.user_id, user.username, new_password)
        tx.record(f"user:{actor.user_id}")
    # Only after the commit: a crash before it leaves both wrappings, and sign-in settles them.
    env.store_keys.keep_only(actor.user_id, user.username, entry)
    actor.must_change_password = False


def list_users(env: Env, actor: Actor) -> list[UserInfo]:
    """All users with their roles."""
    with reading(env, actor, Permission.USERS_MANAGE) as uow:
        return uow.users.list()


def _existing(uow: UnitOfWork, user_id: int) -> StoredUser:
    user = uow.users.get(user_id)
    if user is None:
        raise NotFound(f"用户（编号 {user_id}）不存在。")
    return user
