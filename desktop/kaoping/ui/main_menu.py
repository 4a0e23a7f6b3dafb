"""The menu bar (文件, 编辑, 视图, 帮助) and the keys every page shares.

The keys work on whichever page is in front: F5 reloads it, Ctrl+F puts the cursor in its search
box, Ctrl+C copies the selected cells of the table that has the focus, Ctrl+P prints where the
page prints, F1 shows the page's help. A page takes part by having the usual names: `refresh()`
or `reload()`, a `search_edit` line edit, a `print_current()` method.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMainWindow,
    QMenu,
    QWidget,
)

from kaoping.ui.labels import QT_TRANSLATE_NOOP

MENUS = (
    QT_TRANSLATE_NOOP("MainMenu", "文件(&F)"),
    QT_TRANSLATE_NOOP("MainMenu", "编辑(&E)"),
    QT_TRANSLATE_NOOP("MainMenu", "视图(&V)"),
    QT_TRANSLATE_NOOP("MainMenu", "帮助(&H)"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainMenu", text)


def add_action(
    window: QMainWindow,
    menu_title: str,
    text: str,
    keys: QKeySequence | QKeySequence.StandardKey | str | None,
    slot: Callable[[], object],
) -> QAction:
    """Add one entry to a menu of the window's menu bar, creating the menu on first use."""
    bar = window.menuBar()
    menu = next((m for m in bar.findChildren(QMenu) if m.title() == _tr(menu_title)), None)
    if menu is None:
        menu = bar.addMenu(_tr(menu_title))
    action = QAction(_tr(text), window)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
        # Shown in the menu even though the window owns the shortcut.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def refresh_page(page: QWidget | None) -> bool:
    """Reload the page's data from the database; False when the page has nothing to reload."""
    for name in ("reload", "refresh"):
        method = getattr(page, name, None)
        if callable(method):
            method()
            return True
    return False


def search_box(page: QWidget | None) -> QLineEdit | None:
    """The page's search box, if it has one."""
    box = getattr(page, "search_edit", None)
    return box if isinstance(box, QLineEdit) else None


def focus_search(page: QWidget | None) -> bool:
    """Put the cursor in the page's search box with its text selected for retyping."""
    box = search_box(page)
    if box is None or not box.isEnabled():
        return False
    box.setFocus(Qt.FocusReason.ShortcutFocusReason)
    box.selectAll()
    return True


def selected_cells_text(view: QAbstractItemView) -> str:
    """The selected cells as tab-separated rows, as Excel and WPS paste them."""
    indexes = sorted(view.selectedIndexes(), key=lambda i: (i.row(), i.column()))
    if not indexes:
        current = view.currentIndex()
        indexes = [current] if current.isValid() else []
    rows: dict[int, dict[int, str]] = {}
    for index in indexes:
        value = index.data(Qt.ItemDataRole.DisplayRole)
        rows.setdefault(index.row(), {})[index.column()] = "" if value is None else str(value)
    if not rows:
        return ""
    columns = sorted({c for cells in rows.values() for c in cells})
    lines = [
        "\t".join(_one_line(cells.get(c, "")) for c in columns)
        for _row, cells in sorted(rows.items())
    ]
    return "\n".join(lines)


def _one_line(text: str) -> str:
    # A tab or newline inside a cell would split it into two cells when pasted.
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def copy_selection() -> bool:
    """Copy the selected cells of the table with the focus; the focused text box copies its own."""
    widget = QApplication.focusWidget()
    while widget is not None and not isinstance(widget, QAbstractItemView):
        if isinstance(widget, QLineEdit):
            widget.copy()
            return True
        widget = widget.parentWidget()
    if widget is None:
        return False
    text = selected_cells_text(widget)
    if not text:
        return False
    QGuiApplication.clipboard().setText(text)
    return True
