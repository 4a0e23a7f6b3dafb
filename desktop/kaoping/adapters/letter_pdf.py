"""The commitment letter (告知承诺书) a candidate signs at intake, as an A4 portrait PDF.

The letter first tells the candidate what proofs are waived, how the evaluation body may check the
commitment and what a false commitment costs; then lists the facts the candidate declared and the
four commitments. All wording lives in `resources/templates/commitment_letter.json`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
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

from kaoping.adapters.fonts import CJK_FONT_NAME, ensure_fonts, font_markup, require_glyphs
from kaoping.domain.certificates import format_chinese_date
from kaoping.domain.errors import ValidationError
from kaoping.paths import resource_path

__all__ = ["LetterTemplate", "load_letter_template", "render_commitment_letter"]

PRODUCER = "Kaoping"
_PLACEHOLDERS = (
    "body_name",
    "occupation",
    "direction_clause",
    "level",
    "dishonesty_years",
    "deadline",
)


@dataclass(frozen=True)
class NoticeItem:
    """One numbered part of the notice (告知) section."""

    heading: str
    text: str


@dataclass(frozen=True)
class LetterTemplate:
    """The wording of the commitment letter."""

    title: str
    issuer_line: str
    direction_clause: str
    deadline_clause: str
    notice_heading: str
    notice: tuple[NoticeItem, ...]
    facts_heading: str
    commitment_heading: str
    commitment_intro: str
    commitments: tuple[str, ...]
    signature_lines: tuple[str, ...]
    metadata: Mapping[str, str]
    dishonesty_years: int


def load_letter_template(path: Path | None = None) -> LetterTemplate:
    """Read the letter wording (default: the shipped template).

    Raises:
        ValidationError: The file is missing, not JSON, or lacks an item.
    """
    source = path or resource_path("templates", "commitment_letter.json")
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        template = _parse(data)
    except FileNotFoundError:
        raise ValidationError(f"找不到承诺书模板 {source}", field="承诺书模板") from None
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"承诺书模板 {source.name} 不是有效的 JSON（第{exc.lineno}行）", field="承诺书模板"
        ) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(
            f"承诺书模板 {source.name} 缺少或写错了项目：{exc}", field="承诺书模板"
        ) from None
    return template


def _parse(data: Mapping[str, Any]) -> LetterTemplate:
    return LetterTemplate(
        title=str(data["title"]),
        issuer_line=str(data["issuer_line"]),
        direction_clause=str(data["direction_clause"]),
        deadline_clause=str(data["deadline_clause"]),
        notice_heading=str(data["notice_heading"]),
        notice=tuple(NoticeItem(str(i["heading"]), str(i["text"])) for i in data["notice"]),
        facts_heading=str(data["facts_heading"]),
        commitment_heading=str(data["commitment_heading"]),
        commitment_intro=str(data["commitment_intro"]),
        commitments=tuple(str(c) for c in data["commitments"]),
        signature_lines=tuple(str(s) for s in data["signature_lines"]),
        metadata={k: str(v) for k, v in data["metadata"].items()},
        dishonesty_years=int(data["values"]["dishonesty_years"]["value"]),
    )


def _fill(text: str, values: Mapping[str, str]) -> str:
    try:
        return text.format_map(values)
    except (KeyError, IndexError, ValueError) as exc:
        allowed = " ".join("{" + p + "}" for p in _PLACEHOLDERS)
        raise ValidationError(
            f"承诺书模板中的占位符 {exc} 无法识别；可用的占位符：{allowed}", field="承诺书模板"
        ) from None


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    issuer: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell_label: ParagraphStyle
    cell_value: ParagraphStyle
    signature: ParagraphStyle


def _styles(font: str) -> _Styles:
    body = ParagraphStyle(
        "letter-body",
        fontName=font,
        fontSize=10.5,
        leading=17,
        wordWrap="CJK",
        firstLineIndent=22,
        textColor=colors.black,
    )
    return _Styles(
        title=ParagraphStyle(
            "letter-title",
            parent=body,
            fontSize=18,
            leading=26,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=4,
        ),
        issuer=ParagraphStyle(
            "letter-issuer",
            parent=body,
            fontSize=10.5,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=8,
            textColor=colors.HexColor("#444444"),
        ),
        heading=ParagraphStyle(
            "letter-heading",
            parent=body,
            fontSize=12,
            leading=18,
            firstLineIndent=0,
            spaceBefore=6,
            spaceAfter=3,
            textColor=colors.HexColor("#1F3A5F"),
        ),
        body=body,
        cell_label=ParagraphStyle(
            "letter-label", parent=body, fontSize=10, leading=14, firstLineIndent=0
        ),
        cell_value=ParagraphStyle(
            "letter-value", parent=body, fontSize=10, leading=14, firstLineIndent=0
        ),
        signature=ParagraphStyle(
            "letter-signature",
            parent=body,
            fontSize=11,
            leading=20,
            firstLineIndent=0,
            alignment=TA_RIGHT,
            spaceBefore=14,
        ),
    )


def render_commitment_letter(
    body_name: str,
    facts: Mapping[str, str],
    occupation: str,
    direction: str,
    level_label: str,
    deadline: date | None,
    *,
    template: LetterTemplate | None = None,
    invariant: bool = False,
    dishonesty_years: int | None = None,
) -> bytes:
    """Render the commitment letter for one candidate and return the PDF bytes.

    Args:
        body_name: The evaluation body's name.
        facts: The candidate's declared facts, label → value, in display order; ID numbers must
            already be masked.
        occupation: The occupation applied for.
        direction: The direction, or "".
        level_label: The level's Chinese name, e.g. 中级.
        deadline: The application deadline, before which the commitment may be withdrawn; None
            when no deadline is set.
        template: Wording to use instead of the shipped template.
        invariant: Produce byte-identical output for identical input.
        dishonesty_years: The period a false commitment bars the person, as the body has set it;
            None keeps the template's value.

    Raises:
        ValidationError: A value has a character no shipped font can draw (it would print blank).
    """
    for label, value in facts.items():
        require_glyphs(value, label, "承诺书")
    for label, value in (("评价机构", body_name), ("职业", occupation), ("职业方向", direction)):
        require_glyphs(value, label, "承诺书")
    wording = template or load_letter_template()
    if dishonesty_years is not None:
        wording = replace(wording, dishonesty_years=dishonesty_years)
    font = ensure_fonts()
    styles = _styles(font)
    values = {
        "body_name": body_name,
        "occupation": occupation,
        "level": level_label,
        "dishonesty_years": str(wording.dishonesty_years),
        "direction": direction,
        "deadline": format_chinese_date(deadline) if deadline else "",
        "direction_clause": "",
        "deadline_clause": "",
    }
    if direction:
        values["direction_clause"] = _fill(wording.direction_clause, values)
    if deadline:
        values["deadline_clause"] = _fill(wording.deadline_clause, values)
    story = _story(wording, values, facts, styles)
    buffer = io.BytesIO()
    meta = {k: _fill(v, values) for k, v in wording.metadata.items()}
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=meta.get("title", ""),
        author=meta.get("author", ""),
        subject=meta.get("subject", ""),
        creator=PRODUCER,
        producer=PRODUCER,
        keywords="",
        invariant=int(invariant),
        lang="zh-CN",
    )
    doc.build(story, onFirstPage=_page_number(font), onLaterPages=_page_number(font))
    return buffer.getvalue()


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    # Every style uses the main face; a character it lacks is drawn in a fallback face.
    return Paragraph(font_markup(text, CJK_FONT_NAME), style)


def _story(
    wording: LetterTemplate, values: Mapping[str, str], facts: Mapping[str, str], styles: _Styles
) -> list[Flowable]:
    story: list[Flowable] = [
        _para(_fill(wording.title, values), styles.title),
        _para(_fill(wording.issuer_line, values), styles.issuer),
        _para(wording.notice_heading, styles.heading),
    ]
    for item in wording.notice:
        text = f"{item.heading}{_fill(item.text, values)}"
        story.append(_para(text, styles.body))
    story.append(_para(wording.facts_heading, styles.heading))
    story.append(_facts_table(facts, styles))
    # The commitments and the signature line stay on one page: a signature alone on a page
    # would not show what was signed.
    pledge: list[Flowable] = [
        _para(wording.commitment_heading, styles.heading),
        _para(_fill(wording.commitment_intro, values), styles.body),
    ]
    pledge.extend(
        _para(f"{i}. {_fill(text, values)}", styles.body)
        for i, text in enumerate(wording.commitments, 1)
    )
    pledge.append(Spacer(1, 4 * mm))
    pledge.extend(_para(_fill(line, values), styles.signature) for line in wording.signature_lines)
    story.append(KeepTogether(pledge))
    return story


def _facts_table(facts: Mapping[str, str], styles: _Styles) -> Flowable:
    if not facts:
        raise ValidationError("承诺书缺少申报人填报的信息", field="填报信息")
    rows: Sequence[Sequence[Paragraph]] = [
        [_para(label, styles.cell_label), _para(value or "—", styles.cell_value)]
        for label, value in facts.items()
    ]
    table = Table(rows, colWidths=[42 * mm, 124 * mm], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _page_number(font: str) -> Any:
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    return draw
