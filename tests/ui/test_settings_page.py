"""The settings page shows, in one read-only line, who confirmed the basis of the body's name."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kaoping.domain.roles import Role
from kaoping.services import body_name, setup
from kaoping.services.base import Actor, Env
from kaoping.ui import messages
from kaoping.ui.pages.settings_page import SettingsPage

NAME = "中华数字技术评价中心"
BASIS = "事业单位法人证书 第12345号"


def test_basis_line_is_hidden_for_an_ordinary_name(qtbot: QtBot, env: Env, admin: Actor) -> None:
    page = SettingsPage(env, admin)
    qtbot.addWidget(page)
    assert page.basis_label.isHidden()


def test_basis_line_names_the_supervisor_once_confirmed(
    qtbot: QtBot,
    env: Env,
    admin: Actor,
    actors: dict[Role, Actor],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _parent, _title, text: shown.append(text))
    page = SettingsPage(env, admin)
    qtbot.addWidget(page)
    page.edits["name"].setText(NAME)
    page.basis_edit.setText(BASIS)
    page._on_save_clicked()
    assert shown == ["已保存。"]
    assert "待质量督导员确认" in page.basis_label.text()
    supervisor = actors[Role.SUPERVISOR]
    body_name.confirm_name_basis(env, supervisor)
    page.refresh()
    text = page.basis_label.text()
    assert f"已由质量督导员 {supervisor.username} 于" in text and f"（依据：{BASIS}）" in text
    assert setup.body_profile(env, admin).name == NAME
