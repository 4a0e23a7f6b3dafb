"""Every message box and file dialog goes through here, so tests and headless runs can answer them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from kaoping.domain.errors import KaopingError


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Tell the user what went wrong; application errors carry their own Chinese message."""
    text = (
        str(error)
        if isinstance(error, KaopingError)
        else QCoreApplication.translate("Messages", "意外错误：{0}").format(error)
    )
    QMessageBox.warning(parent, QCoreApplication.translate("Messages", "无法完成"), text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """An informational message."""
    QMessageBox.information(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before a step that cannot be undone; the safe answer is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def open_file(parent: QWidget | None, title: str, filters: str) -> Path | None:
    """Ask for a file to read; None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return Path(name) if name else None


def open_folder(parent: QWidget | None, title: str) -> Path | None:
    """Ask for a folder to read; None when cancelled."""
    name = QFileDialog.getExistingDirectory(parent, title, "")
    return Path(name) if name else None


def save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
    """Ask where to write a file; None when cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(name) if name else None


def ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    """Ask for a longer text to be typed or pasted; None when cancelled or left empty."""
    text, ok = QInputDialog.getMultiLineText(parent, title, label)
    return text if ok and text.strip() else None


def ask_number(
    parent: QWidget | None, title: str, label: str, value: int, minimum: int, maximum: int
) -> int | None:
    """Ask for a whole number within limits; None when cancelled."""
    number, ok = QInputDialog.getInt(parent, title, label, value, minimum, maximum)
    return number if ok else None
