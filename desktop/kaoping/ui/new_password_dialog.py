"""设置新密码: after an administrator's reset, the one-time password is replaced before work starts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.services import accounts
from kaoping.services.base import Actor, Env


class NewPasswordDialog(QDialog):
    """Asks for a new password twice; the one-time password just typed is the old one."""

    def __init__(
        self, env: Env, actor: Actor, one_time: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._one_time = one_time
        self.setWindowTitle(self.tr("设置新密码"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "系统管理员重置了您的密码。请设置只有您自己知道的新密码：至少 {0} 个字符，"
                "须同时包含字母和数字。"
            ).format(env.policy.min_password_length)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.new_edit = QLineEdit()
        self.repeat_edit = QLineEdit()
        for edit in (self.new_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("新密码"), self.new_edit)
        form.addRow(self.tr("再次输入新密码"), self.repeat_edit)
        layout.addLayout(form)
        self.error_label = QLabel("")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存并登录"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> bool:
        """Replace the one-time password; on a refusal say why and stay open."""
        if self.new_edit.text() != self.repeat_edit.text():
            self.error_label.setText(self.tr("两次输入的新密码不一致，请重新输入。"))
            self.repeat_edit.clear()
            self.repeat_edit.setFocus()
            return False
        try:
            accounts.change_own_password(
                self._env, self._actor, self._one_time, self.new_edit.text()
            )
        except KaopingError as error:
            self.error_label.setText(str(error))
            return False
        self.accept()
        return True
