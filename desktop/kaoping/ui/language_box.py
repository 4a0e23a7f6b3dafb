"""界面语言: the interface language of this computer, Chinese or English."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaoping.ui import messages
from kaoping.ui.application import LANGUAGES, apply_language, save_language, saved_language


class LanguageBox(QGroupBox):
    """界面语言: Chinese or English for this machine; a preference, not business data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("界面语言"), parent)
        column = QVBoxLayout(self)
        row = QHBoxLayout()
        self.combo = QComboBox()
        for code, name in LANGUAGES:
            self.combo.addItem(name, code)
        self.combo.setCurrentIndex(max(0, self.combo.findData(saved_language())))
        self.apply_button = QPushButton(self.tr("保存语言设置"))
        self.apply_button.clicked.connect(self._on_apply_clicked)
        row.addWidget(self.combo)
        row.addWidget(self.apply_button)
        row.addStretch(1)
        column.addLayout(row)
        note = QLabel(
            self.tr(
                "只改变本机的界面文字，重新登录后生效；业务数据、证书与系统给出的错误说明仍为中文。"
            )
        )
        note.setWordWrap(True)
        column.addWidget(note)

    def _on_apply_clicked(self) -> None:
        language = str(self.combo.currentData())
        save_language(language)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_language(app, language)
        # Shown in the newly chosen language: the translator has just been swapped.
        messages.show_info(
            self, self.tr("界面语言"), self.tr("已保存。请退出登录并重新登录，界面将使用新的语言。")
        )
