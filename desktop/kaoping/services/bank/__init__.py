"""The question bank (题库): keys, items, import and backup export.

Who may do what (DESIGN.md rule 4):

* 命题专家 (item writer) writes items as drafts and reads the content of their own drafts only.
* 题库管理员 (bank admin) reviews, approves, edits and retires any item, grants and revokes the bank
  key, and exports encrypted backups.
* Everyone else sees counts and catalogue data, never content.

Item content is encrypted under the bank key (题库密钥). Each holder keeps a copy wrapped under a
key derived from their own password, or, right after a grant, encrypted to their X25519 public key
(the granting admin does not know the grantee's password); the private half of that key pair is
wrapped under the grantee's password. Revoking a holder rotates the bank key: every item version is
re-encrypted and every remaining holder gets a fresh copy, so the revoked person's old copy opens
nothing current. A session works with a `BankUnlock` (the unwrapped key) kept in memory only.

Every read of content, every export and every refusal is audited with the purpose the user gave.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from kaoping.domain.assembly import WeightKind, WeightTable
from kaoping.domain.beijing import BEIJING
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import (
    AuthenticationError,
    ConflictError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from kaoping.domain.items import (
    MAX_DIFFICULTY,
    MIN_DIFFICULTY,
    ItemContent,
    ItemMeta,
    ItemStatus,
    ItemType,
)
from kaoping.domain.roles import BANK_ROLES, Permission, Role, permissions_of, roles_granting
from kaoping.services.base import (
    Actor,
    Env,
    guarded,
    iso,
    reading,
    refuse,
)
from kaoping.services.ports.bank import (
    WRAP_PASSWORD,
    WRAP_PUBLIC,
    BankCrypto,
    BankRepository,
    CountRow,
    ItemQuery,
    KeyGeneration,
    KeyWrap,
    RawItem,
    RowProblem,
    StoredItem,
    StoredVersion,
    UserKey,
)
from kaoping.services.ports.core import UnitOfWork

# People who need a key pair: bank key holders, and paper openers (their share is sealed to it).
KEY_ROLES = frozenset(BANK_ROLES | set(roles_granting(Permission.PAPER_OPEN)))
BACKUP_FORMAT = "kaoping-bank-backup"
_BACKUP_VERSION = 1
MIN_PASSPHRASE = 10
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class BankUnlock:
    """The bank key of one signed-in session, unwrapped; held in memory only, never written.

    Attributes:
        user_id: Whose session unlocked it.
        generation: Which bank key generation it is; a rotation makes it stale.
        key: The 32-byte bank key.
    """

    user_id: int
    generation: int
    key: bytes = field(repr=False)

    def __repr__(self) -> str:
        return f"BankUnlock(user_id={self.user_id}, generation={self.generation})"


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


@dataclass(frozen=True)
class ImportReport:
    """What an item import did.

    Attributes:
        imported: Items written.
        problems: Bad rows (row, field, reason); with all-or-nothing, any problem means none
            were written.
        cancelled: The user cancelled; nothing was written.
        total: Rows read from the file.
    """

    imported: int
    problems: tuple[RowProblem, ...]
    cancelled: bool
    total: int


class _Cancelled(Exception):
    """Leaves an import's transaction so it rolls back; `by_user` when the user cancelled."""

    def __init__(self, by_user: bool) -> None:
        super().__init__("cancelled" if by_user else "rejected")
        self.by_user = by_user



def _require_purpose(purpose: str) -> str:
    cleaned = purpose.strip()
    if len(cleaned) < 2:
        raise ValidationError("请填写查看、导出或打印的用途（例如“审核第 3 批新题”），用途会记入审计日志",
                              field="用途")
    return cleaned[:200]


# -- key pairs and password hooks ------------------------------------------------------------


def _needs_key_pair(roles: tuple[Role, ...] | frozenset[Role]) -> bool:
    return any(role in KEY_ROLES for role in roles)


def _new_user_key(env: Env, user_id: int, password: str, regrant_needed: bool = False) -> UserKey:
    private, public = env.adapters.bank_crypto.new_key_pair()
    return UserKey(user_id, public, env.adapters.bank_crypto.wrap_with_password(private, password),
                   regrant_needed)


