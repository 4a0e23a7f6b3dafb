"""What every table in the window does alike: full text of cut-off cells, and a right-click menu.

Installed by the main window on each page's tables, so a page gets them without code of its own.
A page may add its own entries to a table's menu with a `table_actions(view)` method returning
QActions (e.g. 预览, 撤销…); they come first, then 复制 and 全选.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu, QToolTip, QWidget

from kaoping.ui import main_menu
from kaoping.ui.labels import QT_TRANSLATE_NOOP

COPY = QT_TRANSLATE_NOOP("TableHelpers", "复制")
SELECT_ALL = QT_TRANSLATE_NOOP("TableHelpers", "全选")
# Room the view's own cell padding and the eliding dots take.
CELL_MARGIN = 12


class ElidedCellTips(QObject):
    """Shows a cell's whole text as its tooltip when the column is too narrow for it."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Answer tooltip requests for cells that are cut off and have no tooltip of their own."""
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        text = self.cut_off_text(event.pos())
        if not text:
            return False
        QToolTip.showText(event.globalPos(), text, self._view)
        return True

    def cut_off_text(self, pos: QPoint) -> str:
        """The text of the cell at `pos` if it does not fit its column ("" otherwise)."""
        index = self._view.indexAt(pos)
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return ""
        value = index.data(Qt.ItemDataRole.DisplayRole)
        text = "" if value is None else str(value)
        needed = self._view.fontMetrics().horizontalAdvance(text) + CELL_MARGIN
        return text if text and needed > self._view.visualRect(index).width() else ""


def install(view: QAbstractItemView, page: QWidget | None) -> None:
    """Give a table the cut-off tooltips and the right-click menu (once)."""
    if view.property("kaoping_table_helpers"):
        return
    view.setProperty("kaoping_table_helpers", True)
    ElidedCellTips(view)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(_menu_opener(view, page))


def _menu_opener(view: QAbstractItemView, page: QWidget | None) -> Callable[[QPoint], None]:
    def open_menu(pos: QPoint) -> None:
        menu = context_menu(view, page)
        menu.exec(view.viewport().mapToGlobal(pos))

    return open_menu


def context_menu(view: QAbstractItemView, page: QWidget | None) -> QMenu:
    """The right-click menu of a table: the page's own actions, then 复制 and 全选."""
    menu = QMenu(view)
    own = getattr(page, "table_actions", None)
    if callable(own):
        actions = own(view)
        if actions:
            menu.addActions(actions)
            menu.addSeparator()
    copy = QAction(menu.tr(COPY), menu)
    copy.setShortcut("Ctrl+C")
    copy.triggered.connect(lambda: _copy(view))
    copy.setEnabled(bool(view.selectedIndexes()) or view.currentIndex().isValid())
    select_all = QAction(menu.tr(SELECT_ALL), menu)
    select_all.setShortcut("Ctrl+A")
    select_all.triggered.connect(view.selectAll)
    menu.addActions([copy, select_all])
    return menu


def _copy(view: QAbstractItemView) -> None:
    text = main_menu.selected_cells_text(view)
    if text:
        QGuiApplication.clipboard().setText(text)
