"""Staff assignment (考评人员安排): who works in each session, checked against the rules.

A staff plan is saved only if it keeps the component's ratio and minimum per room, odd panel
sizes, registered roles and qualifications, recusals, and nobody in two rooms at once; the
session board lists what still breaks the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kaoping.domain.assessment import Component
from kaoping.domain.errors import ValidationError
from kaoping.domain.roles import Permission
from kaoping.domain.staffing import (
    SCORING_ROLES,
    Conflict,
    StaffAssignment,
    StaffRole,
    check_qualifications,
    check_recusal,
    check_room_staffing,
)
from kaoping.services.base import Actor, Env, action, reading, require_batch
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exams import ExaminerInfo, SessionInfo, StaffSlot
from kaoping.services.sessions._common import (
    component_rule,
    pending_note,
    require_examiner,
    require_session,
    when_text,
)


class StaffingRefused(ValidationError):
    """A staff plan that breaks the rules; `problems` lists every violation."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            f"以下 {len(self.problems)} 项不符合规则，未保存：\n"
            + "\n".join(f"{n}. {p}" for n, p in enumerate(self.problems, start=1)),
            field="考评人员安排",
        )


@dataclass(frozen=True)
class BoardRow:
    """A session on the session board: who staffs it and what is still wrong."""

    session: SessionInfo
    staff: tuple[StaffSlot, ...]
    problems: tuple[str, ...]


def _candidate_keys(uow: UnitOfWork, session_id: int) -> dict[int, str]:
    # Names in the keys make recusal messages say who the candidate is.
    return {
        s.candidate_id: f"{s.name}（考生 {s.candidate_id}）" for s in uow.exams.seats(session_id)
    }


def _registry_problems(slots: Sequence[tuple[ExaminerInfo, StaffRole]]) -> list[str]:
    problems, seen = [], set()
    for person, role in slots:
        if person.id in seen:
            problems.append(f"{person.name}（{person.id}）在本场次重复安排，一人只能担任一项职责")
        seen.add(person.id)
        if not person.active:
            problems.append(f"{person.name}（{person.id}）已停用，请改派他人")
        if role not in person.roles:
            problems.append(
                f"{person.name}（{person.id}）未登记为{role.label}，请先在考评人员库中登记或改派"
            )
    return problems


def _double_bookings(
    uow: UnitOfWork, session: SessionInfo, slots: Sequence[tuple[ExaminerInfo, StaffRole]]
) -> list[str]:
    problems = []
    for person, _role in slots:
        for other in uow.exams.examiner_sessions(person.id):
            if other.id != session.id and (
                other.starts_at < session.ends_at and session.starts_at < other.ends_at
            ):
                problems.append(
                    f"{person.name}（{person.id}）在 {when_text(other)} 已安排在场次 "
                    f"{other.code}（{other.room}），时间冲突，请改派"
                )
    return problems


def _staffing_problems(
    env: Env, uow: UnitOfWork, session: SessionInfo, slots: Sequence[tuple[ExaminerInfo, StaffRole]]
) -> list[str]:
    batch = require_batch(uow, session.batch_id)
    rule = component_rule(env, batch, session.component)
    keys = _candidate_keys(uow, session.id)
    # Before seating, the room's capacity stands in for the number of candidates.
    count = len(keys) or session.capacity
    scored = frozenset(keys.values()) if session.component is not Component.THEORY else frozenset()
    assignments = [
        StaffAssignment(p.as_member(), role, scored if role in SCORING_ROLES else frozenset())
        for p, role in slots
    ]
    conflicts = [
        Conflict(str(c.examiner_id), keys[c.candidate_id], c.kind, c.note)
        for c in uow.exams.conflicts_of_candidates(list(keys))
    ]
    problems = _registry_problems(slots)
    note = pending_note(rule, "staffing.candidates_per_staff") or pending_note(
        rule, "staffing.min_per_room"
    )
    problems += [
        p if "质量督导员" in p else p + note
        for p in check_room_staffing(rule, count, assignments, room=session.room)
    ]
    problems += check_qualifications(assignments, batch.occupation_code, batch.level)
    problems += check_recusal(assignments, conflicts)
    problems += _double_bookings(uow, session, slots)
    return problems


def assign_staff(
    env: Env, actor: Actor, session_id: int, slots: Sequence[tuple[int, StaffRole]]
) -> None:
    """Replace a session's staff with (registry id, role) pairs, if the plan keeps every rule.

    Checked: the component's ratio and minimum per room, odd panel sizes, supervisors not doubling
    as examiners, registered roles and qualifications, recusals of scoring staff for the seated
    candidates, and nobody in two rooms at once.

    Raises:
        StaffingRefused: Lists every violation; nothing is saved.
    """
    with action(env, actor, Permission.SESSIONS_MANAGE, "sessions.assign_staff") as tx:
        session = require_session(tx.uow, session_id)
        people = [(require_examiner(tx.uow, examiner_id), role) for examiner_id, role in slots]
        problems = _staffing_problems(env, tx.uow, session, people)
        if problems:
            raise StaffingRefused(problems)
        tx.uow.exams.set_session_staff(session_id, list(slots), env.clock.now(), actor.username)
        tx.record(
            f"session:{session_id}",
            staff=[f"{examiner_id}:{role.value}" for examiner_id, role in slots],
        )


def session_board(env: Env, actor: Actor, batch_id: int) -> list[BoardRow]:
    """The batch's sessions with their staff and what still breaks the rules."""
    with reading(env, actor, Permission.SESSIONS_MANAGE) as uow:
        require_batch(uow, batch_id)
        rows = []
        for session in uow.exams.sessions(batch_id):
            staff = uow.exams.session_staff(session.id)
            slots = [(s.examiner, s.role) for s in staff]
            problems = _staffing_problems(env, uow, session, slots)
            rows.append(BoardRow(session, tuple(staff), tuple(problems)))
    return rows
