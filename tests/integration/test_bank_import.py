"""Importing items from Excel and JSON, bad rows reported, and the encrypted backup export."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import AuthenticationError, ValidationError
from kaoping.domain.items import ItemContent, ItemMeta, ItemStatus, ItemType
from kaoping.domain.roles import Role
from kaoping.services import accounts, bank, setup
from kaoping.services.base import Actor, Env
from kaoping.services.ports.bank import ItemQuery
from kaoping.services.ports.dto import BodyProfile
from tests.databases import add_user, first_setup
from tests.integration.test_bank_support import PASSWORD, open_bank, spread_items

DOCS = Path(__file__).resolve().parents[2] / "docs" / "item-json.md"


def _json_file(path: Path, items: list[dict[str, object]]) -> Path:
    path.write_text(
        json.dumps({"format": "kaoping-items", "version": 1, "items": items}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def _good(n: int) -> dict[str, object]:
    return {
        "occupation": "2-02-10-09",
        "level": "初级",
        "knowledge_area": "职业道德",
        "type": "判断题",
        "difficulty": 2,
        "stem": f"QIMPORT{n} 题干",
        "answer": "对",
    }


def test_documented_json_example_imports(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """The example in docs/item-json.md is accepted as written, attachment included."""
    example = re.search(r"```json\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert example is not None
    path = tmp_path / "items.json"
    path.write_text(example.group(1), encoding="utf-8")
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    report = bank.import_items(env, admin, unlock, path)
    assert (report.imported, report.problems) == (2, ())
    practical = next(
        i for i in bank.list_items(env, admin) if i.meta.item_type.value == "practical"
    )
    content = bank.view_item(env, admin, unlock, practical.item_id, "核对附件")
    assert content.attachments[0][0] == "service.log"
    assert {i.meta.status for i in bank.list_items(env, admin)} == {ItemStatus.DRAFT}


def test_bad_rows_are_named_and_nothing_is_imported(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """Each bad row is reported with row, field and reason; all-or-nothing writes nothing."""
    rows = [
        _good(1),
        {**_good(2), "knowledge_area": "量子计算"},
        {**_good(3), "level": "特级"},
        {**_good(4), "type": "单选题", "options": ["甲", "乙"], "answer": "C"},
        _good(5),
        {**_good(6), "difficulty": "九"},
    ]
    path = _json_file(tmp_path / "bad.json", rows)
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    report = bank.import_items(env, admin, unlock, path)
    assert report.imported == 0 and not report.cancelled
    assert [(p.row, p.field) for p in report.problems] == [
        (2, "知识领域"),
        (3, "等级"),
        (4, "参考答案"),
        (6, "难度"),
    ]
    assert "第2行“知识领域”" in str(report.problems[0]) and "职业道德" in report.problems[0].reason
    assert bank.list_items(env, admin) == []
    partial = bank.import_items(env, admin, unlock, path, all_or_nothing=False)
    assert partial.imported == 2 and len(partial.problems) == 4


def test_excel_template_round_trip(env: Env, actors: dict[Role, Actor], tmp_path: Path) -> None:
    """A writer fills the Excel template; the rows come in as their drafts."""
    writer = actors[Role.ITEM_WRITER]
    admin_unlock = open_bank(env, actors)
    bank.register_keys(env, writer, PASSWORD)
    bank.grant_access(env, actors[Role.BANK_ADMIN], admin_unlock, writer.user_id)
    unlock = bank.unlock_bank(env, writer, PASSWORD)
    template = tmp_path / "模板.xlsx"
    bank.write_import_template(env, writer, template)
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    row = dict.fromkeys(headers, "")
    row.update(
        {
            "职业编码": "2-02-10-09",
            "等级": "初级",
            "知识领域": "基础知识",
            "题型": "多选题",
            "难度": 3,
            "题干": "QEXCEL 以下属于监督学习的是",
            "选项A": "线性回归",
            "选项B": "K 均值",
            "选项C": "逻辑回归",
            "参考答案": "AC",
        }
    )
    sheet.append([row[h] for h in headers])
    sheet.append([None] * len(headers))
    sheet.append([row[h] if h != "题干" else "" for h in headers])
    workbook.save(template)
    report = bank.import_items(env, writer, unlock, template, all_or_nothing=False)
    assert report.imported == 1 and [(p.row, p.field) for p in report.problems] == [(4, "题干")]
    mine = bank.list_items(env, writer, ItemQuery(author_id=writer.user_id))
    assert len(mine) == 1 and mine[0].meta.status is ItemStatus.DRAFT


def test_cancelled_import_leaves_nothing(env: Env, actors: dict[Role, Actor]) -> None:
    """Cancelling half way through a long import writes no item at all."""
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    report = bank.import_rows(
        env, admin, unlock, list(spread_items(env, 50)), progress=lambda done, total: done < 25
    )
    assert report.cancelled and report.imported == 0
    assert bank.list_items(env, admin) == []


def test_backup_export_is_encrypted_and_restores(
    env: Env, actors: dict[Role, Actor], tmp_path: Path, clock: FixedClock
) -> None:
    """The backup file opens only with its passphrase and restores every item elsewhere."""
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    bank.import_rows(env, admin, unlock, list(spread_items(env, 20)), approve=True)
    data = bank.export_backup(env, admin, unlock, "backup-pass-2026", "异地备份")
    assert b"QSTEM" not in data
    other = build_env(f"sqlite:///{tmp_path / 'other.db'}", clock=clock, fast_hashing=True)
    setup.initialise(other, replace(first_setup(), profile=BodyProfile("另一机构", "GX02")))
    root = accounts.sign_in(other, "admin", PASSWORD)
    add_user(other, root, "tiku", "题库", [Role.BANK_ADMIN])
    keeper = accounts.sign_in(other, "tiku", PASSWORD)
    fresh = bank.initialise_bank(other, keeper, PASSWORD)
    with pytest.raises(AuthenticationError):
        bank.restore_backup(other, keeper, fresh, data, "wrong-passphrase")
    assert bank.restore_backup(other, keeper, fresh, data, "backup-pass-2026") == 20
    item = bank.list_items(other, keeper)[0]
    assert "QSTEM" in bank.view_item(other, keeper, fresh, item.item_id, "核对恢复").stem
    assert bank.restore_backup(other, keeper, fresh, data, "backup-pass-2026") == 0


def test_item_text_no_font_can_print_is_refused_where_it_is_written(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """A paper with such an item could never be printed: the row, the part and the code point
    are named at import, and writing or editing the item is refused the same way."""
    rows = [
        _good(1),
        {**_good(2), "stem": "QIMPORT2 题干\ue000"},
        {**_good(3), "type": "单选题", "options": ["甲", "乙\U00030000"], "answer": "A"},
    ]
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    report = bank.import_items(env, admin, unlock, _json_file(tmp_path / "glyphs.json", rows))
    assert report.imported == 0
    assert [(p.row, p.field) for p in report.problems] == [(2, "题干"), (3, "选项 B")]
    assert report.problems[0].reason.startswith("题干中的“\ue000”(U+E000) 在程序自带的字体中")
    assert "QIMPORT2" not in report.problems[0].reason  # the item text is never quoted
    assert "(U+30000)" in report.problems[1].reason
    meta = ItemMeta("2-02-10-09", "", Level.JUNIOR, "职业道德", ItemType.TRUE_FALSE, 2)
    with pytest.raises(ValidationError, match=r"评分要点中的“\ue000”\(U\+E000\)"):
        bank.create_item(
            env, admin, unlock, meta, ItemContent("题干", answer="对", rubric="\ue000")
        )
    item_id = bank.create_item(env, admin, unlock, meta, ItemContent("题干", answer="对"))
    with pytest.raises(ValidationError, match="试卷和参考答案都无法打印"):
        bank.update_item(env, admin, unlock, item_id, meta, ItemContent("题干\ue000", answer="对"))
