"""Proposing a reviewed template phrase (提请复核模板字样): the phrase in its context, and a reason.

The dialog is driven from the keyboard: the reason field has the focus, Enter proposes once a
reason is written, Esc cancels. `ask_reason` is the one place the page opens it; tests replace it.
"""

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

from kaoping.services.certificates import FlaggedPhrase

__all__ = ["PhraseProposalDialog", "ask_reason"]

REASON_MAX = 500
"""As long as the service keeps a reason."""


class PhraseProposalDialog(QDialog):
    """Shows one flagged phrase of the current template and asks why it is not a banned claim."""

    def __init__(
        self, flagged: FlaggedPhrase, template_sha256: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("提请复核模板字样"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.phrase_label = QLabel(f"<b>{_escaped(flagged.phrase)}</b>")
        form.addRow(self.tr("字样"), self.phrase_label)
        form.addRow(self.tr("含禁用字样"), QLabel(flagged.words))
        self.source_label = QLabel(
            self.tr("{0}：{1}").format(flagged.place, flagged.source)
            if flagged.place
            else flagged.source
        )
        self.source_label.setWordWrap(True)
        form.addRow(self.tr("所在文字"), self.source_label)
        form.addRow(self.tr("模板版本"), QLabel(template_sha256[:16]))
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(REASON_MAX)
        self.reason_edit.setPlaceholderText(self.tr("为什么该字样不是禁用的称谓或声称（必填）"))
        form.addRow(self.tr("理由(&R)"), self.reason_edit)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "提请后须由另一位质量督导员确认才生效；只对当前模板版本有效，"
                "且只有恰为该字样的一段文字不再拦截。"
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("提请复核"))
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._on_reason_changed)
        self.reason_edit.setFocus()

    def reason(self) -> str:
        """The reason as written, without surrounding spaces."""
        return self.reason_edit.text().strip()

    def _on_reason_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def accept(self) -> None:
        """Close with the reason; Enter with an empty reason does nothing."""
        if self.reason():
            super().accept()


def ask_reason(parent: QWidget | None, flagged: FlaggedPhrase, template_sha256: str) -> str | None:
    """Open the dialog; the reason, or None when cancelled."""
    dialog = PhraseProposalDialog(flagged, template_sha256, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason()


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