def on_password_change(env: Env, uow: UnitOfWork, user_id: int, old_password: str | None,
                       new_password: str) -> None:
    """Password hook (`Hooks.on_password`, wired by bootstrap): re-wrap the user's private key and bank copy.

    With the old password (the user changed it) both are re-wrapped. Without it (an administrator
    reset it) they cannot be recovered: the user gets a new key pair, their bank copy is dropped,
    and they are marked as needing a new grant from a bank admin.
    """
    _rewrap_for_password(env, uow, user_id, old_password, new_password)


def _rewrap_for_password(env: Env, work: UnitOfWork, user_id: int, old: str | None,
                         new: str) -> None:
    user = work.users.get(user_id)
    key = work.bank.user_key(user_id)
    now = env.clock.now()
    if key is None:
        if user is not None and _needs_key_pair(user.roles):
            work.bank.put_user_key(_new_user_key(env, user_id, new), now)
        return
    cipher = env.adapters.bank_crypto
    if old is not None:
        try:
            private = cipher.unwrap_with_password(key.private_wrapped, old)
        except AuthenticationError:
            private = None  # wrapped under a password the user no longer has: treat as a reset
        if private is not None:
            work.bank.put_user_key(replace(key, private_wrapped=cipher.wrap_with_password(
                private, new)), now)
            wrap = work.bank.wrap_for(user_id)
            if wrap is not None and wrap.kind == WRAP_PASSWORD:
                bank_key = cipher.unwrap_with_password(wrap.wrapped, old)
                work.bank.put_wrap(replace(wrap, wrapped=cipher.wrap_with_password(bank_key,
                                                                                    new)))
            return
    had_copy = work.bank.wrap_for(user_id) is not None
    work.bank.delete_wrap(user_id)
    work.bank.put_user_key(_new_user_key(env, user_id, new, key.regrant_needed or had_copy), now)
    if had_copy:
        work.audit.append(iso(now), "system", "bank.regrant_needed", f"user:{user_id}", "ok",
                          {"reason": "密码被管理员重置，原题库密钥副本无法恢复，需题库管理员重新授权"})


def on_sign_in(env: Env, uow: UnitOfWork, user_id: int, password: str) -> None:
    """Sign-in hook: create the key pair of a bank-role or paper-opener user who has none yet."""
    _ensure_key_pair(env, uow, user_id, password)


def _ensure_key_pair(env: Env, work: UnitOfWork, user_id: int, password: str) -> bool:
    user = work.users.get(user_id)
    if user is None or not _needs_key_pair(user.roles) or work.bank.user_key(user_id):
        return False
    work.bank.put_user_key(_new_user_key(env, user_id, password), env.clock.now())
    return True


def _check_password(env: Env, uow: UnitOfWork, actor: Actor, password: str,
                    name: str) -> None:
    user = uow.users.get(actor.user_id)
    if user is None or not env.hasher.verify(user.password_hash, password):
        raise refuse(AuthenticationError("密码不正确，请重新输入您的登录密码", field="密码"),
                      f"user:{actor.user_id}", "failed", {"step": name})


def register_keys(env: Env, actor: Actor, password: str) -> bool:
    """Create the signed-in user's key pair if they need one and have none; True if created.

    Sign-in does this on its own once `accounts.sign_in` calls the sign-in hook; until then a
    bank or paper-opener user does it once here (the 题库 page and `unlock_bank` call it).
    """
    with guarded(env, actor, Permission.BANK_VIEW_METADATA, "bank.register_keys",
                 f"user:{actor.user_id}") as tx:
        _check_password(env, tx.uow, actor, password, "register_keys")
        created = _ensure_key_pair(env, tx.uow, actor.user_id, password)
        tx.record(created=created)
    return created


