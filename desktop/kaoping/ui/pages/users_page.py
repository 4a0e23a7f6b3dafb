"""用户与角色: the system administrator's list of accounts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.beijing import beijing
from kaoping.domain.errors import KaopingError
from kaoping.domain.roles import Role
from kaoping.services import accounts
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import UserInfo
from kaoping.ui import labels, messages
from kaoping.ui.labels import QT_TRANSLATE_NOOP

HEADERS = [
    QT_TRANSLATE_NOOP("UsersPage", "用户名"),
    QT_TRANSLATE_NOOP("UsersPage", "姓名"),
    QT_TRANSLATE_NOOP("UsersPage", "角色"),
    QT_TRANSLATE_NOOP("UsersPage", "状态"),
    QT_TRANSLATE_NOOP("UsersPage", "登录失败"),
    QT_TRANSLATE_NOOP("UsersPage", "锁定至"),
]


class UserDialog(QDialog):
    """New user: name, password and role checkboxes; or roles only for an existing user."""

    def __init__(self, parent: QWidget | None, existing: UserInfo | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置角色") if existing else self.tr("新增用户"))
        form = QFormLayout(self)
        self.username_edit = QLineEdit(existing.username if existing else "")
        self.name_edit = QLineEdit(existing.display_name if existing else "")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if existing is None:
            form.addRow(self.tr("用户名"), self.username_edit)
            form.addRow(self.tr("姓名"), self.name_edit)
            form.addRow(self.tr("初始密码"), self.password_edit)
        self.role_boxes: dict[Role, QCheckBox] = {}
        for role in Role:
            box = QCheckBox(labels.label(role))
            box.setChecked(existing is not None and role in existing.roles)
            self.role_boxes[role] = box
            form.addRow("", box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def roles(self) -> list[Role]:
        """The ticked roles."""
        return [role for role, box in self.role_boxes.items() if box.isChecked()]


class UsersPage(QWidget):
    """Lists users; add, change roles, disable/enable, unlock, reset password."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._users: list[UserInfo] = []
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("用户与角色")))
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        for text, slot in (
            (self.tr("新增用户"), self._on_add_clicked),
            (self.tr("设置角色"), self._on_roles_clicked),
            (self.tr("停用/启用"), self._on_toggle_clicked),
            (self.tr("解除锁定"), self._on_unlock_clicked),
            (self.tr("重置密码"), self._on_reset_clicked),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        """Reload the list."""
        try:
            self._users = accounts.list_users(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.table.setRowCount(len(self._users))
        for r, user in enumerate(self._users):
            cells = [
                user.username,
                user.display_name,
                labels.joined(user.roles),
                self.tr("启用", "account state")
                if user.active
                else self.tr("停用", "account state"),
                str(user.failed_attempts),
                beijing(user.locked_until).strftime("%H:%M") if user.locked_until else "",
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    def _selected(self) -> UserInfo | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self._users):
            messages.show_info(self, self.tr("用户与角色"), self.tr("请先在列表中选择一个用户。"))
            return None
        return self._users[row]

    def _run(self, call: object) -> None:
        try:
            call()  # type: ignore[operator]
        except KaopingError as error:
            messages.show_error(self, error)
        self.refresh()

    def _on_add_clicked(self) -> None:
        dialog = UserDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(
                lambda: accounts.create_user(
                    self._env,
                    self._actor,
                    dialog.username_edit.text(),
                    dialog.name_edit.text(),
                    dialog.password_edit.text(),
                    dialog.roles(),
                )
            )

    def _on_roles_clicked(self) -> None:
        user = self._selected()
        if user is None:
            return
        dialog = UserDialog(self, user)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: accounts.set_roles(self._env, self._actor, user.id, dialog.roles()))

    def _on_toggle_clicked(self) -> None:
        user = self._selected()
        if user is None:
            return
        verb = self.tr("停用") if user.active else self.tr("启用")
        if messages.confirm(
            self, verb, self.tr("确定要{0}用户 {1} 吗？").format(verb, user.username)
        ):
            self._run(lambda: accounts.set_active(self._env, self._actor, user.id, not user.active))

    def _on_unlock_clicked(self) -> None:
        user = self._selected()
        if user is not None:
            self._run(lambda: accounts.unlock(self._env, self._actor, user.id))

    def _on_reset_clicked(self) -> None:
        user = self._selected()
        if user is None:
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("重置密码"),
            self.tr("用户 {0} 的新密码：").format(user.username),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            self._run(lambda: accounts.reset_password(self._env, self._actor, user.id, password))
