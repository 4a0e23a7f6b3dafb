"""Banned wording on certificates: every word in every disguise, and ordinary wording left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kaoping.domain.compliance import (
    RULE_BANNED_WORD,
    RULE_MISSING_GLYPH,
    BannedWordList,
    CharFolding,
    ComplianceReport,
    Finding,
    check_text,
    find_banned_words,
    load_rules,
    report_to_json,
)
from kaoping.domain.errors import ValidationError
from kaoping.paths import resource_path

WORDS, FOLD = load_rules(resource_path("rules"))
SEED_SOURCE = "广西壮族自治区数字技术工程师培育项目实施方案 五（二）"
SEED_WORDS = [
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
]
VARIANT_WORDS = [
    "人力资源和社会保障部",
    "人力资源与社会保障部",
    "人社部",
    "人保部",
    "劳动和社会保障部",
    "劳动保障部",
]
ALL_WORDS = SEED_WORDS + VARIANT_WORDS

# Traditional spelling of each word, written out by hand (words with no traditional form are absent).
TRADITIONAL = {
    "中华人民共和国": "中華人民共和國",
    "中国": "中國",
    "中华": "中華",
    "国家": "國家",
    "全国": "全國",
    "人力资源社会保障部": "人力資源社會保障部",
    "职业资格": "職業資格",
    "人员资格": "人員資格",
    "岗位": "崗位",
    "专业技术职务": "專業技術職務",
    "人力资源和社会保障部": "人力資源和社會保障部",
    "人力资源与社会保障部": "人力資源與社會保障部",
    "劳动和社会保障部": "勞動和社會保障部",
    "劳动保障部": "勞動保障部",
}
# Compatibility ideographs (U+F900–FAFF, U+2F800–), Kangxi radicals (U+2F00–), CJK radicals
# supplement (U+2E80–) and enclosed ideographs standing in for at least one character, where Unicode
# has such a code point.
LOOKALIKE = {
    "中华人民共和国": "中\ufab4人\u2ea0共和国",  # 華 compatibility form, ⺠ radical
    "中国": "\u32a5国",  # ㊥ circled ideograph
    "中华": "中\ufab4",
    "全国": "\ufa72国",  # 全 compatibility form
    "人力资源社会保障部": "\u2f08\u2f12资源\ufa4c会保障部",  # ⼈ ⼒ Kangxi, 社 compatibility
    "人员资格": "\u2f08员资格",
    "人力资源和社会保障部": "人\uf98a资源和社会保障部",  # 力 compatibility form
    "人力资源与社会保障部": "\u2f08\u2f12资源与社会保障部",
    "人社部": "\u2f08\ufa4c部",
    "人保部": "\u2f08保部",
    "劳动和社会保障部": "\U0002f992动和社会保障部",  # 劳 compatibility supplement
    "劳动保障部": "\uf92f动保障部",  # 勞 compatibility form
}
INVISIBLES = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2060",
    "\u2061",
    "\u2062",
    "\u2063",
    "\u2064",
    "\ufeff",
    "\u00ad",
    "\u180e",
    "\ufe00",
    "\ufe0f",
    "\U000e0041",
    "\u034f",
    "\u3164",
]


def _join(word: str, separators: list[str]) -> str:
    """Put a separator between each pair of characters, cycling through the given ones."""
    out = word[0]
    for index, char in enumerate(word[1:]):
        out += separators[index % len(separators)] + char
    return out


def disguises(word: str) -> dict[str, str]:
    """Every disguise of a word that exists for it."""
    cases = {
        "plain": word,
        "spaced": _join(word, [" ", "  ", "\t"]),
        "line-broken": _join(word, ["\n", "\r\n"]),
        "zero-width": _join(word, INVISIBLES),
        "full-width": _join(word, ["\u3000", "．", "／"]),
        "punctuation": _join(word, ["·", "-", "_", "*", "|", ".", "、", "•"]),
    }
    if word in TRADITIONAL:
        cases["traditional"] = TRADITIONAL[word]
    if word in LOOKALIKE:
        cases["lookalike"] = LOOKALIKE[word]
    return cases


MATRIX = [(w, name, text) for w in ALL_WORDS for name, text in disguises(w).items()]


@pytest.mark.parametrize(
    ("word", "disguise", "text"), MATRIX, ids=[f"{w}-{d}" for w, d, _ in MATRIX]
)
def test_banned_word_found_in_every_disguise(word: str, disguise: str, text: str) -> None:
    """A certificate text with a banned word, however disguised, is refused and the word named."""
    prefix = "兹证明张三于2026年11月25日"
    sentence = f"{prefix}{text}考核合格"
    findings = [f for f in find_banned_words(sentence, WORDS, fold=FOLD) if f.word == word]
    assert len(findings) == 1
    finding = findings[0]
    assert finding.rule == RULE_BANNED_WORD
    assert finding.offset == len(prefix)
    assert finding.match == text  # the original characters, so the user can search for them


@pytest.mark.parametrize("invisible", INVISIBLES, ids=[f"U+{ord(c):04X}" for c in INVISIBLES])
def test_each_invisible_character_is_ignored(invisible: str) -> None:
    """An invisible character slipped into 国家 does not hide it."""
    assert [f.word for f in find_banned_words(f"国{invisible}家", WORDS, fold=FOLD)] == ["国家"]


ORDINARY = [
    "人工智能工程技术人员",
    "大数据工程技术人员",
    "广西壮族自治区",
    "初级",
    "中级",
    "高级",
    "专业技术等级证书",
    "国际",
    "2026年11月25日",
    "广西数字技术评价中心",
    "证书编号",
    "姓名",
    "数字技术工程师",
    "评价机构：广西数字技术评价中心",
    "职业方向：智能语音",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_certificate_wording_passes(text: str) -> None:
    """Normal certificate wording is not mistaken for banned wording."""
    report = check_text(text, WORDS, FOLD)
    assert report.ok, report.findings


def test_whole_ordinary_certificate_passes() -> None:
    """A complete, ordinary certificate text raises nothing."""
    text = (
        "专业技术等级证书\n姓名：李四  证书编号：GX-2026-000123\n"
        "职业：人工智能工程技术人员（初级）\n发证机构：广西数字技术评价中心\n"
        "广西壮族自治区 2026年11月25日 国际交流 大数据工程技术人员 中级 高级"
    )
    assert check_text(text, WORDS, FOLD).ok


def test_level_certificate_is_not_a_professional_post() -> None:
    """专业技术等级证书 is the certificate's own name and must not trigger 专业技术职务."""
    assert find_banned_words("专业技术等级证书", WORDS, fold=FOLD) == []


