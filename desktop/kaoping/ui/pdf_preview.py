"""PDF pages inside the application: preview (pypdfium2 into Qt images) and printing.

Printing draws the same rendered pages onto a `QPrinter` at the printer's resolution, so what was
previewed is what is printed. `ask_printer` is the one place a print dialog opens; tests replace it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pypdfium2

from PySide6.QtCore import QCoreApplication, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QWidget

__all__ = ["PdfPreview", "ask_printer", "page_count", "print_pdfs", "render_page", "stamp_image"]

# pdfium is not safe to call from two threads at once.
_pdfium_lock = threading.Lock()


def render_page(pdf: bytes, page: int = 0, dpi: float = 96.0) -> QImage:
    """Render one page of a PDF (0-based) to an image at the given resolution."""
    with _pdfium_lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            picture = document[page].render(scale=dpi / 72).to_pil().convert("RGBA")
        finally:
            document.close()
    data = picture.tobytes()
    image = QImage(
        data, picture.width, picture.height, picture.width * 4, QImage.Format.Format_RGBA8888
    )
    return image.copy()  # own the pixels; `data` goes away with this frame


STAMP_COLOUR = QColor(200, 0, 0)


def stamp_image(image: QImage, text: str, note: str = "") -> QImage:
    """A copy of a page image with `text` (e.g. 已撤销) across it and a banner along the top.

    Only the picture on screen is marked: the signed file stays exactly as issued, and a
    revoked certificate is never released for printing or saving anyway.
    """
    marked = image.convertToFormat(QImage.Format.Format_ARGB32)
    width, height = marked.width(), marked.height()
    painter = QPainter(marked)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        banner = max(height // 9, 12)
        painter.fillRect(0, 0, width, banner, STAMP_COLOUR)
        painter.setPen(QColor("white"))
        font = QFont()
        font.setPixelSize(max(banner * 3 // 5, 8))
        font.setBold(True)
        painter.setFont(font)
        heading = f"{text}　{note}" if note else text
        painter.drawText(QRectF(0, 0, width, banner), Qt.AlignmentFlag.AlignCenter, heading)
        # The diagonal mark stays readable over any part of the page.
        painter.translate(width / 2, height / 2)
        painter.rotate(-25)
        font.setPixelSize(max(height // 4, 12))
        painter.setFont(font)
        colour = QColor(STAMP_COLOUR)
        colour.setAlpha(110)
        painter.setPen(colour)
        painter.drawText(
            QRectF(-width, -height / 4, 2 * width, height / 2), Qt.AlignmentFlag.AlignCenter, text
        )
    finally:
        painter.end()
    return marked


def page_count(pdf: bytes) -> int:
    """How many pages a PDF has."""
    with _pdfium_lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def ask_printer(parent: QWidget | None) -> QPrinter | None:
    """Show the print dialog; the chosen printer, or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(printer.pageLayout().orientation().Landscape)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PdfPrinting", "打印证书"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


def print_pdfs(printer: QPrinter, pdfs: Sequence[bytes]) -> int:
    """Print every page of every PDF, each page fitted to the printable area; returns pages."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(
            QCoreApplication.translate("PdfPrinting", "打印机无法开始打印，请检查打印机是否可用")
        )
    printed = 0
    try:
        dpi = min(printer.resolution(), 300)
        for pdf in pdfs:
            for index in range(page_count(pdf)):
                if printed:
                    printer.newPage()
                image = render_page(pdf, index, dpi)
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRect(
                    area.x() + (area.width() - size.width()) // 2,
                    area.y() + (area.height() - size.height()) // 2,
                    size.width(),
                    size.height(),
                )
                painter.drawImage(target, image)
                printed += 1
    finally:
        painter.end()
    return printed


class PdfPreview(QScrollArea):
    """Shows the first page of a PDF, scaled to the available width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.label = QLabel(self.tr("选择一张证书即可在此预览"))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setWidget(self.label)
        self._image: QImage | None = None
        self._stamp = ""

    def show_pdf(self, pdf: bytes, stamp: str = "", note: str = "") -> None:
        """Render and show the first page, marked with `stamp` (e.g. 已撤销) when given."""
        image = render_page(pdf, 0, 110)
        self._image = stamp_image(image, stamp, note) if stamp else image
        self._stamp = stamp
        self._fit()

    def stamp(self) -> str:
        """The mark drawn over the page shown ("" for none)."""
        return self._stamp if self._image is not None else ""

    def image(self) -> QImage | None:
        """The page image as shown (marked, if it is), before scaling to the view."""
        return self._image

    def clear(self, text: str = "") -> None:
        """Show a message instead of a page."""
        self._image = None
        self.label.setPixmap(QPixmap())
        self.label.setText(text)

    def has_page(self) -> bool:
        """Whether a page is shown."""
        return self._image is not None

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the page fitted to the new size."""
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._image is None:
            return
        width = max(self.viewport().width() - 8, 200)
        pixmap = QPixmap.fromImage(self._image).scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation
        )
        self.label.setPixmap(pixmap)
