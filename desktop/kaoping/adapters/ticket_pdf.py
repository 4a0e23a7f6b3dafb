"""Admission tickets (准考证): two per A4 page, with photo, seat, time, room rules and a QR code.

The QR code is drawn as vector rectangles (the certificate's `draw_qr`), so a scanner reads it from
a plain office printout; a dashed line between the two tickets marks where to cut.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from kaoping.adapters.certificate_qr import draw_qr
from kaoping.adapters.fonts import draw_runs, ensure_fonts, font_markup, require_glyphs, runs_width
from kaoping.services.ports.exams import TicketSheet

__all__ = ["render_tickets"]

PAGE_W, PAGE_H = A4
MARGIN = 10 * mm
TICKET_H = (PAGE_H - 3 * MARGIN) / 2
TICKET_W = PAGE_W - 2 * MARGIN
FRAME = HexColor("#1F3A5F")
MUTED = HexColor("#5A6675")
PHOTO_W, PHOTO_H = 30 * mm, 40 * mm  # the common 1-inch-ratio photo box
QR_SIZE = 30 * mm
ROW_H = 7.6 * mm


def render_tickets(sheets: Sequence[TicketSheet]) -> bytes:
    """Draw every ticket, two per page, and return the PDF bytes.

    Raises:
        ValidationError: A name or other value has a character no shipped font can draw; nothing
            is drawn.
    """
    font = ensure_fonts()
    for sheet in sheets:
        for label, value in _printed_values(sheet):
            require_glyphs(value, label, "准考证")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, lang="zh-CN", initialFontName=font)
    canvas.setTitle("准考证")
    canvas.setSubject(sheets[0].batch_name if sheets else "")
    canvas.setCreator("Kaoping")
    for index, sheet in enumerate(sheets):
        slot = index % 2
        if index and slot == 0:
            canvas.showPage()
        top = PAGE_H - MARGIN - slot * (TICKET_H + MARGIN)
        _draw_ticket(canvas, font, sheet, MARGIN, top)
        if slot == 0 and index + 1 < len(sheets):
            _cut_line(canvas, top - TICKET_H - MARGIN / 2)
    canvas.save()
    return buffer.getvalue()


def _printed_values(sheet: TicketSheet) -> tuple[tuple[str, str], ...]:
    """The values that come from records, each with its Chinese label."""
    return (
        ("姓名", sheet.name),
        ("评价机构", sheet.body_name),
        ("批次", sheet.batch_name),
        ("职业", sheet.occupation),
        ("职业方向", sheet.direction),
        ("考核科目", sheet.component),
        ("考点", sheet.site),
        ("考场", sheet.room),
    )


def _cut_line(canvas: Canvas, y: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(MUTED)
    canvas.setDash(3, 3)
    canvas.line(MARGIN / 2, y, PAGE_W - MARGIN / 2, y)
    canvas.restoreState()


def _draw_ticket(canvas: Canvas, font: str, sheet: TicketSheet, x: float, top: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(FRAME)
    canvas.setLineWidth(1.2)
    canvas.rect(x, top - TICKET_H, TICKET_W, TICKET_H)
    _draw_heading(canvas, font, sheet, x, top)
    table_top = top - 27 * mm
    _draw_fields(canvas, font, sheet, x + 6 * mm, table_top)
    right = x + TICKET_W - 6 * mm
    _draw_photo(canvas, font, sheet.photo, right - PHOTO_W, table_top - PHOTO_H)
    qr_y = table_top - PHOTO_H - 7 * mm - QR_SIZE
    draw_qr(canvas, sheet.qr_payload, right - QR_SIZE, qr_y, QR_SIZE)
    canvas.setFont(font, 7)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(right - QR_SIZE / 2, qr_y - 3.5 * mm, "签到时出示此二维码")
    _draw_rules(canvas, font, sheet.rules, x + 6 * mm, top - TICKET_H + 4 * mm)
    canvas.restoreState()


def _draw_heading(canvas: Canvas, font: str, sheet: TicketSheet, x: float, top: float) -> None:
    centre = x + TICKET_W / 2
    canvas.setFillColor(FRAME)
    draw_runs(canvas, centre, top - 8 * mm, sheet.body_name, font, 10, "centre")
    canvas.setFont(font, 20)
    canvas.drawCentredString(centre, top - 16 * mm, "准 考 证")
    canvas.setFillColor(MUTED)
    direction = f"（{sheet.direction}）" if sheet.direction else ""
    line = f"{sheet.batch_name}　{sheet.occupation}{direction}　{sheet.level}"
    draw_runs(canvas, centre, top - 21.5 * mm, line, font, 9, "centre")


def _field_rows(sheet: TicketSheet) -> list[tuple[str, str]]:
    return [
        ("姓　　名", sheet.name),
        ("证件号码", f"{sheet.id_masked}（{sheet.id_type}）" if sheet.id_type else sheet.id_masked),
        ("准考证号", sheet.ticket_no),
        ("考核科目", sheet.component),
        ("考核日期", sheet.date_text),
        ("考核时间", sheet.time_text),
        ("考　　点", sheet.site),
        ("考　　场", f"第 {sheet.room_index} 考场　{sheet.room}"),
    ]


def _draw_fields(canvas: Canvas, font: str, sheet: TicketSheet, x: float, top: float) -> None:
    label_w, value_w = 24 * mm, 110 * mm
    rows = _field_rows(sheet)
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(FRAME)
    for n, (label, value) in enumerate(rows):
        y = top - (n + 1) * ROW_H
        canvas.setFillColor(HexColor("#EEF2F7"))
        canvas.rect(x, y, label_w, ROW_H, stroke=1, fill=1)
        canvas.setFillColor(white)
        canvas.rect(x + label_w, y, value_w, ROW_H, stroke=1, fill=1)
        canvas.setFillColor(MUTED)
        canvas.setFont(font, 9)
        canvas.drawString(x + 2.5 * mm, y + 2.4 * mm, label)
        canvas.setFillColor(black)
        fitted = _fit(value, font, 10, value_w)
        draw_runs(canvas, x + label_w + 2.5 * mm, y + 2.3 * mm, fitted, font, 11 if n == 2 else 10)
    seat_y = top - len(rows) * ROW_H - 13 * mm
    canvas.setFillColor(FRAME)
    canvas.setFont(font, 10)
    canvas.drawString(x, seat_y + 3 * mm, "座位号")
    canvas.setFont(font, 26)
    canvas.drawString(x + 14 * mm, seat_y, f"{sheet.seat_no:03d}")


def _fit(text: str, font: str, size: float, width: float) -> str:
    if runs_width(text, font, size) <= width - 5 * mm:
        return text
    while text and runs_width(text + "…", font, size) > width - 5 * mm:
        text = text[:-1]
    return text + "…"


def _draw_photo(canvas: Canvas, font: str, photo: bytes | None, x: float, y: float) -> None:
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.6)
    canvas.rect(x, y, PHOTO_W, PHOTO_H)
    if photo:
        try:
            canvas.drawImage(
                ImageReader(io.BytesIO(photo)),
                x + 0.5,
                y + 0.5,
                PHOTO_W - 1,
                PHOTO_H - 1,
                preserveAspectRatio=True,
                anchor="c",
            )
            return
        except (OSError, ValueError):
            pass  # an unreadable stored photo prints as an empty box to glue a photo in
    canvas.setFillColor(MUTED)
    canvas.setFont(font, 9)
    canvas.drawCentredString(x + PHOTO_W / 2, y + PHOTO_H / 2, "粘贴照片处")


def _draw_rules(canvas: Canvas, font: str, rules: Sequence[str], x: float, bottom: float) -> None:
    style = ParagraphStyle(
        "rules", fontName=font, fontSize=7.5, leading=10.5, wordWrap="CJK", textColor=MUTED
    )
    # Rules come from settings an administrator edits, so they are escaped, not taken as markup.
    text = "【考场规则】" + "　".join(
        f"{n}. {font_markup(rule, font)}" for n, rule in enumerate(rules, 1)
    )
    paragraph = Paragraph(text, style)
    paragraph.wrap(TICKET_W - 12 * mm - QR_SIZE - 8 * mm, 40 * mm)
    paragraph.drawOn(canvas, x, bottom)
