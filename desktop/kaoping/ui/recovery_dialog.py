"""The recovery key, shown once at the end of first-run setup (恢复密钥).

The person copies it or saves the printable sheet, and confirms they have put it away before the
dialog lets them go on: the key is never shown again.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.services.access import Gate
from kaoping.ui import messages


class RecoveryKeyDialog(QDialog):
    """Shows the new store's recovery key and saves its sheet (PDF)."""

    def __init__(self, gate: Gate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gate = gate
        self.setWindowTitle(self.tr("恢复密钥"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "本机数据库已加密，平时由各用户的密码打开。下面是它的恢复密钥："
                "所有密码都遗忘时，凭它重新进入。它只显示这一次。\n"
                "请保存并打印恢复密钥单，与电脑分开锁好；打印后删除电子文件。"
                "持有它的人能读出全部考生信息。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key_edit = QLineEdit(gate.recovery_key() or "")
        self.key_edit.setReadOnly(True)
        self.key_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.key_edit.setMinimumWidth(self.key_edit.fontMetrics().horizontalAdvance("M" * 72))
        layout.addWidget(self.key_edit)
        self.save_button = QPushButton(self.tr("保存恢复密钥单（PDF）…"))
        self.save_button.clicked.connect(self._on_save_clicked)
        layout.addWidget(self.save_button)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        layout.addWidget(self.saved_label)
        self.kept_box = QCheckBox(self.tr("我已打印或抄写恢复密钥，并与电脑分开保管"))
        layout.addWidget(self.kept_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("继续"))
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)
        self.kept_box.toggled.connect(self._on_kept_toggled)
        self._on_kept_toggled(False)

    def _on_kept_toggled(self, checked: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(checked)

    def _on_save_clicked(self) -> None:
        target = messages.save_file(
            self, self.tr("保存恢复密钥单"), "kaoping-recovery-key.pdf", "PDF (*.pdf)"
        )
        if target is None:
            return
        try:
            self._gate.write_recovery_sheet(target)
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)
            return
        self.saved_label.setText(
            self.tr("已保存到 {0}。请立即打印，然后删除该文件。").format(target)
        )

    def reject(self) -> None:
        """Closing the window is allowed only once the key is put away, like the button."""
        if self.kept_box.isChecked():
            super().reject()