def has_key_pair(env: Env, actor: Actor) -> bool:
    """Whether the signed-in user already has a key pair."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return uow.bank.user_key(actor.user_id) is not None


# -- the bank key ---------------------------------------------------------------------------


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
        _check_password(env, tx.uow, actor, password, "initialise")
        _ensure_key_pair(env, tx.uow, actor.user_id, password)
        key, now = cipher.new_key(), env.clock.now()
        tx.uow.bank.add_generation(KeyGeneration(1, cipher.key_check(key, 1), now,
                                                 actor.username))
        tx.uow.bank.put_wrap(KeyWrap(actor.user_id, 1, WRAP_PASSWORD,
                                     cipher.wrap_with_password(key, password), actor.username,
                                     now))
        tx.record("bank:key", generation=1)
    return BankUnlock(actor.user_id, 1, key)


def unlock_bank(env: Env, actor: Actor, password: str) -> BankUnlock:
    """Unwrap the signed-in user's copy of the bank key with their password, for this session."""
    cipher = env.adapters.bank_crypto
    with guarded(env, actor, Permission.BANK_WRITE_DRAFT, "bank.unlock",
                 f"user:{actor.user_id}") as tx:
        bank = tx.uow.bank
        generation = bank.current_generation()
        if generation is None:
            raise NotFound("题库尚未初始化：请题库管理员先在“题库”页面初始化题库密钥")
        _check_password(env, tx.uow, actor, password, "unlock")
        _ensure_key_pair(env, tx.uow, actor.user_id, password)
        wrap = bank.wrap_for(actor.user_id)
        if wrap is None:
            raise refuse(PermissionDenied(_no_copy_message(bank, actor.user_id)))
        key = _unwrap_copy(cipher, bank, wrap, password)
        if wrap.generation != generation.generation or not cipher.matches_check(
                key, generation.generation, generation.key_check):
            raise refuse(PermissionDenied("您持有的题库密钥已失效，请联系题库管理员重新授权"))
        if wrap.kind == WRAP_PUBLIC:
            # Now that the password is known, keep the copy the usual way: under the password.
            bank.put_wrap(replace(wrap, kind=WRAP_PASSWORD,
                                  wrapped=cipher.wrap_with_password(key, password)))
        tx.record(generation=generation.generation)
    return BankUnlock(actor.user_id, generation.generation, key)


def _no_copy_message(bank: BankRepository, user_id: int) -> str:
    key = bank.user_key(user_id)
    if key is not None and key.regrant_needed:
        return ("您的密码已被管理员重置，原有的题库密钥无法用新密码解开。"
                "请联系题库管理员在“题库 → 授权管理”中重新授权")
    return "您尚未获得题库密钥，请联系题库管理员授权"


def _unwrap_copy(cipher: BankCrypto, bank: BankRepository, wrap: KeyWrap, password: str) -> bytes:
    if wrap.kind == WRAP_PASSWORD:
        return cipher.unwrap_with_password(wrap.wrapped, password)
    user_key = bank.user_key(wrap.user_id)
    if user_key is None:
        raise PermissionDenied("您的密钥对已丢失，请联系题库管理员重新授权")
    private = cipher.unwrap_with_password(user_key.private_wrapped, password)
    return cipher.open_from(private, wrap.wrapped, _bank_context(wrap.generation, wrap.user_id))


def check_unlock(uow: UnitOfWork, actor: Actor, unlock: BankUnlock) -> None:
    """Refuse a stale or borrowed unlock (the key was rotated, or it is another person's)."""
    if unlock.user_id != actor.user_id:
        raise PermissionDenied("题库密钥属于另一位用户的会话，请用自己的密码解锁题库")
    generation = uow.bank.current_generation()
    if generation is None or generation.generation != unlock.generation:
        raise AuthenticationError("题库密钥已更换（有人被撤销授权），请重新输入密码解锁题库",
                                  field="题库密钥")
    if uow.bank.wrap_for(actor.user_id) is None:
        raise PermissionDenied("您的题库授权已被撤销")


def grant_access(env: Env, actor: Actor, unlock: BankUnlock, user_id: int) -> None:
    """Give a bank-role user a copy of the bank key, encrypted to their public key."""
    cipher = env.adapters.bank_crypto
    with guarded(env, actor, Permission.BANK_MANAGE, "bank.grant", f"user:{user_id}") as tx:
        check_unlock(tx.uow, actor, unlock)
        user = tx.uow.users.get(user_id)
        if user is None or not user.active:
            raise NotFound(f"用户（编号 {user_id}）不存在或已停用", field="用户")
        if not any(role in BANK_ROLES for role in user.roles):
            raise ValidationError(f"用户 {user.username} 没有命题专家或题库管理员角色，"
                                  "请先由系统管理员分配角色", field="用户")
        user_key = tx.uow.bank.user_key(user_id)
        if user_key is None:
            raise ConflictError(f"用户 {user.username} 还没有密钥对：请其登录一次并在“题库”页面"
                                "输入密码登记密钥后再授权", field="用户")
        tx.uow.bank.put_wrap(KeyWrap(
            user_id, unlock.generation, WRAP_PUBLIC,
            cipher.seal_to(user_key.public_key, unlock.key,
                           _bank_context(unlock.generation, user_id)),
            actor.username, env.clock.now()))
        if user_key.regrant_needed:
            tx.uow.bank.put_user_key(replace(user_key, regrant_needed=False), env.clock.now())
        tx.record(username=user.username, generation=unlock.generation)


