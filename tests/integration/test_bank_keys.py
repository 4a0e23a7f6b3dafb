"""The bank key: first initialisation, grants, revocation with rotation, password changes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kaoping.adapters.bank_keys import BankKeys
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import (
    AuthenticationError,
    ConflictError,
    PermissionDenied,
    ValidationError,
)
from kaoping.domain.items import ItemContent, ItemMeta, ItemType
from kaoping.domain.roles import Role
from kaoping.services import accounts, bank
from kaoping.services.bank import BankUnlock
from kaoping.services.base import Actor, Env
from kaoping.services.ports.bank import WRAP_PASSWORD, WRAP_PUBLIC
from tests.databases import add_user
from tests.integration.test_bank_support import AI, PASSWORD, open_bank

META = ItemMeta(AI, "", Level.JUNIOR, "基础知识", ItemType.TRUE_FALSE, 1)
CONTENT = ItemContent("QKEYS 梯度下降沿负梯度方向更新参数", (), "对")
NEW_PASSWORD = "Renewed-pass9"


def _granted(
    env: Env, actors: dict[Role, Actor], admin_unlock: BankUnlock, role: Role = Role.ITEM_WRITER
) -> BankUnlock:
    person = actors[role]
    bank.register_keys(env, person, PASSWORD)
    bank.grant_access(env, actors[Role.BANK_ADMIN], admin_unlock, person.user_id)
    return bank.unlock_bank(env, person, PASSWORD)


def _wrap_kind(env: Env, user_id: int) -> str | None:
    with env.uow(write=False) as uow:
        wrap = uow.bank.wrap_for(user_id)
        return wrap.kind if wrap else None


def test_bank_is_initialised_once_by_a_bank_admin(env: Env, actors: dict[Role, Actor]) -> None:
    """Only a bank admin creates the first key, only once, and must give the right password."""
    with pytest.raises(PermissionDenied):
        bank.initialise_bank(env, actors[Role.SYSTEM_ADMIN], PASSWORD)
    with pytest.raises(AuthenticationError):
        bank.initialise_bank(env, actors[Role.BANK_ADMIN], "wrong-pass1")
    unlock = open_bank(env, actors)
    assert unlock.generation == 1 and "key" not in repr(unlock).lower().replace("bankunlock", "")
    with pytest.raises(ConflictError):
        open_bank(env, actors)
    again = bank.unlock_bank(env, actors[Role.BANK_ADMIN], PASSWORD)
    assert again.key == unlock.key


def test_grant_reaches_a_writer_without_knowing_their_password(
    env: Env, actors: dict[Role, Actor], make_user: Callable[[str, list[Role]], Actor]
) -> None:
    """A granted writer unlocks with their own password; the copy then moves under it."""
    admin_unlock = open_bank(env, actors)
    writer = actors[Role.ITEM_WRITER]
    with pytest.raises(PermissionDenied, match="尚未获得"):
        bank.unlock_bank(env, writer, PASSWORD)
    bank.register_keys(env, writer, PASSWORD)
    bank.grant_access(env, actors[Role.BANK_ADMIN], admin_unlock, writer.user_id)
    assert _wrap_kind(env, writer.user_id) == WRAP_PUBLIC
    mine = bank.unlock_bank(env, writer, PASSWORD)
    assert mine.key == admin_unlock.key
    assert _wrap_kind(env, writer.user_id) == WRAP_PASSWORD
    newcomer = add_user(
        env, actors[Role.SYSTEM_ADMIN], "writer_new", "新命题专家", [Role.ITEM_WRITER]
    )
    with pytest.raises(ConflictError, match="密钥对"):
        bank.grant_access(env, actors[Role.BANK_ADMIN], admin_unlock, newcomer)
    accounts.sign_in(env, "writer_new", PASSWORD)  # the first sign-in creates the key pair
    bank.grant_access(env, actors[Role.BANK_ADMIN], admin_unlock, newcomer)
    with pytest.raises(ValidationError, match="命题专家或题库管理员"):
        bank.grant_access(
            env, actors[Role.BANK_ADMIN], admin_unlock, actors[Role.EXAM_ADMIN].user_id
        )


def test_revocation_rotates_so_the_old_copy_opens_nothing(
    env: Env, actors: dict[Role, Actor], make_user: Callable[[str, list[Role]], Actor]
) -> None:
    """After a revocation every item is re-encrypted; the revoked key no longer decrypts it."""
    admin_unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    writer_unlock = _granted(env, actors, admin_unlock)
    item_id = bank.create_item(env, admin, admin_unlock, META, CONTENT)
    second_admin = make_user("bank_admin_b", [Role.BANK_ADMIN])
    bank.register_keys(env, second_admin, PASSWORD)
    bank.grant_access(env, admin, admin_unlock, second_admin.user_id)

    fresh = bank.revoke_access(env, admin, admin_unlock, actors[Role.ITEM_WRITER].user_id)
    assert fresh.generation == 2 and fresh.key != admin_unlock.key
    with env.uow(write=False) as uow:
        stored = uow.bank.version(item_id, 1)
    assert stored is not None and stored.generation == 2
    with pytest.raises(AuthenticationError):
        BankKeys().decrypt_item(writer_unlock.key, item_id, 1, stored.ciphertext)
    with pytest.raises(PermissionDenied):
        bank.unlock_bank(env, actors[Role.ITEM_WRITER], PASSWORD)
    with pytest.raises(AuthenticationError, match="重新输入密码"):
        bank.view_item(env, admin, admin_unlock, item_id, "旧会话")
    assert bank.view_item(env, admin, fresh, item_id, "轮换后核对").stem == CONTENT.stem
    other = bank.unlock_bank(env, second_admin, PASSWORD)
    assert other.key == fresh.key


def test_password_change_rewraps_the_keys(env: Env, actors: dict[Role, Actor]) -> None:
    """Changing one's password keeps bank access: the new password unlocks, the old does not."""
    admin_unlock = open_bank(env, actors)
    writer = actors[Role.ITEM_WRITER]
    _granted(env, actors, admin_unlock)
    accounts.change_own_password(env, writer, PASSWORD, NEW_PASSWORD)
    assert bank.unlock_bank(env, writer, NEW_PASSWORD).key == admin_unlock.key
    with pytest.raises(AuthenticationError):
        bank.unlock_bank(env, writer, PASSWORD)
    admin = actors[Role.BANK_ADMIN]
    accounts.change_own_password(env, admin, PASSWORD, NEW_PASSWORD)
    assert bank.unlock_bank(env, admin, NEW_PASSWORD).key == admin_unlock.key


def test_administrator_reset_needs_a_new_grant(env: Env, actors: dict[Role, Actor]) -> None:
    """After a reset the user is told to ask for a new grant, and a grant restores access."""
    admin_unlock = open_bank(env, actors)
    writer = actors[Role.ITEM_WRITER]
    _granted(env, actors, admin_unlock)
    accounts.reset_password(env, actors[Role.SYSTEM_ADMIN], writer.user_id, "OneTime-4321")
    # The one-time password is replaced at the next sign-in, before anything else.
    accounts.change_own_password(env, writer, "OneTime-4321", NEW_PASSWORD)
    with pytest.raises(PermissionDenied, match="重新授权"):
        bank.unlock_bank(env, writer, NEW_PASSWORD)
    holders = {h.username: h for h in bank.list_holders(env, actors[Role.BANK_ADMIN])}
    assert holders[writer.username].regrant_needed and not holders[writer.username].has_copy
    bank.grant_access(env, actors[Role.BANK_ADMIN], admin_unlock, writer.user_id)
    assert bank.unlock_bank(env, writer, NEW_PASSWORD).key == admin_unlock.key
    holders = {h.username: h for h in bank.list_holders(env, actors[Role.BANK_ADMIN])}
    assert not holders[writer.username].regrant_needed
