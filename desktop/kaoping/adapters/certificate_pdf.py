"""The certificate PDF (专业技术等级证书): A4 landscape, drawn with reportlab from an editable template.

Wording and positions come from `resources/templates/certificate.json` so an operator can adjust them;
that is why the compliance check runs on the finished PDF rather than on this code. The frame is drawn
with plain vector lines and the QR code as vector rectangles, so print output stays sharp.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import itertools
import math
import zlib
from collections.abc import Callable, Mapping
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from kaoping.adapters import pdf_flate
from kaoping.adapters.certificate_qr import checked_module, draw_qr
from kaoping.adapters.certificate_template import (
    BodyBlock,
    Box,
    CertificateTemplate,
    IssuerBlock,
    TextBlock,
    default_template_path,
    fill_placeholders,
    load_template,
)
from kaoping.adapters.fonts import (
    VALUE_FONT_NAME,
    draw_runs,
    ensure_fonts,
    font_markup,
    require_glyphs,
    runs_width,
)
from kaoping.adapters.own_pdfs import remember_rendered
from kaoping.domain.certificates import CertificateContent, format_chinese_date
from kaoping.domain.errors import ValidationError

__all__ = [
    "CertificateTemplate",
    "default_template_path",
    "load_template",
    "render_certificate",
]

PRODUCER = "Kaoping"


def _values(content: CertificateContent, template: CertificateTemplate) -> dict[str, str]:
    values = {
        "name": content.name,
        "id_type": content.id_type,
        "id_number": content.id_number_display,
        "occupation": content.occupation,
        "direction": content.direction,
        "level": content.level.label,
        "number": content.number,
        "issue_date": format_chinese_date(content.issue_date),
        "body_name": content.body_name,
        "body_code": content.body_code,
        "direction_clause": "",
    }
    if content.direction:
        values["direction_clause"] = fill_placeholders(
            template.body.direction_clause, values, "body.direction_clause"
        )
    return values


def render_certificate(
    content: CertificateContent,
    template: CertificateTemplate,
    seal_png: bytes | None,
    *,
    invariant: bool = False,
) -> bytes:
    """Draw one certificate and return the PDF bytes (unsigned).

    Args:
        content: What to print.
        template: Wording and layout, from `load_template`.
        seal_png: The body's registered seal image (PNG with transparency), or None.
        invariant: Produce byte-identical output for identical input (fixed timestamps and IDs).

    Raises:
        ValidationError: The photo or seal image cannot be read, the template uses an unknown
            placeholder, or a value has a character no shipped font can draw.
    """
    font = ensure_fonts()
    for field, text in _printed_values(content):
        require_glyphs(text, field, "证书")
    module = checked_module(content.qr_payload, template.qr.width)
    values = _values(content, template)
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=landscape(A4), invariant=int(invariant), lang="zh-CN", initialFontName=font
    )
    _set_metadata(canvas, template, values)
    colors = {k: HexColor(v) for k, v in template.colors.items()}
    # The ornamental frame and the QR code are hundreds of path operators and no text; as form
    # XObjects they stay out of the page's text, which the compliance check reads operator by
    # operator (it skips forms that show no text).
    _place_frame(canvas, colors["frame"], colors["accent"])
    _draw_title(canvas, template.title, font, colors["frame"], colors["accent"])
    _draw_body(canvas, template.body, values, font, colors["text"], colors["value"])
    _draw_table(canvas, template, values, font, colors)
    _draw_photo(canvas, template.photo, content.photo, font, colors["accent"])
    _draw_issuer(canvas, template.issuer, values, font, colors["text"])
    if seal_png:
        _draw_seal(canvas, seal_png, template.seal)
    _in_form(
        canvas,
        "KaopingQR",
        lambda: draw_qr(
            canvas,
            content.qr_payload,
            template.qr.x * mm,
            template.qr.y * mm,
            template.qr.width * mm,
        ),
    )
    if template.qr.label:
        # Below the quiet zone: text inside it would spoil the code's reading.
        canvas.setFont(font, template.qr.label_size)
        canvas.setFillColor(colors["text"])
        canvas.drawCentredString(
            (template.qr.x + template.qr.width / 2) * mm,
            (template.qr.y - 4 * module) * mm - template.qr.label_size,
            template.qr.label,
        )
    canvas.showPage()
    with pdf_flate.quick():
        canvas.save()
    pdf = buffer.getvalue()
    remember_rendered(pdf)  # lets the compliance check read these exact bytes the fast way
    return pdf


def _printed_values(content: CertificateContent) -> tuple[tuple[str, str], ...]:
    """The filled-in values that come from records, each with its Chinese label."""
    return (
        ("姓名", content.name),
        ("证件号码", content.id_number_display),
        ("职业", content.occupation),
        ("职业方向", content.direction),
        ("评价机构", content.body_name),
    )


def _set_metadata(canvas: Canvas, template: CertificateTemplate, values: Mapping[str, str]) -> None:
    meta = {k: fill_placeholders(v, values, f"metadata.{k}") for k, v in template.metadata.items()}
    canvas.setTitle(meta.get("title", ""))
    canvas.setAuthor(meta.get("author", ""))
    canvas.setSubject(meta.get("subject", ""))
    canvas.setKeywords("")
    canvas.setCreator(PRODUCER)
    canvas.setProducer(PRODUCER)


# The frame's compressed drawing, by its colours: the same on every certificate of a template,
# and drawing and compressing it again took a tenth of a certificate's rendering time.
_FRAMES: dict[tuple[str, str], bytes] = {}
_FRAME = "KaopingFrame"


def _place_frame(canvas: Canvas, frame: Color, accent: Color) -> None:
    """The ornamental frame as a form XObject, drawn and compressed once per pair of colours."""
    key = (frame.hexval(), accent.hexval())
    compressed = _FRAMES.get(key)
    if compressed is None:
        _in_form(canvas, _FRAME, lambda: _draw_frame(canvas, frame, accent))
        drawn = canvas._doc.idToObject[canvas._doc.getXObjectName(_FRAME)]
        _FRAMES[key] = zlib.compress(drawn.stream)
        return
    width, height = landscape(A4)
    form = pdfdoc.PDFFormXObject(lowerx=0, lowery=0, upperx=width, uppery=height)
    stream = pdfdoc.PDFStream(content=compressed)
    # A /Filter already in the dictionary tells reportlab the content is compressed.
    stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    form.Contents = stream
    canvas._doc.addForm(_FRAME, form)
    canvas.doForm(_FRAME)


def _in_form(canvas: Canvas, name: str, draw: Callable[[], None]) -> None:
    """Draw into a form XObject of this document and place it on the page as drawn."""
    canvas.beginForm(name)
    draw()
    canvas.endForm()
    canvas.doForm(name)


def _draw_frame(canvas: Canvas, frame: Color, accent: Color) -> None:
    width, height = landscape(A4)
    canvas.saveState()
    canvas.setStrokeColor(frame)
    canvas.setLineWidth(2.4)
    canvas.rect(7 * mm, 7 * mm, width - 14 * mm, height - 14 * mm)
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(0.5)
    _draw_rope(canvas, 10 * mm, width, height)
    canvas.setLineWidth(0.9)
    canvas.rect(13 * mm, 13 * mm, width - 26 * mm, height - 26 * mm)
    canvas.setStrokeColor(frame)
    canvas.setLineWidth(0.4)
    canvas.rect(14.3 * mm, 14.3 * mm, width - 28.6 * mm, height - 28.6 * mm)
    for corner_x, corner_y, sx, sy in (
        (14.3, 14.3, 1, 1),
        (297 - 14.3, 14.3, -1, 1),
        (14.3, 210 - 14.3, 1, -1),
        (297 - 14.3, 210 - 14.3, -1, -1),
    ):
        _draw_corner(canvas, corner_x * mm, corner_y * mm, sx, sy, frame, accent)
    canvas.restoreState()


def _draw_rope(canvas: Canvas, inset: float, width: float, height: float) -> None:
    """Two interlaced waves around the page between the outer and inner rules."""
    canvas.addLiteral(_rope_operators(inset, width, height))


@functools.lru_cache(maxsize=4)
def _rope_operators(inset: float, width: float, height: float) -> str:
    # Several hundred curve segments that never change: format them once per process, not per
    # certificate (number formatting was a visible share of rendering time).
    amplitude, half_period = 1.4 * mm * 1.33, 3 * mm
    corners = (
        (inset, inset),
        (width - inset, inset),
        (width - inset, height - inset),
        (inset, height - inset),
        (inset, inset),
    )
    ops: list[str] = []
    for phase in (1, -1):
        for (x0, y0), (x1, y1) in itertools.pairwise(corners):
            length = math.hypot(x1 - x0, y1 - y0)
            steps = max(2, round(length / half_period))
            ux, uy = (x1 - x0) / length, (y1 - y0) / length
            step = length / steps
            ops.append(f"{x0:.1f} {y0:.1f} m")
            for i in range(steps):
                sign = phase if i % 2 == 0 else -phase
                ax, ay = x0 + ux * step * i, y0 + uy * step * i
                ox, oy = -uy * amplitude * sign, ux * amplitude * sign
                ops.append(
                    f"{ax + ux * step / 3 + ox:.1f} {ay + uy * step / 3 + oy:.1f} "
                    f"{ax + ux * step * 2 / 3 + ox:.1f} {ay + uy * step * 2 / 3 + oy:.1f} "
                    f"{ax + ux * step:.1f} {ay + uy * step:.1f} c"
                )
    ops.append("S")
    return "\n".join(ops)


def _draw_corner(
    canvas: Canvas, x: float, y: float, sx: int, sy: int, frame: Color, accent: Color
) -> None:
    """A corner ornament: nested brackets, a quarter arc and a small lozenge, all vector lines."""
    canvas.setStrokeColor(frame)
    canvas.setLineWidth(1.1)
    for offset, arm in ((3 * mm, 22 * mm), (5 * mm, 14 * mm)):
        path = canvas.beginPath()
        path.moveTo(x + sx * offset, y + sy * (offset + arm))
        path.lineTo(x + sx * offset, y + sy * offset)
        path.lineTo(x + sx * (offset + arm), y + sy * offset)
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(0.7)
    radius = 9 * mm
    start = {(1, 1): 0, (-1, 1): 90, (-1, -1): 180, (1, -1): 270}[(sx, sy)]
    canvas.arc(x - radius, y - radius, x + radius, y + radius, startAng=start, extent=90)
    cx, cy, r = x + sx * 8 * mm, y + sy * 8 * mm, 1.8 * mm
    path = canvas.beginPath()
    path.moveTo(cx, cy + r)
    path.lineTo(cx + r, cy)
    path.lineTo(cx, cy - r)
    path.lineTo(cx - r, cy)
    path.close()
    canvas.setFillColor(accent)
    canvas.drawPath(path, stroke=0, fill=1)


def _spaced_width(text: str, font: str, size: float, char_space: float) -> float:
    return float(stringWidth(text, font, size)) + char_space * max(len(text) - 1, 0)


def _draw_title(canvas: Canvas, block: TextBlock, font: str, color: Color, accent: Color) -> None:
    width = _spaced_width(block.text, font, block.size, block.char_space)
    x, y = block.x * mm - width / 2, block.y * mm
    # Character spacing is part of the PDF graphics state and would leak into later text.
    canvas.saveState()
    canvas.setFillColor(color)
    text = canvas.beginText(x, y)
    text.setFont(font, block.size)
    text.setCharSpace(block.char_space)
    text.textOut(block.text)
    canvas.drawText(text)
    canvas.restoreState()
    # A rule with a centre lozenge under the title.
    rule_y = y - 6 * mm
    half = width / 2 + 10 * mm
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(0.8)
    canvas.line(block.x * mm - half, rule_y, block.x * mm - 3 * mm, rule_y)
    canvas.line(block.x * mm + 3 * mm, rule_y, block.x * mm + half, rule_y)
    path = canvas.beginPath()
    cx, r = block.x * mm, 1.6 * mm
    path.moveTo(cx, rule_y + r)
    path.lineTo(cx + r, rule_y)
    path.lineTo(cx, rule_y - r)
    path.lineTo(cx - r, rule_y)
    path.close()
    canvas.setFillColor(accent)
    canvas.drawPath(path, stroke=0, fill=1)


@functools.lru_cache(maxsize=8)
def _style(font: str, size: float, leading: float, color: str) -> ParagraphStyle:
    return ParagraphStyle(
        "certificate-body",
        fontName=font,
        fontSize=size,
        leading=leading,
        textColor=HexColor(color),
        wordWrap="CJK",
        firstLineIndent=2 * size,
    )


def _draw_body(
    canvas: Canvas,
    block: BodyBlock,
    values: Mapping[str, str],
    font: str,
    color: Color,
    value_color: Color,
) -> None:
    # Filled-in values are escaped (a name may contain "&") and shown in the value colour. The
    # value font is the same face under another name: the font switch makes each value, the
    # holder's name above all, a text run of its own for the compliance check. A character the
    # value face lacks is a nested span in a fallback face, a run of its own inside the value.
    marked = {
        key: (
            f'<font name="{VALUE_FONT_NAME}" color="{value_color.hexval()}">'
            f"{font_markup(value, VALUE_FONT_NAME)}</font>"
            if value
            else ""
        )
        for key, value in values.items()
    }
    marked["direction_clause"] = (
        fill_placeholders(escape(block.direction_clause), marked, "body.direction_clause")
        if values["direction"]
        else ""
    )
    markup = fill_placeholders(escape(block.text), marked, "body")
    paragraph = Paragraph(markup, _style(font, block.size, block.leading, color.hexval()))
    _, height = paragraph.wrapOn(canvas, block.width * mm, 60 * mm)
    paragraph.drawOn(canvas, block.x * mm, block.y * mm - height)


def _fitted_size(text: str, font: str, size: float, width: float) -> float:
    actual = runs_width(text, font, size)
    return size if actual <= width else size * width / actual


def _draw_table(
    canvas: Canvas,
    template: CertificateTemplate,
    values: Mapping[str, str],
    font: str,
    colors: Mapping[str, Color],
) -> None:
    table = template.table
    x, top, row_h = table.x * mm, table.top * mm, table.row_height * mm
    label_w, value_w = table.label_width * mm, table.value_width * mm
    canvas.saveState()
    canvas.setStrokeColor(colors["accent"])
    canvas.setLineWidth(0.5)
    rows = len(table.rows)
    canvas.rect(x, top - rows * row_h, label_w + value_w, rows * row_h)
    canvas.line(x + label_w, top, x + label_w, top - rows * row_h)
    for i, (label, value_text) in enumerate(table.rows):
        baseline = top - (i + 1) * row_h + (row_h - table.size * 0.75) / 2
        if i:
            canvas.line(x, top - i * row_h, x + label_w + value_w, top - i * row_h)
        canvas.setFillColor(colors["text"])
        draw_runs(canvas, x + label_w / 2, baseline, label, font, table.size, "centre")
        value = (
            fill_placeholders(value_text, values, f"table 第{i + 1}行").strip()
            or template.empty_value
        )
        size = _fitted_size(value, font, table.size, value_w - 6 * mm)
        canvas.setFillColor(colors["value"])
        draw_runs(canvas, x + label_w + 3 * mm, baseline, value, font, size)
    canvas.restoreState()


def _draw_photo(canvas: Canvas, box: Box, photo: bytes | None, font: str, accent: Color) -> None:
    if box.width <= 0 or box.height <= 0:
        return  # the template has no photo box
    canvas.saveState()
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(0.6)
    canvas.rect(box.x * mm, box.y * mm, box.width * mm, box.height * mm)
    jpeg = _jpeg_xobject(photo) if photo else None
    if jpeg is not None:
        _place(canvas, jpeg, box, 0.6)
    elif photo:
        _draw_image(canvas, _image_reader(photo, "照片"), box, "照片", margin=0.6)
    elif box.label:
        canvas.setFillColor(accent)
        canvas.setFont(font, box.label_size)
        canvas.drawCentredString(
            (box.x + box.width / 2) * mm, (box.y + box.height / 2) * mm, box.label
        )
    canvas.restoreState()


def _draw_issuer(
    canvas: Canvas, block: IssuerBlock, values: Mapping[str, str], font: str, color: Color
) -> None:
    canvas.setFillColor(color)
    for i, line in enumerate(block.lines):
        text = fill_placeholders(line, values, "issuer")
        size = _fitted_size(text, font, block.size, block.max_width * mm)
        y = (block.y - i * block.leading) * mm
        draw_runs(canvas, block.x * mm, y, text, font, size, "centre")


def _image_reader(data: bytes, what: str) -> ImageReader:
    try:
        reader = ImageReader(io.BytesIO(data))
        reader.getSize()
    except Exception as exc:  # PIL raises many types for bad images; all mean "unreadable"
        raise ValidationError(
            f"{what}图片无法读取（{type(exc).__name__}），请换一张 JPEG 或 PNG 图片", field=what
        ) from None
    return reader


@functools.lru_cache(maxsize=4)
def _seal_xobject(seal_png: bytes) -> pdfdoc.PDFImageXObject:
    reader = _image_reader(seal_png, "印章")
    name = "KaopingSeal" + hashlib.sha256(seal_png).hexdigest()[:24]
    return pdfdoc.PDFImageXObject(name, reader, mask="auto")


def _draw_seal(canvas: Canvas, seal_png: bytes, box: Box) -> None:
    """Place the seal image, reusing its compressed streams across documents.

    `Canvas.drawImage` decodes and recompresses a PNG with transparency for every document, which
    took about a third of a certificate's rendering time. The seal is the same for a whole batch,
    so its image object is built once and a copy is registered in each document the same way
    `drawImage` registers a new image.
    """
    canvas.saveState()
    # Multiply lets the printed name and date show through the ink, as with a real stamp.
    canvas.setBlendMode("Multiply")
    _place(canvas, copy.copy(_seal_xobject(seal_png)), box, 0.0)
    canvas.restoreState()


def _place(canvas: Canvas, image: pdfdoc.PDFImageXObject, box: Box, margin: float) -> None:
    """Register an image object in the document (once) and draw it fitted and centred in the box.

    What `drawImage` does, without decoding the picture to name it: that decoding and hashing
    cost more than the rest of the photo's handling.
    """
    doc = canvas._doc
    name = doc.getXObjectName(image.name)
    if name not in doc.idToObject:
        canvas._setXObjects(image)
        doc.Reference(image, name)
        doc.addForm(image.name, image)
        smask = getattr(image, "_smask", None)
        if smask is not None:
            soft = copy.copy(smask)
            canvas._setXObjects(soft)
            image.smask = doc.Reference(soft, doc.getXObjectName(soft.name))
            del image._smask
    room_w, room_h = (box.width - 2 * margin) * mm, (box.height - 2 * margin) * mm
    scale = min(room_w / image.width, room_h / image.height)
    width, height = image.width * scale, image.height * scale
    canvas.saveState()
    canvas.translate(
        (box.x + margin) * mm + (room_w - width) / 2, (box.y + margin) * mm + (room_h - height) / 2
    )
    canvas.scale(width, height)
    canvas._code.append(f"/{name} Do")
    canvas.restoreState()
    canvas._formsinuse.append(image.name)


_PHOTO = "KaopingPhoto"
"""The photo's resource name. A certificate has one photo, so the name never varies; a page
that differs only in its holder's photo then reads the same to the compliance check, which
reuses what it learned of that page's layout instead of working it out for every holder."""


def _jpeg_xobject(data: bytes) -> pdfdoc.PDFImageXObject | None:
    """A JPEG file as an image object of its very bytes (nothing decoded); None if not a JPEG."""
    image = pdfdoc.PDFImageXObject(_PHOTO)
    try:
        loaded = image.loadImageFromJPEG(io.BytesIO(data))
    except Exception:  # reportlab's JPEG header reader raises many kinds on garbage
        loaded = False
    return image if loaded else None


def _draw_image(
    canvas: Canvas, reader: ImageReader, box: Box, what: str, margin: float = 0.0
) -> None:
    try:
        canvas.drawImage(
            reader,
            (box.x + margin) * mm,
            (box.y + margin) * mm,
            (box.width - 2 * margin) * mm,
            (box.height - 2 * margin) * mm,
            mask="auto",
            preserveAspectRatio=True,
            anchor="c",
        )
    except Exception as exc:  # reportlab wraps PIL decoding errors in various types
        raise ValidationError(
            f"{what}图片无法嵌入（{type(exc).__name__}），请换一张 JPEG 或 PNG 图片", field=what
        ) from None
