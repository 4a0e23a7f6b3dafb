"""Room staffing ratios, panel sizes, recusal and examiner qualifications."""

from __future__ import annotations

import pytest

from kaoping.domain.assessment import AssessmentRules, Component, ComponentRule
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError
from kaoping.domain.staffing import (
    Conflict,
    ConflictKind,
    StaffAssignment,
    StaffMember,
    StaffRole,
    check_qualifications,
    check_recusal,
    check_room_staffing,
    eligible_scorers,
)
from kaoping.paths import resource_path

AI = "2-02-10-09"


def _rule(component: Component, level: Level = Level.SENIOR) -> ComponentRule:
    text = resource_path("standards", "assessment.json").read_text(encoding="utf-8")
    return AssessmentRules.from_json(text).rule_for(AI, level, component)


def _people(role: StaffRole, count: int, prefix: str = "S") -> list[StaffAssignment]:
    return [
        StaffAssignment(StaffMember(f"{prefix}{n}", f"人员{n}"), role) for n in range(1, count + 1)
    ]


def test_31_candidates_with_2_invigilators_is_refused() -> None:
    """A theory room of 31 needs 3 invigilators at 1:15; the message names room and numbers."""
    problems = check_room_staffing(
        _rule(Component.THEORY), 31, _people(StaffRole.INVIGILATOR, 2), room="A101"
    )
    assert len(problems) == 1
    assert problems[0].startswith("考场 A101：考生 31 人，按 1:15 至少需要 3 名监考员，现有 2 名")


def test_30_candidates_with_2_invigilators_is_fine() -> None:
    """Exactly at the ratio is accepted."""
    assert check_room_staffing(_rule(Component.THEORY), 30, _people(StaffRole.INVIGILATOR, 2)) == []


def test_small_room_still_needs_two_invigilators() -> None:
    """Even a room of 5 needs at least 2 invigilators."""
    problems = check_room_staffing(_rule(Component.THEORY), 5, _people(StaffRole.INVIGILATOR, 1))
    assert problems == ["每个考场至少需要 2 名监考员，现有 1 名，请再安排 1 名"]


def test_practical_panel_of_four_is_refused() -> None:
    """A practical panel must be an odd number of at least 3."""
    problems = check_room_staffing(_rule(Component.PRACTICAL), 10, _people(StaffRole.EXAMINER, 4))
    assert len(problems) == 1
    assert problems[0].startswith("专业能力考核考评组须为 3 人以上单数，现为 4 人")


def test_practical_panel_of_three_is_fine() -> None:
    """Three examiners for 15 candidates meets both ratio and panel rules."""
    assert check_room_staffing(_rule(Component.PRACTICAL), 15, _people(StaffRole.EXAMINER, 3)) == []


def test_practical_ratio_and_panel_both_reported() -> None:
    """Too few examiners for the candidates is reported even when the panel size is odd."""
    problems = check_room_staffing(_rule(Component.PRACTICAL), 16, _people(StaffRole.EXAMINER, 3))
    assert problems == ["考生 16 人，按 1:5 至少需要 4 名考评员，现有 3 名，请再安排 1 名"]
    problems = check_room_staffing(_rule(Component.PRACTICAL), 4, _people(StaffRole.EXAMINER, 2))
    assert any("须为 3 人以上单数，现为 2 人" in p for p in problems)


def test_review_panel_counts_reviewers_only() -> None:
    """Invigilators and supervisors do not count towards a review panel."""
    assigned = _people(StaffRole.REVIEWER, 2) + _people(StaffRole.INVIGILATOR, 3, prefix="I")
    problems = check_room_staffing(_rule(Component.REVIEW), 3, assigned)
    assert problems == ["综合评审评审组须为 3 人以上单数，现为 2 人，请调整评审专家人数"]


