"""The bank key (题库密钥): initialising it, unlocking it, granting and revoking copies.

Each holder keeps a copy wrapped under their password, or, right after a grant, encrypted to
their public key. Revoking a holder rotates the key: every item version is re-encrypted and
every remaining holder gets a fresh copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kaoping.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from kaoping.domain.roles import BANK_ROLES, Permission, Role
from kaoping.services.bank._common import (
    BankUnlock,
    Progress,
    check_password,
    check_unlock,
    ensure_key_pair,
)
from kaoping.services.base import Actor, Env, guarded, reading, refuse
from kaoping.services.ports.bank import (
    WRAP_PASSWORD,
    WRAP_PUBLIC,
    BankCrypto,
    BankRepository,
    KeyGeneration,
    KeyWrap,
)


@dataclass(frozen=True)
class HolderInfo:
    """A person who holds, or should hold, a copy of the bank key.

    Attributes:
        user_id: The user.
        username: Sign-in name.
        display_name: Name.
        roles: Their current roles.
        has_copy: Whether they hold a copy of the current bank key.
        copy_kind: "password" or "public" (granted, not yet unlocked), or "".
        granted_by: Who granted the copy.
        has_key_pair: Whether they have a key pair (needed before a grant).
        regrant_needed: Their password was reset by an administrator; grant again.
        holds_bank_role: Whether they still hold 命题专家 or 题库管理员.
    """

    user_id: int
    username: str
    display_name: str
    roles: tuple[Role, ...]
    has_copy: bool
    copy_kind: str
    granted_by: str
    has_key_pair: bool
    regrant_needed: bool
    holds_bank_role: bool


def _bank_context(generation: int, user_id: int) -> bytes:
    return f"kaoping/bank-key/{generation}/{user_id}".encode("ascii")


def bank_initialised(env: Env, actor: Actor) -> bool:
    """Whether the first bank admin has created the bank key."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return uow.bank.current_generation() is not None


def initialise_bank(env: Env, actor: Actor, password: str) -> BankUnlock:
    """Create the very first bank key; the initialising bank admin holds the first copy."""
    cipher = env.adapters.bank_crypto
    with guarded(env, actor, Permission.BANK_MANAGE, "bank.initialise") as tx:
        if tx.uow.bank.current_generation() is not None:
            raise ConflictError("题库已初始化过，不能重复初始化；请用“解锁题库”输入密码")
        check_password(env, tx.uow, actor, password, "initialise")
        ensure_key_pair(env, tx.uow, actor.user_id, password)
        key, now = cipher.new_key(), env.clock.now()
        tx.uow.bank.add_generation(KeyGeneration(1, cipher.key_check(key, 1), now, actor.username))
        tx.uow.bank.put_wrap(
            KeyWrap(
                actor.user_id,
                1,
                WRAP_PASSWORD,
                cipher.wrap_with_password(key, password),
                actor.username,
                now,
            )
        )
        tx.record("bank:key", generation=1)
    return BankUnlock(actor.user_id, 1, key)


def unlock_bank(env: Env, actor: Actor, password: str) -> BankUnlock:
    """Unwrap the signed-in user's copy of the bank key with their password, for this session."""
    cipher = env.adapters.bank_crypto
    with guarded(
        env, actor, Permission.BANK_WRITE_DRAFT, "bank.unlock", f"user:{actor.user_id}"
    ) as tx:
        bank = tx.uow.bank
        generation = bank.current_generation()
        if generation is None:
            raise NotFound("题库尚未初始化：请题库管理员先在“题库”页面初始化题库密钥")
        check_password(env, tx.uow, actor, password, "unlock")
        ensure_key_pair(env, tx.uow, actor.user_id, password)
        wrap = bank.wrap_for(actor.user_id)
        if wrap is None:
            raise refuse(PermissionDenied(_no_copy_message(bank, actor.user_id)))
        key = _unwrap_copy(cipher, bank, wrap, password)
        if wrap.generation != generation.generation or not cipher.matches_check(
            key, generation.generation, generation.key_check
        ):
            raise refuse(PermissionDenied("您持有的题库密钥已失效，请联系题库管理员重新授权"))
        if wrap.kind == WRAP_PUBLIC:
            # Now that the password is known, keep the copy the usual way: under the password.
            bank.put_wrap(
                replace(wrap, kind=WRAP_PASSWORD, wrapped=cipher.wrap_with_password(key, password))
            )
        tx.record(generation=generation.generation)
    return BankUnlock(actor.user_id, generation.generation, key)


def _no_copy_message(bank: BankRepository, user_id: int) -> str:
    key = bank.user_key(user_id)
    if key is not None and key.regrant_needed:
        return (
            "您的密码已被管理员重置，原有的题库密钥无法用新密码解开。"
            "请联系题库管理员在“题库 → 授权管理”中重新授权"
        )
    return "您尚未获得题库密钥，请联系题库管理员授权"


def _unwrap_copy(cipher: BankCrypto, bank: BankRepository, wrap: KeyWrap, password: str) -> bytes:
    if wrap.kind == WRAP_PASSWORD:
        return cipher.unwrap_with_password(wrap.wrapped, password)
    user_key = bank.user_key(wrap.user_id)
    if user_key is None:
        raise PermissionDenied("您的密钥对已丢失，请联系题库管理员重新授权")
    private = cipher.unwrap_with_password(user_key.private_wrapped, password)
    return cipher.open_from(private, wrap.wrapped, _bank_context(wrap.generation, wrap.user_id))


