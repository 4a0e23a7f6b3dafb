"""The data-only sheet for pre-printed stock (套打页) and the printer calibration page (校准页).

Both are drawn with reportlab from positions in millimetres measured from the paper's top-left
corner (the way a ruler reads the stock); reportlab's origin is the bottom-left, so every y is
turned over here and nowhere else. The data sheet carries no frame, title or seal: the stock has
them already.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence

from PIL import Image
from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from kaoping.adapters import fonts
from kaoping.adapters.certificate_pdf import PRODUCER
from kaoping.adapters.certificate_qr import draw_qr, qr_matrix
from kaoping.adapters.certificate_template import CertificateTemplate
from kaoping.domain.errors import ValidationError
from kaoping.domain.stock_layout import (
    FIELD_LABELS,
    MM_PER_PT,
    Crosshair,
    FieldBox,
    PlacedBox,
    PlacedText,
    StockPlan,
    calibration_marks,
)

__all__ = ["StockToolkit", "render_calibration", "render_plan", "template_fields"]

MAX_SCAN_BYTES = 20 * 1024 * 1024
MAX_SCAN_PIXELS = 12000 * 12000
# The certificate template is A4 landscape (DESIGN.md, formats).
_TEMPLATE_HEIGHT = 210.0
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Which stock field shows a template placeholder (the ID row prints type and number together).
_FIELD_OF_PLACEHOLDER = {"id_type": "id_number", "direction_clause": "direction"}


def _flip(height: float, top: float) -> float:
    """A distance from the top edge (mm) as reportlab's y from the bottom edge (points)."""
    return float((height - top) * mm)


def _canvas(buffer: io.BytesIO, width: float, height: float, title: str) -> Canvas:
    font = fonts.ensure_fonts()
    canvas = Canvas(buffer, pagesize=(width * mm, height * mm), lang="zh-CN", initialFontName=font)
    canvas.setTitle(title)
    canvas.setCreator(PRODUCER)
    canvas.setProducer(PRODUCER)
    return canvas


def render_plan(plan: StockPlan, photo: bytes | None, qr_payload: str, *, title: str = "") -> bytes:
    """Draw one data-only sheet: each text on its baseline, the photo and the QR in their boxes.

    Raises:
        ValidationError: A value has a character no shipped font can draw, or the photo cannot
            be read.
    """
    for placed in plan.texts:
        fonts.require_glyphs(placed.text, FIELD_LABELS.get(placed.key, placed.key), "套打证书")
    buffer = io.BytesIO()
    canvas = _canvas(buffer, plan.page_width, plan.page_height, title)
    font = fonts.ensure_fonts()
    canvas.setFillColor(black)
    for placed in plan.texts:
        _draw_text(canvas, plan.page_height, placed, font)
    photo_box = plan.box("photo")
    if photo_box is not None and photo:
        _draw_photo(canvas, plan.page_height, photo_box, photo)
    qr_box = plan.box("qr")
    if qr_box is not None and qr_payload:
        side = min(qr_box.width, qr_box.height)
        draw_qr(
            canvas,
            qr_payload,
            (qr_box.x + (qr_box.width - side) / 2) * mm,
            _flip(plan.page_height, qr_box.y + (qr_box.height + side) / 2),
            side * mm,
        )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def fitted_size(text: str, size: float, max_width_mm: float) -> float:
    """The font size at which `text` fits `max_width_mm` (never larger than `size`)."""
    width = fonts.runs_width(text, fonts.ensure_fonts(), size)
    limit = max_width_mm * mm
    return size if width <= limit else float(size * limit / width)


def _draw_text(canvas: Canvas, height: float, placed: PlacedText, font: str) -> None:
    size = fitted_size(placed.text, placed.size, placed.max_width)
    fonts.draw_runs(canvas, placed.x * mm, _flip(height, placed.baseline), placed.text, font, size)


