"""The QApplication: fonts, translations, first-run setup, sign-in and the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog

from kaoping.domain.errors import KaopingError
from kaoping.paths import resource_path
from kaoping.services import setup
from kaoping.services.access import Gate, as_gate
from kaoping.services.base import Actor, Env
from kaoping.ui import labels, messages

EnvFactory = Callable[[str | None], Env | Gate]

# The interface language is a preference of this machine (QSettings), not business data.
LANGUAGE_KEY = "ui/language"
# Each language is named in itself, so a person can find their own whatever is shown now.
LANGUAGES = (("zh", "中文"), ("en", "English"))


# The main face first; the Hanazono faces draw what it lacks (䶮 U+4DAE, 𠮷 U+20BB7), as in PDFs.
_FONT_FILES = ("wqy-microhei.ttc", "HanaMinA.ttf", "HanaMinB.ttf")


def load_fonts(app: QApplication) -> None:
    """Use the shipped CJK fonts so screens look the same on every machine (and match the PDFs).

    Adding the fallback faces at start-up is cheap (about 10 ms each: Qt reads a font's tables
    only when it draws with it), so they are not deferred as they are for PDFs.
    """
    families: list[str] = []
    for name in _FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id >= 0:
            families.append(QFontDatabase.applicationFontFamilies(font_id)[0])
    if families:
        font = QFont(families[0], 10)
        font.setFamilies(families)
        app.setFont(font)


def machine_settings() -> QSettings:
    """This machine's preferences for Kaoping (per user, outside the database)."""
    return QSettings("kaoping", "kaoping")


def saved_language() -> str:
    """The interface language chosen on this machine: "zh" (the default) or "en"."""
    value = machine_settings().value(LANGUAGE_KEY, "zh")
    return value if value in dict(LANGUAGES) else "zh"


def save_language(language: str) -> None:
    """Remember the interface language for this machine."""
    if language not in dict(LANGUAGES):
        raise ValueError(language)
    settings = machine_settings()
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


def apply_language(app: QApplication, language: str) -> None:
    """Swap the running application's translation; windows built from now on use it."""
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    install_translator(app, language)


def install_translator(app: QApplication, language: str) -> QTranslator | None:
    """Load the translation for `language` ("zh" needs none: the source texts are Chinese).

    Qt's own texts (OK/Cancel on message boxes, the whole file dialog) come from Qt's catalogue
    for Chinese; in English they are Qt's source texts already.
    """
    if language == "zh":
        install_qt_catalogue(app, "zh_CN")
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        return None
    translator = QTranslator(app)
    if translator.load(str(resource_path("i18n", f"kaoping_{language}.qm"))):
        app.installTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return translator
    return None


def install_qt_catalogue(app: QApplication, locale: str) -> QTranslator | None:
    """Install Qt's own translation (qtbase) for `locale`, from Qt's folder or a bundle's copy."""
    translator = QTranslator(app)
    folders = (
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(resource_path("i18n")),
    )
    for folder in folders:
        if translator.load(f"qtbase_{locale}", folder):
            app.installTranslator(translator)
            return translator
    return None


def ensure_app() -> QApplication:
    """The running QApplication, created with fonts on first call."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("考评 Kaoping")
    app.setOrganizationName("kaoping")
    load_fonts(app)
    return app


def run_gui(args: Sequence[str], make_env: EnvFactory) -> int:
    """Open the desktop application on the database chosen by `--db` / KAOPING_DB.

    An encrypted store opens when the first person signs in and stays open until the program
    closes, so people can take turns at one computer. A new store is created by first-run setup,
    which ends by showing its recovery key once.
    """
    url = _db_arg(args) or os.environ.get("KAOPING_DB") or None
    if "--allow-insecure-db" in args:
        # Read where the URL is checked (storage.engine.check_server_tls), for this run only.
        os.environ["KAOPING_ALLOW_INSECURE_PG"] = "1"
    app = ensure_app()
    install_translator(app, saved_language())
    gate = as_gate(make_env(url))
    from kaoping.ui.login_dialog import LoginDialog
    from kaoping.ui.main_window import MainWindow

    try:
        first = _first_run(gate)
        if first is None:
            return 0
    except KaopingError as error:
        # A damaged key file, a store that cannot be created: said in a window, not a traceback.
        messages.show_error(None, error)
        return 1
    if gate.needs_encryption():
        messages.show_info(
            None,
            QCoreApplication.translate("Application", "数据库尚未加密"),
            QCoreApplication.translate(
                "Application",
                "本机数据库是升级前的未加密文件，考生个人信息以明文保存。请关闭程序后由系统管理员"
                "运行 kaoping store encrypt --user 用户名 将其加密。",
            ),
        )
    windows: list[MainWindow] = []

    def sign_in() -> None:
        # Keep only the current window alive; a signed-out one is dropped.
        windows.clear()
        login = LoginDialog(gate)
        if first:  # straight after set-up: the administrator's name is filled in
            login.fill_username(first)
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            app.quit()
            return
        window = MainWindow(gate.env(), login.actor)
        window.signed_out.connect(sign_in)
        windows.append(window)
        window.show()

    sign_in()
    if not windows:
        return 0
    return app.exec()


def _first_run(gate: Gate) -> str | None:
    """Run first-run set-up where it is needed.

    Returns None when the person gave up, the first administrator's user name after a set-up
    (to fill in on the sign-in dialog), and "" when there was nothing to set up.
    """
    from kaoping.ui.recovery_dialog import RecoveryKeyDialog
    from kaoping.ui.setup_wizard import SetupWizard

    if gate.is_new():
        env = gate.create()
    elif gate.is_open():
        env = gate.env()
    else:
        return ""  # an encrypted store that is set up: sign-in opens it
    if setup.is_initialised(env):
        return ""
    wizard = SetupWizard(env)
    if wizard.exec() != QDialog.DialogCode.Accepted and not setup.is_initialised(env):
        gate.discard_new()
        return None
    if gate.recovery_key():
        RecoveryKeyDialog(gate).exec()
    return wizard.admin_username()


def _db_arg(args: Sequence[str]) -> str | None:
    items = list(args)
    for i, item in enumerate(items):
        if item == "--db" and i + 1 < len(items):
            return items[i + 1]
        if item.startswith("--db="):
            return item.split("=", 1)[1]
    return None


def current_actor_label(actor: Actor) -> str:
    """`黄海燕（考务管理员）` for the header."""
    roles = labels.joined(sorted(actor.roles, key=lambda r: r.value))
    return QCoreApplication.translate("MainWindow", "{0}（{1}）").format(actor.display_name, roles)