def revoke_access(env: Env, actor: Actor, unlock: BankUnlock, user_id: int,
                  progress: Progress | None = None) -> BankUnlock:
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


def _rotate(env: Env, cipher: BankCrypto, bank: BankRepository, unlock: BankUnlock,
            actor: Actor, progress: Progress | None) -> tuple[BankUnlock, int]:
    new_key, now = cipher.new_key(), env.clock.now()
    generation = unlock.generation + 1
    bank.add_generation(KeyGeneration(generation, cipher.key_check(new_key, generation), now,
                                      actor.username))
    versions = list(bank.versions())
    for done, version in enumerate(versions, start=1):
        plaintext = cipher.decrypt_item(unlock.key, version.item_id, version.version,
                                        version.ciphertext)
        bank.replace_ciphertext(version.item_id, version.version,
                                cipher.encrypt_item(new_key, version.item_id, version.version,
                                                    plaintext),
                                generation)
        if progress is not None and not progress(done, len(versions)):
            raise ValidationError("已取消：题库密钥没有更换，撤销未生效", field="撤销授权")
    for wrap in bank.wraps():
        user_key = bank.user_key(wrap.user_id)
        if user_key is None:
            bank.delete_wrap(wrap.user_id)
            continue
        bank.put_wrap(KeyWrap(wrap.user_id, generation, WRAP_PUBLIC,
                              cipher.seal_to(user_key.public_key, new_key,
                                             _bank_context(generation, wrap.user_id)),
                              actor.username, now))
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
            result.append(HolderInfo(
                user.id, user.username, user.display_name, user.roles, wrap is not None,
                wrap.kind if wrap else "", wrap.granted_by if wrap else "", key is not None,
                bool(key and key.regrant_needed), bank_role))
        return result


# -- items ----------------------------------------------------------------------------------


def weight_tables(env: Env) -> dict[tuple[str, WeightKind], WeightTable]:
    """The weight tables of `resources/standards/weights.json`, keyed by (occupation, kind)."""
    document = env.adapters.standards.raw("weights.json")
    tables: dict[tuple[str, WeightKind], WeightTable] = {}
    for occupation in document.get("occupations", []):
        code, name = str(occupation.get("code", "")), str(occupation.get("name", ""))
        for entry in occupation.get("tables", []):
            table = WeightTable.from_json(entry, occupation_code=code, occupation_name=name)
            tables[(code, table.kind)] = table
    return tables


def areas_for(tables: dict[tuple[str, WeightKind], WeightTable], occupation_code: str,
              level: Level) -> list[str]:
    """Knowledge areas (职业功能) examined at `level`, theory table first, without repeats."""
    names: list[str] = []
    for kind in WeightKind:
        table = tables.get((occupation_code, kind))
        if table is not None:
            names.extend(area for area, _ in table.areas_at(level) if area not in names)
    return names


