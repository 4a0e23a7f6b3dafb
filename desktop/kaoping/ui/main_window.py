"""The main window (主窗口): navigation by workflow area, shown according to the user's roles."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QListWidgetItem, QMainWindow, QWidget

from kaoping.services import setup
from kaoping.services.base import Actor, Env
from kaoping.ui.application import current_actor_label
from kaoping.ui.forms.ui_main_window import Ui_MainWindow
from kaoping.ui.pages import PageSpec, pages_for

NAV_STYLE = """
QListWidget { font-size: 11pt; }
QListWidget::item { padding: 7px 6px; }
QListWidget::item:selected { background: #8b1a1a; color: white; }
"""


def nav_title(spec: PageSpec) -> str:
    """A page's navigation title in the interface language."""
    return QCoreApplication.translate("Navigation", spec.title)


class MainWindow(QMainWindow):
    """Shows the pages the actor's roles allow; signs out after the idle limit."""

    signed_out = Signal()

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._ui = Ui_MainWindow()
        self._ui.setupUi(self)
        self._specs: list[PageSpec] = []
        self._pages: dict[str, QWidget] = {}
        body = setup.body_name(env)
        self.setWindowTitle(self.tr("考评 — {0}").format(body) if body else self.tr("考评"))
        self._ui.user_label.setText(current_actor_label(actor))
        self._ui.user_label.setStyleSheet("font-weight: bold; padding: 4px 2px;")
        self._ui.nav_list.setStyleSheet(NAV_STYLE)
        self._ui.nav_list.currentRowChanged.connect(self._on_nav_list_current_row_changed)
        self._ui.sign_out_button.clicked.connect(self.sign_out)
        self._build_navigation()
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.setInterval(env.policy.idle_minutes * 60 * 1000)
        self._idle_timer.timeout.connect(self._on_idle_timer_timeout)
        self._idle_timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _build_navigation(self) -> None:
        self._specs = pages_for(self._actor)
        for spec in self._specs:
            self._ui.nav_list.addItem(QListWidgetItem(nav_title(spec)))
        if self._specs:
            self._ui.nav_list.setCurrentRow(0)

    def page_titles(self) -> list[str]:
        """The navigation entries as shown, in order (what this user can reach)."""
        return [nav_title(spec) for spec in self._specs]

    def show_page(self, key: str) -> QWidget:
        """Switch to a page by key and return it."""
        for row, spec in enumerate(self._specs):
            if spec.key == key:
                self._ui.nav_list.setCurrentRow(row)
                return self._pages[key]
        raise KeyError(key)

    def _on_nav_list_current_row_changed(self, row: int) -> None:
        if row < 0 or row >= len(self._specs):
            return
        spec = self._specs[row]
        if spec.key not in self._pages:
            page = spec.factory(self._env, self._actor)
            self._pages[spec.key] = page
            self._ui.page_stack.addWidget(page)
        self._ui.page_stack.setCurrentWidget(self._pages[spec.key])
        self._ui.status_bar.showMessage(nav_title(spec))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any key or mouse input restarts the idle countdown."""
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self._idle_timer.start()
        return False

    def _on_idle_timer_timeout(self) -> None:
        self.sign_out()

    def sign_out(self) -> None:
        """Close the window and return to the sign-in dialog."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._idle_timer.stop()
        self.close()
        self.signed_out.emit()