def test_same_person_counted_once() -> None:
    """Listing one invigilator twice does not make two."""
    one = StaffAssignment(StaffMember("S1", "张三"), StaffRole.INVIGILATOR)
    problems = check_room_staffing(_rule(Component.THEORY), 10, [one, one])
    assert problems == ["每个考场至少需要 2 名监考员，现有 1 名，请再安排 1 名"]


def test_supervisor_cannot_also_examine() -> None:
    """A quality supervisor who is also on the panel is flagged."""
    person = StaffMember("Q1", "李督导")
    assigned = [
        *_people(StaffRole.EXAMINER, 2),
        StaffAssignment(person, StaffRole.EXAMINER),
        StaffAssignment(person, StaffRole.SUPERVISOR),
    ]
    problems = check_room_staffing(_rule(Component.PRACTICAL), 10, assigned)
    assert problems == ["质量督导员 李督导（Q1） 不能同时担任考评员，请改派他人"]


def test_negative_candidate_count_is_refused() -> None:
    """A negative head count is an input error."""
    with pytest.raises(ValidationError):
        check_room_staffing(_rule(Component.THEORY), -1, [])


def test_eligible_scorers_leaves_out_declared_conflicts() -> None:
    """An examiner who declared a conflict is not offered for that candidate."""
    examiners = [StaffMember("E1", "甲"), StaffMember("E2", "乙"), StaffMember("E3", "丙")]
    conflicts = [
        Conflict("E2", "C001", ConflictKind.TRAINER, "授课教师"),
        Conflict("E3", "C002", ConflictKind.RELATIVE),
    ]
    assert [e.staff_id for e in eligible_scorers(examiners, "C001", conflicts)] == ["E1", "E3"]


def test_check_recusal_refuses_conflicted_scorer() -> None:
    """Assigning an examiner to score a relative is refused, naming both and the reason."""
    examiner = StaffMember("E2", "乙")
    assignment = StaffAssignment(examiner, StaffRole.EXAMINER, frozenset({"C001", "C002"}))
    conflicts = [Conflict("E2", "C002", ConflictKind.RELATIVE, "表兄")]
    problems = check_recusal([assignment], conflicts)
    assert problems == [
        "考评员 乙（E2） 与考生 C002 存在回避关系（亲属：表兄），不能为其评分，请改派其他考评员"
    ]
    assert check_recusal([assignment], [Conflict("E1", "C002", ConflictKind.OTHER)]) == []


def test_qualification_occupation_and_level() -> None:
    """Examiners need the occupation's qualification at or above the candidates' level."""
    qualified = StaffMember("E1", "甲", frozenset({AI}), Level.SENIOR)
    other_job = StaffMember("E2", "乙", frozenset({"2-02-10-11"}), Level.SENIOR)
    too_low = StaffMember("E3", "丙", frozenset({AI}), Level.JUNIOR)
    unrecorded = StaffMember("E4", "丁", frozenset({AI}))
    invigilator = StaffMember("I1", "戊")
    assignments = [
        StaffAssignment(qualified, StaffRole.EXAMINER),
        StaffAssignment(other_job, StaffRole.EXAMINER),
        StaffAssignment(too_low, StaffRole.REVIEWER),
        StaffAssignment(unrecorded, StaffRole.EXAMINER),
        StaffAssignment(invigilator, StaffRole.INVIGILATOR),
    ]
    problems = check_qualifications(assignments, AI, Level.INTERMEDIATE)
    assert problems == [
        "考评员 乙（E2） 未取得本职业（2-02-10-09）的考评员资格，请改派",
        "评审专家 丙（E3） 的资格等级为初级，低于考生等级中级，请改派",
        "考评员 丁（E4） 未登记考评员资格等级，请先登记",
    ]
    equal = StaffMember("E5", "己", frozenset({AI}), Level.INTERMEDIATE)
    assert (
        check_qualifications([StaffAssignment(equal, StaffRole.EXAMINER)], AI, Level.INTERMEDIATE)
        == []
    )
