"""Printing onto pre-printed stock (套打) through a QPrinter, position by position in millimetres.

The full certificate is printed as rendered page images fitted to the printable area; stock
cannot be printed that way, as "fit" would move every value off its pre-printed line. Here the
printer is put in full-page mode (origin at the paper's corner, no margins), and each text is
drawn as text at its baseline, the photo and the QR code in their boxes, at the positions the
services placed (calibration already applied). The calibration page is drawn at actual size.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from kaoping.domain.stock_layout import PlacedText, StockPlan
from kaoping.paths import resource_path
from kaoping.services.certificates import StockJob
from kaoping.ui import pdf_preview

__all__ = ["ask_stock_printer", "print_calibration_page", "print_stock_jobs", "set_paper"]

MM_PER_INCH = 25.4
_FONT_FILES = ("wqy-microhei.ttc", "HanaMinA.ttf", "HanaMinB.ttf")


@functools.cache
def _families() -> tuple[str, ...]:
    """The shipped faces, main first: the fallbacks draw rare name characters such as 䶮."""
    families: list[str] = []
    for name in _FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id)[:1])
    return tuple(families)


def _font(size: float) -> QFont:
    families = list(_families())
    font = QFont(families[0] if families else "")
    font.setFamilies(families)
    font.setPointSizeF(size)
    # Metrics must not be rounded to the screen's pixels: they are used at printer resolution.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def set_paper(printer: QPrinter, width: float, height: float) -> None:
    """Select paper of width × height mm, no margins, full page (origin at the paper's corner)."""
    landscape = width > height
    short, long = (height, width) if landscape else (width, height)
    size = QPageSize(
        QSizeF(short, long), QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setPageLayout(
        QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    )
    printer.setFullPage(True)


def ask_stock_printer(parent: QWidget | None, width: float, height: float) -> QPrinter | None:
    """The print dialog for stock; the chosen printer set to the stock's paper, or None."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_paper(printer, width, height)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("StockPrinting", "套打证书"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    # The dialog may have offered other paper: the stock's size and full-page mode win.
    set_paper(printer, width, height)
    return printer


def _begin(printer: QPrinter) -> QPainter:
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(
            QCoreApplication.translate("StockPrinting", "打印机无法开始打印，请检查打印机是否可用")
        )
    return painter


def print_stock_jobs(printer: QPrinter, jobs: Sequence[StockJob]) -> int:
    """Print one sheet per job; returns the number of sheets."""
    if not jobs:
        return 0
    first = jobs[0].plan
    set_paper(printer, first.page_width, first.page_height)
    painter = _begin(printer)
    try:
        scale = printer.resolution() / MM_PER_INCH  # device pixels per mm
        for index, job in enumerate(jobs):
            if index:
                printer.newPage()
            paint_plan(painter, scale, job.plan, job.photo, job.qr_rows)
    finally:
        painter.end()
    return len(jobs)


def paint_plan(
    painter: QPainter,
    scale: float,
    plan: StockPlan,
    photo: bytes | None,
    qr_rows: Sequence[str],
) -> None:
    """Draw one sheet with `scale` device pixels per mm, origin at the paper's top-left corner."""
    painter.setPen(QColor("black"))
    for placed in plan.texts:
        _paint_text(painter, scale, placed)
    photo_box = plan.box("photo")
    if photo_box is not None and photo:
        image = QImage.fromData(photo)
        if not image.isNull():
            box = QRectF(
                photo_box.x * scale,
                photo_box.y * scale,
                photo_box.width * scale,
                photo_box.height * scale,
            )
            size = image.size().toSizeF().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(
                box.x() + (box.width() - size.width()) / 2,
                box.y() + (box.height() - size.height()) / 2,
                size.width(),
                size.height(),
            )
            painter.drawImage(target, image)
    qr_box = plan.box("qr")
    if qr_box is not None and qr_rows:
        side = min(qr_box.width, qr_box.height)
        left = qr_box.x + (qr_box.width - side) / 2
        top = qr_box.y + (qr_box.height - side) / 2
        module = side / len(qr_rows)
        for row_index, row in enumerate(qr_rows):
            for col, dark in enumerate(row):
                if dark == "1":
                    painter.fillRect(
                        QRectF(
                            (left + col * module) * scale,
                            (top + row_index * module) * scale,
                            module * scale + 0.5,
                            module * scale + 0.5,
                        ),
                        QColor("black"),
                    )


def _paint_text(painter: QPainter, scale: float, placed: PlacedText) -> None:
    font = _font(placed.size)
    metrics = QFontMetricsF(font, painter.device())
    width = metrics.horizontalAdvance(placed.text)
    limit = placed.max_width * scale
    if width > limit > 0:
        font.setPointSizeF(placed.size * limit / width)
    painter.setFont(font)
    painter.drawText(QPointF(placed.x * scale, placed.baseline * scale), placed.text)


def print_calibration_page(printer: QPrinter, pdf: bytes, width: float, height: float) -> None:
    """Print the calibration page at actual size: no fitting, no margins, no calibration."""
    set_paper(printer, width, height)
    painter = _begin(printer)
    try:
        dpi = min(printer.resolution(), 600)
        image = pdf_preview.render_page(pdf, 0, dpi)
        scale = printer.resolution() / MM_PER_INCH
        painter.drawImage(QRectF(0, 0, width * scale, height * scale), image)
    finally:
        painter.end()


def printer_name(printer: QPrinter) -> str:
    """The name the print log keeps: the printer's, or the file a PDF went to."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return "PDF"
    return printer.printerName() or "PDF"