def knowledge_areas(env: Env, actor: Actor, occupation_code: str, level: Level) -> list[str]:
    """The knowledge areas an item of this occupation and level may be filed under."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA):
        return areas_for(weight_tables(env), occupation_code, level)


def _check_meta(uow: UnitOfWork, tables: dict[tuple[str, WeightKind], WeightTable],
                meta: ItemMeta) -> None:
    occupation = uow.catalogue.occupation(meta.occupation_code)
    if occupation is None:
        raise ValidationError(f"标准目录中没有职业编码 {meta.occupation_code}", field="职业编码")
    directions = [d.name for d in occupation.directions]
    if meta.direction and directions and meta.direction not in directions:
        raise ValidationError(f"{occupation.name}没有“{meta.direction}”方向，可选："
                              f"{'、'.join(directions)}；通用题请留空", field="职业方向")
    areas = areas_for(tables, meta.occupation_code, meta.level)
    if meta.knowledge_area not in areas:
        raise ValidationError(f"{occupation.name}{meta.level.label}的权重表中没有知识领域"
                              f"“{meta.knowledge_area}”，可选：{'、'.join(areas) or '（无权重表）'}",
                              field="知识领域")


def _store_version(env: Env, bank: BankRepository, unlock: BankUnlock, item_id: str,
                   meta: ItemMeta, content: ItemContent, author_id: int) -> None:
    ciphertext = env.adapters.bank_crypto.encrypt_item(unlock.key, item_id, meta.version, content.to_bytes())
    bank.add_version(StoredVersion(item_id, meta.version, meta.knowledge_area, meta.item_type,
                                   meta.difficulty, ciphertext, unlock.generation, author_id,
                                   env.clock.now()))


def _new_item(env: Env, uow: UnitOfWork, unlock: BankUnlock, actor: Actor, meta: ItemMeta,
              content: ItemContent, status: ItemStatus) -> str:
    item_id = uuid.uuid4().hex
    stored = replace(meta, status=status, version=1, author_id=str(actor.user_id))
    uow.bank.add_item(item_id, stored, env.clock.now())
    _store_version(env, uow.bank, unlock, item_id, stored, content, actor.user_id)
    return item_id


def create_item(env: Env, actor: Actor, unlock: BankUnlock, meta: ItemMeta,
                content: ItemContent) -> str:
    """Write a new item as a draft (草稿); returns its id. Content is encrypted before storing."""
    content.validate(meta.item_type)
    tables = weight_tables(env)
    with guarded(env, actor, Permission.BANK_WRITE_DRAFT, "bank.item_create") as tx:
        check_unlock(tx.uow, actor, unlock)
        _check_meta(tx.uow, tables, meta)
        item_id = _new_item(env, tx.uow, unlock, actor, meta, content, ItemStatus.DRAFT)
        tx.record(f"item:{item_id}", occupation=meta.occupation_code, level=meta.level.value,
                  area=meta.knowledge_area, type=meta.item_type.value)
    return item_id


def _is_manager(actor_roles: tuple[Role, ...] | frozenset[Role]) -> bool:
    return Permission.BANK_MANAGE in permissions_of(actor_roles)


def _own_draft_or_manager(uow: UnitOfWork, actor: Actor, item: StoredItem) -> bool:
    user = uow.users.get(actor.user_id)
    if user is not None and _is_manager(user.roles):
        return True
    return item.meta.author_id == str(actor.user_id) and item.meta.status is ItemStatus.DRAFT


def _existing_item(uow: UnitOfWork, item_id: str) -> StoredItem:
    item = uow.bank.item(item_id)
    if item is None:
        raise NotFound(f"试题 {item_id} 不存在", field="试题")
    return item


def update_item(env: Env, actor: Actor, unlock: BankUnlock, item_id: str, meta: ItemMeta,
                content: ItemContent) -> int:
    """Save an edit as a new version (papers keep the version they used); returns it.

    A writer may edit only their own drafts; a bank admin may edit any item that is not retired.
    """
    content.validate(meta.item_type)
    tables = weight_tables(env)
    with guarded(env, actor, Permission.BANK_WRITE_DRAFT, "bank.item_edit",
                 f"item:{item_id}") as tx:
        check_unlock(tx.uow, actor, unlock)
        item = _existing_item(tx.uow, item_id)
        if not _own_draft_or_manager(tx.uow, actor, item):
            raise refuse(PermissionDenied("命题专家只能修改自己编写的草稿；已审核的试题请由题库管理员修改"))
        if item.meta.status is ItemStatus.RETIRED:
            raise ConflictError("该试题已停用，不能再修改", field="状态")
        _check_meta(tx.uow, tables, meta)
        stored = replace(meta, status=item.meta.status, version=item.meta.version + 1,
                         author_id=item.meta.author_id)
        tx.uow.bank.update_item(item_id, stored, env.clock.now())
        _store_version(env, tx.uow.bank, unlock, item_id, stored, content, actor.user_id)
        tx.record(version=stored.version, area=meta.knowledge_area)
    return stored.version


def _set_status(env: Env, actor: Actor, item_id: str, status: ItemStatus, name: str,
                allowed_from: tuple[ItemStatus, ...], reason: str = "") -> None:
    with guarded(env, actor, Permission.BANK_MANAGE, name, f"item:{item_id}") as tx:
        item = _existing_item(tx.uow, item_id)
        if item.meta.status not in allowed_from:
            raise ConflictError(f"试题当前状态为“{item.meta.status.label}”，不能改为"
                                f"“{status.label}”", field="状态")
        tx.uow.bank.update_item(item_id, replace(item.meta, status=status), env.clock.now())
        tx.record(before=item.meta.status.value, after=status.value, reason=reason)


def approve_item(env: Env, actor: Actor, item_id: str) -> None:
    """Approve a draft (审核通过); only approved items go into papers."""
    _set_status(env, actor, item_id, ItemStatus.APPROVED, "bank.item_approve",
                (ItemStatus.DRAFT,))


def retire_item(env: Env, actor: Actor, item_id: str, reason: str) -> None:
    """Retire an item (停用) instead of deleting it; papers that used it keep their version."""
    if not reason.strip():
        raise ValidationError("请填写停用原因", field="停用原因")
    _set_status(env, actor, item_id, ItemStatus.RETIRED, "bank.item_retire",
                (ItemStatus.DRAFT, ItemStatus.APPROVED), reason.strip()[:200])


def view_item(env: Env, actor: Actor, unlock: BankUnlock, item_id: str, purpose: str,
              version: int | None = None) -> ItemContent:
    """Decrypt an item's content for reading; audited with the purpose given."""
    reason = _require_purpose(purpose)
    with guarded(env, actor, Permission.BANK_WRITE_DRAFT, "bank.item_view",
                 f"item:{item_id}") as tx:
        item = _existing_item(tx.uow, item_id)
        if not _own_draft_or_manager(tx.uow, actor, item):
            raise refuse(PermissionDenied("命题专家只能查看自己编写的草稿内容"),
                         details={"purpose": reason})
        check_unlock(tx.uow, actor, unlock)
        wanted = version or item.meta.version
        stored = tx.uow.bank.version(item_id, wanted)
        if stored is None:
            raise NotFound(f"试题 {item_id} 没有第 {wanted} 版", field="版本")
        plaintext = env.adapters.bank_crypto.decrypt_item(unlock.key, item_id, wanted, stored.ciphertext)
        tx.record(version=wanted, purpose=reason)
    return ItemContent.from_bytes(plaintext)


