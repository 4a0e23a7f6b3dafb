"""用户与角色: the system administrator's list of accounts, and grants waiting for a second person.

The quality supervisor sees only the grants waiting; whoever may confirm them gets 确认/拒绝.
"""

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
from kaoping.domain.roles import Permission, Role
from kaoping.services import accounts
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import RoleGrant, UserInfo
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
GRANT_HEADERS = [
    QT_TRANSLATE_NOOP("UsersPage", "编号"),
    QT_TRANSLATE_NOOP("UsersPage", "用户名"),
    QT_TRANSLATE_NOOP("UsersPage", "姓名"),
    QT_TRANSLATE_NOOP("UsersPage", "申请的角色"),
    QT_TRANSLATE_NOOP("UsersPage", "申请人"),
    QT_TRANSLATE_NOOP("UsersPage", "申请时间"),
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
    """Lists users (add, change roles, disable/enable, unlock, reset password) and pending grants."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._users: list[UserInfo] = []
        self._grants: list[RoleGrant] = []
        self._manages = actor.can(Permission.USERS_MANAGE)
        layout = QVBoxLayout(self)
        self.table = self._table(HEADERS)
        if self._manages:
            layout.addWidget(QLabel(self.tr("用户与角色")))
            layout.addWidget(self.table)
            layout.addLayout(self._user_buttons())
        layout.addWidget(QLabel(self.tr("待确认的角色授予（由质量督导员或另一位系统管理员确认）")))
        self.grants_table = self._table(GRANT_HEADERS)
        layout.addWidget(self.grants_table)
        row = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("确认"))
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.reject_button = QPushButton(self.tr("拒绝"))
        self.reject_button.clicked.connect(self._on_reject_clicked)
        for button in (self.confirm_button, self.reject_button):
            button.setVisible(actor.can(Permission.GRANTS_CONFIRM))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.refresh()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels([self.tr(h) for h in headers])
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return table

    def _user_buttons(self) -> QHBoxLayout:
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
        return row

    def refresh(self) -> None:
        """Reload the lists."""
        try:
            self._users = accounts.list_users(self._env, self._actor) if self._manages else []
            self._grants = accounts.pending_grants(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self._fill(self.table, [self._user_cells(user) for user in self._users])
        self._fill(self.grants_table, [self._grant_cells(grant) for grant in self._grants])

    def _user_cells(self, user: UserInfo) -> list[str]:
        return [
            user.username,
            user.display_name,
            labels.joined(user.roles),
            self.tr("启用", "account state") if user.active else self.tr("停用", "account state"),
            str(user.failed_attempts),
            beijing(user.locked_until).strftime("%H:%M") if user.locked_until else "",
        ]

    @staticmethod
    def _grant_cells(grant: RoleGrant) -> list[str]:
        return [
            str(grant.id),
            grant.username,
            grant.display_name,
            labels.joined(grant.roles),
            grant.requested_by_name,
            beijing(grant.requested_at).strftime("%Y-%m-%d %H:%M"),
        ]

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)

    def _selected_grant(self) -> RoleGrant | None:
        row = self.grants_table.currentRow()
        if row < 0 or row >= len(self._grants):
            messages.show_info(self, self.tr("角色授予"), self.tr("请先在待确认列表中选择一项。"))
            return None
        return self._grants[row]

    def _on_confirm_clicked(self) -> None:
        grant = self._selected_grant()
        if grant is not None and messages.confirm(
            self,
            self.tr("确认角色授予"),
            self.tr("确认授予 {0} 以下角色：{1}？确认后立即生效。").format(
                grant.username, labels.joined(grant.roles)
            ),
        ):
            self._run(lambda: accounts.confirm_grant(self._env, self._actor, grant.id))

    def _on_reject_clicked(self) -> None:
        grant = self._selected_grant()
        if grant is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("拒绝角色授予"), self.tr("拒绝原因（可留空）：")
        )
        if ok:
            self._run(lambda: accounts.reject_grant(self._env, self._actor, grant.id, reason))

    def _selected(self) -> UserInfo | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self._users):
            messages.show_info(self, self.tr("用户与角色"), self.tr("请先在列表中选择一个用户。"))
            return None
        return self._users[row]

    def _run(self, call: object) -> bool:
        try:
            call()  # type: ignore[operator]
        except KaopingError as error:
            messages.show_error(self, error)
            self.refresh()
            return False
        self.refresh()
        return True

    def _note_pending(self, done: bool) -> None:
        if done and self._grants:
            self.notice.setText(self.tr("新增的角色须经质量督导员或另一位系统管理员确认后才生效。"))

    def _on_add_clicked(self) -> None:
        dialog = UserDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            done = self._run(
                lambda: accounts.create_user(
                    self._env,
                    self._actor,
                    dialog.username_edit.text(),
                    dialog.name_edit.text(),
                    dialog.password_edit.text(),
                    dialog.roles(),
                )
            )
            self._note_pending(done)

    def _on_roles_clicked(self) -> None:
        user = self._selected()
        if user is None:
            return
        dialog = UserDialog(self, user)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            done = self._run(
                lambda: accounts.set_roles(self._env, self._actor, user.id, dialog.roles())
            )
            self._note_pending(done)

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
