"""The assessment plan filing document (考核计划备案表) as an A4 PDF.

Tables flow over as many pages as the batches and sessions need; values of the assessment rules
that are not yet checked against the official standards are marked, so the department reading
the filing sees which numbers are provisional. Every value is drawn (a rare character in a fallback
face); one with a character no shipped font has stops the filing before anything is drawn.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kaoping.adapters.fonts import (
    CJK_FONT_NAME,
    PrintedValue,
    ensure_fonts,
    font_markup,
    require_all_glyphs,
    require_glyphs,
)
from kaoping.domain.beijing import BEIJING
from kaoping.services.ports.exams import PlanFiling

__all__ = ["render_plan_filing"]

FRAME = HexColor("#1F3A5F")
HEAD_FILL = HexColor("#EEF2F7")
WIDTH = A4[0] - 36 * mm
DOCUMENT = "考核计划备案表"


def render_plan_filing(filing: PlanFiling) -> bytes:
    """Draw the filing document and return the PDF bytes.

    Raises:
        ValidationError: A value (a plan, batch or session field, the body's name) has a character
            no shipped font can draw; the message names the field, the character and its code
            point, and nothing is drawn.
    """
    font = ensure_fonts()
    styles = _styles(font)
    # Every table is checked as it is laid out (`_grid`), before the document is built.
    require_glyphs(filing.body.name, "评价机构", DOCUMENT)
    require_glyphs(filing.plan.code, "计划编号", DOCUMENT)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=DOCUMENT,
        subject=filing.plan.code,
        creator="Kaoping",
        lang="zh-CN",
    )
    story: list[Flowable] = [
        Paragraph(DOCUMENT, styles["title"]),
        Paragraph(
            font_markup(f"{filing.body.name}　计划编号 {filing.plan.code}", CJK_FONT_NAME),
            styles["sub"],
        ),
        Spacer(1, 4 * mm),
        *_section("一、计划基本情况", _plan_table(filing, styles), styles),
        *_section("二、考核科目与要求", _rules_table(filing, styles), styles),
        *_section("三、批次安排", _batch_table(filing, styles), styles),
        *_section("四、场次与考场安排", _session_table(filing, styles), styles),
        Spacer(1, 10 * mm),
        _signature_table(filing, styles),
    ]
    doc.build(story, onFirstPage=_footer(font), onLaterPages=_footer(font))
    return buffer.getvalue()


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12.5, wordWrap="CJK")
    return {
        "cell": base,
        "head": ParagraphStyle("head", parent=base, textColor=FRAME),
        "note": ParagraphStyle("note", parent=base, fontSize=8, textColor=HexColor("#8A5A00")),
        "title": ParagraphStyle(
            "title", parent=base, fontSize=20, leading=28, alignment=1, textColor=FRAME
        ),
        "sub": ParagraphStyle("sub", parent=base, fontSize=10, alignment=1),
        "section": ParagraphStyle(
            "section",
            parent=base,
            fontSize=12,
            leading=18,
            textColor=FRAME,
            spaceBefore=6,
            spaceAfter=3,
        ),
    }


def _section(
    title: str, body: Sequence[Flowable], styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    return [Paragraph(title, styles["section"]), *body, Spacer(1, 3 * mm)]


def _grid(
    rows: list[list[str]],
    widths: Sequence[float],
    styles: dict[str, ParagraphStyle],
    header: bool = True,
    label_column: bool = False,
    row_heights: Sequence[float | None] | None = None,
    where: str = "",
) -> Table:
    """One table of the filing; every cell is checked for characters no font has first.

    Args:
        rows: The cells' texts, row by row.
        widths: The column widths.
        styles: The paragraph styles.
        header: The first row names the columns.
        label_column: Columns alternate label, value (the plan's facts).
        row_heights: Fixed row heights, None for fitted.
        where: The table's name in Chinese, for a refusal's message.

    Raises:
        ValidationError: A cell has a character no shipped font can draw.
    """
    require_all_glyphs(_cells(rows, header, label_column, where), DOCUMENT)
    cells = [
        [
            Paragraph(
                # Cells hold names, sites and staff: a rare character is drawn in a fallback face.
                font_markup(text, CJK_FONT_NAME),
                styles["head"]
                if (header and r == 0) or (label_column and c % 2 == 0)
                else styles["cell"],
            )
            for c, text in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    table = Table(
        cells,
        colWidths=list(widths),
        repeatRows=1 if header else 0,
        rowHeights=None if row_heights is None else list(row_heights),
    )
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, FRAME),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL))
    if label_column:
        commands += [("BACKGROUND", (c, 0), (c, -1), HEAD_FILL) for c in (0, 2)]
    table.setStyle(TableStyle(commands))
    return table


def _cells(
    rows: list[list[str]], header: bool, label_column: bool, where: str
) -> Iterator[PrintedValue]:
    """Each cell's text with what it is, in words a person can find the value by."""
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if label_column and c % 2:
                yield "", row[c - 1], text
            elif header and r:
                yield f"{where}第 {r} 行", rows[0][c], text
            else:
                yield "", where, text


def _plan_table(filing: PlanFiling, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    plan, body = filing.plan, filing.body
    rows = [
        ["计划名称", plan.title, "计划编号", plan.code],
        [
            "职业（工种）",
            f"{filing.occupation_name}（{plan.occupation_code}）",
            "职业方向",
            plan.direction or "—",
        ],
        ["等级", plan.level.label, "计划人数", str(plan.capacity)],
        [
            "考核起止日期",
            f"{plan.start_date} 至 {plan.end_date}",
            "培训机构",
            plan.training_body or "—",
        ],
        ["考核地点", plan.sites or "—", "评价机构代码", body.code],
        ["评价机构", body.name, "联系人及电话", f"{body.contact} {body.phone}".strip() or "—"],
        ["机构地址", body.address or "—", "填报日期", f"{filing.prepared_on:%Y-%m-%d}"],
    ]
    return [
        _grid(
            rows,
            [26 * mm, 58 * mm, 26 * mm, WIDTH - 110 * mm],
            styles,
            header=False,
            label_column=True,
            where="计划基本情况",
        )
    ]


def _rules_table(filing: PlanFiling, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    rows = [["考核科目", "满分", "合格线", "最短时长（分钟）", "考评人员配比"]]
    rows += [
        [
            c.label + ("（待核实）" if c.unverified else ""),
            c.scale_max,
            c.pass_mark,
            str(c.min_minutes),
            c.staffing,
        ]
        for c in filing.components
    ]
    flow: list[Flowable] = [
        _grid(rows, [44 * mm, 14 * mm, 16 * mm, 24 * mm, WIDTH - 98 * mm], styles, where="考核科目")
    ]
    if any(c.unverified for c in filing.components):
        flow.append(
            Paragraph(
                "注：标“待核实”的科目，其数值取自国家职业标准通用模板，尚未与本职业标准"
                "原文逐项核对，以标准原文为准。",
                styles["note"],
            )
        )
    return flow


def _batch_table(filing: PlanFiling, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    if not filing.batches:
        return [Paragraph("尚未设立批次。", styles["cell"])]
    rows = [["批次编号", "批次名称", "考核日期", "状态"]]
    rows += [
        [b.code, b.name, f"{b.assessment_start} 至 {b.assessment_end}", b.status.label]
        for b in sorted(filing.batches, key=lambda b: b.assessment_start)
    ]
    return [_grid(rows, [32 * mm, 56 * mm, 50 * mm, WIDTH - 138 * mm], styles, where="批次安排")]


def _session_table(filing: PlanFiling, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    if not filing.sessions:
        return [Paragraph("尚未安排场次。", styles["cell"])]
    rows = [["批次", "场次", "科目", "考点 / 考场", "时间", "容量", "考评人员"]]
    for item in filing.sessions:
        s = item.session
        start, end = s.starts_at.astimezone(BEIJING), s.ends_at.astimezone(BEIJING)
        rows.append(
            [
                item.batch_code,
                s.code,
                s.component.label,
                f"{s.site} / 第{s.room_index}考场 {s.room}",
                f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}",
                f"{s.seated}/{s.capacity}",
                item.staff,
            ]
        )
    widths = [24 * mm, 12 * mm, 26 * mm, 42 * mm, 28 * mm, 14 * mm]
    return [_grid(rows, [*widths, WIDTH - sum(widths)], styles, where="场次安排")]


def _signature_table(filing: PlanFiling, styles: dict[str, ParagraphStyle]) -> Table:
    rows = [
        ["评价机构（盖章）", "负责人（签字）", f"填报日期：{filing.prepared_on:%Y年%m月%d日}"],
        ["", "", ""],
    ]
    # The empty second row leaves room for the seal and the signature.
    return _grid(
        rows, [WIDTH / 3] * 3, styles, header=False, row_heights=[None, 22 * mm], where="签章栏"
    )


def _footer(font: str) -> object:
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(HexColor("#5A6675"))
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    return draw
