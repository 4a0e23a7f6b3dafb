"""Who staffs an exam room: ratios and panel sizes, recusal (回避) and examiner qualifications.

Every check returns the full list of problems in Chinese, so an administrator sees everything
that is wrong with a room at once instead of fixing one message at a time.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError

if TYPE_CHECKING:
    from kaoping.domain.assessment import ComponentRule


class StaffRole(StrEnum):
    """What a person does in an exam room."""

    INVIGILATOR = "invigilator"
    EXAMINER = "examiner"
    SUPERVISOR = "supervisor"
    REVIEWER = "reviewer"

    @property
    def label(self) -> str:
        """The Chinese name of the role."""
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    StaffRole.INVIGILATOR: "监考员",
    StaffRole.EXAMINER: "考评员",
    StaffRole.SUPERVISOR: "质量督导员",
    StaffRole.REVIEWER: "评审专家",
}
_PANEL_NAMES = {StaffRole.EXAMINER: "考评组", StaffRole.REVIEWER: "评审组"}
# Roles whose holders give marks and therefore need a qualification and must recuse themselves.
SCORING_ROLES = frozenset({StaffRole.EXAMINER, StaffRole.REVIEWER})


class ConflictKind(StrEnum):
    """Why an examiner must not score a candidate (回避事由)."""

    RELATIVE = "relative"
    TRAINER = "trainer"
    SAME_EMPLOYER = "same_employer"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The Chinese name of the reason."""
        return _CONFLICT_LABELS[self]


_CONFLICT_LABELS = {
    ConflictKind.RELATIVE: "亲属",
    ConflictKind.TRAINER: "培训教师",
    ConflictKind.SAME_EMPLOYER: "同一单位",
    ConflictKind.OTHER: "其他",
}


@dataclass(frozen=True)
class StaffingRule:
    """How many people of one role a room needs (考评人员与考生配比).

    Attributes:
        role: The role the rule counts.
        candidates_per_staff: One person per this many candidates; None when there is no ratio.
        min_per_room: The fewest people of the role in any room or panel.
        odd_panel: Whether the number must be odd, so that a panel vote cannot tie.
    """

    role: StaffRole
    candidates_per_staff: int | None
    min_per_room: int
    odd_panel: bool

    def by_ratio(self, candidate_count: int) -> int:
        """Return how many people the ratio alone asks for (0 when there is no ratio)."""
        if not self.candidates_per_staff:
            return 0
        return math.ceil(candidate_count / self.candidates_per_staff)


@dataclass(frozen=True)
class StaffMember:
    """A person who may staff a room, with their examiner qualification (考评员资格).

    Attributes:
        staff_id: The user id.
        name: The name shown in messages.
        qualified_occupations: Codes of the occupations the person is qualified to examine.
        qualified_level: The highest level the person may examine; None when not recorded.
    """

    staff_id: str
    name: str
    qualified_occupations: frozenset[str] = frozenset()
    qualified_level: Level | None = None

    @property
    def display(self) -> str:
        """Name and id, as messages show a person."""
        return f"{self.name}（{self.staff_id}）"


@dataclass(frozen=True)
class StaffAssignment:
    """One person placed in a room in one role.

    Attributes:
        member: The person.
        role: What they do there.
        candidate_ids: The candidates this person scores; empty for roles that do not score.
    """

    member: StaffMember
    role: StaffRole
    candidate_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Conflict:
    """A declared reason for an examiner not to score a candidate (回避关系)."""

    examiner_id: str
    candidate_id: str
    kind: ConflictKind
    note: str = ""

    def describe(self) -> str:
        """The reason as shown in messages, e.g. `亲属：表兄`."""
        return f"{self.kind.label}：{self.note}" if self.note.strip() else self.kind.label


def check_room_staffing(
    component_rule: ComponentRule,
    candidate_count: int,
    assigned: Sequence[StaffAssignment],
    *,
    room: str = "",
) -> list[str]:
    """List every way a room's staffing breaks the component's rule.

    Args:
        component_rule: The rule of the component held in the room.
        candidate_count: Candidates seated in the room.
        assigned: Everyone assigned to the room, in any role.
        room: The room's name, used to prefix messages.

    Returns:
        Chinese messages, empty when the room is properly staffed.

    Raises:
        ValidationError: The candidate count is negative.
    """
    if candidate_count < 0:
        raise ValidationError("考生人数不能为负数", field="考生人数")
    where = f"考场 {room}：" if room else ""
    rule = component_rule.staffing
    count = len({a.member.staff_id for a in assigned if a.role is rule.role})
    problems = _ratio_problems(rule, candidate_count, count, where)
    problems += _size_problems(rule, component_rule.component.label, count, where)
    problems += _supervisor_problems(assigned, where)
    return problems


