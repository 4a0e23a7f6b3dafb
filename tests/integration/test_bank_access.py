"""Who may read, write, approve and list items; every refusal and every reading is audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, PermissionDenied, ValidationError
from kaoping.domain.items import ItemContent, ItemMeta, ItemStatus, ItemType
from kaoping.domain.roles import BANK_ROLES, Role
from kaoping.services import audit, bank
from kaoping.services.bank import BankUnlock
from kaoping.services.base import Actor, Env
from kaoping.services.ports.bank import ItemQuery
from kaoping.services.ports.dto import AuditFilter
from tests.integration.test_bank_support import AI, PASSWORD, open_bank

META = ItemMeta(AI, "", Level.JUNIOR, "职业道德", ItemType.SINGLE, 2)
CONTENT = ItemContent("QACCESS 职业道德的核心是什么", ("诚实守信", "多劳多得", "各自为政"), "A")


def _writer_unlock(
    env: Env, actors: dict[Role, Actor], admin_unlock: BankUnlock, writer: Actor
) -> BankUnlock:
    bank.register_keys(env, writer, PASSWORD)
    bank.grant_access(env, actors[Role.BANK_ADMIN], admin_unlock, writer.user_id)
    return bank.unlock_bank(env, writer, PASSWORD)


def _refusals(env: Env, actors: dict[Role, Actor], actor: Actor) -> list[str]:
    entries = audit.search(
        env, actors[Role.SYSTEM_ADMIN], AuditFilter(actor=actor.username, outcome="refused")
    )
    return [entry.action for entry in entries]


@pytest.mark.parametrize("role", [r for r in Role if r not in BANK_ROLES], ids=str)
def test_other_roles_see_metadata_but_never_content(
    env: Env, actors: dict[Role, Actor], role: Role
) -> None:
    """Everyone outside the bank roles lists and counts items but cannot unlock or read them."""
    unlock = open_bank(env, actors)
    item_id = bank.create_item(env, actors[Role.BANK_ADMIN], unlock, META, CONTENT)
    actor = actors[role]
    assert [i.item_id for i in bank.list_items(env, actor)] == [item_id]
    assert sum(row.count for row in bank.bank_stats(env, actor)) == 1
    with pytest.raises(PermissionDenied, match="编写试题草稿"):
        bank.unlock_bank(env, actor, PASSWORD)
    with pytest.raises(PermissionDenied):
        bank.view_item(env, actor, unlock, item_id, "想看看")
    assert "bank.unlock" in _refusals(env, actors, actor)


def test_writer_reads_only_own_drafts(
    env: Env, actors: dict[Role, Actor], make_user: Callable[[str, list[Role]], Actor]
) -> None:
    """A writer reads their own draft, not a colleague's, and not once it is approved."""
    admin_unlock = open_bank(env, actors)
    writer = actors[Role.ITEM_WRITER]
    colleague = make_user("writer_b", [Role.ITEM_WRITER])
    mine = _writer_unlock(env, actors, admin_unlock, writer)
    theirs = _writer_unlock(env, actors, admin_unlock, colleague)
    own_id = bank.create_item(env, writer, mine, META, CONTENT)
    other_id = bank.create_item(env, colleague, theirs, META, CONTENT)
    assert bank.view_item(env, writer, mine, own_id, "修改自己的草稿").stem == CONTENT.stem
    with pytest.raises(PermissionDenied, match="自己编写的草稿"):
        bank.view_item(env, writer, mine, other_id, "看看同事的题")
    refused = audit.search(
        env, actors[Role.SYSTEM_ADMIN], AuditFilter(actor=writer.username, outcome="refused")
    )
    assert refused[0].action == "bank.item_view" and "看看同事的题" in refused[0].details
    with pytest.raises(PermissionDenied):
        bank.approve_item(env, writer, own_id)
    bank.approve_item(env, actors[Role.BANK_ADMIN], own_id)
    with pytest.raises(PermissionDenied):
        bank.view_item(env, writer, mine, own_id, "再看一次")
    admin = actors[Role.BANK_ADMIN]
    assert bank.view_item(env, admin, admin_unlock, other_id, "审核").answer == "A"


