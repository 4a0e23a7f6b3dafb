"""The real sign-in dialog and the main window's navigation by role."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from kaoping.domain.roles import Role
from kaoping.services.base import Actor, Env
from kaoping.ui.login_dialog import LoginDialog
from kaoping.ui.main_window import MainWindow
from kaoping.ui.pages.audit_page import AuditPage
from kaoping.ui.pages.catalogue_page import CataloguePage

PASSWORD = "Passw0rd-test"


def _sign_in(qtbot: QtBot, env: Env, username: str, password: str) -> LoginDialog:
    dialog = LoginDialog(env)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog._ui.username_edit, username)
    qtbot.keyClicks(dialog._ui.password_edit, password)
    qtbot.keyClick(dialog._ui.password_edit, Qt.Key.Key_Return)
    return dialog


def test_wrong_password_shows_the_reason_and_stays_open(qtbot: QtBot, env: Env) -> None:
    """A wrong password keeps the dialog open with the reason and clears the password."""
    dialog = _sign_in(qtbot, env, "admin", "wrong-password9")
    assert dialog.actor is None
    assert "用户名或密码不正确" in dialog._ui.error_label.text()
    assert dialog._ui.password_edit.text() == ""


def test_admin_signs_in_and_navigates(qtbot: QtBot, env: Env) -> None:
    """The administrator signs in through the dialog, sees the admin areas and opens the audit log."""
    dialog = _sign_in(qtbot, env, "admin", PASSWORD)
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.actor is not None
    window = MainWindow(env, dialog.actor)
    qtbot.addWidget(window)
    window.show()
    titles = window.page_titles()
    assert titles[0] == "期限看板"  # the clocks greet every user at sign-in
    assert {"标准目录", "用户与角色", "审计日志", "机构与密钥"} <= set(titles)
    # The system administrator runs the installation but enters no candidates, scores or papers.
    assert not {"考生", "成绩录入", "组卷与试卷", "试卷启封", "证书"} & set(titles)
    audit_page = window.show_page("audit")
    assert isinstance(audit_page, AuditPage)
    assert audit_page.table.rowCount() >= 2
    actions = {audit_page.table.item(r, 3).text() for r in range(audit_page.table.rowCount())}
    assert "登录" in actions  # in words, not the stored code
    # Times read in Beijing time (the stored UTC moment stays in the tooltip).
    newest = audit_page.table.item(0, 1)
    shown = (env.clock.now() + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S")
    assert newest.text() == shown and newest.toolTip().endswith("+00:00")
    qtbot.mouseClick(audit_page.verify_button, Qt.MouseButton.LeftButton)
    assert "哈希链完好" in audit_page.verdict_label.text()


def test_examiner_sees_only_their_areas(qtbot: QtBot, env: Env, actors: dict[Role, Actor]) -> None:
    """An examiner gets no administration pages and a read-only catalogue."""
    window = MainWindow(env, actors[Role.EXAMINER])
    qtbot.addWidget(window)
    assert "用户与角色" not in window.page_titles()
    assert "审计日志" not in window.page_titles()
    page = window.show_page("catalogue")
    assert isinstance(page, CataloguePage)
    assert page.tree.topLevelItemCount() == 10
    assert not page.save_button.isEnabled()


def test_cancel_leaves_no_session(qtbot: QtBot, env: Env) -> None:
    """Cancelling the dialog signs nobody in."""
    dialog = LoginDialog(env)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(
        dialog._ui.button_box.button(QDialogButtonBox.StandardButton.Cancel),
        Qt.MouseButton.LeftButton,
    )
    assert dialog.actor is None