def list_items(env: Env, actor: Actor, query: ItemQuery | None = None) -> list[StoredItem]:
    """Catalogue data of items (no content); anyone with bank statistics rights may list."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return uow.bank.items(query or ItemQuery())


def bank_stats(env: Env, actor: Actor) -> list[CountRow]:
    """Item counts by occupation, level, knowledge area and status."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return uow.bank.counts()


# -- import ---------------------------------------------------------------------------------


def write_import_template(env: Env, actor: Actor, path: Path) -> None:
    """Write the empty Excel import template (column headings and one explanation row)."""
    with reading(env, actor, Permission.BANK_WRITE_DRAFT):
        files = env.adapters.item_files
        files.write_template(path)


def _parse_choice(text: str, parse: Callable[[str], Any], field_name: str, row: int,
                  problems: list[RowProblem]) -> Any:
    try:
        return parse(text)
    except ValueError as error:
        problems.append(RowProblem(row, field_name, str(error)))
        return None


def _item_type(text: str) -> ItemType:
    cleaned = text.strip()
    for item_type in ItemType:
        if cleaned in (item_type.value, item_type.label, item_type.label.removesuffix("题")):
            return item_type
    raise ValueError(f"未知题型“{cleaned}”，应为：{'、'.join(t.label for t in ItemType)}")