def _draw_photo(canvas: Canvas, height: float, box: PlacedBox, photo: bytes) -> None:
    try:
        reader = ImageReader(io.BytesIO(photo))
        canvas.drawImage(
            reader,
            box.x * mm,
            _flip(height, box.y + box.height),
            box.width * mm,
            box.height * mm,
            preserveAspectRatio=True,
            anchor="c",
        )
    except Exception as exc:  # PIL and reportlab raise many types for a bad image
        raise ValidationError(
            f"照片无法嵌入（{type(exc).__name__}），请重新导入该考生的照片", field="照片"
        ) from None


def render_calibration(width: float, height: float, printer: str, day: str) -> bytes:
    """A calibration page: mm rulers along all four edges, crosshairs A–E, printer and date.

    Printed without any calibration and without "fit to page", it shows where this printer
    really puts a position: the clerk measures crosshairs A and C from the paper's left and top
    edges and enters the figures.
    """
    buffer = io.BytesIO()
    canvas = _canvas(buffer, width, height, "套打校准页")
    font = fonts.ensure_fonts()
    canvas.setStrokeColor(black)
    canvas.setFillColor(black)
    _rulers(canvas, width, height, font)
    for mark in calibration_marks(width, height):
        # Marks on the right half are labelled on their left, so no label runs off the paper.
        left = mark.x > width / 2 + 1
        _crosshair(canvas, mark.x * mm, _flip(height, mark.y), mark.mark, mark, font, left)
    lines = (
        "套打校准页",
        f"打印机：{printer or '（未指定）'}　　日期：{day}　　纸张：{width:g}×{height:g} 毫米",
        "打印时请选“实际大小”，不要“适合页面”。用直尺量出十字线 A 和 C 的中心",
        "到纸张左边和上边的距离（毫米），填入“打印机校准”。刻度数字即应有的距离。",
    )
    fonts.require_all_glyphs((("", "打印机", printer),), "校准页")
    y = height / 2 - 30
    for i, line in enumerate(lines):
        size = 16 if i == 0 else 10
        fonts.draw_runs(canvas, width / 2 * mm, _flip(height, y), line, font, size, "centre")
        y += 8 if i == 0 else 6
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _rulers(canvas: Canvas, width: float, height: float, font: str) -> None:
    """Ticks every millimetre from each edge: 2 mm long, 4 mm every 5, 6 mm with a figure every 10."""
    canvas.setLineWidth(0.2)
    canvas.setFont(font, 5)
    for x in range(1, int(width)):
        tick = 6 if x % 10 == 0 else 4 if x % 5 == 0 else 2
        canvas.line(x * mm, height * mm, x * mm, (height - tick) * mm)
        canvas.line(x * mm, 0, x * mm, tick * mm)
        if x % 10 == 0 and 10 < x < width - 10:
            canvas.drawCentredString(x * mm, (height - 8.5) * mm, str(x))
            canvas.drawCentredString(x * mm, 7.5 * mm, str(x))
    for y in range(1, int(height)):
        tick = 6 if y % 10 == 0 else 4 if y % 5 == 0 else 2
        canvas.line(0, _flip(height, y), tick * mm, _flip(height, y))
        canvas.line(width * mm, _flip(height, y), (width - tick) * mm, _flip(height, y))
        if y % 10 == 0 and 10 < y < height - 10:
            canvas.drawString(7 * mm, _flip(height, y) - 1.7, str(y))
            canvas.drawRightString((width - 7) * mm, _flip(height, y) - 1.7, str(y))


def _crosshair(
    canvas: Canvas, x: float, y: float, mark: str, at: Crosshair, font: str, left: bool
) -> None:
    canvas.setLineWidth(0.25)
    arm = 6 * mm
    canvas.line(x - arm, y, x + arm, y)
    canvas.line(x, y - arm, x, y + arm)
    canvas.circle(x, y, 2 * mm)
    canvas.setFont(font, 8)
    label = f"{mark}（{at.x:g}, {at.y:g}）"
    if left:
        canvas.drawRightString(x - 2.5 * mm, y + 2.5 * mm, label)
    else:
        canvas.drawString(x + 2.5 * mm, y + 2.5 * mm, label)


