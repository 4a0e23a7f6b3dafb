"""The two-person paper opening dialog, walked with the keyboard and mouse."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from kaoping.domain.catalogue import Level
from kaoping.domain.roles import Role
from kaoping.services import audit, bank, papers
from kaoping.services.base import Actor, Env
from kaoping.services.papers import AssemblyRequest
from kaoping.services.ports.dto import AuditFilter
from kaoping.ui import messages
from kaoping.ui.dialogs.paper_open_dialog import PaperOpenDialog
from kaoping.ui.pages.papers_page import PaperList
from tests.integration.test_bank_support import (
    AI,
    PASSWORD,
    make_session,
    open_bank,
    register_openers,
    spread_items,
)


def _sealed_paper(env: Env, actors: dict[Role, Actor]) -> str:
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    bank.import_rows(env, admin, unlock, list(spread_items(env, 60)), approve=True)
    register_openers(env, actors)
    outcome = papers.assemble_paper(
        env, admin, AssemblyRequest(AI, Level.JUNIOR, 12, make_session(env, actors))
    )
    assert outcome.paper is not None
    papers.seal_paper(env, admin, unlock, outcome.paper.paper_id)
    return outcome.paper.paper_id


def test_two_people_open_and_print_through_the_dialog(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One person twice is refused in the dialog; two openers open it and print a watermarked PDF."""
    paper_id = _sealed_paper(env, actors)
    actor = actors[Role.EXAM_ADMIN]
    listing = PaperList(env, actors[Role.SUPERVISOR], sealed_only=True)
    qtbot.addWidget(listing)
    listing.refresh()
    opened_column = listing.table.columnCount() - 1
    assert listing.table.item(0, opened_column).text() == "未启封"
    dialog = PaperOpenDialog(env, actor, paper_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.grab().save(str(tmp_path / "paper_open_dialog.png"))
    assert dialog.first_user.text() == "u_exam_admin"
    assert not dialog.print_button.isEnabled()

    qtbot.keyClicks(dialog.first_password, PASSWORD)
    qtbot.keyClicks(dialog.second_user, "u_exam_admin")
    qtbot.keyClicks(dialog.second_password, PASSWORD)
    dialog.purpose_edit.setText("第一场开考")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert "两位不同的人" in dialog.status_label.text()
    assert dialog.opened is None and dialog.first_password.text() == ""

    dialog.second_user.clear()
    qtbot.keyClicks(dialog.first_password, PASSWORD)
    qtbot.keyClicks(dialog.second_user, "u_supervisor")
    qtbot.keyClicks(dialog.second_password, PASSWORD)
    qtbot.keyClick(dialog.second_password, Qt.Key.Key_Return)
    assert dialog.opened is not None and "12 题" in dialog.status_label.text()
    assert dialog.print_button.isEnabled() and not dialog.open_button.isEnabled()

    target = tmp_path / "paper.pdf"
    monkeypatch.setattr(messages, "save_file", lambda *args: target)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    pages = PdfReader(io.BytesIO(target.read_bytes())).pages
    assert all("u_exam_admin" in page.extract_text() for page in pages)
    outcomes = [
        e.outcome
        for e in audit.search(
            env, actors[Role.SYSTEM_ADMIN], AuditFilter(action_prefix="paper.open")
        )
    ]
    assert outcomes == ["ok", "refused"]
    # The supervisor's list shows the one opening that happened (the refused try does not count).
    listing.refresh()
    opened = listing.table.item(0, opened_column).text()
    assert opened.startswith("1 次；最近 ") and opened.endswith("（u_exam_admin、u_supervisor）")


class _NoGlyphCheck:
    def missing(self, text: str) -> list[str]:
        return []


def test_paper_with_a_character_no_font_has_is_refused_and_no_file_is_written(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Printing stops with the item, the code point and the reason; the chosen file never appears."""
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    rows = [replace(raw, stem=f"{raw.stem}\ue000") for raw in spread_items(env, 60)]
    # Stored before items were checked for glyphs (an older version, or a restored backup).
    unchecked = replace(env, adapters=replace(env.adapters, glyphs=_NoGlyphCheck()))
    bank.import_rows(unchecked, admin, unlock, rows, approve=True)
    register_openers(env, actors)
    outcome = papers.assemble_paper(
        env, admin, AssemblyRequest(AI, Level.JUNIOR, 12, make_session(env, actors))
    )
    assert outcome.paper is not None
    papers.seal_paper(env, admin, unlock, outcome.paper.paper_id)
    dialog = PaperOpenDialog(env, actors[Role.EXAM_ADMIN], outcome.paper.paper_id)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.first_password, PASSWORD)
    qtbot.keyClicks(dialog.second_user, "u_supervisor")
    qtbot.keyClicks(dialog.second_password, PASSWORD)
    dialog.purpose_edit.setText("第一场开考")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.print_button.isEnabled()
    target = tmp_path / "out" / "paper.pdf"
    target.parent.mkdir()
    errors: list[str] = []
    monkeypatch.setattr(messages, "save_file", lambda *args: target)
    monkeypatch.setattr(messages, "show_error", lambda parent, error: errors.append(str(error)))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert errors == [
        "“题干”：第 1 题中的“\ue000”(U+E000) 在程序自带的字体中都没有字形，"
        "试卷无法打印；请核对用字或改用常用字形"
    ]
    assert list(target.parent.iterdir()) == []
    printed = audit.search(env, actors[Role.SYSTEM_ADMIN], AuditFilter(action_prefix="paper.print"))
    assert [e.outcome for e in printed] == ["refused"]
