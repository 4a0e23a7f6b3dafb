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
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

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
    direction = f"　职业方向：{paper.direction}" if paper.direction else ""
    story: list[Flowable] = [
        Paragraph(_text(title), styles["title"]),
        Paragraph(
            _text(
                f"试卷编号：{paper.code}　场次：{paper.session_code}{direction}　"
                f"共 {len(paper.items)} 题"
            ),
            styles["subtitle"],
        ),
    ]
    for item_type in ItemType:
        group = [item for item in paper.items if item.item_type is item_type]
        if not group:
            continue
        story.append(Paragraph(f"{item_type.label}（{len(group)} 题）", styles["section"]))
        for item in group:
            story.extend(_item_flowables(item, styles, answer_key))
    return story


def _watermark(font: str, text: str) -> Callable[[Canvas, SimpleDocTemplate], None]:
    def draw(canvas: Canvas, document: SimpleDocTemplate) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(colors.grey)
        draw_runs(canvas, _MARGIN, height - 12 * mm, text, font, 8)
        canvas.drawRightString(width - _MARGIN, 10 * mm, f"第 {document.page} 页")
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
        _body(paper, _styles(font), answer_key), onFirstPage=on_page, onLaterPages=on_page
    )
    return buffer.getvalue()


class PaperPdf:
    """Implements `services.ports_bank.PaperRenderer`."""

    def render(self, paper: OpenedPaper, watermark: str, answer_key: bool) -> bytes:
        """Render the paper or its answer key."""
        return render_paper(paper, watermark, answer_key)
