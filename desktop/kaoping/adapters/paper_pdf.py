"""An opened paper (试卷) or its answer key (参考答案), as an A4 PDF with a watermark on every page.

The watermark names the session, the printing user and the time. It is drawn twice on each page:
large, light and diagonal across the body so a photographed page still shows who printed it, and
as a plain line in the header so it survives cropping and can be read back from the PDF text.
The document is built in memory and returned as bytes; nothing is written to disk here.
Every character is drawn (a rare one in a fallback face); an item or heading with a character no
shipped font has stops the print, naming the item and the character, never the item's text.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kaoping.adapters.fonts import (
    CJK_FONT_NAME,
    PrintedValue,
    draw_runs,
    ensure_fonts,
    font_markup,
    require_all_glyphs,
)
from kaoping.domain.items import ItemType, option_letter
from kaoping.services.ports.bank import OpenedPaper, PaperItem

__all__ = ["PaperPdf", "render_paper"]

PRODUCER = "Kaoping"
_MARGIN = 20 * mm
_WATERMARK_GREY = colors.Color(0.6, 0.6, 0.6, alpha=0.25)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontSize=16, leading=24, alignment=TA_CENTER, spaceAfter=4
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, alignment=TA_CENTER, textColor=colors.grey, spaceAfter=10
        ),
        "section": ParagraphStyle(
            "section", parent=base, fontSize=12, leading=20, spaceBefore=8, spaceAfter=4
        ),
        "stem": base,
        "option": ParagraphStyle("option", parent=base, leftIndent=8 * mm),
        "answer": ParagraphStyle(
            "answer", parent=base, leftIndent=8 * mm, textColor=colors.HexColor("#1F4E79")
        ),
    }


def _text(value: str) -> str:
    # Items are free text: a character the main face lacks is drawn in a fallback face.
    return font_markup(value, CJK_FONT_NAME).replace("\n", "<br/>")


def _item_flowables(
    item: PaperItem, styles: dict[str, ParagraphStyle], answer_key: bool
) -> list[Flowable]:
    content = item.content
    parts: list[Flowable] = [Paragraph(f"{item.number}. {_text(content.stem)}", styles["stem"])]
    if not answer_key:
        parts.extend(
            Paragraph(f"{option_letter(i)}. {_text(text)}", styles["option"])
            for i, text in enumerate(content.options)
        )
        if item.item_type is ItemType.TRUE_FALSE:
            parts.append(Paragraph("（　）对　　（　）错", styles["option"]))
        if content.attachments:
            names = "、".join(name for name, _ in content.attachments)
            parts.append(Paragraph(f"附件：{_text(names)}（另行提供）", styles["option"]))
        if item.item_type in (ItemType.SHORT_ANSWER, ItemType.PRACTICAL):
            parts.append(Spacer(1, 30 * mm))
    else:
        if content.answer:
            parts.append(Paragraph(f"参考答案：{_text(content.answer)}", styles["answer"]))
        if content.rubric:
            parts.append(Paragraph(f"评分要点：{_text(content.rubric)}", styles["answer"]))
    parts.append(Spacer(1, 3 * mm))
    return [KeepTogether(parts)]


def _body(
    paper: OpenedPaper, styles: dict[str, ParagraphStyle], answer_key: bool
) -> list[Flowable]:
    title = paper.title + ("（参考答案及评分要点）" if answer_key else "")
    story: list[Flowable] = [
        Paragraph(_text(title), styles["title"]),
        _facts_table(paper, styles),
    ]
    if not answer_key:
        story.append(_candidate_box(styles))
    story.append(Spacer(1, 4 * mm))
    for item_type in ItemType:
        group = [item for item in paper.items if item.item_type is item_type]
        if not group:
            continue
        story.append(Paragraph(f"{item_type.label}（{len(group)} 题）", styles["section"]))
        for item in group:
            story.extend(_item_flowables(item, styles, answer_key))
    return story


_TEXT_WIDTH = A4[0] - 2 * _MARGIN
_LINE = colors.HexColor("#555555")


def _facts_table(paper: OpenedPaper, styles: dict[str, ParagraphStyle]) -> Table:
    """试卷编号, 场次, 职业方向 and 题数 in labelled cells, so no field runs into the next."""
    cell = styles["stem"]
    facts = [
        ("试卷编号", paper.code),
        ("场次", paper.session_code),
        ("职业方向", paper.direction or "—"),
        ("题数", f"共 {len(paper.items)} 题"),
    ]
    row = [Paragraph(f"{label}：{_text(value)}", cell) for label, value in facts]
    table = Table([row[:2], row[2:]], colWidths=[_TEXT_WIDTH / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, _LINE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _candidate_box(styles: dict[str, ParagraphStyle]) -> Table:
    """The boxes a candidate fills in by hand: 姓名 and 准考证号, ruled for writing."""
    cell = styles["stem"]
    label_width = 22 * mm
    field_width = _TEXT_WIDTH / 2 - label_width
    table = Table(
        [[Paragraph("姓名", cell), "", Paragraph("准考证号", cell), ""]],
        colWidths=[label_width, field_width, label_width, field_width],
        rowHeights=[11 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, _LINE),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, _LINE),
                ("BACKGROUND", (0, 0), (0, 0), colors.HexColor("#F2F2F2")),
                ("BACKGROUND", (2, 0), (2, 0), colors.HexColor("#F2F2F2")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    table.spaceBefore = 3 * mm
    return table


class _CountedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types
    """Holds each page until the document is complete, so footers can say 共 Y 页."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, object]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        """Keep the page's drawing state instead of emitting it now."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Emit every page with its 第 X 页 共 Y 页 footer, then finish the file."""
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(number, total)
            super().showPage()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        width, _height = A4
        self.saveState()
        self.setFillColor(colors.grey)
        self.setFont(CJK_FONT_NAME, 9)
        self.drawRightString(width - _MARGIN, 10 * mm, f"第 {number} 页 共 {total} 页")
        self.restoreState()


