"""机构与密钥: the body's profile, the signing key's public facts, and backups.

Replacing the key or changing its passphrase is the certificate officer's (`keys_page`).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import KaopingError
from kaoping.services import body_name, maintenance, setup
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import BodyNameBasis, BodyProfile
from kaoping.ui import messages


class SettingsPage(QWidget):
    """Profile form, key facts, and an online backup button."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        layout = QVBoxLayout(self)
        layout.addWidget(self._profile_box())
        layout.addWidget(self._key_box())
        backup = QPushButton(self.tr("备份数据库…"))
        backup.clicked.connect(self._on_backup_clicked)
        layout.addWidget(backup)
        layout.addStretch(1)
        self.refresh()

    def _profile_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("评价机构信息"))
        form = QFormLayout(box)
        self.edits = {key: QLineEdit() for key in ("name", "code", "address", "contact", "phone")}
        names = {
            "name": self.tr("机构名称"),
            "code": self.tr("机构代码"),
            "address": self.tr("地址"),
            "contact": self.tr("联系人"),
            "phone": self.tr("电话"),
        }
        for key, edit in self.edits.items():
            form.addRow(names[key], edit)
        # Needed only when the name contains a banned word (e.g. 中华 by registration).
        self.basis_edit = QLineEdit()
        self.basis_edit.setPlaceholderText(self.tr("名称含禁用字样时填写：登记证书编号及登记名称"))
        form.addRow(self.tr("名称依据"), self.basis_edit)
        self.basis_label = QLabel()
        self.basis_label.setWordWrap(True)
        form.addRow(self.basis_label)
        save = QPushButton(self.tr("保存机构信息"))
        save.clicked.connect(self._on_save_clicked)
        form.addRow("", save)
        return box

    def _key_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("签名证书"))
        form = QFormLayout(box)
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        form.addRow(self.key_label)
        form.addRow(QLabel(self.tr("更换签名密钥或修改口令由证书管理员在“签名密钥”页办理。")))
        return box

    def refresh(self) -> None:
        """Show the stored profile and key."""
        try:
            profile = setup.body_profile(self._env, self._actor)
            key = setup.signing_key(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        for key_name, edit in self.edits.items():
            edit.setText(getattr(profile, key_name))
        self._show_basis()
        self.key_label.setText(
            self.tr("证书主题：{0}\n指纹 (SHA-256)：{1}\n有效期至：{2}").format(
                key.subject, key.fingerprint, key.not_after.date().isoformat()
            )
        )

    def _show_basis(self) -> None:
        """One read-only line on the basis for a name with a banned word (hidden otherwise)."""
        try:
            basis = body_name.name_basis(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.basis_label.setText(self._basis_text(basis) if basis else "")
        self.basis_label.setVisible(basis is not None)

    def _basis_text(self, basis: BodyNameBasis) -> str:
        if basis.confirmed_by and basis.confirmed_at is not None:
            moment = basis.confirmed_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
            return self.tr(
                "机构名称含禁用字样，已由质量督导员 {0} 于 {1} 确认（依据：{2}）"
            ).format(basis.confirmed_by, moment, basis.basis)
        return self.tr(
            "机构名称含禁用字样，依据待质量督导员确认，确认前不能签发证书（依据：{0}）"
        ).format(basis.basis)

    def _on_save_clicked(self) -> None:
        profile = BodyProfile(**{k: e.text().strip() for k, e in self.edits.items()})
        try:
            setup.update_profile(self._env, self._actor, profile, self.basis_edit.text().strip())
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.basis_edit.clear()
        self._show_basis()
        messages.show_info(self, self.tr("机构信息"), self.tr("已保存。"))

    def _on_backup_clicked(self) -> None:
        target = messages.save_file(self, self.tr("备份到"), "kaoping-backup.db", "SQLite (*.db)")
        if target is None:
            return
        try:
            size = maintenance.backup(self._env, self._actor, target)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        messages.show_info(
            self, self.tr("备份"), self.tr("已备份到 {0}（{1} KB）。").format(target, size // 1024)
        )
