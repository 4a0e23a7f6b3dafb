"""The menu bar and shared keys, Qt's own texts in Chinese, and the window where the user left it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTableWidgetSelectionRange,
)

from kaoping.domain.roles import Role
from kaoping.services.base import Actor, Env
from kaoping.ui import application, main_menu, window_fit
from kaoping.ui.main_window import MainWindow
from kaoping.ui.page_help import help_text, pages_with_help
from kaoping.ui.pages import all_pages


@pytest.fixture
def qtapp_chinese(qapp: QApplication) -> QApplication:
    """The application with the Chinese interface, as it starts on a new machine."""
    application.apply_language(qapp, "zh")
    return qapp


def _window(qtbot: QtBot, env: Env, actor: Actor) -> MainWindow:
    window = MainWindow(env, actor)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    # Window shortcuts (the menu's keys) work only in the active window, as on a desktop.
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_qt_standard_buttons_and_file_dialog_speak_chinese(qtapp_chinese: QApplication) -> None:
    """OK/Cancel and the file dialog's buttons come from Qt's Chinese catalogue, not English."""
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    texts = {
        box.button(b).text()
        for b in (QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Cancel)
    }
    assert texts == {"确定", "取消"}, texts
    dialog = QFileDialog(None, "选择文件")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    shown = {b.text().replace("&", "") for b in buttons.buttons()}
    assert "取消" in shown and ({"打开", "打开(O)"} & shown), shown
    dialog.deleteLater()


def test_every_page_has_help_and_f1_shows_it(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """F1 shows the help of the page in front, with the keys every page shares."""
    assert {spec.key for spec in all_pages()} <= pages_with_help()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, title, text: shown.append((title, text))
    )
    window = _window(qtbot, env, actors[Role.EXAM_ADMIN])
    window.show_page("checkin")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert shown and shown[-1][0] == "签到"
    assert "准考证" in shown[-1][1] and "F5 刷新" in shown[-1][1]
    assert help_text("checkin") == shown[-1][1]


def test_ctrl_f_puts_the_cursor_in_the_search_box_of_each_page_that_has_one(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """Ctrl+F reaches the search box, with its text selected, on every page that has one."""
    checked = []
    for role in (Role.EXAM_ADMIN, Role.SUPERVISOR):
        window = _window(qtbot, env, actors[role])
        for key in window.page_keys():
            page = window.show_page(key)
            box = main_menu.search_box(page)
            if box is None:
                continue
            box.setText("李")
            window._ui.nav_list.setFocus()
            qtbot.keyClick(window._ui.nav_list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
            assert QApplication.focusWidget() is box, key
            assert box.selectedText() == "李", key
            checked.append(key)
            box.clear()
        window.close()
    assert {"candidates", "audit"} <= set(checked)


def test_ctrl_c_copies_the_selected_cells_as_rows_and_columns(
    qtbot: QtBot, env: Env, admin: Actor
) -> None:
    """Ctrl+C on a table copies the selected block tab-separated, ready to paste into Excel/WPS."""
    window = _window(qtbot, env, admin)
    table = QTableWidget(3, 3)
    for row in range(3):
        for column in range(3):
            table.setItem(row, column, QTableWidgetItem(f"行{row}列{column}"))
    table.setItem(1, 1, QTableWidgetItem("有\t制表\n换行"))
    window._ui.page_stack.addWidget(table)
    window._ui.page_stack.setCurrentWidget(table)
    table.setFocus()
    table.setRangeSelected(QTableWidgetSelectionRange(0, 0, 1, 1), True)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "行0列0\t行0列1\n行1列0\t有 制表 换行"


def test_f5_reloads_the_page_in_front(qtbot: QtBot, env: Env, admin: Actor) -> None:
    """F5 reads the page's data again: a user created elsewhere appears on 用户与角色."""
    from kaoping.services import accounts

    window = _window(qtbot, env, admin)
    page = window.show_page("users")
    before = page.table.rowCount()
    accounts.create_user(env, admin, "newclerk", "新同事", "Passw0rd-new1", [Role.EXAMINER])
    assert page.table.rowCount() == before
    qtbot.keyClick(window._ui.nav_list, Qt.Key.Key_F5)
    assert page.table.rowCount() == before + 1


