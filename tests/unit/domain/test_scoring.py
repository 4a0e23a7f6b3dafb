"""Double-keyed score entry, resolution, confirmation lock, amendments and pass computation."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from kaoping.domain.assessment import AssessmentRules, Component, ComponentRule
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, PermissionDenied, ValidationError
from kaoping.domain.scoring import (
    Amendment,
    ComponentScores,
    Mark,
    Match,
    Mismatch,
    ResultStatus,
    ScoreEntry,
    ScoreStatus,
    amend,
    can_confirm,
    compute_result,
    confirm,
    confirmed_finals,
    enter_score,
    final_value,
    parse_score,
    reconcile,
    resolve,
)
from kaoping.paths import resource_path

AI = "2-02-10-09"
AT = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
SUPERVISORS = frozenset({"Q1", "Q2"})
THEORY, PRACTICAL, REVIEW = Component.THEORY, Component.PRACTICAL, Component.REVIEW


def _rules() -> AssessmentRules:
    text = resource_path("standards", "assessment.json").read_text(encoding="utf-8")
    return AssessmentRules.from_json(text)


def _rule_map(level: Level) -> dict[Component, ComponentRule]:
    plan = _rules().plan_for(AI, level)
    return dict(plan.rules)


def _blank(component: Component = THEORY, row: int = 3) -> ComponentScores:
    return ComponentScores.blank("C001", _rules().rule_for(AI, Level.SENIOR, component), row)


def _entry(
    value: str | None,
    by: str,
    status: ScoreStatus = ScoreStatus.PRESENT,
    component: Component = THEORY,
) -> ScoreEntry:
    number = None if value is None else Decimal(value)
    return ScoreEntry("C001", component, number, status, by, AT)


def _keyed(
    first: str | None, second: str | None, status: ScoreStatus = ScoreStatus.PRESENT
) -> ComponentScores:
    state = enter_score(_blank(), _entry(first, "E1", status))
    return enter_score(state, _entry(second, "E2", status))


def _present(value: str) -> Mark:
    return Mark(ScoreStatus.PRESENT, Decimal(value))


def test_same_person_cannot_key_twice() -> None:
    """The second keying by the first keyer is refused and asks for another examiner."""
    state = enter_score(_blank(), _entry("85", "E1"))
    with pytest.raises(ConflictError, match="同一人不能两次录入同一成绩"):
        enter_score(state, _entry("85", "E1"))
    assert len(state.entries) == 1


def test_third_keying_is_refused() -> None:
    """Once two people have keyed, a third entry is refused."""
    state = _keyed("85", "86")
    with pytest.raises(ConflictError, match="不能再录第三次"):
        enter_score(state, _entry("85", "E3"))


def test_value_outside_scale_names_row_and_range() -> None:
    """A score above 100, below 0 or with two decimals names the row and the allowed range."""
    for bad in ("100.5", "-1", "85.25"):
        with pytest.raises(ValidationError) as caught:
            enter_score(_blank(row=7), _entry(bad, "E1"))
        assert caught.value.row == 7
        assert "0 到 100" in caught.value.message
        assert "最多一位小数" in caught.value.message
    assert enter_score(_blank(), _entry("85.0", "E1")).entries[0].value == Decimal("85.0")


def test_typed_text_is_parsed_and_checked() -> None:
    """Text typed into a score cell becomes a Decimal or a clear error."""
    assert parse_score(" 59.5 ", Decimal(100)) == Decimal("59.5")
    with pytest.raises(ValidationError, match="不是数字"):
        parse_score("八十", Decimal(100), row=4)


def test_status_and_value_must_agree() -> None:
    """An absent candidate cannot have a score, and a present one must have one."""
    with pytest.raises(ValidationError, match="缺考"):
        enter_score(_blank(), _entry("80", "E1", ScoreStatus.ABSENT))
    with pytest.raises(ValidationError, match="必须填写分数"):
        enter_score(_blank(), _entry(None, "E1"))


def test_entry_for_another_candidate_is_refused() -> None:
    """Keying into the wrong line is caught."""
    other = ScoreEntry("C002", THEORY, Decimal(80), ScoreStatus.PRESENT, "E1", AT)
    with pytest.raises(ValidationError, match="C002"):
        enter_score(_blank(), other)


def test_only_assigned_scorers_may_key() -> None:
    """A user who is not assigned to score the candidate cannot key."""
    with pytest.raises(PermissionDenied, match="未被指派"):
        enter_score(_blank(), _entry("80", "E9"), scorers={"E1", "E2"})


def test_reconcile_treats_85_and_85_0_as_equal() -> None:
    """Typing 85 once and 85.0 the second time is not a mismatch."""
    assert reconcile(_entry("85", "E1"), _entry("85.0", "E2")) == Match(_present("85"))
    assert isinstance(reconcile(_entry("85", "E1"), _entry("58", "E2")), Mismatch)
    absent = _entry(None, "E2", ScoreStatus.ABSENT)
    assert isinstance(reconcile(_entry("0", "E1"), absent), Mismatch)


def test_mismatch_blocks_confirmation() -> None:
    """Two different keyings keep the session from being confirmed until resolved."""
    state = _keyed("85", "58")
    blockers = can_confirm([state])
    assert blockers == [
        "第 3 行考生 C001 的理论知识考试：两次录入不一致（85 分 / 58 分），请由质量督导员裁定"
    ]
    with pytest.raises(ConflictError, match="两次录入不一致"):
        confirm([state], "A1", AT)
    assert final_value(state) is None


def test_missing_keyings_block_confirmation() -> None:
    """Unkeyed lines, single keyings and missing lines are all listed."""
    single = enter_score(_blank(PRACTICAL, row=4), _entry("70", "E1", component=PRACTICAL))
    blockers = can_confirm([_blank(row=3), single], expected=[("C001", THEORY), ("C009", THEORY)])
    assert blockers == [
        "考生 C009 的理论知识考试：缺少成绩，请录入",
        "第 3 行考生 C001 的理论知识考试：缺少成绩，请录入",
        "第 4 行考生 C001 的专业能力考核：缺少第二次录入，请由另一位考评员录入",
    ]
    assert can_confirm([]) == ["没有可确认的成绩"]


def test_only_a_supervisor_resolves() -> None:
    """An examiner cannot settle a mismatch; a supervisor can, with a reason."""
    state = _keyed("85", "58")
    with pytest.raises(PermissionDenied, match="只有质量督导员"):
        resolve(state, _present("85"), "E3", "复核试卷", supervisors=SUPERVISORS, at=AT)
    with pytest.raises(ValidationError, match="裁定理由"):
        resolve(state, _present("85"), "Q1", "  ", supervisors=SUPERVISORS, at=AT)
    resolved = resolve(state, _present("85"), "Q1", "复核原始试卷", supervisors=SUPERVISORS, at=AT)
    assert final_value(resolved) == _present("85")
    assert can_confirm([resolved]) == []
    with pytest.raises(ConflictError, match="已裁定过"):
        resolve(resolved, _present("58"), "Q2", "再议", supervisors=SUPERVISORS, at=AT)


def test_supervisor_who_keyed_cannot_resolve() -> None:
    """A supervisor who keyed the line must leave the decision to another supervisor."""
    state = enter_score(_blank(), _entry("85", "Q1"))
    state = enter_score(state, _entry("58", "E2"))
    with pytest.raises(PermissionDenied, match="另一位质量督导员"):
        resolve(state, _present("85"), "Q1", "复核", supervisors=SUPERVISORS, at=AT)


def test_matching_line_needs_no_resolution() -> None:
    """Resolving a line whose keyings agree is refused."""
    with pytest.raises(ConflictError, match="没有待裁定"):
        resolve(_keyed("85", "85"), _present("85"), "Q1", "x", supervisors=SUPERVISORS, at=AT)


def test_confirmed_line_is_locked() -> None:
    """After confirmation, no keying or resolution is accepted."""
    (locked,) = confirm([_keyed("85", "85")], "A1", AT)
    assert locked.confirmation is not None
    with pytest.raises(ConflictError, match="已确认锁定"):
        enter_score(locked, _entry("90", "E3"))
    assert can_confirm([locked]) == ["第 3 行考生 C001 的理论知识考试已确认，不能重复确认"]


def _amendment(
    old: str = "85",
    new: str = "88",
    reason: str = "复核发现漏计一题",
    by: str = "A1",
    approver: str = "Q1",
) -> Amendment:
    return Amendment(_present(old), _present(new), reason, by, approver, AT)


def test_amendment_keeps_old_and_new_in_history() -> None:
    """An approved change shows the new final score and keeps the old one in the record."""
    (locked,) = confirm([_keyed("85", "85")], "A1", AT)
    amended = amend(locked, _amendment(), supervisors=SUPERVISORS)
    assert final_value(amended) == _present("88")
    assert amended.history[: len(locked.history)] == locked.history
    (change,) = amended.amendments
    assert (change.old, change.new) == (_present("85"), _present("88"))
    assert final_value(locked) == _present("85")


def test_amendment_requires_reason() -> None:
    """A change without a reason is refused."""
    (locked,) = confirm([_keyed("85", "85")], "A1", AT)
    with pytest.raises(ValidationError, match="理由"):
        amend(locked, _amendment(reason=" "), supervisors=SUPERVISORS)


def test_amendment_requires_a_different_supervisor() -> None:
    """The approver must be a supervisor and not the person asking."""
    (locked,) = confirm([_keyed("85", "85")], "A1", AT)
    with pytest.raises(PermissionDenied, match="质量督导员批准"):
        amend(locked, _amendment(approver="E1"), supervisors=SUPERVISORS)
    with pytest.raises(PermissionDenied, match="不能是同一人"):
        amend(locked, _amendment(by="Q1", approver="Q1"), supervisors=SUPERVISORS)
    assert amend(locked, _amendment(by="Q2", approver="Q1"), supervisors=SUPERVISORS).amendments


def test_amendment_only_after_confirmation_and_against_current_value() -> None:
    """Unconfirmed lines are fixed by keying; a stale old value or no change is refused."""
    with pytest.raises(ConflictError, match="尚未确认"):
        amend(_keyed("85", "85"), _amendment(), supervisors=SUPERVISORS)
    (locked,) = confirm([_keyed("85", "85")], "A1", AT)
    with pytest.raises(ConflictError, match="重新提交"):
        amend(locked, _amendment(old="80"), supervisors=SUPERVISORS)
    with pytest.raises(ValidationError, match="相同"):
        amend(locked, _amendment(new="85.0"), supervisors=SUPERVISORS)
    with pytest.raises(ValidationError, match="0 到 100"):
        amend(locked, _amendment(new="101"), supervisors=SUPERVISORS)


def test_two_component_level_pass_and_fail() -> None:
    """At 初级, 60 in both passes; 59.5, absent or voided fails; a missing score is incomplete."""
    rules = _rule_map(Level.JUNIOR)
    required = _rules().components_for(AI, Level.JUNIOR)
    passed = compute_result(required, {THEORY: _present("60"), PRACTICAL: _present("60.0")}, rules)
    assert passed.status is ResultStatus.PASSED and passed.passed
    low = compute_result(required, {THEORY: _present("59.5"), PRACTICAL: _present("90")}, rules)
    assert low.status is ResultStatus.FAILED
    assert low.reasons == ("理论知识考试：59.5 分，低于合格线 60 分",)
    absent = Mark(ScoreStatus.ABSENT)
    result = compute_result(required, {THEORY: _present("90"), PRACTICAL: absent}, rules)
    assert result.status is ResultStatus.FAILED
    assert result.reasons == ("专业能力考核：缺考，不计为合格",)
    voided = Mark(ScoreStatus.VOIDED)
    result = compute_result(required, {THEORY: voided, PRACTICAL: _present("90")}, rules)
    assert result.reasons == ("理论知识考试：作废，不计为合格",)
    incomplete = compute_result(required, {THEORY: _present("90")}, rules)
    assert incomplete.status is ResultStatus.INCOMPLETE
    assert incomplete.reasons == ("专业能力考核：尚无最终成绩",)


def test_three_component_level() -> None:
    """At 高级, the 综合评审 must be passed too; missing it leaves the result incomplete."""
    rules = _rule_map(Level.SENIOR)
    required = _rules().components_for(AI, Level.SENIOR)
    two = {THEORY: _present("75"), PRACTICAL: _present("80")}
    missing = compute_result(required, two, rules)
    assert missing.status is ResultStatus.INCOMPLETE
    assert compute_result(required, {**two, REVIEW: _present("60")}, rules).passed
    failed = compute_result(required, {**two, REVIEW: _present("59.5")}, rules)
    assert failed.reasons == ("综合评审：59.5 分，低于合格线 60 分",)
    mixed = compute_result(required, {THEORY: Mark(ScoreStatus.ABSENT), REVIEW: None}, rules)
    assert mixed.status is ResultStatus.INCOMPLETE
    assert len(mixed.reasons) == 3


def test_unconfirmed_scores_do_not_count() -> None:
    """A result computed from unconfirmed lines is incomplete, so no certificate can follow."""
    rules = _rule_map(Level.JUNIOR)
    required = (THEORY, PRACTICAL)
    theory = _keyed("90", "90")
    practical = enter_score(_blank(PRACTICAL), _entry("80", "E1", component=PRACTICAL))
    practical = enter_score(practical, _entry("80", "E2", component=PRACTICAL))
    before = compute_result(required, confirmed_finals([theory, practical]), rules)
    assert before.status is ResultStatus.INCOMPLETE
    after = compute_result(
        required, confirmed_finals(confirm([theory, practical], "A1", AT)), rules
    )
    assert after.passed


def test_required_component_without_rule_is_refused() -> None:
    """Computing a result without the component's rule is an error, not a silent pass."""
    with pytest.raises(ValidationError, match="综合评审"):
        compute_result([REVIEW], {REVIEW: _present("90")}, _rule_map(Level.JUNIOR))
