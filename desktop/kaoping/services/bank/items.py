"""Items of the question bank (题库): writing, review, reading content, and lists.

Writers (命题专家) write drafts and read only their own drafts; bank admins (题库管理员) edit,
approve and retire any item. Lists carry catalogue data only, never content.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from kaoping.domain.items import ItemContent, ItemMeta, ItemStatus
from kaoping.domain.roles import Permission, Role, permissions_of
from kaoping.services.bank._common import (
    BankUnlock,
    check_unlock,
    new_item,
    require_printable,
    require_purpose,
    store_version,
)
from kaoping.services.bank.weights import check_meta, weight_tables
from kaoping.services.base import Actor, Env, guarded, reading, refuse
from kaoping.services.ports.bank import CountRow, ItemQuery, StoredItem
from kaoping.services.ports.core import UnitOfWork


def create_item(
    env: Env, actor: Actor, unlock: BankUnlock, meta: ItemMeta, content: ItemContent
) -> str:
    """Write a new item as a draft (草稿); returns its id. Content is encrypted before storing."""
    content.validate(meta.item_type)
    require_printable(env, content)
    tables = weight_tables(env)
    with guarded(env, actor, Permission.BANK_WRITE_DRAFT, "bank.item_create") as tx:
        check_unlock(tx.uow, actor, unlock)
        check_meta(tx.uow, tables, meta)
        item_id = new_item(env, tx.uow, unlock, actor, meta, content, ItemStatus.DRAFT)
        tx.record(
            f"item:{item_id}",
            occupation=meta.occupation_code,
            level=meta.level.value,
            area=meta.knowledge_area,
            type=meta.item_type.value,
        )
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


def update_item(
    env: Env, actor: Actor, unlock: BankUnlock, item_id: str, meta: ItemMeta, content: ItemContent
) -> int:
    """Save an edit as a new version (papers keep the version they used); returns it.

    A writer may edit only their own drafts; a bank admin may edit any item that is not retired.
    """
    content.validate(meta.item_type)
    require_printable(env, content)
    tables = weight_tables(env)
    with guarded(
        env, actor, Permission.BANK_WRITE_DRAFT, "bank.item_edit", f"item:{item_id}"
    ) as tx:
        check_unlock(tx.uow, actor, unlock)
        item = _existing_item(tx.uow, item_id)
        if not _own_draft_or_manager(tx.uow, actor, item):
            raise refuse(
                PermissionDenied("命题专家只能修改自己编写的草稿；已审核的试题请由题库管理员修改")
            )
        if item.meta.status is ItemStatus.RETIRED:
            raise ConflictError("该试题已停用，不能再修改", field="状态")
        check_meta(tx.uow, tables, meta)
        stored = replace(
            meta,
            status=item.meta.status,
            version=item.meta.version + 1,
            author_id=item.meta.author_id,
        )
        tx.uow.bank.update_item(item_id, stored, env.clock.now())
        store_version(env, tx.uow.bank, unlock, item_id, stored, content, actor.user_id)
        tx.record(version=stored.version, area=meta.knowledge_area)
    return stored.version


def _set_status(
    env: Env,
    actor: Actor,
    item_id: str,
    status: ItemStatus,
    name: str,
    allowed_from: tuple[ItemStatus, ...],
    reason: str = "",
    reviewer_only: bool = False,
) -> None:
    with guarded(env, actor, Permission.BANK_MANAGE, name, f"item:{item_id}") as tx:
        item = _existing_item(tx.uow, item_id)
        if reviewer_only and _wrote(tx.uow, actor, item):
            raise refuse(
                PermissionDenied("不能审核自己编写或最后修改的试题，请由另一位题库管理员审核"),
                details={"rule": "author_cannot_approve"},
            )
        if item.meta.status not in allowed_from:
            raise ConflictError(
                f"试题当前状态为“{item.meta.status.label}”，不能改为“{status.label}”", field="状态"
            )
        tx.uow.bank.update_item(item_id, replace(item.meta, status=status), env.clock.now())
        tx.record(before=item.meta.status.value, after=status.value, reason=reason)


def _wrote(uow: UnitOfWork, actor: Actor, item: StoredItem) -> bool:
    """Whether the actor wrote the item or its latest version (then someone else must review)."""
    latest = uow.bank.version(item.item_id, item.meta.version)
    by_latest = latest is not None and latest.author_id == actor.user_id
    return item.meta.author_id == str(actor.user_id) or by_latest


def approve_item(env: Env, actor: Actor, item_id: str) -> None:
    """Approve a draft (审核通过); only approved items go into papers.

    No one approves an item they wrote or last edited: a bank administrator who also writes items
    has their own drafts reviewed by another bank administrator (docs/roles.md).
    """
    _set_status(
        env,
        actor,
        item_id,
        ItemStatus.APPROVED,
        "bank.item_approve",
        (ItemStatus.DRAFT,),
        reviewer_only=True,
    )


def retire_item(env: Env, actor: Actor, item_id: str, reason: str) -> None:
    """Retire an item (停用) instead of deleting it; papers that used it keep their version."""
    if not reason.strip():
        raise ValidationError("请填写停用原因", field="停用原因")
    _set_status(
        env,
        actor,
        item_id,
        ItemStatus.RETIRED,
        "bank.item_retire",
        (ItemStatus.DRAFT, ItemStatus.APPROVED),
        reason.strip()[:200],
    )


def view_item(
    env: Env,
    actor: Actor,
    unlock: BankUnlock,
    item_id: str,
    purpose: str,
    version: int | None = None,
) -> ItemContent:
    """Decrypt an item's content for reading; audited with the purpose given."""
    reason = require_purpose(purpose)
    with guarded(
        env, actor, Permission.BANK_WRITE_DRAFT, "bank.item_view", f"item:{item_id}"
    ) as tx:
        item = _existing_item(tx.uow, item_id)
        if not _own_draft_or_manager(tx.uow, actor, item):
            raise refuse(
                PermissionDenied("命题专家只能查看自己编写的草稿内容"), details={"purpose": reason}
            )
        check_unlock(tx.uow, actor, unlock)
        wanted = version or item.meta.version
        stored = tx.uow.bank.version(item_id, wanted)
        if stored is None:
            raise NotFound(f"试题 {item_id} 没有第 {wanted} 版", field="版本")
        plaintext = env.adapters.bank_crypto.decrypt_item(
            unlock.key, item_id, wanted, stored.ciphertext
        )
        tx.record(version=wanted, purpose=reason)
    return ItemContent.from_bytes(plaintext)


# -- lists (catalogue data, no content) ------------------------------------------------------


def list_items(env: Env, actor: Actor, query: ItemQuery | None = None) -> list[StoredItem]:
    """Catalogue data of items (no content); anyone with bank statistics rights may list."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return uow.bank.items(query or ItemQuery())


def bank_stats(env: Env, actor: Actor) -> list[CountRow]:
    """Item counts by occupation, level, knowledge area and status."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return uow.bank.counts()


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
