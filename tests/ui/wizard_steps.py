"""Filling the first-run wizard in tests, as the three people at the computer would."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from kaoping.ui.setup_wizard import SetupWizard
from tests.databases import PASSPHRASE, PASSWORD


def fill(wizard: SetupWizard, supervisor: str = "dudao") -> None:
    """Every required field, with matching repeats."""
    wizard.body_name_edit.setText("广西数字技术评价中心")
    wizard.body_code_edit.setText("GXDT01")
    for key, user, name in (
        ("admin", "admin", "管理员"),
        ("supervisor", supervisor, "督导"),
        ("officer", "zhengshu", "证书"),
    ):
        fields = wizard.people[key]
        fields.user.setText(user)
        fields.name.setText(name)
        fields.password.setText(PASSWORD)
        fields.repeat.setText(PASSWORD)
    wizard.passphrase_edit.setText(PASSPHRASE)
    wizard.passphrase_repeat_edit.setText(PASSPHRASE)


def finish(wizard: SetupWizard) -> str:
    """Go through every page to the end; returns the last error shown ("" when set-up is done)."""
    wizard.show()
    for _ in range(len(wizard.pageIds())):
        page = wizard.currentPage()
        before = wizard.currentId()
        if wizard.currentId() == wizard.pageIds()[-1]:
            return ""
        wizard.next()
        if wizard.currentId() == before:
            label = getattr(page, "error_label", None)
            return label.text() if label is not None else "stuck"
    return ""


def next_enabled(wizard: SetupWizard) -> bool:
    """Whether 下一步 (or 完成设置) can be pressed on the current page."""
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton):
        button = wizard.button(which)
        if button.isVisible():
            return button.isEnabled()
    return False
