"""The users page's grants waiting for confirmation, the keys page, and the three-person set-up."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.roles import Role
from kaoping.services import accounts, setup
from kaoping.services.base import Actor, Env
from kaoping.ui import messages
from kaoping.ui.pages import pages_for
from kaoping.ui.pages.keys_page import KeysPage
from kaoping.ui.pages.users_page import UsersPage
from kaoping.ui.setup_dialog import SetupDialog
from tests.databases import PASSPHRASE, PASSWORD, dispose


def test_supervisor_confirms_a_grant_on_the_users_page(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The supervisor sees only the waiting grants, and 确认 makes the role take effect."""
    admin, supervisor = actors[Role.SYSTEM_ADMIN], actors[Role.SUPERVISOR]
    user_id = accounts.create_user(env, admin, "xin", "新人", PASSWORD, [Role.EXAM_ADMIN])
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    page = UsersPage(env, supervisor)
    qtbot.addWidget(page)
    assert "users" in {spec.key for spec in pages_for(supervisor)}
    assert page.table.isHidden() and page.grants_table.rowCount() == 1
    assert page.grants_table.item(0, 1).text() == "xin"
    page.grants_table.selectRow(0)
    page.confirm_button.click()
    assert page.grants_table.rowCount() == 0
    with env.uow(write=False) as uow:
        stored = uow.users.get(user_id)
        assert stored is not None and stored.roles == (Role.EXAM_ADMIN,)


def test_requester_sees_the_refusal_when_confirming(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The administrator's own request stays waiting, with the reason shown."""
    admin = actors[Role.SYSTEM_ADMIN]
    accounts.create_user(env, admin, "xin", "新人", PASSWORD, [Role.EXAM_ADMIN])
    shown: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    monkeypatch.setattr(messages, "show_error", lambda _parent, error: shown.append(str(error)))
    page = UsersPage(env, admin)
    qtbot.addWidget(page)
    assert not page.table.isHidden() and page.grants_table.rowCount() == 1
    page.grants_table.selectRow(0)
    page.confirm_button.click()
    assert "不能自己确认" in shown[0] and page.grants_table.rowCount() == 1


def test_keys_page_is_the_certificate_officers(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """Only the certificate officer gets the keys page, and changing the passphrase works there."""
    assert "keys" not in {spec.key for spec in pages_for(actors[Role.SYSTEM_ADMIN])}
    officer = actors[Role.CERTIFICATE_OFFICER]
    assert "keys" in {spec.key for spec in pages_for(officer)}
    page = KeysPage(env, officer)
    qtbot.addWidget(page)
    assert "SHA-256" in page.key_label.text()
    assert page.change_passphrase(PASSPHRASE, "officer-chosen-1")


@pytest.fixture
def empty_env(empty_db_url: str, clock: FixedClock) -> Iterator[Env]:
    """A migrated database before first-run setup."""
    environment = build_env(empty_db_url, clock=clock, fast_hashing=True)
    yield environment
    dispose(environment)


def test_setup_dialog_creates_three_accounts(qtbot: QtBot, empty_env: Env) -> None:
    """The first-run dialog collects the administrator, supervisor and certificate officer."""
    dialog = SetupDialog(empty_env)
    qtbot.addWidget(dialog)
    ui = dialog._ui
    fields = {
        ui.body_name_edit: "广西数字技术评价中心",
        ui.body_code_edit: "GXDT01",
        ui.admin_user_edit: "admin",
        ui.admin_name_edit: "管理员",
        ui.admin_password_edit: PASSWORD,
        ui.supervisor_user_edit: "dudao",
        ui.supervisor_name_edit: "督导",
        ui.supervisor_password_edit: PASSWORD,
        ui.officer_user_edit: "zhengshu",
        ui.officer_name_edit: "证书",
        ui.officer_password_edit: PASSWORD,
        ui.passphrase_edit: PASSPHRASE,
    }
    for edit, text in fields.items():
        edit.setText(text)
    ui.button_box.accepted.emit()
    assert ui.error_label.text() == ""
    assert setup.is_initialised(empty_env)
    officer = accounts.sign_in(empty_env, "zhengshu", PASSWORD)
    assert officer.roles == frozenset({Role.CERTIFICATE_OFFICER})


def test_setup_dialog_fits_a_small_laptop_screen(qtbot: QtBot, empty_env: Env) -> None:
    """Three accounts side by side keep 完成设置 on screen: 1366x768, and 1920x1080 at 150 %.

    The tighter of the two is 1280x720 logical pixels; a taskbar takes about 40 of them.
    """
    dialog = SetupDialog(empty_env)
    qtbot.addWidget(dialog)
    hint = dialog.sizeHint()
    assert hint.width() <= 1280 and hint.height() <= 680, (hint.width(), hint.height())
