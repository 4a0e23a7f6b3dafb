"""The assembly page (组卷与试卷): blueprint preview and assembly driven from its widgets."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kaoping.domain.catalogue import Level
from kaoping.domain.roles import Role
from kaoping.services import bank
from kaoping.services.base import Actor, Env
from kaoping.ui import messages
from kaoping.ui.pages.papers_page import PapersPage
from tests.integration.test_bank_support import AI, make_session, open_bank, spread_items


def test_blueprint_is_shown_when_the_page_opens(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """Opening the page previews the first occupation's weight table without a message box."""
    page = PapersPage(env, actors[Role.BANK_ADMIN])
    qtbot.addWidget(page)
    assert page.blueprint_table.rowCount() > 0
    counts = [
        int(page.blueprint_table.item(r, 2).text()) for r in range(page.blueprint_table.rowCount())
    ]
    assert sum(counts) == page.count_spin.value()


def test_level_and_table_chosen_on_the_page_drive_the_assembly(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Choosing a session sets occupation and level; assembling makes a paper of that size."""
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, error: errors.append(str(error)))
    admin = actors[Role.BANK_ADMIN]
    unlock = open_bank(env, actors)
    bank.import_rows(
        env, admin, unlock, list(spread_items(env, 60, Level.INTERMEDIATE)), approve=True
    )
    make_session(env, actors, level=Level.INTERMEDIATE)
    page = PapersPage(env, admin)
    qtbot.addWidget(page)
    assert page.occupation_combo.currentData() == AI
    assert page.level_combo.currentText() == "中级"
    page.count_spin.setValue(12)
    page._on_preview_clicked()
    areas = {page.blueprint_table.item(r, 0).text() for r in range(page.blueprint_table.rowCount())}
    assert "人工智能咨询服务" in areas  # examined from 中级 up, not at 初级
    page._on_assemble_clicked()
    assert errors == []
    assert "12 题" in page.result_label.text()
