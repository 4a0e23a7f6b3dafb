"""The sign-in dialog (登录)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from kaoping.domain.errors import KaopingError
from kaoping.services.access import Gate, as_gate
from kaoping.services.base import Actor, Env
from kaoping.ui.forms.ui_login_dialog import Ui_LoginDialog
from kaoping.ui.new_password_dialog import NewPasswordDialog


class LoginDialog(QDialog):
    """Asks for a username and password; on success `actor` holds the session.

    On an encrypted store that is still closed, the password first opens it (`Gate.sign_in`).
    """

    def __init__(self, gate: Gate | Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gate = as_gate(gate)
        self._ui = Ui_LoginDialog()
        self._ui.setupUi(self)
        self.actor: Actor | None = None
        ok = self._ui.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("登录"))
        self._ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self._ui.button_box.accepted.connect(self._on_button_box_accepted)
        self._ui.button_box.rejected.connect(self.reject)
        self._ui.title_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        self._show_body()

    def fill_username(self, username: str) -> None:
        """Put a user name in (after first-run set-up) and the cursor on the password."""
        self._ui.username_edit.setText(username)
        self._ui.password_edit.setFocus()

    def _show_body(self) -> None:
        self._ui.body_label.setText(self._gate.label())

    def _on_button_box_accepted(self) -> None:
        username = self._ui.username_edit.text().strip()
        if not username:
            self._ui.error_label.setText(self.tr("请输入用户名。"))
            self._ui.username_edit.setFocus()
            return
        password = self._ui.password_edit.text()
        try:
            actor = self._gate.sign_in(username, password)
        except KaopingError as error:
            self._ui.error_label.setText(str(error))
            self._ui.password_edit.clear()
            self._ui.password_edit.setFocus()
            return
        if actor.must_change_password and not self._replace_one_time(actor, password):
            self._ui.error_label.setText(self.tr("须先设置新密码才能登录。"))
            self._ui.password_edit.clear()
            return
        self.actor = actor
        self.accept()

    def _replace_one_time(self, actor: Actor, one_time: str) -> bool:
        """Ask for the new password that replaces an administrator's one-time password."""
        dialog = NewPasswordDialog(self._gate.env(), actor, one_time, self)
        return dialog.exec() == QDialog.DialogCode.Accepted