def test_international_is_not_national() -> None:
    """国际 must not be read as 国家."""
    assert find_banned_words("国际", WORDS, fold=FOLD) == []


def test_longer_word_reported_once() -> None:
    """中华人民共和国 is reported once, not again as 中华."""
    findings = find_banned_words("中华人民共和国", WORDS, fold=FOLD)
    assert [f.word for f in findings] == ["中华人民共和国"]


def test_repeated_word_reported_each_time() -> None:
    """Each occurrence is listed with its own position."""
    findings = find_banned_words("岗位一，岗 位二", WORDS, fold=FOLD)
    assert [(f.word, f.offset) for f in findings] == [("岗位", 0), ("岗位", 4)]


def test_long_disguised_match_is_shortened() -> None:
    """A match padded with many invisible characters is shortened for display."""
    text = _join("职业资格", ["\u200b" * 30])
    finding = find_banned_words(text, WORDS, fold=FOLD)[0]
    assert len(finding.match) <= 40
    assert finding.match.startswith("职") and finding.match.endswith("格")


def test_missing_glyph_is_flagged() -> None:
    """A character the font lacked (extracted as U+0000) blocks the certificate."""
    report = check_text("姓名：刘\x00", WORDS, FOLD, page=1)
    assert not report.ok
    (finding,) = report.findings
    assert finding.rule == RULE_MISSING_GLYPH
    assert finding.offset == 4
    assert "\x00" not in finding.match


def test_traditional_folding_table_covers_the_seed_characters() -> None:
    """The folding table turns the traditional characters of the banned words into simplified ones."""
    for traditional, simplified in zip(
        "國華職業資員崗專術務會勞動與", "国华职业资员岗专术务会劳动与", strict=True
    ):
        assert FOLD.fold(traditional) == simplified


def test_radical_supplement_folds_to_unified_ideograph() -> None:
    """⺠ (CJK radical civilian) is read as 民; NFKC alone would leave it."""
    assert FOLD.fold("\u2ea0") == "民"


def test_without_folding_table_traditional_form_is_missed() -> None:
    """The folding data is what catches traditional forms (so the data file matters)."""
    assert find_banned_words("國家", WORDS) == []
    assert find_banned_words("國家", WORDS, fold=CharFolding.from_json({})) == []
    assert find_banned_words("國家", WORDS, fold=FOLD)


def test_word_list_file_lists_the_seed_words_with_their_source() -> None:
    """The ten words of 五（二） are in the data file with their source and a verified flag."""
    data = json.loads(resource_path("rules", "banned_words.json").read_text(encoding="utf-8"))
    by_word = {entry["word"]: entry for entry in data["words"]}
    for word in SEED_WORDS:
        assert by_word[word]["source"] == SEED_SOURCE
        assert by_word[word]["verified"] is True
    for word in VARIANT_WORDS:
        assert by_word[word]["source"] == "部委简称及历史名称"
        assert "verified" in by_word[word]


def test_empty_word_list_is_rejected() -> None:
    """A broken word list is refused with a message naming it, rather than checking nothing."""
    with pytest.raises(ValidationError) as caught:
        BannedWordList.from_json({"words": []})
    assert caught.value.field == "禁用字样表"
    with pytest.raises(ValidationError) as caught:
        BannedWordList.from_json({"words": [{"word": "国家"}, {"word": " "}]})
    assert caught.value.row == 2


def test_load_rules_reports_missing_file(tmp_path: Path) -> None:
    """A missing rules file is named in the error."""
    with pytest.raises(ValidationError) as caught:
        load_rules(tmp_path)
    assert "banned_words.json" in str(caught.value)


def test_report_json_shape() -> None:
    """The CLI's JSON lists rule, match, page and where for every finding."""
    report = check_text("全 国", WORDS, FOLD, page=2, where="正文")
    data = report_to_json(report)
    assert data["ok"] is False
    (entry,) = data["findings"]
    assert {k: entry[k] for k in ("rule", "match", "page", "where")} == {
        "rule": "banned-word",
        "match": "全 国",
        "page": 2,
        "where": "正文",
    }
    assert "全国" in entry["message"]
    assert report_to_json(ComplianceReport()) == {"ok": True, "findings": []}


def test_message_shows_invisible_characters() -> None:
    """The message makes a zero-width character visible so the user knows what to delete."""
    finding = find_banned_words("中\u200b国", WORDS, fold=FOLD)[0]
    assert "U+200B" in finding.message()
    assert "中国" in finding.message()


def test_combined_report_keeps_all_findings() -> None:
    """Reports from several parts of a document add up."""
    first = ComplianceReport((Finding("banned-word", "国家", "国家"),))
    combined = ComplianceReport.combine([first, ComplianceReport(), first])
    assert len(combined.findings) == 2
    assert not combined.ok
