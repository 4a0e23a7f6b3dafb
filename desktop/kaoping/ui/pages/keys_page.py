"""签名密钥: the certificate officer's page for the body's signing key.

The key signs every certificate, so its passphrase is the certificate officer's: they change it
and replace the key here; the system administrator only sees the key's public facts.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.services import setup
from kaoping.services.base import Actor, Env
from kaoping.ui import messages


class KeysPage(QWidget):
    """Key facts, a passphrase change and a key replacement."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        layout = QVBoxLayout(self)
        box = QGroupBox(self.tr("签名证书"))
        form = QFormLayout(box)
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        form.addRow(self.key_label)
        change = QPushButton(self.tr("修改密钥口令…"))
        change.clicked.connect(self._on_change_clicked)
        form.addRow("", change)
        replace = QPushButton(self.tr("生成新的签名密钥…"))
        replace.clicked.connect(self._on_replace_key_clicked)
        form.addRow("", replace)
        layout.addWidget(box)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Show the active key's public facts."""
        try:
            key = setup.signing_key(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.key_label.setText(
            self.tr("证书主题：{0}\n指纹 (SHA-256)：{1}\n有效期至：{2}").format(
                key.subject, key.fingerprint, key.not_after.date().isoformat()
            )
        )

    def _ask(self, title: str, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, prompt, QLineEdit.EchoMode.Password)
        return text if ok else None

    def change_passphrase(self, old: str, new: str) -> bool:
        """Change the passphrase; shows the error and returns False when refused."""
        try:
            setup.change_key_passphrase(self._env, self._actor, old, new)
        except KaopingError as error:
            messages.show_error(self, error)
            return False
        return True

    def _on_change_clicked(self) -> None:
        old = self._ask(self.tr("修改密钥口令"), self.tr("原口令："))
        if old is None:
            return
        new = self._ask(self.tr("修改密钥口令"), self.tr("新口令（至少 8 个字符）："))
        if new is None:
            return
        again = self._ask(self.tr("修改密钥口令"), self.tr("再次输入新口令："))
        if again != new:
            messages.show_info(self, self.tr("修改密钥口令"), self.tr("两次输入的新口令不一致。"))
            return
        if self.change_passphrase(old, new):
            messages.show_info(self, self.tr("修改密钥口令"), self.tr("口令已修改。"))

    def _on_replace_key_clicked(self) -> None:
        if not messages.confirm(
            self,
            self.tr("生成新的签名密钥"),
            self.tr(
                "新密钥生成后，此后签发的证书和数据包将使用新密钥签名；"
                "旧证书仍可用旧证书核验。继续吗？"
            ),
        ):
            return
        passphrase = self._ask(self.tr("密钥口令"), self.tr("新密钥的口令（至少 8 个字符）："))
        if passphrase is None:
            return
        try:
            setup.replace_signing_key(self._env, self._actor, passphrase)
        except KaopingError as error:
            messages.show_error(self, error)
        self.refresh()
