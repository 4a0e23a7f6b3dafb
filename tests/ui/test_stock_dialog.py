"""The 套打 dialog: layout editing by keyboard, calibration from measurements, printing, the log."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from kaoping.domain.roles import Role
from kaoping.paths import resource_path
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.ui import messages, stock_printing
from kaoping.ui.dialogs import issue_dialog
from kaoping.ui.dialogs.stock_dialog import StockDialog
from kaoping.ui.pages.certificates_page import CertificatesPage
from tests.integration.test_stock_printing import RARE_NAME, _issue

# Screenshots to look at: saved only when KAOPING_SHOTS names a folder, so parallel runs never
# share a fixed path.
SHOTS = Path(os.environ["KAOPING_SHOTS"]) if os.environ.get("KAOPING_SHOTS") else None


def _shot(widget: QWidget, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / name))


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[object]]:
    """Scripted answers to the dialog's prompts; errors and notices are collected."""
    given: dict[str, list[object]] = {"text": [], "errors": [], "infos": []}
    monkeypatch.setattr(
        issue_dialog, "ask_text", lambda parent, title, label, **_: given["text"].pop(0)
    )
    monkeypatch.setattr(messages, "show_error", lambda p, e: given["errors"].append(str(e)))
    monkeypatch.setattr(messages, "show_info", lambda p, t, text: given["infos"].append(text))
    return given