def test_the_window_opens_where_this_user_left_it(qtbot: QtBot, env: Env, admin: Actor) -> None:
    """Closing remembers the place per user; the next sign-in on this computer restores it."""
    window = _window(qtbot, env, admin)
    screen = window.screen().availableGeometry()
    minimum = window.minimumSizeHint()
    width = max(minimum.width(), screen.width() - 50)
    height = max(minimum.height(), screen.height() - 120)
    window.setGeometry(QRect(QPoint(screen.x() + 20, screen.y() + 30), QSize(width, height)))
    qtbot.wait(10)
    # Where the window really is: the platform may nudge a window that is wider than the screen.
    place = window.geometry()
    window.close()
    again = _window(qtbot, env, admin)
    restored = again.geometry()
    assert restored.size() == place.size() and restored.y() == place.y()
    if place.width() <= screen.width():
        assert restored.x() == place.x()
    else:  # wider than this small test screen: the platform keeps it on screen
        assert screen.contains(restored.center())
    settings = application.machine_settings()
    assert settings.value("window/admin/geometry") is not None


def test_a_saved_place_off_every_screen_is_not_restored(
    qtbot: QtBot, env: Env, admin: Actor
) -> None:
    """A window last seen on an unplugged monitor opens on this screen instead."""
    window = _window(qtbot, env, admin)
    window.setGeometry(QRect(5000, 3000, 900, 600))
    window.close()
    again = _window(qtbot, env, admin)
    screen = again.screen().availableGeometry()
    assert screen.contains(again.geometry().center())


def test_window_fits_a_screen_smaller_than_its_preferred_size(
    qtbot: QtBot, env: Env, admin: Actor
) -> None:
    """Where 1180x760 does not fit (1280x720 at 150 %), the window takes the available area."""
    window = MainWindow(env, admin)
    qtbot.addWidget(window)
    screen = window.screen()
    available = screen.availableGeometry()
    fits = (
        window_fit.PREFERRED.width() + 16 <= available.width()
        and window_fit.PREFERRED.height() + 40 <= available.height()
    )
    window_fit.fit_to_screen(window, screen)
    if fits:
        assert window.size() == window_fit.PREFERRED
        assert available.contains(window.geometry())
    else:
        assert window.isMaximized() or window.geometry() == available


def test_about_names_the_version_and_the_database(qtbot: QtBot, env: Env, admin: Actor) -> None:
    """关于考评 says which version runs and which database it works on."""
    from kaoping import __version__

    window = _window(qtbot, env, admin)
    text = window.about_text()
    assert __version__ in text
    assert env.engine_url and env.engine_url in text
    assert [a.text() for a in window.menuBar().actions()] == [
        "文件(&F)",
        "编辑(&E)",
        "视图(&V)",
        "帮助(&H)",
    ]


