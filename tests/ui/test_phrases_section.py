"""The 模板字样复核 tab of the 证书 page: propose, confirm and withdraw a flagged template phrase."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from kaoping.domain.roles import Role
from kaoping.services import audit, certificates
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import AuditFilter
from kaoping.ui import application, messages
from kaoping.ui.dialogs import issue_dialog, phrase_dialog
from kaoping.ui.dialogs.phrase_dialog import PhraseProposalDialog
from kaoping.ui.main_window import MainWindow
from kaoping.ui.pages.certificates_page import CertificatesPage
from kaoping.ui.pages.phrases_section import PhraseReviewSection
from tests.integration.test_template_phrases import PHRASE, _use_template

REASON = "安全领域的国际认证，不是“全国”"
SECOND = "完全国产设备拍摄"  # 完全 + 国产 holds 全国


@pytest.fixture
def flagged(env: Env, actors: dict[Role, Actor], admin: Actor, tmp_path: Path) -> None:
    """The template in use shows 安全国际认证 under the QR code and 完全国产设备拍摄 in the photo box."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    path = tmp_path / "certificate.json"
    _use_template(env, officer, admin, path, qr__caption=PHRASE, photo__label=SECOND)


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Scripted answers to the prompts; the errors shown and the questions asked are collected."""
    given: dict[str, list[str]] = {"reasons": [], "errors": [], "questions": [], "texts": []}

    def ask_reason(parent: QWidget, flagged: object, sha: str) -> str | None:
        return given["reasons"].pop(0) if given["reasons"] else None

    def ask_text(parent: QWidget, title: str, label: str, *, secret: bool = False) -> str:
        return given["texts"].pop(0)

    def confirm(parent: QWidget, title: str, text: str) -> bool:
        given["questions"].append(text)
        return True

    monkeypatch.setattr(phrase_dialog, "ask_reason", ask_reason)
    monkeypatch.setattr(issue_dialog, "ask_text", ask_text)
    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(
        messages, "show_error", lambda _p, error: given["errors"].append(str(error))
    )
    return given


def _section(qtbot: QtBot, env: Env, actor: Actor) -> PhraseReviewSection:
    section = PhraseReviewSection(env, actor)
    qtbot.addWidget(section)
    section.resize(1100, 400)
    section.show()
    return section


def _row(section: PhraseReviewSection, phrase: str) -> list[str]:
    table = section.table
    for r in range(table.rowCount()):
        if table.item(r, 1).text() == phrase:
            return [table.item(r, c).text() for c in range(table.columnCount())]
    raise AssertionError(f"{phrase} not listed")


def _choose(section: PhraseReviewSection, phrase: str) -> None:
    section.select_phrase(phrase)
    assert section.selected() is not None and section.selected().phrase == phrase  # type: ignore[union-attr]


def test_officer_proposes_and_supervisor_confirms(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], flagged: None, said: dict[str, list[str]]
) -> None:
    """Proposed with a reason by the officer, confirmed by the supervisor: the list shows both."""
    officer, supervisor = actors[Role.CERTIFICATE_OFFICER], actors[Role.SUPERVISOR]
    section = _section(qtbot, env, officer)
    assert _row(section, PHRASE)[:5] == ["", PHRASE, "全国", "二维码说明", "未复核，签发时拦截"]
    assert "含禁用字样 2 处：2 处未复核、签发时拦截，0 处待确认" in section.version_label.text()
    assert not section.confirm_button.isEnabled()
    assert section.confirm_button.toolTip() == "需要质量督导员角色"
    assert section.selected().phrase == SECOND  # type: ignore[union-attr]  # the first line
    assert section.propose_button.isEnabled()
    _choose(section, PHRASE)
    assert section.propose_button.isEnabled()
    said["reasons"] = [REASON]
    qtbot.mouseClick(section.propose_button, Qt.MouseButton.LeftButton)
    assert said["errors"] == []
    assert "已提请复核“安全国际认证”" in section.status_label.text()
    listed = _row(section, PHRASE)
    assert listed[4] == "待质量督导员确认" and listed[7] == REASON
    assert listed[5] == "u_certificate_officer 2026-11-25"
    assert "提请：u_certificate_officer 2026-11-25 17:00" in section.table.item(1, 5).toolTip()
    assert listed[0].isdigit()
    assert not section.propose_button.isEnabled()  # already proposed
    assert section.propose_button.toolTip() == "先在列表中选择一条未复核的字样"
    assert "1 处未复核、签发时拦截，1 处待确认" in section.version_label.text()

    other = _section(qtbot, env, supervisor)
    assert not other.propose_button.isEnabled()
    assert other.propose_button.toolTip() == "需要证书管理员角色"
    _choose(other, PHRASE)
    assert other.confirm_button.isEnabled() and other.withdraw_button.isEnabled()
    qtbot.mouseClick(other.confirm_button, Qt.MouseButton.LeftButton)
    assert said["errors"] == []
    assert REASON in said["questions"][0]
    listed = _row(other, PHRASE)
    assert listed[4] == "已确认，不再拦截" and listed[6].startswith("u_supervisor 2026-11-25")
    review = certificates.phrase_review(env, officer)
    assert [f.review.status for f in review.flagged if f.review] == ["confirmed"]
    assert review.template_sha256[:12] in other.version_label.text()
    assert f"模板版本：{review.template_sha256[:12]}" in other.table.item(1, 1).toolTip()
    assert "二维码说明：安全国际认证" in other.table.item(1, 1).toolTip()
    assert other.withdraw_button.toolTip() == "撤回所选复核，该字样重新按禁用字样拦截"
    section.refresh()
    assert _row(section, PHRASE)[4] == "已确认，不再拦截"


def test_the_proposer_cannot_confirm_their_own_proposal(
    qtbot: QtBot,
    env: Env,
    flagged: None,
    said: dict[str, list[str]],
    make_user: Callable[[str, list[Role]], Actor],
) -> None:
    """Someone with both roles proposes; their confirm is refused with a message, and stays pending."""
    both = make_user("both", [Role.CERTIFICATE_OFFICER, Role.SUPERVISOR])
    section = _section(qtbot, env, both)
    _choose(section, PHRASE)
    said["reasons"] = [REASON]
    section.propose_button.click()
    _choose(section, PHRASE)
    assert section.confirm_button.isEnabled()  # the service, not the screen, knows who proposed
    section.confirm_button.click()
    assert said["errors"] == ["提请复核的人不能自己确认；请另一位质量督导员确认。"]
    assert "不能自己确认" in section.status_label.text()
    assert _row(section, PHRASE)[4] == "待质量督导员确认"
    refused = [
        e
        for e in audit.search(env, both, AuditFilter(action_prefix="phrases.confirm"))
        if e.outcome == "refused"
    ]
    assert len(refused) == 1


def test_empty_reason_is_refused_by_the_service(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], flagged: None, said: dict[str, list[str]]
) -> None:
    """A reason of spaces only (the dialog would not send it) is still refused, and shown."""
    section = _section(qtbot, env, actors[Role.CERTIFICATE_OFFICER])
    _choose(section, SECOND)
    said["reasons"] = ["   "]
    section.propose_button.click()
    assert said["errors"] == ["“理由”：请写明理由：为什么该字样不是禁用的称谓或声称。"]
    assert _row(section, SECOND)[4] == "未复核，签发时拦截"


def test_withdrawn_review_is_listed_and_the_phrase_blocks_again(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], flagged: None, said: dict[str, list[str]]
) -> None:
    """Withdrawing keeps the old review on the list and the phrase is unreviewed again."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    phrase_id = certificates.propose_phrase(env, officer, PHRASE, REASON)
    certificates.confirm_phrase(env, actors[Role.SUPERVISOR], phrase_id)
    section = _section(qtbot, env, officer)
    _choose(section, PHRASE)
    assert not section.confirm_button.isEnabled() and section.withdraw_button.isEnabled()
    said["texts"] = ["复查后撤回"]
    section.withdraw_button.click()
    assert said["errors"] == []
    states = [
        (section.table.item(r, 1).text(), section.table.item(r, 4).text())
        for r in range(section.table.rowCount())
    ]
    assert states == [
        (SECOND, "未复核，签发时拦截"),
        (PHRASE, "未复核，签发时拦截"),
        (PHRASE, "已撤回"),
    ]
    assert section.table.item(2, 6).text().startswith("u_certificate_officer 2026-11-25")


