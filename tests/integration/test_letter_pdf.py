"""The commitment letter (告知承诺书) PDF a candidate signs."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date

import pypdfium2
import pytest
from pypdf import PdfReader

from kaoping.adapters.letter_pdf import load_letter_template, render_commitment_letter
from kaoping.domain.errors import ValidationError
from tests.pdf_glyphs import RARE, UNDRAWABLE, ink_in_boxes, pdf_text

FACTS = {
    "姓名": "张三明",
    "证件类型": "居民身份证",
    "证件号码": "450***********123X",
    "最高学历": "本科（计算机科学与技术）",
    "从事相关专业工作年限": "6年",
    "工作单位": "南宁市某某信息技术有限公司" * 4,
}
BANNED = (
    "中华人民共和国",
    "中国",
    "中华",
    "国家",
    "全国",
    "人力资源社会保障部",
    "职业资格",
    "人员资格",
    "岗位",
    "专业技术职务",
)


def _render(**changes: object) -> bytes:
    args: dict[str, object] = {
        "body_name": "示例数字技术评价中心",
        "facts": FACTS,
        "occupation": "大数据工程技术人员",
        "direction": "大数据分析",
        "level_label": "中级",
        "deadline": date(2026, 12, 31),
    }
    args.update(changes)
    return render_commitment_letter(**args)  # type: ignore[arg-type]


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def test_letter_contains_notice_facts_and_commitments() -> None:
    """The letter tells what is waived, checked and at stake, lists the facts and the pledges."""
    text = _text(_render())
    assert "专业技术等级考核申报告知承诺书评价机构：示例数字技术评价中心" in text
    assert "大数据工程技术人员（大数据分析方向）中级专业技术等级考核申报" in text
    for phrase in (
        "学历证明",
        "工作年限证明",
        "考前、考中、考后",
        "随机抽查",
        "申报无效",
        "考核成绩无效",
        "予以撤销",
        "失信人员名单",
        "不对外公开",
        "已知晓上述告知的全部事项",
        "已符合所申报职业、等级的申报条件",
        "真实、准确、完整",
        "愿意接受核查",
        "法律责任",
        "承诺人（签字）：",
        "日期：",
    ):
        assert phrase in text, phrase
    for label, value in FACTS.items():
        assert label in text and value in text


def test_deadline_clause_only_when_a_deadline_is_set() -> None:
    """With a deadline the letter says until when it may be withdrawn; without one it does not."""
    assert "申报截止日期（2026年12月31日）前，申报人可以撤回本承诺" in _text(_render())
    assert "撤回本承诺" not in _text(_render(deadline=None))


def test_no_direction_means_no_direction_clause() -> None:
    """For an occupation without directions no '（…方向）' appears."""
    text = _text(_render(direction=""))
    assert "大数据工程技术人员中级专业技术等级考核申报" in text
    assert "方向）" not in text


def test_letter_fits_one_page_and_keeps_signature_with_pledges() -> None:
    """A typical letter is one A4 portrait page, so the signature is on the page it confirms."""
    reader = PdfReader(io.BytesIO(_render()))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_long_values_wrap_inside_the_page() -> None:
    """A very long value wraps onto further lines instead of running off the page."""
    pdf = _render(facts={**FACTS, "工作单位": "很长的单位名称" * 30})
    assert "很长的单位名称" * 30 in _text(pdf)
    document = pypdfium2.PdfDocument(pdf)
    for page in document:
        width = page.get_width()
        text_page = page.get_textpage()
        right_edges = [text_page.get_charbox(i)[2] for i in range(text_page.count_chars())]
        assert right_edges and max(right_edges) < width - 40  # inside the 22 mm margin


def test_no_line_starts_with_a_comma() -> None:
    """Chinese line-breaking rules hold: no wrapped line begins with '，' or '。'."""
    reader = PdfReader(io.BytesIO(_render()))
    lines = "\n".join(page.extract_text() for page in reader.pages).splitlines()
    assert not [line for line in lines if line.strip()[:1] in ("，", "。", "；", "、")]


def test_metadata_and_wording_avoid_banned_words() -> None:
    """The letter's text and properties contain none of the banned words."""
    pdf = _render()
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None and meta.creator == "Kaoping" and meta.producer == "Kaoping"
    assert meta.title == "专业技术等级考核申报告知承诺书"
    for text in (_text(pdf), *(str(v) for v in meta.values())):
        assert not [word for word in BANNED if word in text]


def test_dishonesty_period_comes_from_the_template() -> None:
    """The record period printed in the letter is the template's editable value."""
    template = dataclasses.replace(load_letter_template(), dishonesty_years=5)
    assert "5年内不得再以告知承诺方式申报" in _text(_render(template=template))


def test_empty_facts_are_refused() -> None:
    """A letter without the candidate's declared facts is not produced."""
    with pytest.raises(ValidationError, match="填报的信息"):
        _render(facts={})


def test_reproducible_in_invariant_mode() -> None:
    """The same letter renders to identical bytes when asked to."""
    assert _render(invariant=True) == _render(invariant=True)


def test_rare_name_characters_are_drawn() -> None:
    """Extension A and B characters of a name print in a fallback face: extracted and inked."""
    pdf = _render(facts={**FACTS, "姓名": f"李{RARE}"})
    assert f"李{RARE}" in pdf_text(pdf)
    ink = ink_in_boxes(pdf, RARE)
    assert all(dark > 10 for dark in ink.values()), ink


@pytest.mark.parametrize("char", UNDRAWABLE, ids=lambda c: f"U+{ord(c):04X}")
def test_character_no_font_has_is_refused(char: str) -> None:
    """A name character no shipped font has is refused with its code point, not printed blank."""
    with pytest.raises(ValidationError) as refused:
        _render(facts={**FACTS, "姓名": f"李{char}"})
    message = refused.value.message
    assert f"姓名中的“{char}”(U+{ord(char):04X}) 在程序自带的字体中都没有字形" in message
    assert "承诺书无法打印" in message
    assert "李" not in message and "450" not in message
