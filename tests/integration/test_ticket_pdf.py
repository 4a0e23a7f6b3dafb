"""Admission tickets (准考证) print every character of a candidate's name."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kaoping.adapters.ticket_pdf import render_tickets
from kaoping.domain.errors import ValidationError
from kaoping.services.ports.exams import TicketSheet
from tests.pdf_glyphs import RARE, UNDRAWABLE, ink_in_boxes, pdf_text

SHEET = TicketSheet(
    body_name="南宁市某某职业技能评价中心",
    batch_name="2025年第一批",
    occupation="计算机程序设计员",
    direction="",
    level="四级/中级工",
    component="理论知识",
    site="南宁市第一考点",
    room="101",
    room_index=1,
    date_text="2025年6月1日",
    time_text="09:00—10:30",
    seat_no=7,
    ticket_no="2025000100007",
    name="张三明",
    id_type="居民身份证",
    id_masked="450***********123X",
    photo=None,
    qr_payload="kaoping:ticket:2025000100007",
    rules=("凭准考证和身份证件入场。",),
)


def test_rare_name_characters_are_drawn() -> None:
    """Extension A and B characters of names print in a fallback face, on both tickets."""
    names = (f"李{RARE[:3]}", f"{RARE[3:]}明")
    pdf = render_tickets([replace(SHEET, name=name) for name in names])
    text = pdf_text(pdf)
    assert all(name in text for name in names)
    ink = ink_in_boxes(pdf, RARE)
    assert all(dark > 10 for dark in ink.values()), ink


@pytest.mark.parametrize("char", UNDRAWABLE, ids=lambda c: f"U+{ord(c):04X}")
def test_character_no_font_has_is_refused(char: str) -> None:
    """A name character no shipped font has stops the whole print, naming its code point."""
    with pytest.raises(ValidationError) as refused:
        render_tickets([SHEET, replace(SHEET, name=f"李{char}")])
    assert (
        f"姓名中的“{char}”(U+{ord(char):04X}) 在程序自带的字体中都没有字形" in refused.value.message
    )
    assert "准考证无法打印" in refused.value.message
