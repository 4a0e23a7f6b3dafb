"""The inspection dossier (考务档案) as an A4 PDF: a facts table, then one table per section.

Records hold people's names: a character the main face lacks is drawn in a fallback face, and one
that no shipped font has stops the dossier before anything is drawn.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from kaoping.adapters.fonts import (
    CJK_FONT_NAME,
    PrintedValue,
    draw_runs,
    ensure_fonts,
    font_markup,
    require_all_glyphs,
)
from kaoping.services.ports.dossier import DossierDocument, DossierSection

_PAGE = landscape(A4)
_MARGIN = 12 * mm
_GRID = colors.HexColor("#9aa0a6")
_HEAD = colors.HexColor("#e8eaed")
DOCUMENT = "考务档案"


class DossierPdf:
    """Implements `services.ports.dossier.DossierRenderer` with reportlab."""

    def render(self, document: DossierDocument) -> bytes:
        """The dossier as PDF bytes (CJK font embedded as a subset).

        Raises:
            ValidationError: A value has a character no shipped font can draw; the message names
                the section, row and column, the character and its code point.
        """
        font = ensure_fonts()
        require_all_glyphs(_printed_values(document), DOCUMENT)
        styles = _Styles(font)
        buffer = io.BytesIO()
        pdf = SimpleDocTemplate(
            buffer,
            pagesize=_PAGE,
            leftMargin=_MARGIN,
            rightMargin=_MARGIN,
            topMargin=_MARGIN,
            bottomMargin=_MARGIN,
            title=document.title,
            author="考评 Kaoping",
        )
        story: list[Flowable] = [
            Paragraph(_markup(document.title), styles.title),
            _facts(document, styles),
            Spacer(1, 4 * mm),
        ]
        for section in document.sections:
            story.append(
                Paragraph(_markup(f"{section.title}（{len(section.rows)} 条）"), styles.heading)
            )
            story.append(
                _table(section, styles) if section.rows else Paragraph("（无记录）", styles.cell)
            )
            story.append(Spacer(1, 3 * mm))

        def footer(canvas: Canvas, _doc: object) -> None:
            draw_runs(canvas, _MARGIN, 6 * mm, document.footer, font, 7)
            canvas.drawRightString(_PAGE[0] - _MARGIN, 6 * mm, f"第 {canvas.getPageNumber()} 页")

        pdf.build(story, onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue()


def _printed_values(document: DossierDocument) -> Iterator[PrintedValue]:
    """Every text the dossier prints, with where it stands (考生名单第 2 行, 姓名)."""
    yield "", "档案标题", document.title
    for label, value in document.facts:
        yield "", label, label
        yield "", label, value
    for section in document.sections:
        yield "", section.title, section.title
        yield from (("", section.title, column) for column in section.columns)
        for n, row in enumerate(section.rows, 1):
            for c, cell in enumerate(row):
                column = section.columns[c] if c < len(section.columns) else f"第 {c + 1} 列"
                yield f"{section.title}第 {n} 行", column, cell
    yield "", "页脚", document.footer


def _markup(text: str) -> str:
    return font_markup(text, CJK_FONT_NAME)


class _Styles:
    def __init__(self, font: str) -> None:
        self.title = ParagraphStyle(
            "title", fontName=font, fontSize=16, leading=22, spaceAfter=4 * mm
        )
        self.heading = ParagraphStyle(
            "heading",
            fontName=font,
            fontSize=11,
            leading=15,
            spaceBefore=2 * mm,
            spaceAfter=1.5 * mm,
        )
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=7, leading=9, wordWrap="CJK")
        self.head = ParagraphStyle("head", parent=self.cell, textColor=colors.black)


def _facts(document: DossierDocument, styles: _Styles) -> Table:
    rows = [
        [Paragraph(_markup(k), styles.cell), Paragraph(_markup(v), styles.cell)]
        for k, v in document.facts
    ]
    table = Table(rows, colWidths=[35 * mm, 120 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
                ("BACKGROUND", (0, 0), (0, -1), _HEAD),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _table(section: DossierSection, styles: _Styles) -> LongTable:
    width = (_PAGE[0] - 2 * _MARGIN) / len(section.columns)
    header = [Paragraph(_markup(c), styles.head) for c in section.columns]
    body = [[Paragraph(_markup(cell), styles.cell) for cell in row] for row in section.rows]
    table = LongTable(
        [header, *body], colWidths=[width] * len(section.columns), repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.3, _GRID),
                ("BACKGROUND", (0, 0), (-1, 0), _HEAD),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table
