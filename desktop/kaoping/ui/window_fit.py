"""The main window on the screen it opens on: sized to fit, and where each person left it.

Exam-site laptops have 1366x768 screens, or 1920x1080 at 150 % (1280x720 logical pixels); a
window of a fixed size would hang off the bottom of both. Geometry and splitter positions are
remembered per Kaoping user on this computer (QSettings), because several people share a laptop.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

# The size the pages were laid out for; smaller screens get the window maximised instead.
PREFERRED = QSize(1180, 760)


def _settings_group(username: str) -> str:
    # Usernames are [A-Za-z0-9_.-]; the slash-free form keeps QSettings keys flat.
    return f"window/{username}"


def fit_to_screen(window: QMainWindow, screen: QScreen | None = None) -> None:
    """Give the window its preferred size where it fits, else maximise it on that screen."""
    if screen is None:
        screen = window.screen()
    available = screen.availableGeometry()
    frame = _frame_margins(window)
    if (
        PREFERRED.width() + frame.width() > available.width()
        or PREFERRED.height() + frame.height() > available.height()
    ):
        window.setGeometry(available)
        window.setWindowState(window.windowState() | window.windowState().WindowMaximized)
        return
    window.resize(PREFERRED)
    rect = QRect(0, 0, PREFERRED.width(), PREFERRED.height())
    rect.moveCenter(available.center())
    window.move(rect.topLeft())


def _frame_margins(window: QWidget) -> QSize:
    # Before the first show the frame is unknown (0); a title bar and borders take about this much.
    frame = window.frameGeometry().size() - window.geometry().size()
    return frame if frame.height() > 0 else QSize(16, 40)


def restore(window: QMainWindow, settings: QSettings, username: str) -> bool:
    """Put the window back where this user left it, if that still lies on a screen.

    Returns False (and leaves the window alone) when nothing was saved or the saved place is off
    every screen now, e.g. after the external monitor it was on has been unplugged.
    """
    saved = settings.value(f"{_settings_group(username)}/geometry")
    if not isinstance(saved, QByteArray) or saved.isEmpty():
        return False
    if not window.restoreGeometry(saved):
        return False
    if not _on_a_screen(window.geometry()):
        return False
    for splitter in window.findChildren(QSplitter):
        _restore_state(settings, username, splitter)
    return True


def _on_a_screen(rect: QRect) -> bool:
    for screen in QGuiApplication.screens():
        if screen.availableGeometry().contains(rect.center()):
            return rect.height() <= screen.availableGeometry().height()
    return False


def save(window: QMainWindow, settings: QSettings, username: str) -> None:
    """Remember the window's place and its splitters for this user."""
    group = _settings_group(username)
    settings.setValue(f"{group}/geometry", window.saveGeometry())
    for splitter in window.findChildren(QSplitter):
        if splitter.objectName():
            settings.setValue(f"{group}/splitter/{splitter.objectName()}", splitter.saveState())
    settings.sync()


def _restore_state(settings: QSettings, username: str, splitter: QSplitter) -> None:
    if not splitter.objectName():
        return
    state = settings.value(f"{_settings_group(username)}/splitter/{splitter.objectName()}")
    if isinstance(state, QByteArray):
        splitter.restoreState(state)


def restore_columns(header: QHeaderView, settings: QSettings, username: str, key: str) -> None:
    """Give a table the column widths this user left it with, if it still has those columns."""
    name = f"{_settings_group(username)}/columns/{key}"
    state = settings.value(f"{name}/state")
    # A newer version may have added a column; widths saved for another layout are dropped.
    if isinstance(state, QByteArray) and str(settings.value(f"{name}/count")) == str(
        header.count()
    ):
        header.restoreState(state)


def save_columns(header: QHeaderView, settings: QSettings, username: str, key: str) -> None:
    """Remember a table's column widths for this user."""
    name = f"{_settings_group(username)}/columns/{key}"
    settings.setValue(f"{name}/state", header.saveState())
    settings.setValue(f"{name}/count", header.count())