def template_fields(template: CertificateTemplate) -> tuple[FieldBox, ...]:
    """Where the certificate template puts each value, as stock field boxes (a starting layout).

    A stock printed with the template's own frame and labels then needs only small moves.
    """
    table = template.table
    boxes: dict[str, FieldBox] = {}
    text_height = round(table.size * MM_PER_PT, 2)
    for i, (_, value) in enumerate(table.rows):
        keys = [_FIELD_OF_PLACEHOLDER.get(k, k) for k in _PLACEHOLDER.findall(value)]
        key = next((k for k in keys if k in FIELD_LABELS), None)
        if key is None or key in boxes:
            continue
        baseline = (
            table.top
            - (i + 1) * table.row_height
            + (table.row_height - table.size * 0.75 * MM_PER_PT) / 2
        )
        boxes[key] = FieldBox(
            key,
            round(table.x + table.label_width + 3, 2),
            round(_TEMPLATE_HEIGHT - baseline - text_height, 2),
            round(table.value_width - 6, 2),
            text_height,
            table.size,
        )
    for key, box in (("photo", template.photo), ("qr", template.qr)):
        if box.width > 0 and box.height > 0:
            boxes[key] = FieldBox(
                key, box.x, round(_TEMPLATE_HEIGHT - box.y - box.height, 2), box.width, box.height
            )
    return tuple(boxes[k] for k in FIELD_LABELS if k in boxes)


def check_scan(image: bytes) -> tuple[int, int]:
    """Width and height in pixels of a scan of the blank stock (PNG or JPEG).

    Raises:
        ValidationError: Too large, not a PNG or JPEG, or unreadable.
    """
    if not image:
        raise ValidationError("扫描图文件是空的，请重新扫描空白证书纸", field="扫描图")
    if len(image) > MAX_SCAN_BYTES:
        raise ValidationError(
            f"扫描图有 {len(image) / 1048576:.1f} MB，超过上限 20 MB；请用 150 dpi 左右重新扫描",
            field="扫描图",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(image)) as picture:
                kind, size = picture.format, picture.size
                if size[0] * size[1] > MAX_SCAN_PIXELS:
                    raise Image.DecompressionBombError
                picture.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError("扫描图像素过多，请用 150 dpi 左右重新扫描", field="扫描图") from None
    except Exception as exc:  # PIL raises many types for a broken file; all mean "unreadable"
        raise ValidationError(
            f"扫描图无法读取（{type(exc).__name__}），请保存为 PNG 或 JPEG 后再选", field="扫描图"
        ) from None
    if kind not in ("PNG", "JPEG"):
        raise ValidationError(f"扫描图是 {kind} 格式，请保存为 PNG 或 JPEG", field="扫描图")
    return size


class StockToolkit:
    """Implements `services.ports.stock.StockTools`."""

    def default_fields(self, template: CertificateTemplate) -> tuple[FieldBox, ...]:
        """Field boxes where the certificate template puts each value."""
        return template_fields(template)

    def render_plan(
        self, plan: StockPlan, photo: bytes | None, qr_payload: str, *, title: str = ""
    ) -> bytes:
        """The data-only sheet as a one-page PDF."""
        return render_plan(plan, photo, qr_payload, title=title)

    def render_calibration(self, width: float, height: float, printer: str, day: str) -> bytes:
        """A calibration page as a one-page PDF."""
        return render_calibration(width, height, printer, day)

    def qr_modules(self, payload: str) -> tuple[str, ...]:
        """The QR code's modules, one string per row, "1" dark."""
        return _rows(qr_matrix(payload))

    def check_scan(self, image: bytes) -> tuple[int, int]:
        """Width and height of a scan of the blank stock."""
        return check_scan(image)

    def require_glyphs(self, text: str, field: str) -> None:
        """Refuse a value with a character no shipped font can draw."""
        fonts.require_glyphs(text, field, "套打证书")


def _rows(matrix: Sequence[Sequence[bool]]) -> tuple[str, ...]:
    return tuple("".join("1" if dark else "0" for dark in row) for row in matrix)
