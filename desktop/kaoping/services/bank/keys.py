"""Key pairs and password hooks of the question bank (题库).

Each bank-role user and paper opener has an X25519 key pair whose private half is wrapped under
their password; the hooks keep it (and their copy of the bank key) in step when the password
changes, and create it at first sign-in.
"""

from __future__ import annotations

from dataclasses import replace

from kaoping.domain.errors import AuthenticationError
from kaoping.domain.roles import Permission
from kaoping.services.bank._common import (
    check_password,
    ensure_key_pair,
    needs_key_pair,
    new_user_key,
)
from kaoping.services.base import Actor, Env, guarded, iso, reading
from kaoping.services.ports.bank import WRAP_PASSWORD
from kaoping.services.ports.core import UnitOfWork


def on_password_change(
    env: Env, uow: UnitOfWork, user_id: int, old_password: str | None, new_password: str
) -> None:
    """Password hook (`Hooks.on_password`, wired by bootstrap): re-wrap the user's private key and bank copy.

    With the old password (the user changed it) both are re-wrapped. Without it (an administrator
    reset it) they cannot be recovered: the user gets a new key pair, their bank copy is dropped,
    and they are marked as needing a new grant from a bank admin.
    """
    _rewrap_for_password(env, uow, user_id, old_password, new_password)


def _rewrap_for_password(
    env: Env, work: UnitOfWork, user_id: int, old: str | None, new: str
) -> None:
    user = work.users.get(user_id)
    key = work.bank.user_key(user_id)
    now = env.clock.now()
    if key is None:
        if user is not None and needs_key_pair(user.roles):
            work.bank.put_user_key(new_user_key(env, user_id, new), now)
        return
    cipher = env.adapters.bank_crypto
    if old is not None:
        try:
            private = cipher.unwrap_with_password(key.private_wrapped, old)
        except AuthenticationError:
            private = None  # wrapped under a password the user no longer has: treat as a reset
        if private is not None:
            work.bank.put_user_key(
                replace(key, private_wrapped=cipher.wrap_with_password(private, new)), now
            )
            wrap = work.bank.wrap_for(user_id)
            if wrap is not None and wrap.kind == WRAP_PASSWORD:
                bank_key = cipher.unwrap_with_password(wrap.wrapped, old)
                work.bank.put_wrap(replace(wrap, wrapped=cipher.wrap_with_password(bank_key, new)))
            return
    had_copy = work.bank.wrap_for(user_id) is not None
    work.bank.delete_wrap(user_id)
    work.bank.put_user_key(new_user_key(env, user_id, new, key.regrant_needed or had_copy), now)
    if had_copy:
        work.audit.append(
            iso(now),
            "system",
            "bank.regrant_needed",
            f"user:{user_id}",
            "ok",
            {"reason": "密码被管理员重置，原题库密钥副本无法恢复，需题库管理员重新授权"},
        )


def on_sign_in(env: Env, uow: UnitOfWork, user_id: int, password: str) -> None:
    """Sign-in hook: create the key pair of a bank-role or paper-opener user who has none yet."""
    ensure_key_pair(env, uow, user_id, password)


def register_keys(env: Env, actor: Actor, password: str) -> bool:
    """Create the signed-in user's key pair if they need one and have none; True if created.

    Sign-in does this on its own once `accounts.sign_in` calls the sign-in hook; until then a
    bank or paper-opener user does it once here (the 题库 page and `unlock_bank` call it).
    """
    with guarded(
        env, actor, Permission.BANK_VIEW_METADATA, "bank.register_keys", f"user:{actor.user_id}"
    ) as tx:
        check_password(env, tx.uow, actor, password, "register_keys")
        created = ensure_key_pair(env, tx.uow, actor.user_id, password)
        tx.record(created=created)
    return created


def has_key_pair(env: Env, actor: Actor) -> bool:
    """Whether the signed-in user already has a key pair."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return uow.bank.user_key(actor.user_id) is not None
