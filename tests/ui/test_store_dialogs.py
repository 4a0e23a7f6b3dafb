"""First run on an encrypted store: set-up, the recovery key shown once, sign-in opening the store."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from kaoping.adapters.clock import FixedClock
from kaoping.gate import StoreGate
from kaoping.services import setup
from kaoping.ui import application, messages
from kaoping.ui.login_dialog import LoginDialog
from kaoping.ui.recovery_dialog import RecoveryKeyDialog
from kaoping.ui.setup_wizard import SetupWizard
from tests.databases import PASSWORD, START, encrypted_url, first_setup
from tests.ui import wizard_steps


def _gate(path: Path) -> StoreGate:
    return StoreGate(encrypted_url(path), clock=FixedClock(START), fast_hashing=True)


def test_first_run_shows_the_recovery_key_once_and_saves_its_sheet(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Set-up on a new store, then the key: saved as a PDF, acknowledged before going on."""
    gate = _gate(tmp_path / "data" / "kaoping.db")
    assert gate.is_new()
    wizard = SetupWizard(gate.create())
    qtbot.addWidget(wizard)
    wizard_steps.fill(wizard)
    assert wizard_steps.finish(wizard) == ""
    key = gate.recovery_key()
    assert key and len(key.split("-")) == 14
    shown = RecoveryKeyDialog(gate)
    qtbot.addWidget(shown)
    assert shown.key_edit.text() == key
    ok = shown.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    shown.reject()  # closing the window is not a way around it
    sheet = tmp_path / "usb" / "kaoping-recovery-key.pdf"
    sheet.parent.mkdir()
    monkeypatch.setattr(messages, "save_file", lambda *_args: sheet)
    qtbot.mouseClick(shown.save_button, Qt.MouseButton.LeftButton)
    assert str(sheet) in shown.saved_label.text()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "恢复密钥单" in text and "广西数字技术评价中心" in text
        assert key.split("-")[0] in text and key.split("-")[-1] in text
    shown.kept_box.setChecked(True)
    assert ok.isEnabled()
    gate.close()


def test_sign_in_opens_the_closed_store(qtbot: QtBot, tmp_path: Path) -> None:
    """The sign-in screen names the body from the key file; the right password opens the store."""
    path = tmp_path / "kaoping.db"
    made = _gate(path)
    setup.initialise(made.create(), first_setup())
    made.close()
    gate = _gate(path)
    dialog = LoginDialog(gate)
    qtbot.addWidget(dialog)
    assert dialog._ui.body_label.text() == "广西数字技术评价中心"
    dialog._ui.username_edit.setText("admin")
    dialog._ui.password_edit.setText("Wrong-passw0rd")
    dialog._ui.button_box.accepted.emit()
    assert "用户名或密码不正确" in dialog._ui.error_label.text()
    assert not gate.is_open()
    dialog._ui.password_edit.setText(PASSWORD)
    dialog._ui.button_box.accepted.emit()
    assert dialog.actor is not None and gate.is_open()
    gate.close()


def test_giving_up_first_run_leaves_nothing_behind(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelling the set-up dialog removes the new store, so the next start asks again."""
    folder = tmp_path / "data"
    gate = _gate(folder / "kaoping.db")
    monkeypatch.setattr(SetupWizard, "exec", lambda _self: QDialog.DialogCode.Rejected)
    assert application._first_run(gate) is None
    assert list(folder.iterdir()) == []
    assert _gate(folder / "kaoping.db").is_new()


def test_a_damaged_key_file_is_said_at_sign_in(qtbot: QtBot, tmp_path: Path) -> None:
    """The sign-in screen still opens; signing in names the damaged key file."""
    path = tmp_path / "kaoping.db"
    made = _gate(path)
    setup.initialise(made.create(), first_setup())
    made.close()
    path.with_name("kaoping.db.keys").write_bytes(b"\x00not json")
    dialog = LoginDialog(_gate(path))
    qtbot.addWidget(dialog)
    assert dialog._ui.body_label.text() == ""
    dialog._ui.username_edit.setText("admin")
    dialog._ui.password_edit.setText(PASSWORD)
    dialog._ui.button_box.accepted.emit()
    assert "密钥文件已损坏" in dialog._ui.error_label.text() and dialog.actor is None
