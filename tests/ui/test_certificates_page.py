"""The 证书 and 证书核验 pages: issuing with progress, preview, printing, revocation, verification."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QPushButton

from kaoping.domain.roles import Role
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.services.certificates import issuing, pool
from kaoping.ui import messages, pdf_preview
from kaoping.ui.dialogs import issue_dialog
from kaoping.ui.main_window import MainWindow
from kaoping.ui.pages.certificates_page import CertificatesPage
from kaoping.ui.pages.verify_page import VerifyPage
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Scripted answers to every prompt the pages open; errors and notices are collected."""
    given: dict[str, object] = {"text": [], "errors": [], "infos": [], "choices": []}

    def ask_text(parent: object, title: str, label: str, *, secret: bool = False) -> str:
        queue = given["text"]
        assert isinstance(queue, list)
        return str(queue.pop(0))

    def ask_choice(parent: object, title: str, label: str, options: list[str]) -> int:
        queue = given["choices"]
        assert isinstance(queue, list)
        given.setdefault("offered", []).append(options)  # type: ignore[union-attr]
        return int(queue.pop(0)) if queue else 0

    monkeypatch.setattr(issue_dialog, "ask_text", ask_text)
    monkeypatch.setattr(issue_dialog, "ask_choice", ask_choice)
    monkeypatch.setattr(
        messages, "show_error", lambda parent, error: given["errors"].append(str(error))
    )  # type: ignore[union-attr]
    monkeypatch.setattr(
        messages, "show_info", lambda parent, title, text: given["infos"].append(text)
    )  # type: ignore[union-attr]
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text: True)
    return given