def test_proposal_dialog_is_driven_from_the_keyboard(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], flagged: None, tmp_path: Path
) -> None:
    """The reason has the focus; Enter does nothing until a reason is written, then proposes."""
    review = certificates.phrase_review(env, actors[Role.CERTIFICATE_OFFICER])
    dialog = PhraseProposalDialog(review.flagged[1], review.template_sha256)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.source_label.text() == "二维码说明：安全国际认证"
    shots = Path(os.environ.get("KAOPING_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(shots / "phrase-proposal-dialog.png"))
    assert dialog.focusWidget() is dialog.reason_edit
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    dialog.reason_edit.setText(REASON)  # CJK cannot be typed through keyClicks
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.reason() == REASON
    cancelled = PhraseProposalDialog(review.flagged[0], review.template_sha256)
    qtbot.addWidget(cancelled)
    cancelled.show()
    qtbot.keyClick(cancelled.reason_edit, Qt.Key.Key_Escape)
    assert cancelled.result() == QDialog.DialogCode.Rejected


@pytest.fixture(params=["zh", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The interface in Chinese, then in English; Chinese again afterwards."""
    application.apply_language(qapp, request.param)
    yield str(request.param)
    application.apply_language(qapp, "zh")


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)], ids=["1366x768", "1920x1080@150"])
def test_tab_fits_a_laptop_screen(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    flagged: None,
    tmp_path: Path,
    size: tuple[int, int],
    language: str,
) -> None:
    """In the main window at 1366x768, or 1920x1080 at 150 % (1280x720), in either language, the
    buttons and every column are on screen, and the preview gives the list its width."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    phrase_id = certificates.propose_phrase(env, officer, PHRASE, REASON)
    certificates.confirm_phrase(env, actors[Role.SUPERVISOR], phrase_id)
    certificates.propose_phrase(env, officer, SECOND, "完全 + 国产，指设备来源")
    window = MainWindow(env, actors[Role.SUPERVISOR])
    qtbot.addWidget(window)
    # The test screen is smaller than a laptop's, so the window opened maximised on it.
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("certificates")
    assert isinstance(page, CertificatesPage)
    page.tabs.setCurrentWidget(page.phrases)
    qtbot.wait(50)
    assert not page.preview.isVisible() and not page.certificate_actions.isVisible()
    shots = Path(os.environ.get("KAOPING_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(shots / f"phrases-{size[0]}x{size[1]}-{language}.png"))
    section = page.phrases
    right = window.mapFromGlobal(section.refresh_button.mapToGlobal(QPoint(0, 0)))
    assert right.x() + section.refresh_button.width() <= window.width()
    assert right.y() + section.refresh_button.height() <= window.height()
    table = section.table
    header = table.horizontalHeader()
    last = table.columnCount() - 1
    assert header.length() <= table.viewport().width()  # no sideways scrolling
    assert header.sectionSize(last) >= 150  # the reason, which stretches, is readable
    page.tabs.setCurrentIndex(0)
    assert page.preview.isVisible() and page.certificate_actions.isVisible()