def _watermark(font: str, text: str) -> Callable[[Canvas, SimpleDocTemplate], None]:
    def draw(canvas: Canvas, document: SimpleDocTemplate) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(colors.grey)
        draw_runs(canvas, _MARGIN, height - 12 * mm, text, font, 8)
        canvas.setFillColor(_WATERMARK_GREY)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(35)
        for offset in (-90 * mm, 0, 90 * mm):
            draw_runs(canvas, 0, offset, text, font, 16, "centre")
        canvas.restoreState()

    return draw


def _printed_values(paper: OpenedPaper, watermark: str, answer_key: bool) -> Iterator[PrintedValue]:
    """Every text the paper (or its answer key) prints, with where it stands (第 3 题, 题干)."""
    yield "", "试卷名称", paper.title
    yield "", "试卷编号", paper.code
    yield "", "场次", paper.session_code
    yield "", "职业方向", paper.direction
    yield "", "水印（场次、打印人）", watermark
    for item in paper.items:
        content, where = item.content, f"第 {item.number} 题"
        yield where, "题干", content.stem
        if answer_key:
            yield where, "参考答案", content.answer
            yield where, "评分要点", content.rubric
            continue
        for i, text in enumerate(content.options):
            yield where, f"选项 {option_letter(i)}", text
        for name, _ in content.attachments:
            yield where, "附件名", name


def render_paper(paper: OpenedPaper, watermark: str, answer_key: bool = False) -> bytes:
    """Render a paper, or with `answer_key` its answers and scoring points, as PDF bytes.

    Args:
        paper: The opened paper.
        watermark: Session, printing user and time, drawn on every page.
        answer_key: Render the answer key instead of the questions.

    Raises:
        ValidationError: A text has a character no shipped font can draw; the message names the
            item and the part (题干, 选项 B ...), the character and its code point, nothing else.
    """
    font = ensure_fonts()
    document_name = "参考答案" if answer_key else "试卷"
    require_all_glyphs(_printed_values(paper, watermark, answer_key), document_name)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN,
        title=paper.title + ("（参考答案）" if answer_key else ""),
        author=PRODUCER,
        creator=PRODUCER,
        producer=PRODUCER,
        subject=watermark,
    )
    on_page = _watermark(font, watermark)
    document.build(
        _body(paper, _styles(font), answer_key),
        onFirstPage=on_page,
        onLaterPages=on_page,
        canvasmaker=_CountedCanvas,
    )
    return buffer.getvalue()


class PaperPdf:
    """Implements `services.ports_bank.PaperRenderer`."""

    def render(self, paper: OpenedPaper, watermark: str, answer_key: bool) -> bytes:
        """Render the paper or its answer key."""
        return render_paper(paper, watermark, answer_key)