def test_checkin_present_key_no_longer_clashes_with_refresh(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """已到 moved off F5, which refreshes every page; the check-in buttons show the new key."""
    window = _window(qtbot, env, actors[Role.EXAM_ADMIN])
    page = window.show_page("checkin")
    texts = [b.text() for b in page.findChildren(QPushButton)]
    assert any("已到" in t and "F6" in t for t in texts), texts
    assert not any("F5" in t for t in texts if "已到" in t)


def test_a_user_changes_their_own_password_on_my_account(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """我的账号: a mismatched repeat changes nothing; old + new + repeat changes it."""
    from kaoping.services import accounts
    from kaoping.ui import messages
    from kaoping.ui.pages.home_page import HomePage
    from tests.databases import PASSWORD

    said: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(messages, "show_error", lambda _p, error: said.append(str(error)))
    examiner = actors[Role.EXAMINER]
    page = HomePage(env, examiner)
    qtbot.addWidget(page)
    box = page.password_box
    assert "至少 8 个字符" in " ".join(label.text() for label in box.findChildren(QLabel))
    qtbot.keyClicks(box.old_edit, PASSWORD)
    qtbot.keyClicks(box.new_edit, "Neues-Pass1")
    qtbot.keyClicks(box.repeat_edit, "Neues-Pass2")
    assert box.change() is False and "不一致" in said[-1]
    accounts.sign_in(env, examiner.username, PASSWORD)  # unchanged
    box.old_edit.setText("wrong-old-1")
    box.repeat_edit.setText("Neues-Pass1")
    assert box.change() is False and "原密码不正确" in said[-1]
    box.old_edit.setText(PASSWORD)
    box.repeat_edit.setText("Neues-Pass1")
    qtbot.keyClick(box.repeat_edit, Qt.Key.Key_Return)
    assert "密码已修改" in said[-1] and box.new_edit.text() == ""
    assert accounts.sign_in(env, examiner.username, "Neues-Pass1").user_id == examiner.user_id


def test_a_reset_password_must_be_replaced_at_the_next_sign_in(
    qtbot: QtBot,
    env: Env,
    admin: Actor,
    make_user: Callable[[str, list[Role]], Actor],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After an administrator's reset, sign-in asks for a new password; until then nothing works."""
    from kaoping.domain.errors import AuthenticationError, ValidationError
    from kaoping.services import accounts
    from kaoping.ui.login_dialog import LoginDialog
    from kaoping.ui.new_password_dialog import NewPasswordDialog

    user_id = make_user("lisi", [Role.EXAMINER]).user_id
    accounts.reset_password(env, admin, user_id, "OneTime-123")
    actor = accounts.sign_in(env, "lisi", "OneTime-123")
    assert actor.must_change_password
    with pytest.raises(ValidationError, match="不能与原密码相同"):
        accounts.change_own_password(env, actor, "OneTime-123", "OneTime-123")
    # The dialog: a mismatch stays open, then a good pair signs in.
    answers = iter([("NewPass-456", "NewPass-457"), ("NewPass-456", "NewPass-456")])

    def fill(dialog: NewPasswordDialog) -> QDialog.DialogCode:
        for new, repeat in answers:
            dialog.new_edit.setText(new)
            dialog.repeat_edit.setText(repeat)
            if dialog.save():
                return QDialog.DialogCode.Accepted
            assert "不一致" in dialog.error_label.text()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(NewPasswordDialog, "exec", fill)
    login = LoginDialog(env)
    qtbot.addWidget(login)
    login._ui.username_edit.setText("lisi")
    login._ui.password_edit.setText("OneTime-123")
    login._on_button_box_accepted()
    assert login.actor is not None and not login.actor.must_change_password
    assert accounts.sign_in(env, "lisi", "NewPass-456").must_change_password is False
    with pytest.raises(AuthenticationError):
        accounts.sign_in(env, "lisi", "OneTime-123")


def test_a_user_with_a_one_time_password_can_do_nothing_else(
    env: Env, admin: Actor, make_user: Callable[[str, list[Role]], Actor]
) -> None:
    """Every other action and read is refused until the one-time password is replaced."""
    from kaoping.domain.errors import AuthenticationError
    from kaoping.services import accounts, audit
    from kaoping.services.ports.dto import AuditFilter

    user_id = make_user("zhaoliu", [Role.SUPERVISOR]).user_id
    accounts.reset_password(env, admin, user_id, "OneTime-123")
    actor = accounts.sign_in(env, "zhaoliu", "OneTime-123")
    with pytest.raises(AuthenticationError, match="重置"):
        audit.search(env, actor, AuditFilter())
    accounts.change_own_password(env, actor, "OneTime-123", "NewPass-789")
    assert isinstance(audit.search(env, actor, AuditFilter()), list)


def test_command_line_replaces_a_one_time_password(
    env: Env,
    admin: Actor,
    make_user: Callable[[str, list[Role]], Actor],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`kaoping users password`: the way out of a reset for someone working at the command line."""
    from kaoping.cli.app import run
    from kaoping.services import accounts

    user_id = make_user("wangwu", [Role.EXAMINER]).user_id
    accounts.reset_password(env, admin, user_id, "OneTime-123")
    monkeypatch.setenv("KAOPING_PASSWORD", "OneTime-123")
    assert run(["users", "list", "--user", "wangwu"], lambda _db: env) != 0
    assert "kaoping users password" in capsys.readouterr().err
    monkeypatch.setenv("KAOPING_NEW_PASSWORD", "NewPass-246")
    assert run(["users", "password", "--user", "wangwu"], lambda _db: env) == 0
    assert "密码已修改" in capsys.readouterr().out
    assert not accounts.sign_in(env, "wangwu", "NewPass-246").must_change_password


def test_cut_off_cells_show_their_whole_text_and_tables_have_a_right_click_menu(
    qtbot: QtBot, env: Env, admin: Actor
) -> None:
    """A narrow column still tells its text on hover; right-click offers 复制 and 全选."""
    from kaoping.ui import table_helpers

    window = _window(qtbot, env, admin)
    page = window.show_page("users")
    table = page.table
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    table.setColumnWidth(1, 12)
    index = table.model().index(0, 1)
    tips = table.findChild(table_helpers.ElidedCellTips)
    assert tips is not None
    centre = table.visualRect(index).center()
    assert tips.cut_off_text(centre) == index.data()
    table.setColumnWidth(1, 600)
    assert tips.cut_off_text(table.visualRect(index).center()) == ""
    menu = table_helpers.context_menu(table, page)
    assert [a.text() for a in menu.actions() if a.text()] == ["复制", "全选"]