def _to_pdf(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    def printer(parent: object, width: float, height: float) -> QPrinter:
        device = QPrinter(QPrinter.PrinterMode.HighResolution)
        device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        device.setOutputFileName(str(path))
        stock_printing.set_paper(device, width, height)
        return device

    monkeypatch.setattr(stock_printing, "ask_stock_printer", printer)


def _dialog(qtbot: QtBot, env: Env, officer: Actor, numbers: list[str]) -> StockDialog:
    chosen = [certificates.find_certificate(env, officer, n) for n in numbers]
    dialog = StockDialog(env, officer, chosen)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_layout_is_edited_by_keyboard_and_saved(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    answers: dict[str, list[object]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    dialog = _dialog(qtbot, env, officer, [])
    dialog.tabs.setCurrentIndex(1)
    editor = dialog.editor
    editor.choose("name")
    start = editor.box("name")
    assert start is not None and editor.x_spin.value() == pytest.approx(start.x)
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Right)
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    # Let go of Shift: Qt keeps the last key event's modifiers, and later clicks would extend.
    qtbot.keyRelease(editor.view, Qt.Key.Key_Shift)
    moved = editor.box("name")
    assert moved is not None
    assert (moved.x, moved.y) == pytest.approx((start.x + 0.5, start.y + 0.1))
    assert editor.x_spin.value() == pytest.approx(moved.x)
    editor.y_spin.setValue(50.0)  # typed into the spin box: the box follows
    assert editor._items["name"].y() == pytest.approx(50.0)
    # Dragging a box (the item moved as the mouse would) shows its new place in the spin boxes,
    # on the 0.1 mm grid.
    editor.choose("qr")
    editor._items["qr"].setPos(200.04, 120.27)
    assert (editor.x_spin.value(), editor.y_spin.value()) == pytest.approx((200.0, 120.3))
    scan = resource_path("images", "demo_seal.png")
    monkeypatch.setattr(messages, "open_file", lambda *a: scan)
    dialog.scan_button.click()
    assert editor.has_scan()
    dialog.name_edit.setText("2026 版证书纸")
    dialog.save_layout_button.click()
    assert answers["errors"] == []
    saved = certificates.stock_layouts(env, officer)
    assert [x.name for x in saved] == ["2026 版证书纸"] and saved[0].has_scan
    name, qr = saved[0].field("name"), saved[0].field("qr")
    assert name is not None and (name.x, name.y) == pytest.approx((start.x + 0.5, 50.0))
    assert qr is not None and (qr.x, qr.y) == pytest.approx((200.0, 120.3))
    assert editor.has_scan()  # shown again after saving, from the stored scan
    _shot(dialog, "stock_layout_scan.png")
    # Unticking a required field is refused in Chinese, and nothing changes.
    editor.field_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.save_layout_button.click()
    assert "必须包含“姓名”" in str(answers["errors"])


def test_calibration_from_measured_crosshairs_is_saved(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], answers: dict[str, list[object]]
) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    dialog = _dialog(qtbot, env, officer, [])
    dialog.tabs.setCurrentIndex(2)
    dialog.calibration.printer_combo.setEditText("Office Printer")
    # A came out at (22, 21) instead of (20, 20), C at (274.7, 188.7) instead of (277, 190):
    # the printer shifts right and down and prints about 1.7 % narrow.
    for spin, value in zip(dialog.calibration.measured, (22.0, 21.0, 274.7, 188.7), strict=True):
        spin.setValue(value)
    dialog.calibration.compute_button.click()
    assert answers["errors"] == []
    assert dialog.calibration.dx_spin.value() == pytest.approx(-2.37, abs=0.01)
    assert dialog.calibration.sx_spin.value() == pytest.approx(1.0170, abs=0.0001)
    dialog.calibration.save_calibration_button.click()
    saved = certificates.printer_calibration(env, officer, "Office Printer")
    assert saved is not None and saved.sx == pytest.approx(dialog.calibration.sx_spin.value())


def test_printing_asks_a_reason_for_a_reprint_and_logs_each_print(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    answers: dict[str, list[object]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = _issue(env, actors)
    certificates.save_stock_layout(
        env, officer, certificates.new_stock_layout(env, officer, "证书纸")
    )
    out = tmp_path / "stock.pdf"
    _to_pdf(monkeypatch, out)
    dialog = _dialog(qtbot, env, officer, numbers[:1])
    dialog.print_button.click()
    assert answers["errors"] == []
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert RARE_NAME in text and numbers[0] in text
    assert dialog.log_table.rowCount() == 1 and dialog.log_table.item(0, 5).text() == "首次"
    answers["text"] = [None]  # the reason prompt cancelled: nothing printed
    out.unlink()
    dialog.print_button.click()
    assert not out.exists() and dialog.log_table.rowCount() == 1
    answers["text"] = ["卡纸"]
    dialog.print_button.click()
    assert out.exists() and dialog.log_table.rowCount() == 2
    assert (
        dialog.log_table.item(0, 5).text() == "重打"
        and dialog.log_table.item(0, 6).text() == "卡纸"
    )
    for index, name in enumerate(("print", "layout", "calibration", "log")):
        dialog.tabs.setCurrentIndex(index)
        _shot(dialog, f"stock_{name}.png")
    hint = dialog.sizeHint()
    assert dialog.minimumSizeHint().width() <= 1366 and dialog.minimumSizeHint().height() <= 700
    assert hint.width() <= 1366


def test_certificates_page_opens_stock_printing_and_asks_reprint_reasons(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    answers: dict[str, list[object]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kaoping.ui import pdf_preview

    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = _issue(env, actors)
    certificates.print_certificates(env, officer, numbers[:1], "HP")
    page = CertificatesPage(env, officer)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    table = page.certificate_table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == numbers[0])
    table.selectRow(row)
    assert page.stock_button.isEnabled()

    def printer(parent: object) -> QPrinter:
        device = QPrinter()
        device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        device.setOutputFileName(str(tmp_path / "full.pdf"))
        return device

    monkeypatch.setattr(pdf_preview, "ask_printer", printer)
    answers["text"] = [None]
    page.print_button.click()
    # a reprint, and the reason prompt was cancelled
    assert not (tmp_path / "full.pdf").exists()
    answers["text"] = ["原件污损"]
    page.print_button.click()
    assert answers["errors"] == [] and (tmp_path / "full.pdf").exists()
    log = certificates.print_log(env, officer, numbers[0])
    assert [r.reason for r in log] == ["", "原件污损"]
