"""修改密码: a signed-in user changes their own password (old, new, repeated)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.services import accounts
from kaoping.services.base import Actor, Env
from kaoping.ui import messages


class PasswordBox(QGroupBox):
    """The 我的账号 box for changing one's own password; the rules are shown before they are broken."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改密码"), parent)
        self._env = env
        self._actor = actor
        form = QFormLayout(self)
        self.old_edit = self._password_edit()
        self.new_edit = self._password_edit()
        self.repeat_edit = self._password_edit()
        form.addRow(self.tr("原密码"), self.old_edit)
        form.addRow(self.tr("新密码"), self.new_edit)
        form.addRow(self.tr("再次输入新密码"), self.repeat_edit)
        rules = QLabel(
            self.tr("至少 {0} 个字符，须同时包含字母和数字。").format(
                env.policy.min_password_length
            )
        )
        rules.setWordWrap(True)
        form.addRow("", rules)
        self.change_button = QPushButton(self.tr("修改密码"))
        self.change_button.clicked.connect(self.change)
        self.repeat_edit.returnPressed.connect(self.change)
        form.addRow("", self.change_button)

    @staticmethod
    def _password_edit() -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def change(self) -> bool:
        """Change the password; on any refusal say why and change nothing."""
        if self.new_edit.text() != self.repeat_edit.text():
            messages.show_info(
                self, self.tr("修改密码"), self.tr("两次输入的新密码不一致，请重新输入。")
            )
            self.repeat_edit.clear()
            self.repeat_edit.setFocus()
            return False
        try:
            accounts.change_own_password(
                self._env, self._actor, self.old_edit.text(), self.new_edit.text()
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return False
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        messages.show_info(self, self.tr("修改密码"), self.tr("密码已修改，下次登录请使用新密码。"))
        return True