def _difficulty(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if not MIN_DIFFICULTY <= value <= MAX_DIFFICULTY:
        raise ValueError(f"难度应为 {MIN_DIFFICULTY}–{MAX_DIFFICULTY} 的整数")
    return value


def _checked_row(uow: UnitOfWork, tables: dict[tuple[str, WeightKind], WeightTable],
                 raw: RawItem) -> tuple[ItemMeta, ItemContent] | list[RowProblem]:
    problems: list[RowProblem] = []
    level = _parse_choice(raw.level, Level.from_label, "等级", raw.row, problems)
    item_type = _parse_choice(raw.item_type, _item_type, "题型", raw.row, problems)
    difficulty = _parse_choice(raw.difficulty, _difficulty, "难度", raw.row, problems)
    if problems:
        return problems
    content = ItemContent(raw.stem, raw.options, raw.answer, raw.rubric, raw.attachments)
    try:
        meta = ItemMeta(raw.occupation_code.strip(), raw.direction.strip(), level,
                        raw.knowledge_area.strip(), item_type, difficulty)
        _check_meta(uow, tables, meta)
        content.validate(meta.item_type)
    except ValidationError as error:
        return [RowProblem(raw.row, error.field or "题目", error.message)]
    return meta, content


def import_items(env: Env, actor: Actor, unlock: BankUnlock, path: Path, *,
                 all_or_nothing: bool = True, approve: bool = False,
                 progress: Progress | None = None) -> ImportReport:
    """Import items from an Excel template or a JSON file (docs/item-json.md), in one transaction.

    Args:
        env: Services environment.
        actor: The importing user; writers import drafts.
        unlock: The session's bank key.
        path: The file (.xlsx or .json).
        all_or_nothing: With any bad row, import nothing (otherwise import the good rows).
        approve: Import as approved (bank admins only, for items already reviewed elsewhere).
        progress: Called with (done, total); returning False cancels and writes nothing.
    """
    files = env.adapters.item_files
    parsed = files.read(path)
    return import_rows(env, actor, unlock, parsed.rows, parsed.problems, source=path.name,
                       all_or_nothing=all_or_nothing, approve=approve, progress=progress)


def import_rows(env: Env, actor: Actor, unlock: BankUnlock, rows: Sequence[RawItem],
                known_problems: Sequence[RowProblem] = (), *, source: str = "",
                all_or_nothing: bool = True, approve: bool = False,
                progress: Progress | None = None) -> ImportReport:
    """Check and import items already read from a file; see `import_items`."""
    tables = weight_tables(env)
    permission = Permission.BANK_MANAGE if approve else Permission.BANK_WRITE_DRAFT
    status = ItemStatus.APPROVED if approve else ItemStatus.DRAFT
    problems = list(known_problems)
    total = len({raw.row for raw in rows} | {p.row for p in problems})
    good: list[tuple[ItemMeta, ItemContent]] = []
    try:
        with guarded(env, actor, permission, "bank.import", source) as tx:
            check_unlock(tx.uow, actor, unlock)
            for raw in rows:
                checked = _checked_row(tx.uow, tables, raw)
                if isinstance(checked, list):
                    problems.extend(checked)
                else:
                    good.append(checked)
            if problems and all_or_nothing:
                raise _Cancelled(by_user=False)
            for done, (meta, content) in enumerate(good, start=1):
                _new_item(env, tx.uow, unlock, actor, meta, content, status)
                if progress is not None and not progress(done, len(good)):
                    raise _Cancelled(by_user=True)
            tx.record(imported=len(good), bad_rows=len({p.row for p in problems}),
                      status=status.value)
    except _Cancelled as stop:
        problems.sort(key=lambda p: p.row)
        return ImportReport(0, tuple(problems), stop.by_user, total)
    problems.sort(key=lambda p: p.row)
    return ImportReport(len(good), tuple(problems), False, total)


# -- encrypted backup export ----------------------------------------------------------------


def export_backup(env: Env, actor: Actor, unlock: BankUnlock, passphrase: str,
                  purpose: str) -> bytes:
    """The whole bank as an encrypted backup file (the only export of item content).

    Every version is re-encrypted under a fresh file key, and that key is wrapped under the
    passphrase (scrypt), so the file never reveals the live bank key.
    """
    reason = _require_purpose(purpose)
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"备份口令至少 {MIN_PASSPHRASE} 个字符，请另行妥善保管",
                              field="备份口令")
    cipher = env.adapters.bank_crypto
    file_key = cipher.new_key()
    with guarded(env, actor, Permission.BANK_MANAGE, "bank.export", "bank:backup") as tx:
        check_unlock(tx.uow, actor, unlock)
        items = tx.uow.bank.items(ItemQuery(limit=10**9))
        entries = []
        for item in items:
            versions = []
            for number in range(1, item.meta.version + 1):
                stored = tx.uow.bank.version(item.item_id, number)
                if stored is None:
                    continue
                plaintext = cipher.decrypt_item(unlock.key, item.item_id, number,
                                                stored.ciphertext)
                versions.append({
                    "version": number, "knowledge_area": stored.knowledge_area,
                    "item_type": stored.item_type.value, "difficulty": stored.difficulty,
                    "ciphertext": base64.b64encode(cipher.encrypt_item(
                        file_key, item.item_id, number, plaintext)).decode("ascii")})
            entries.append({"id": item.item_id, **_meta_json(item.meta), "versions": versions})
        tx.record(items=len(entries), purpose=reason)
    document = {"format": BACKUP_FORMAT, "version": _BACKUP_VERSION,
                "created_at": iso(env.clock.now()),
                "key": cipher.wrap_with_password(file_key, passphrase).decode("ascii"),
                "items": entries}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _meta_json(meta: ItemMeta) -> dict[str, Any]:
    return {"occupation_code": meta.occupation_code, "direction": meta.direction,
            "level": meta.level.value, "knowledge_area": meta.knowledge_area,
            "item_type": meta.item_type.value, "difficulty": meta.difficulty,
            "status": meta.status.value, "current_version": meta.version}


