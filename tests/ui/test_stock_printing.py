"""Printing onto stock through Qt's printing: each value lands within 0.5 mm of where it was set."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtPrintSupport import QPrinter

from kaoping.domain.roles import Role
from kaoping.domain.stock_layout import (
    CALIBRATION_MARKS,
    MM_PER_PT,
    Calibration,
    calibration_from_marks,
)
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.ui.stock_printing import print_calibration_page, print_stock_jobs
from tests.integration.test_stock_printing import DESCENT, RARE_NAME, _issue, words


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _dark_box(png: Path, region: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The bounding box (pixels) of dark pixels inside a region of a rendered page."""
    from PIL import Image

    with Image.open(png) as page:
        crop = page.convert("L").crop(region)
        box = crop.point(lambda v: 255 if v < 100 else 0).getbbox()
    assert box is not None
    return box[0] + region[0], box[1] + region[1], box[2] + region[0], box[3] + region[1]


def test_stock_printed_through_qt_puts_each_field_within_half_a_millimetre(
    env: Env, actors: dict[Role, Actor], qtbot: QtBot, tmp_path: Path
) -> None:
    """A calibrated layout printed to PDF by QPrinter: every text starts and stands within 0.5 mm
    of its set position after calibration (read back with pdftotext -bbox), the QR code too."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = _issue(env, actors)
    layout = certificates.save_stock_layout(
        env, officer, certificates.new_stock_layout(env, officer, "证书纸")
    )
    calibration = Calibration("Office Printer", 1.5, -2.0, 1.01, 0.99)
    certificates.save_printer_calibration(env, officer, calibration)
    jobs = certificates.print_on_stock(env, officer, numbers, "Office Printer", layout.id)
    out = tmp_path / "printed.pdf"
    assert print_stock_jobs(_pdf_printer(out), jobs) == 2
    found = words(out)
    assert any(w[0].startswith(RARE_NAME) for w in found)  # the rare character printed as text
    for box in layout.fields:
        if box.key in ("photo", "qr"):
            continue
        placed = next(t for t in jobs[0].plan.texts if t.key == box.key)
        want_x, want_baseline = calibration.point(box.x, box.y + box.height)
        first = placed.text.split()[0]
        match = [w for w in found if w[0] == first]
        assert match, (box.key, first)
        word = min(match, key=lambda w: abs(w[1] * MM_PER_PT - want_x))
        assert abs(word[1] * MM_PER_PT - want_x) <= 0.5, (box.key, word, want_x)
        baseline = (word[4] - DESCENT * placed.size) * MM_PER_PT
        assert abs(baseline - want_baseline) <= 0.5, (box.key, baseline, want_baseline)
    qr = layout.field("qr")
    assert qr is not None
    dpi = 300
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            "-singlefile",
            str(out),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    px = dpi / 25.4
    left, top = calibration.point(qr.x, qr.y)
    right, bottom = calibration.point(qr.x + qr.width, qr.y + qr.height)
    region = (
        int((left - 3) * px),
        int((top - 3) * px),
        int((right + 3) * px),
        int((bottom + 3) * px),
    )
    x0, y0, x1, _ = _dark_box(tmp_path / "p.png", region)
    side = min(right - left, bottom - top)
    # The QR is a square centred in its box: its dark modules reach the square's corners.
    assert abs(x0 / px - (left + (right - left - side) / 2)) <= 0.5
    assert abs(y0 / px - (top + (bottom - top - side) / 2)) <= 0.5
    assert abs((x1 - x0) / px - side) <= 0.5
    qr_text = subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "p.png")], capture_output=True
    )
    assert qr_text.returncode == 0


def test_calibration_measured_from_the_page_corrects_a_skewed_printer(
    env: Env, actors: dict[Role, Actor], qtbot: QtBot, tmp_path: Path
) -> None:
    """The calibration page comes out at actual size with its crosshairs where they say; a
    printer that shifts and shrinks is corrected from two measured crosshairs to within 0.5 mm."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    pdf = certificates.calibration_page(env, officer, "Office Printer")
    out = tmp_path / "calibration.pdf"
    print_calibration_page(_pdf_printer(out), pdf, 297, 210)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert not text.strip()  # drawn as an image at actual size, so no text to read back
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(out), str(tmp_path / "c")])
    px = 150 / 25.4
    a = CALIBRATION_MARKS[0]
    x0, _, x1, _ = _dark_box(
        tmp_path / "c.png",
        (int((a.x - 1) * px), int((a.y - 8) * px), int((a.x + 1) * px), int((a.y + 8) * px)),
    )
    assert abs((x0 + x1) / 2 / px - a.x) <= 0.3  # the vertical arm of A stands at 20 mm

    # A printer that moves everything 2.5 mm right, 1 mm up and prints 1.5 % small:
    def printer(x: float, y: float) -> tuple[float, float]:
        return 2.5 + 0.985 * x, -1.0 + 0.985 * y

    c = CALIBRATION_MARKS[2]
    calibration = calibration_from_marks(
        "Office Printer", a, c, printer(a.x, a.y), printer(c.x, c.y)
    )
    for x, y in ((65.0, 40.0), (150.0, 180.0), (270.0, 20.0)):
        landed = printer(*calibration.point(x, y))
        assert abs(landed[0] - x) <= 0.5 and abs(landed[1] - y) <= 0.5