def test_issue_preview_print_and_revoke(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    answers: dict[str, object],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The officer issues a batch with progress, previews, prints (counted) and revokes one."""
    batch, _ = ready_batch(env, actors, 3)
    page = CertificatesPage(env, actors[Role.CERTIFICATE_OFFICER])
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert page.batch_code() == batch
    assert page.candidate_table.rowCount() == 3
    answers["text"] = [PASSPHRASE]
    page.issue_button.click()
    assert answers["errors"] == []
    assert page.certificate_table.rowCount() == 3
    assert "已签发 3 张证书" in str(answers["infos"])
    page.certificate_table.selectRow(0)
    assert page.preview.has_page()
    page.grab().save(str(tmp_path / "certificates_page.png"))
    printed = tmp_path / "printed.pdf"

    def printer(parent: object) -> QPrinter:
        device = QPrinter()
        device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        device.setOutputFileName(str(printed))
        return device

    monkeypatch.setattr(pdf_preview, "ask_printer", printer)
    page.print_button.click()
    assert answers["errors"] == []
    assert len(PdfReader(printed).pages) == 1
    assert page.certificate_table.item(0, 5).text() == "1"
    page.certificate_table.selectRow(0)
    answers["text"] = ["证书信息有误"]
    page.revoke_button.click()
    assert page.certificate_table.item(0, 3).text() == "已撤销"


def test_revoked_certificate_is_marked_and_cannot_be_exported_or_reissued(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    answers: dict[str, object],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """已撤销 across the preview; export and 补发 disabled with the reason; reversal by two."""
    batch, _ = ready_batch(env, actors, 2)
    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers
    page = CertificatesPage(env, officer)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.certificate_table.selectRow(0)
    assert page.preview.stamp() == "" and page.export_button.isEnabled()
    valid_banner = page.preview.image().pixelColor(10, 5)  # type: ignore[union-attr]
    answers["choices"] = [0]  # 冒名顶替（他人代考）
    answers["text"] = ["复核发现他人代考"]
    page.revoke_button.click()
    assert "冒名顶替（他人代考）" in answers["offered"][0]  # type: ignore[index]
    page.certificate_table.selectRow(0)
    assert page.preview.stamp() == "已撤销"
    banner = page.preview.image().pixelColor(10, 5)  # type: ignore[union-attr]
    assert banner.red() > 150 and banner.green() < 60 and valid_banner.green() > 150
    page.grab().save(str(tmp_path / "revoked_preview.png"))
    for button in (page.export_button, page.print_button, page.revoke_button):
        assert not button.isEnabled() and "已撤销" in button.toolTip()
    assert not page.reissue_button.isEnabled() and "撤销复原" in page.reissue_button.toolTip()
    # Nothing opens a save dialog for it: the button cannot be pressed.
    monkeypatch.setattr(messages, "save_file", lambda *a: pytest.fail("save dialog opened"))
    page.export_button.click()
    assert page.reversal_button.isEnabled()
    answers["text"] = ["复核认定为本人参考"]
    page.reversal_button.click()
    assert answers["errors"] == [] and "须由另一位质量督导员确认" in str(answers["infos"])
    supervisor = CertificatesPage(env, actors[Role.SUPERVISOR])
    qtbot.addWidget(supervisor)
    supervisor.certificate_table.selectRow(0)
    assert supervisor.reversal_button.isEnabled()
    answers["choices"] = [0]
    supervisor.reversal_button.click()
    assert answers["errors"] == []
    assert supervisor.certificate_table.item(0, 3).text() == "有效"
    assert certificates.find_certificate(env, officer, numbers[0]).status == "valid"


def test_cancelled_issue_stores_nothing(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    answers: dict[str, object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pressing Cancel in the progress dialog leaves no certificate and says so."""
    batch, _ = ready_batch(env, actors, 3)
    page = CertificatesPage(env, actors[Role.CERTIFICATE_OFFICER])
    qtbot.addWidget(page)
    real = certificates.issue_batch

    def cancelling(*args: object, **kwargs: object) -> object:
        return real(
            *args,
            cancelled=lambda: True,
            progress=kwargs["progress"],  # type: ignore[arg-type]
            **{k: v for k, v in kwargs.items() if k not in ("cancelled", "progress")},
        )

    monkeypatch.setattr(certificates, "issue_batch", cancelling)
    answers["text"] = [PASSPHRASE]
    page.issue_button.click()
    assert "已取消签发" in str(answers["errors"])
    assert page.certificate_table.rowCount() == 0
    assert (
        certificates.batch_certificates(env, actors[Role.CERTIFICATE_OFFICER], batch).certificates
        == ()
    )


def test_verify_page_shows_verdicts(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], answers: dict[str, object], tmp_path: Path
) -> None:
    """A supervisor checks an issued PDF (valid) and a damaged copy (invalid) on 证书核验."""
    batch, _ = ready_batch(env, actors, 1)
    officer = actors[Role.CERTIFICATE_OFFICER]
    number = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers[0]
    good = tmp_path / "good.pdf"
    good.write_bytes(certificates.certificate_pdf(env, officer, number))
    page = VerifyPage(env, actors[Role.SUPERVISOR])
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.verify_pdf(good)
    assert page.verdict_label.text() == "证书有效" and page.preview.stamp() == ""
    assert number in page.record_label.text() and page.preview.has_page()
    page.grab().save(str(tmp_path / "verify_page.png"))
    bad = tmp_path / "bad.pdf"
    data = good.read_bytes()
    at = data.index(b"(Kaoping)") + 1
    bad.write_bytes(data[:at] + b"X" + data[at + 1 :])
    page.verify_pdf(bad)
    assert page.verdict_label.text() == "证书无效"
    assert page.problem_list.count() == 1 and page.preview.stamp() == "证书无效"


def test_pages_in_navigation_by_role(qtbot: QtBot, env: Env, actors: dict[Role, Actor]) -> None:
    """Both pages appear for roles that may view certificates, and not for an examiner."""
    window = MainWindow(env, actors[Role.CERTIFICATE_OFFICER])
    qtbot.addWidget(window)
    assert {"证书", "证书核验"} <= set(window.page_titles())
    examiner = MainWindow(env, actors[Role.EXAMINER])
    qtbot.addWidget(examiner)
    assert "证书" not in examiner.page_titles()
    viewer = MainWindow(env, actors[Role.SUPERVISOR])
    qtbot.addWidget(viewer)
    page = viewer.show_page("certificates")
    assert isinstance(page, CertificatesPage) and not page.issue_button.isEnabled()


def test_verify_page_answers_a_number_and_a_name(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], answers: dict[str, object]
) -> None:
    """The common case: a caller gives a number and a name; no file is needed."""
    batch, _ = ready_batch(env, actors, 2)
    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers
    certificates.revoke_certificate(env, officer, numbers[1], "他人代考")
    page = VerifyPage(env, actors[Role.EXAM_ADMIN])
    qtbot.addWidget(page)
    page.number_edit.setText(numbers[0].lower())
    page.name_edit.setText("张三明")
    page.lookup_button.click()
    assert page.verdict_label.text() == "证书有效" and numbers[0] in page.record_label.text()
    page.name_edit.setText("张三")
    page.lookup_button.click()
    assert page.verdict_label.text() == "姓名与证书不符"
    assert "张三明" not in page.record_label.text()
    page.number_edit.setText(numbers[1])
    page.name_edit.setText("李四")
    page.lookup_button.click()
    assert page.verdict_label.text() == "证书已撤销" and "2026-11-25" in page.record_label.text()
    page.number_edit.setText(numbers[1][:-1] + str((int(numbers[1][-1]) + 1) % 10))
    page.lookup_button.click()
    assert "校验位不对" in str(answers["errors"])


