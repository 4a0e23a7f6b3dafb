"""The dossier PDF prints every character of the people it lists."""

from __future__ import annotations

from kaoping.adapters.dossier_pdf import DossierPdf
from kaoping.services.ports.dossier import DossierDocument, DossierSection
from tests.pdf_glyphs import RARE, ink_in_boxes, pdf_text


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
