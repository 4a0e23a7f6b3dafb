"""The users page's grants waiting for confirmation, the keys page, and the three-person set-up."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QLabel

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.roles import Role
from kaoping.services import accounts, setup
from kaoping.services.base import Actor, Env
from kaoping.ui import messages
from kaoping.ui.pages import pages_for
from kaoping.ui.pages.keys_page import KeysPage
from kaoping.ui.pages.users_page import UsersPage
from kaoping.ui.setup_wizard import SetupWizard
from tests.databases import PASSPHRASE, PASSWORD, dispose
from tests.ui import wizard_steps


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


def test_setup_wizard_creates_three_accounts(qtbot: QtBot, empty_env: Env) -> None:
    """The first-run wizard collects the administrator, supervisor and certificate officer."""
    wizard = SetupWizard(empty_env)
    qtbot.addWidget(wizard)
    wizard_steps.fill(wizard)
    assert wizard_steps.finish(wizard) == ""
    assert setup.is_initialised(empty_env)
    officer = accounts.sign_in(empty_env, "zhengshu", PASSWORD)
    assert officer.roles == frozenset({Role.CERTIFICATE_OFFICER})
    # The last page: the key's fingerprint and the backup reminder; then sign-in as admin.
    done = wizard.currentPage()
    assert wizard.fingerprint and wizard.fingerprint in done.fingerprint_label.text()
    assert "备份" in " ".join(label.text() for label in done.findChildren(QLabel))
    assert wizard.admin_username() == "admin"


def test_setup_wizard_fits_a_small_laptop_screen(qtbot: QtBot, empty_env: Env) -> None:
    """Every page keeps its buttons on screen: 1366x768, and 1920x1080 at 150 %.

    The tighter of the two is 1280x720 logical pixels; a taskbar takes about 40 of them.
    """
    wizard = SetupWizard(empty_env)
    qtbot.addWidget(wizard)
    hint = wizard.sizeHint()
    assert hint.width() <= 1280 and hint.height() <= 680, (hint.width(), hint.height())


def test_setup_wizard_marks_required_fields_and_refuses_mismatched_repeats(
    qtbot: QtBot, empty_env: Env
) -> None:
    """下一步 waits for the * fields; a password or passphrase typed differently twice stops there."""
    wizard = SetupWizard(empty_env)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard_steps.next_enabled(wizard)  # nothing typed yet
    labels = [label.text() for label in wizard.currentPage().findChildren(QLabel)]
    assert "机构名称 *" in labels and "地址" in labels
    wizard_steps.fill(wizard)
    wizard.people["officer"].repeat.setText("Passw0rd-other")
    assert wizard_steps.next_enabled(wizard)
    wizard.next()
    people_page = wizard.currentPage()
    wizard.next()
    assert wizard.currentPage() is people_page
    assert "证书管理员两次输入的密码不一致" in people_page.error_label.text()
    assert wizard.people["officer"].repeat.text() == ""  # cleared for typing again
    wizard.people["officer"].repeat.setText(PASSWORD)
    wizard.next()
    key_page = wizard.currentPage()
    wizard.passphrase_repeat_edit.setText("not-the-same-1")
    wizard.next()
    assert wizard.currentPage() is key_page
    assert "两次输入的签名密钥口令不一致" in key_page.error_label.text()
    assert not setup.is_initialised(empty_env)