def _ratio_problems(rule: StaffingRule, candidates: int, count: int, where: str) -> list[str]:
    needed = rule.by_ratio(candidates)
    if count >= needed:
        return []
    return [
        f"{where}考生 {candidates} 人，按 1:{rule.candidates_per_staff} 至少需要 {needed} 名"
        f"{rule.role.label}，现有 {count} 名，请再安排 {needed - count} 名"
    ]


def _size_problems(rule: StaffingRule, component_label: str, count: int, where: str) -> list[str]:
    minimum = rule.min_per_room
    if rule.odd_panel and (count < minimum or count % 2 == 0):
        panel = _PANEL_NAMES.get(rule.role, rule.role.label)
        return [
            f"{where}{component_label}{panel}须为 {minimum} 人以上单数，现为 {count} 人，"
            f"请调整{rule.role.label}人数"
        ]
    if count < minimum:
        return [
            f"{where}每个考场至少需要 {minimum} 名{rule.role.label}，现有 {count} 名，"
            f"请再安排 {minimum - count} 名"
        ]
    return []


def _supervisor_problems(assigned: Sequence[StaffAssignment], where: str) -> list[str]:
    # A quality supervisor checks the others' work, so they cannot also be one of them.
    supervisors = {a.member.staff_id for a in assigned if a.role is StaffRole.SUPERVISOR}
    problems = []
    for a in assigned:
        if a.role is not StaffRole.SUPERVISOR and a.member.staff_id in supervisors:
            problems.append(
                f"{where}质量督导员 {a.member.display} 不能同时担任{a.role.label}，请改派他人"
            )
    return problems


def eligible_scorers(
    examiners: Sequence[StaffMember], candidate_id: str, conflicts: Iterable[Conflict]
) -> list[StaffMember]:
    """Return the examiners who have declared no conflict with the candidate, in the given order."""
    barred = {c.examiner_id for c in conflicts if c.candidate_id == candidate_id}
    return [e for e in examiners if e.staff_id not in barred]


def check_recusal(
    assignments: Sequence[StaffAssignment], conflicts: Iterable[Conflict]
) -> list[str]:
    """List every assignment that has a person score a candidate they declared a conflict with."""
    by_pair: dict[tuple[str, str], Conflict] = {}
    for conflict in conflicts:
        by_pair.setdefault((conflict.examiner_id, conflict.candidate_id), conflict)
    problems = []
    for a in assignments:
        for candidate_id in sorted(a.candidate_ids):
            declared = by_pair.get((a.member.staff_id, candidate_id))
            if declared is not None:
                problems.append(
                    f"{a.role.label} {a.member.display} 与考生 {candidate_id} 存在回避关系"
                    f"（{declared.describe()}），不能为其评分，请改派其他{a.role.label}"
                )
    return problems


def check_qualifications(
    assignments: Sequence[StaffAssignment], occupation_code: str, level: Level
) -> list[str]:
    """List every scoring person who lacks the qualification for this occupation and level.

    Args:
        assignments: Everyone assigned; only scoring roles (examiners, reviewers) are checked.
        occupation_code: The occupation being assessed, by its standard code.
        level: The candidates' level; the person's qualified level must be at least this.

    Returns:
        Chinese messages, empty when everyone who scores is qualified.
    """
    problems = []
    for a in assignments:
        if a.role not in SCORING_ROLES:
            continue
        member, role = a.member, a.role.label
        if occupation_code not in member.qualified_occupations:
            problems.append(
                f"{role} {member.display} 未取得本职业（{occupation_code}）的{role}资格，请改派"
            )
        elif member.qualified_level is None:
            problems.append(f"{role} {member.display} 未登记{role}资格等级，请先登记")
        elif _rank(member.qualified_level) < _rank(level):
            problems.append(
                f"{role} {member.display} 的资格等级为{member.qualified_level.label}，"
                f"低于考生等级{level.label}，请改派"
            )
    return problems


def _rank(level: Level) -> int:
    return list(Level).index(level)
