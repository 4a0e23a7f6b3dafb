"""The English interface: chosen in settings, remembered per machine, and complete on every page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTableView,
    QTabWidget,
    QWidget,
)

from kaoping.domain.roles import Role
from kaoping.services.base import Actor, Env
from kaoping.ui import application, messages
from kaoping.ui.login_dialog import LoginDialog
from kaoping.ui.main_window import MainWindow
from kaoping.ui.pages.home_page import HomePage

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[Path]:
    """This machine's preferences in a file of the test's own; Chinese again afterwards."""
    ini = tmp_path / "kaoping.ini"
    monkeypatch.setattr(
        application, "machine_settings", lambda: QSettings(str(ini), QSettings.Format.IniFormat)
    )
    yield ini
    application.apply_language(qapp, "zh")


def _static_texts(root: QWidget) -> list[str]:
    """Texts the interface itself puts on screen: buttons, boxes, tabs, headers, short labels."""
    texts: list[str] = []
    for button in root.findChildren(QAbstractButton):
        texts.append(button.text())
    for box in root.findChildren(QGroupBox):
        texts.append(box.title())
    for tabs in root.findChildren(QTabWidget):
        texts.extend(tabs.tabText(i) for i in range(tabs.count()))
    for view in root.findChildren(QTableView):
        model = view.model()
        if model is not None:
            texts.extend(
                str(model.headerData(c, view.horizontalHeader().orientation()))
                for c in range(model.columnCount())
            )
    return [t for t in texts if t]


def test_english_chosen_in_settings_is_used_from_the_next_sign_in(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    machine: Path,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An examiner picks English on 我的账号; the confirmation, login and main window follow."""
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda parent, title, text: shown.append(text))
    page = HomePage(env, actors[Role.EXAMINER])
    qtbot.addWidget(page)
    box = page.language_box
    box.combo.setCurrentIndex(box.combo.findData("en"))
    box.apply_button.click()
    assert application.saved_language() == "en"
    assert machine.exists()
    assert shown and "sign in again" in shown[0]

    login = LoginDialog(env)
    qtbot.addWidget(login)
    assert not any(HAN.search(t) for t in _static_texts(login))

    window = MainWindow(env, actors[Role.EXAM_ADMIN])
    qtbot.addWidget(window)
    titles = window.page_titles()
    assert titles[0] == "Deadlines"
    assert {"Candidates", "Sessions", "Reports and packages"} <= set(titles)
    assert "Exam administrator" in window._ui.user_label.text()


@pytest.mark.parametrize(
    "role",
    [
        Role.SYSTEM_ADMIN,
        Role.EXAM_ADMIN,
        Role.SUPERVISOR,
        Role.BANK_ADMIN,
        Role.CERTIFICATE_OFFICER,
        Role.EXAMINER,
        Role.ITEM_WRITER,
    ],
)
def test_every_page_shows_no_chinese_interface_text_in_english(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], machine: Path, qapp: QApplication, role: Role
) -> None:
    """Every page a role reaches has English buttons, boxes, tabs and column headers."""
    application.save_language("en")
    application.apply_language(qapp, "en")
    window = MainWindow(env, actors[role])
    qtbot.addWidget(window)
    window.resize(1280, 800)
    leftovers = []
    for spec in window._specs:
        page = window.show_page(spec.key)
        leftovers += [f"{spec.key}: {t!r}" for t in _static_texts(page) if HAN.search(t)]
        leftovers += [
            f"{spec.key}: {label.text()!r}"
            for label in page.findChildren(QLabel)
            if HAN.search(label.text())
            and len(label.text()) < 40
            and not _is_data(label.text(), env)
        ]
    assert leftovers == []


def _is_data(text: str, env: Env) -> bool:
    """Names of people and of the body are data, shown as entered whatever the language."""
    del env
    return any(name in text for name in ("广西数字技术评价中心", "系统管理员", "甲"))