def test_every_reading_is_audited_with_its_purpose(env: Env, actors: dict[Role, Actor]) -> None:
    """Reading content needs a purpose, and the audit log keeps it (never the text)."""
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    item_id = bank.create_item(env, admin, unlock, META, CONTENT)
    with pytest.raises(ValidationError, match="用途"):
        bank.view_item(env, admin, unlock, item_id, " ")
    bank.view_item(env, admin, unlock, item_id, "第 3 批新题审核")
    entry = audit.search(
        env, actors[Role.SYSTEM_ADMIN], AuditFilter(action_prefix="bank.item_view")
    )[0]
    assert "第 3 批新题审核" in entry.details and entry.target == f"item:{item_id}"
    assert "QACCESS" not in entry.details


def test_no_one_approves_an_item_they_wrote_or_last_edited(
    env: Env, actors: dict[Role, Actor], make_user: Callable[[str, list[Role]], Actor]
) -> None:
    """A bank administrator's own draft, or one they edited last, is reviewed by another one."""
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    colleague = make_user("tiku_b", [Role.BANK_ADMIN])
    item_id = bank.create_item(env, admin, unlock, META, CONTENT)
    with pytest.raises(PermissionDenied, match="不能审核自己编写"):
        bank.approve_item(env, admin, item_id)
    refused = audit.search(
        env, actors[Role.SYSTEM_ADMIN], AuditFilter(actor=admin.username, outcome="refused")
    )
    assert refused[0].action == "bank.item_approve" and refused[0].target == f"item:{item_id}"
    writer = actors[Role.ITEM_WRITER]
    draft = bank.create_item(
        env, writer, _writer_unlock(env, actors, unlock, writer), META, CONTENT
    )
    bank.update_item(env, admin, unlock, draft, META, CONTENT)
    with pytest.raises(PermissionDenied, match="最后修改"):
        bank.approve_item(env, admin, draft)
    bank.approve_item(env, colleague, item_id)
    bank.approve_item(env, colleague, draft)
    approved = bank.list_items(env, admin, ItemQuery(status=ItemStatus.APPROVED))
    assert {i.item_id for i in approved} == {item_id, draft}


def test_edit_makes_a_new_version_and_retire_keeps_it(
    env: Env, actors: dict[Role, Actor], make_user: Callable[[str, list[Role]], Actor]
) -> None:
    """Editing keeps the old version readable; retiring replaces deletion."""
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    item_id = bank.create_item(env, admin, unlock, META, CONTENT)
    bank.approve_item(env, make_user("tiku_b", [Role.BANK_ADMIN]), item_id)
    edited = ItemContent("QACCESS 修改后的题干", CONTENT.options, "A")
    assert bank.update_item(env, admin, unlock, item_id, META, edited) == 2
    assert bank.view_item(env, admin, unlock, item_id, "比对", version=1).stem == CONTENT.stem
    assert bank.view_item(env, admin, unlock, item_id, "比对").stem == edited.stem
    bank.retire_item(env, admin, item_id, "知识点已过时")
    stored = bank.list_items(env, admin, ItemQuery(status=ItemStatus.RETIRED))
    assert [i.meta.version for i in stored] == [2]
    with pytest.raises(ConflictError, match="停用"):
        bank.update_item(env, admin, unlock, item_id, META, CONTENT)


def test_item_rules_name_the_field(env: Env, actors: dict[Role, Actor]) -> None:
    """An unknown knowledge area or a bad answer is refused, naming the field."""
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    with pytest.raises(ValidationError) as bad_area:
        bank.create_item(
            env,
            admin,
            unlock,
            ItemMeta(AI, "", Level.JUNIOR, "量子计算", ItemType.SINGLE, 2),
            CONTENT,
        )
    assert bad_area.value.field == "知识领域" and "职业道德" in str(bad_area.value)
    with pytest.raises(ValidationError) as bad_answer:
        bank.create_item(env, admin, unlock, META, ItemContent("QACCESS 题", ("甲", "乙"), "C"))
    assert bad_answer.value.field == "参考答案"
    assert bank.list_items(env, admin) == []
