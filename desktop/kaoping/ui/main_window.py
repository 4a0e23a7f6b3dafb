"""The main window (主窗口): navigation by workflow area, shown according to the user's roles."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableView,
    QWidget,
)

from kaoping import __version__
from kaoping.services import setup
from kaoping.services.base import Actor, Env
from kaoping.ui import application, main_menu, table_helpers, window_fit
from kaoping.ui.application import current_actor_label
from kaoping.ui.forms.ui_main_window import Ui_MainWindow
from kaoping.ui.labels import QT_TRANSLATE_NOOP
from kaoping.ui.page_help import help_text
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
        self._build_menus()
        if not window_fit.restore(self, application.machine_settings(), actor.username):
            window_fit.fit_to_screen(self)
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

    def _build_menus(self) -> None:
        file_menu, edit_menu, view_menu, help_menu = main_menu.MENUS
        add = main_menu.add_action
        add(self, file_menu, QT_TRANSLATE_NOOP("MainMenu", "退出登录"), "Ctrl+L", self.sign_out)
        add(self, file_menu, QT_TRANSLATE_NOOP("MainMenu", "退出"), "Ctrl+Q", self._quit)
        add(
            self,
            edit_menu,
            QT_TRANSLATE_NOOP("MainMenu", "复制"),
            "Ctrl+C",
            main_menu.copy_selection,
        )
        add(self, edit_menu, QT_TRANSLATE_NOOP("MainMenu", "查找"), "Ctrl+F", self.focus_search)
        add(self, edit_menu, QT_TRANSLATE_NOOP("MainMenu", "打印"), "Ctrl+P", self.print_page)
        add(self, view_menu, QT_TRANSLATE_NOOP("MainMenu", "刷新"), "F5", self.refresh_page)
        add(self, help_menu, QT_TRANSLATE_NOOP("MainMenu", "本页帮助"), "F1", self.show_help)
        add(self, help_menu, QT_TRANSLATE_NOOP("MainMenu", "关于考评"), None, self.show_about)
        for menu in self.menuBar().findChildren(QMenu):
            # Owned by the window too, so the keys work whatever has the focus.
            self.addActions(menu.actions())

    def current_page(self) -> QWidget | None:
        """The page in front."""
        return self._ui.page_stack.currentWidget()

    def current_key(self) -> str:
        """The key of the page in front ("" before any)."""
        row = self._ui.nav_list.currentRow()
        return self._specs[row].key if 0 <= row < len(self._specs) else ""

    def focus_search(self) -> bool:
        """Ctrl+F: the page's search box, if it has one; otherwise say so in the status bar."""
        if main_menu.focus_search(self.current_page()):
            return True
        self._ui.status_bar.showMessage(self.tr("本页没有搜索框"), 4000)
        return False

    def refresh_page(self) -> None:
        """F5: read the page's data again."""
        if main_menu.refresh_page(self.current_page()):
            self._ui.status_bar.showMessage(self.tr("已刷新"), 3000)

    def print_page(self) -> None:
        """Ctrl+P: print where the page prints."""
        method = getattr(self.current_page(), "print_current", None)
        if callable(method):
            method()
        else:
            self._ui.status_bar.showMessage(self.tr("本页没有可打印的内容"), 4000)

    def show_help(self) -> None:
        """F1: what this page is for and the shared keys."""
        spec = next((s for s in self._specs if s.key == self.current_key()), None)
        title = nav_title(spec) if spec else self.tr("帮助")
        QMessageBox.information(self, title, help_text(self.current_key()))

    def show_about(self) -> None:
        """The version and where this installation keeps its data."""
        QMessageBox.about(self, self.tr("关于考评"), self.about_text())

    def about_text(self) -> str:
        """The About box's text: version and data location (any password hidden)."""
        return self.tr("考评 Kaoping {0}\n\n数据库：{1}\n\n{2}").format(
            __version__,
            self._env.engine_url,
            self.tr("广西数字技术工程师培育项目 评价机构考评与发证系统"),
        )

    def _quit(self) -> None:
        self.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember where this user had the window, for the next sign-in on this computer."""
        settings = application.machine_settings()
        window_fit.save(self, settings, self._actor.username)
        for key in self._pages:
            for name, header in self._tables(key):
                window_fit.save_columns(header, settings, self._actor.username, name)
        settings.sync()
        super().closeEvent(event)

    def page_keys(self) -> list[str]:
        """The keys of the pages this user can reach, in navigation order."""
        return [spec.key for spec in self._specs]

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
            self._remember_columns(spec.key, page)
            self._ui.page_stack.addWidget(page)
        self._ui.page_stack.setCurrentWidget(self._pages[spec.key])
        self._ui.status_bar.showMessage(nav_title(spec))

    def _tables(self, key: str) -> list[tuple[str, QHeaderView]]:
        page = self._pages.get(key)
        found = []
        for number, view in enumerate(page.findChildren(QTableView) if page else []):
            found.append((f"{key}/{view.objectName() or number}", view.horizontalHeader()))
        return found

    def _remember_columns(self, key: str, page: QWidget) -> None:
        for view in page.findChildren(QAbstractItemView):
            table_helpers.install(view, page)
        settings = application.machine_settings()
        for name, header in self._tables(key):
            window_fit.restore_columns(header, settings, self._actor.username, name)

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
