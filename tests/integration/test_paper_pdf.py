"""A printed paper (试卷) and its answer key print every character, or are refused as a whole."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kaoping.adapters.paper_pdf import render_paper
from kaoping.domain.assembly import WeightKind
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError
from kaoping.domain.items import ItemContent, ItemType
from kaoping.services.ports.bank import OpenedPaper, PaperItem
from tests.pdf_glyphs import RARE, UNDRAWABLE, ink_in_boxes, pdf_text

WATERMARK = "场次 T01 · 打印人 王明（u_exam_admin） · 2026-12-05 08:30"
CHOICE = PaperItem(
    1,
    "item-1",
    1,
    ItemType.SINGLE,
    "人工智能基础",
    2,
    ItemContent("下列哪一项是监督学习的任务？", ("图像分类", "聚类", "降维", "关联规则"), "A"),
)
ESSAY = PaperItem(
    2,
    "item-2",
    1,
    ItemType.SHORT_ANSWER,
    "人工智能基础",
    3,
    ItemContent("简述过拟合的含义。", answer="模型在训练集上好、在新数据上差。", rubric="说明泛化"),
)
PAPER = OpenedPaper(
    "paper-1",
    "PA-2026-01",
    "人工智能工程技术人员（初级）理论知识试卷",
    "2-02-10-09",
    "人工智能工程技术人员",
    "",
    Level.JUNIOR,
    WeightKind.THEORY,
    "T01",
    (CHOICE, ESSAY),
)


def _with_content(item: PaperItem, **fields: object) -> OpenedPaper:
    changed = replace(item, content=replace(item.content, **fields))
    return replace(PAPER, items=tuple(changed if i is item else i for i in PAPER.items))


def test_rare_characters_in_stems_and_options_are_drawn() -> None:
    """Extension A and B characters of a stem and an option print in fallback faces."""
    paper = _with_content(
        CHOICE, stem=f"关于{RARE[:3]}的说法", options=(f"选{RARE[3:]}", "聚类", "降维", "关联规则")
    )
    pdf = render_paper(paper, WATERMARK)
    text = pdf_text(pdf)
    assert RARE[:3] in text and RARE[3:] in text
    ink = ink_in_boxes(pdf, RARE)
    assert all(dark > 10 for dark in ink.values()), ink


def test_rare_characters_of_the_answer_key_are_drawn() -> None:
    """The answer key prints the answer and the scoring points with the same fallback."""
    pdf = render_paper(_with_content(ESSAY, answer=RARE[:3], rubric=RARE[3:]), WATERMARK, True)
    ink = ink_in_boxes(pdf, RARE)
    assert all(dark > 10 for dark in ink.values()), ink


@pytest.mark.parametrize("char", UNDRAWABLE, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(
    ("item", "fields", "answer_key", "shown"),
    [
        (CHOICE, {"stem": "下列{}哪一项"}, False, "“题干”：第 1 题中的"),
        (CHOICE, {"options": ("图像分类", "聚{}类")}, False, "“选项 B”：第 1 题中的"),
        (ESSAY, {"rubric": "说明{}泛化"}, True, "“评分要点”：第 2 题中的"),
    ],
    ids=["stem", "option", "rubric"],
)
def test_character_no_font_has_is_refused_naming_the_item(
    char: str, item: PaperItem, fields: dict[str, object], answer_key: bool, shown: str
) -> None:
    """The print stops, naming the item, the part and the code point, but no item text."""
    filled = {
        k: tuple(o.format(char) for o in v) if isinstance(v, tuple) else str(v).format(char)
        for k, v in fields.items()
    }
    with pytest.raises(ValidationError) as refused:
        render_paper(_with_content(item, **filled), WATERMARK, answer_key)
    message = str(refused.value)
    document = "参考答案" if answer_key else "试卷"
    assert message == (
        f"{shown}“{char}”(U+{ord(char):04X}) 在程序自带的字体中都没有字形，"
        f"{document}无法打印；请核对用字或改用常用字形"
    )


def test_only_what_is_printed_is_checked() -> None:
    """A rubric no font can draw does not stop the question paper, which does not print it."""
    paper = _with_content(ESSAY, rubric="说明\ue000泛化")
    assert pdf_text(render_paper(paper, WATERMARK)).count("简述过拟合") == 1
    with pytest.raises(ValidationError, match="评分要点"):
        render_paper(paper, WATERMARK, answer_key=True)


def test_printing_user_in_the_watermark_is_checked() -> None:
    """The watermark names the printing user on every page; a name no font has is refused."""
    with pytest.raises(ValidationError, match=r"水印（场次、打印人）中的“\ue000”"):
        render_paper(PAPER, "场次 T01 · 打印人 王\ue000（u_exam_admin）")