def restore_backup(env: Env, actor: Actor, unlock: BankUnlock, data: bytes,
                   passphrase: str) -> int:
    """Load an encrypted backup; items whose id already exists are kept as they are.

    Returns:
        The number of items added.
    """
    cipher = env.adapters.bank_crypto
    try:
        document = json.loads(data.decode("utf-8"))
        if document.get("format") != BACKUP_FORMAT or document.get("version") != _BACKUP_VERSION:
            raise ValidationError("这不是 Kaoping 题库备份文件，或版本不受支持", field="备份文件")
        file_key = cipher.unwrap_with_password(str(document["key"]).encode("ascii"), passphrase)
        added = 0
        with guarded(env, actor, Permission.BANK_MANAGE, "bank.restore", "bank:backup") as tx:
            check_unlock(tx.uow, actor, unlock)
            for entry in document["items"]:
                if tx.uow.bank.item(str(entry["id"])) is None:
                    _restore_item(env, tx.uow, unlock, actor, file_key, entry)
                    added += 1
            tx.record(added=added)
    except (KeyError, TypeError, ValueError, binascii.Error, AttributeError) as error:
        raise ValidationError("备份文件已损坏或格式错误", field="备份文件") from error
    return added


def _restore_item(env: Env, uow: UnitOfWork, unlock: BankUnlock, actor: Actor, file_key: bytes,
                  entry: dict[str, Any]) -> None:
    cipher, item_id, now = env.adapters.bank_crypto, str(entry["id"]), env.clock.now()
    meta = ItemMeta(str(entry["occupation_code"]), str(entry["direction"]),
                    Level(entry["level"]), str(entry["knowledge_area"]),
                    ItemType(entry["item_type"]), int(entry["difficulty"]),
                    ItemStatus(entry["status"]), int(entry["current_version"]),
                    str(actor.user_id))
    uow.bank.add_item(item_id, meta, now)
    for version in entry["versions"]:
        number = int(version["version"])
        plaintext = cipher.decrypt_item(file_key, item_id, number,
                                        base64.b64decode(version["ciphertext"], validate=True))
        uow.bank.add_version(StoredVersion(
            item_id, number, str(version["knowledge_area"]), ItemType(version["item_type"]),
            int(version["difficulty"]),
            cipher.encrypt_item(unlock.key, item_id, number, plaintext), unlock.generation,
            actor.user_id, now))


def occupation_names(env: Env, actor: Actor) -> dict[str, str]:
    """Occupation code → name, for lists and paper headings."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return {info.code: info.name for info in uow.catalogue.occupations()}


def author_names(env: Env, actor: Actor) -> dict[str, str]:
    """User id (as items record it) → "display name（username）", so lists name an item's author."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return {str(u.id): f"{u.display_name}（{u.username}）" for u in uow.users.list()}


def session_time(moment: datetime) -> str:
    """Beijing time as people read it on screens and watermarks.

    Sessions are planned in Beijing time, so the computer's own zone must not shift them.
    """
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