def test_certificate_list_searches_sorts_and_keeps_the_selection_right(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], answers: dict[str, object]
) -> None:
    """Typing part of a number shows only matching rows; after sorting, the selected row is still
    the certificate shown in it; 签发 is greyed out, with the reason, when nobody is left."""
    batch, _ = ready_batch(env, actors, 3)
    page = CertificatesPage(env, actors[Role.CERTIFICATE_OFFICER])
    qtbot.addWidget(page)
    page.show()
    assert page.issue_button.isEnabled()
    answers["text"] = [PASSPHRASE]
    page.issue_button.click()
    assert not page.issue_button.isEnabled()
    assert "没有可签发的考生" in page.issue_button.toolTip()
    table = page.certificate_table
    numbers = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert len(numbers) == 3 and batch
    table.sortItems(0, Qt.SortOrder.DescendingOrder)
    assert [table.item(r, 0).text() for r in range(3)] == sorted(numbers, reverse=True)
    table.selectRow(0)
    assert [c.number for c in page.selected()] == [max(numbers)]
    page.search_edit.setText(min(numbers)[-6:].lower())
    visible = [table.item(r, 0).text() for r in range(3) if not table.isRowHidden(r)]
    assert visible == [min(numbers)]
    page.search_edit.clear()
    assert not any(table.isRowHidden(r) for r in range(3))


def test_without_a_batch_issuing_is_greyed_out_with_the_reason(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """A new installation: 签发证书 cannot apply, and says so instead of opening a prompt."""
    page = CertificatesPage(env, actors[Role.CERTIFICATE_OFFICER])
    qtbot.addWidget(page)
    assert page.batch_code() is None
    assert not page.issue_button.isEnabled()
    assert page.issue_button.toolTip() == "还没有批次"


def test_issue_on_worker_processes_shows_progress_and_cancels(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    admin: Actor,
    answers: dict[str, object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A batch issued by worker processes: the bar moves, Cancel stores nothing, then it issues."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 6)
    settings = certificates.certificate_settings(env, officer)
    certificates.update_certificate_settings(env, admin, replace(settings, workers=2))
    monkeypatch.setattr(pool, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(pool, "STARTUP_SECONDS", 0.0)
    real = issuing.Production
    runs: list[int] = []

    def person_faster_than_the_workers(*args: Any) -> Any:
        """In the first run, each share waits (up to 20 s) until Cancel reaches the flag."""
        progress, cancelled = args[5], args[6]
        runs.append(args[4])

        def held(done: int, total: int) -> None:
            progress(done, total)
            deadline = time.monotonic() + 20
            while len(runs) == 1 and not cancelled() and time.monotonic() < deadline:
                time.sleep(0.01)

        return real(*args[:5], held, cancelled)

    monkeypatch.setattr(issuing, "Production", person_faster_than_the_workers)
    page = CertificatesPage(env, officer)
    qtbot.addWidget(page)
    page.show()
    shown: list[int] = []

    def press_cancel_once_it_moves() -> None:
        dialogs = [d for d in page.findChildren(QProgressDialog) if d.isVisible()]
        if dialogs and dialogs[0].value() > 0:
            shown.append(dialogs[0].value())
            dialogs[0].findChild(QPushButton).click()
        else:
            QTimer.singleShot(20, press_cancel_once_it_moves)

    QTimer.singleShot(0, press_cancel_once_it_moves)
    answers["text"] = [PASSPHRASE]
    page.issue_button.click()
    assert shown and 0 < shown[0] < 6
    assert "已取消签发" in str(answers["errors"])
    assert page.certificate_table.rowCount() == 0
    assert certificates.batch_certificates(env, officer, batch).certificates == ()
    answers["errors"] = []
    answers["text"] = [PASSPHRASE]
    page.issue_button.click()
    assert answers["errors"] == []
    assert page.certificate_table.rowCount() == 6
    assert "已签发 6 张证书" in str(answers["infos"])
    assert runs == [2, 2]