def grant_access(env: Env, actor: Actor, unlock: BankUnlock, user_id: int) -> None:
    """Give a bank-role user a copy of the bank key, encrypted to their public key."""
    cipher = env.adapters.bank_crypto
    with guarded(env, actor, Permission.BANK_MANAGE, "bank.grant", f"user:{user_id}") as tx:
        check_unlock(tx.uow, actor, unlock)
        user = tx.uow.users.get(user_id)
        if user is None or not user.active:
            raise NotFound(f"用户（编号 {user_id}）不存在或已停用", field="用户")
        if not any(role in BANK_ROLES for role in user.roles):
            raise ValidationError(
                f"用户 {user.username} 没有命题专家或题库管理员角色，请先由系统管理员分配角色",
                field="用户",
            )
        user_key = tx.uow.bank.user_key(user_id)
        if user_key is None:
            raise ConflictError(
                f"用户 {user.username} 还没有密钥对：请其登录一次并在“题库”页面"
                "输入密码登记密钥后再授权",
                field="用户",
            )
        tx.uow.bank.put_wrap(
            KeyWrap(
                user_id,
                unlock.generation,
                WRAP_PUBLIC,
                cipher.seal_to(
                    user_key.public_key, unlock.key, _bank_context(unlock.generation, user_id)
                ),
                actor.username,
                env.clock.now(),
            )
        )
        if user_key.regrant_needed:
            tx.uow.bank.put_user_key(replace(user_key, regrant_needed=False), env.clock.now())
        tx.record(username=user.username, generation=unlock.generation)


def revoke_access(
    env: Env, actor: Actor, unlock: BankUnlock, user_id: int, progress: Progress | None = None
) -> BankUnlock:
    """Take a holder's copy away and rotate the bank key; returns the actor's new unlock.

    Every item version is re-encrypted under a new key and every remaining holder gets a new
    copy (encrypted to their public key), all in one transaction.
    """
    if user_id == unlock.user_id:
        raise ValidationError("不能撤销自己的题库授权；请由另一位题库管理员操作", field="用户")
    cipher = env.adapters.bank_crypto
    with guarded(env, actor, Permission.BANK_MANAGE, "bank.revoke", f"user:{user_id}") as tx:
        check_unlock(tx.uow, actor, unlock)
        bank = tx.uow.bank
        if bank.wrap_for(user_id) is None:
            raise NotFound(f"用户（编号 {user_id}）没有题库密钥副本，无需撤销", field="用户")
        bank.delete_wrap(user_id)
        fresh, reencrypted = _rotate(env, cipher, bank, unlock, actor, progress)
        tx.record(generation=fresh.generation, reencrypted=reencrypted)
    return fresh


def _rotate(
    env: Env,
    cipher: BankCrypto,
    bank: BankRepository,
    unlock: BankUnlock,
    actor: Actor,
    progress: Progress | None,
) -> tuple[BankUnlock, int]:
    new_key, now = cipher.new_key(), env.clock.now()
    generation = unlock.generation + 1
    bank.add_generation(
        KeyGeneration(generation, cipher.key_check(new_key, generation), now, actor.username)
    )
    versions = list(bank.versions())
    for done, version in enumerate(versions, start=1):
        plaintext = cipher.decrypt_item(
            unlock.key, version.item_id, version.version, version.ciphertext
        )
        bank.replace_ciphertext(
            version.item_id,
            version.version,
            cipher.encrypt_item(new_key, version.item_id, version.version, plaintext),
            generation,
        )
        if progress is not None and not progress(done, len(versions)):
            raise ValidationError("已取消：题库密钥没有更换，撤销未生效", field="撤销授权")
    for wrap in bank.wraps():
        user_key = bank.user_key(wrap.user_id)
        if user_key is None:
            bank.delete_wrap(wrap.user_id)
            continue
        bank.put_wrap(
            KeyWrap(
                wrap.user_id,
                generation,
                WRAP_PUBLIC,
                cipher.seal_to(
                    user_key.public_key, new_key, _bank_context(generation, wrap.user_id)
                ),
                actor.username,
                now,
            )
        )
    return BankUnlock(actor.user_id, generation, new_key), len(versions)


def list_holders(env: Env, actor: Actor) -> list[HolderInfo]:
    """Bank role holders and everyone else holding a copy, for the grant/revoke screen."""
    with reading(env, actor, Permission.BANK_MANAGE) as uow:
        result = []
        for user in uow.users.list():
            wrap = uow.bank.wrap_for(user.id)
            bank_role = any(role in BANK_ROLES for role in user.roles)
            if not (bank_role or wrap):
                continue
            key = uow.bank.user_key(user.id)
            result.append(
                HolderInfo(
                    user.id,
                    user.username,
                    user.display_name,
                    user.roles,
                    wrap is not None,
                    wrap.kind if wrap else "",
                    wrap.granted_by if wrap else "",
                    key is not None,
                    bool(key and key.regrant_needed),
                    bank_role,
                )
            )
        return result
