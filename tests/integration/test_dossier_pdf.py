"""The dossier PDF prints every character of the people it lists, or is refused as a whole."""

from __future__ import annotations

import pytest

from kaoping.adapters.dossier_pdf import DossierPdf
from kaoping.domain.errors import ValidationError
from kaoping.services.ports.dossier import DossierDocument, DossierSection
from tests.pdf_glyphs import RARE, UNDRAWABLE, ink_in_boxes, pdf_text


def test_rare_name_characters_in_table_cells_are_drawn() -> None:
    """Extension A and B characters in a table cell print in a fallback face."""
    names = (f"李{RARE[:3]}", f"{RARE[3:]}明")
    document = DossierDocument(
        title="考核档案",
        facts=(("考核计划", "2025年第一批"),),
        sections=(
            DossierSection(
                "考生名单", "candidates.csv", ("姓名", "考场"), tuple((n, "101") for n in names)
            ),
        ),
        footer="南宁市某某职业技能评价中心",
    )
    pdf = DossierPdf().render(document)
    text = pdf_text(pdf)
    assert all(name in text for name in names)
    ink = ink_in_boxes(pdf, RARE)
    assert all(dark > 10 for dark in ink.values()), ink


def _document(name: str, footer: str = "南宁市某某职业技能评价中心") -> DossierDocument:
    return DossierDocument(
        title="考核档案",
        facts=(("考核计划", "2025年第一批"),),
        sections=(
            DossierSection(
                "考生名单", "candidates.csv", ("姓名", "考场"), (("张三", "101"), (name, "102"))
            ),
        ),
        footer=footer,
    )


@pytest.mark.parametrize("char", UNDRAWABLE, ids=lambda c: f"U+{ord(c):04X}")
def test_character_no_font_has_is_refused_naming_row_and_column(char: str) -> None:
    """The whole dossier is refused; the message says which row and column, and the code point."""
    with pytest.raises(ValidationError) as refused:
        DossierPdf().render(_document(f"李{char}"))
    assert str(refused.value).startswith(
        f"“姓名”：考生名单第 2 行中的“{char}”(U+{ord(char):04X}) 在程序自带的字体中都没有字形"
    )
    assert "考务档案无法打印" in refused.value.message


def test_generating_person_in_the_footer_is_checked_too() -> None:
    """The footer (who made the dossier) is printed on every page, so it is checked like data."""
    with pytest.raises(ValidationError, match=r"页脚中的“\ue000”\(U\+E000\)"):
        DossierPdf().render(_document("张三", footer="王\ue000（u_exam_admin）于 2026-11-25 生成"))
