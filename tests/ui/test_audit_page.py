"""审计日志 in words: names of actions and people, formatted details, filters, export to Excel."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from kaoping.domain.roles import Role
from kaoping.services import accounts
from kaoping.services.base import Actor, Env
from kaoping.ui import messages
from kaoping.ui.pages.audit_page import AuditPage

CODE = re.compile(r"\b[a-z_]+\.[a-z_]+\b")


def _cells(page: AuditPage) -> list[list[str]]:
    table = page.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _some_history(env: Env, admin: Actor) -> int:
    user_id = accounts.create_user(env, admin, "wangfang", "王芳", "Passw0rd-wf1", [Role.EXAMINER])
    accounts.reset_password(env, admin, user_id, "Passw0rd-wf2")
    with pytest.raises(Exception, match="不正确"):
        accounts.sign_in(env, "wangfang", "wrong-pass1")
    return user_id


def test_the_log_reads_in_words(qtbot: QtBot, env: Env, admin: Actor) -> None:
    """Chinese action names, 王芳（wangfang） for people, details without JSON, headers on every column."""
    _some_history(env, admin)
    page = AuditPage(env, admin)
    qtbot.addWidget(page)
    headers = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    assert all(headers) and headers[2] == "人员" and headers[-1] == "详情"
    rows = _cells(page)
    actions = {row[3] for row in rows}
    assert {"新建用户", "重置密码", "登录"} <= actions
    assert any(row[4] == "用户 王芳（wangfang）" for row in rows)
    assert any(row[2].startswith("系统管理员") and "（admin）" in row[2] for row in rows)
    failed = next(row for row in rows if row[3] == "登录" and row[5] == "失败")
    assert failed[6].startswith("原因：") and "不正确" in failed[6]
    for row in rows:
        assert not CODE.search(" ".join(row[2:])), row  # no auth.sign_in, no user:1
        assert "{" not in row[6] and '"' not in row[6], row


def test_filters_by_person_action_and_dates(qtbot: QtBot, env: Env, admin: Actor) -> None:
    """The person and action lists filter exactly; a date range outside the history shows nothing."""
    _some_history(env, admin)
    page = AuditPage(env, admin)
    qtbot.addWidget(page)
    page.person_combo.setCurrentIndex(page.person_combo.findData("wangfang"))
    page.refresh()
    assert {row[2] for row in _cells(page)} == {"王芳（wangfang）"}
    page.person_combo.setCurrentIndex(0)
    page.action_combo.setCurrentIndex(page.action_combo.findData("users.reset_password"))
    page.refresh()
    assert [row[3] for row in _cells(page)] == ["重置密码"]
    today = env.clock.now().date()
    page.set_dates(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    page.refresh()
    assert page.table.rowCount() == 0


def test_export_writes_the_same_words_to_excel(
    qtbot: QtBot, env: Env, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """导出 Excel writes the filtered rows as shown, plus the stored code, and is itself audited."""
    _some_history(env, admin)
    target = tmp_path / "审计日志.xlsx"
    said: list[str] = []
    monkeypatch.setattr(messages, "save_file", lambda *_a: target)
    monkeypatch.setattr(messages, "show_info", lambda _p, _t, text: said.append(text))
    page = AuditPage(env, admin)
    qtbot.addWidget(page)
    shown = _cells(page)
    page.export_button.click()
    assert said and "已导出" in said[-1]
    sheet = load_workbook(target).active
    assert sheet is not None
    rows = [[str(v or "") for v in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["序号", "时间（北京时间）", "人员"] and rows[0][-1] == "操作代码"
    assert [row[:7] for row in rows[1:]] == shown
    assert {row[7] for row in rows[1:]} >= {"users.create", "users.reset_password"}
    page.refresh()
    assert _cells(page)[0][3] == "导出审计日志"


def test_export_refuses_a_file_that_is_not_xlsx(env: Env, admin: Actor, tmp_path: Path) -> None:
    """A .csv name is refused with the reason; nothing is written."""
    from kaoping.domain.errors import ValidationError
    from kaoping.services import audit
    from kaoping.services.ports.dto import AuditFilter

    with pytest.raises(ValidationError, match=r"\.xlsx"):
        audit.export(env, admin, AuditFilter(), tmp_path / "log.csv")
    assert not (tmp_path / "log.csv").exists()
