"""The eligibility gate: one check that every later step (seating, scoring, reporting, issuing) makes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kaoping.domain.eligibility import (
    Applicant,
    EligibilityOverride,
    NotEligible,
    gate_refusal,
    note_reason,
    require_eligible,
)

NOTE = (
    "不符合申报条件：完成本职业培训并经结业考核取得培训合格证书 —— 缺少：培训合格证书编号\n"
    "（学历、资历条件已满足：（2）具有相关专业大学本科及以上学历）\n"
    "注意：所用申报条件尚未与国家职业标准原文核对。"
)
FULL_ID = "450102199003071234"
APPLICANT = Applicant(7, "韦嘉欣", "450102********1234", False, NOTE)
OVERRIDE = EligibilityOverride(
    7, "培训机构已报送结业名单，证书补发中", NOTE, "dudao", datetime(2026, 11, 25, tzinfo=UTC)
)


def test_refusal_names_the_person_the_rule_and_the_way_out() -> None:
    """The message gives the name, masked number, record number, the failing rule and the
    exception, and never the whole document number."""
    message = gate_refusal(APPLICANT, {}, "排座")
    assert message.startswith(
        "考生 韦嘉欣（450102********1234，考生编号 7）不符合申报条件，不能排座："
    )
    assert "缺少：培训合格证书编号" in message
    assert "质量督导员登记申报条件例外" in message
    assert "kaoping eligibility override --candidate 7" in message
    assert "注意" not in message and "\n" not in message
    assert FULL_ID not in message


def test_exception_or_eligibility_lets_through() -> None:
    """An eligible applicant, or one with a recorded exception, passes every step."""
    assert gate_refusal(APPLICANT, {7: OVERRIDE}, "发证") == ""
    eligible = Applicant(8, "黄浩然", "450103********0018", True, "符合初级申报条件：（2）…")
    assert gate_refusal(eligible, {}, "发证") == ""
    require_eligible(eligible, {}, "录入成绩")
    # An exception for someone else does not count.
    assert gate_refusal(APPLICANT, {8: OVERRIDE}, "发证")


def test_require_eligible_raises_with_field_and_row() -> None:
    """A refusal is a conflict naming the field 申报条件 and, in a file, the row."""
    with pytest.raises(NotEligible) as caught:
        require_eligible(APPLICANT, {}, "录入成绩", row=5)
    assert caught.value.field == "申报条件" and caught.value.row == 5
    assert "不能录入成绩" in caught.value.message


def test_note_reason_drops_notices_and_keeps_the_rules() -> None:
    """The one-line reason keeps the rules that failed and drops the unverified notice."""
    assert note_reason(NOTE) == (
        "不符合申报条件：完成本职业培训并经结业考核取得培训合格证书 —— 缺少：培训合格证书编号；"
        "（学历、资历条件已满足：（2）具有相关专业大学本科及以上学历）"
    )
    assert note_reason("") == "申报条件未审核通过"
