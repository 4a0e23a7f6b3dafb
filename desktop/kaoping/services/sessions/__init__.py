"""Sessions (场次), the examiner registry (考评人员库), staff assignment, seating and tickets.

Staffing rules (ratios, panel sizes), durations and components come from
`resources/standards/assessment.json` through `domain.assessment`; values not yet checked against
the official standards are named as such in messages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from kaoping.domain.assessment import AssessmentRules, Component, ComponentRule
from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.plans import Batch, BatchStatus, Plan
from kaoping.domain.roles import Permission
from kaoping.domain.seating import Room, assign_seats, shuffled, ticket_number
from kaoping.domain.staffing import (
    SCORING_ROLES,
    Conflict,
    ConflictKind,
    StaffAssignment,
    StaffRole,
    check_qualifications,
    check_recusal,
    check_room_staffing,
)
from kaoping.services.base import Actor, Env, action, reading, require_batch
from kaoping.services.checkin import ticket_key, ticket_qr_payload
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.dto import BodyProfile
from kaoping.services.ports.exams import (
    ExaminerDraft,
    ExaminerInfo,
    FilingComponent,
    FilingSession,
    NewSession,
    PlanFiling,
    SeatView,
    SessionInfo,
    StaffSlot,
    TicketSheet,
)
from kaoping.services.ports.setup import StandardsData

SESSION_CODE = re.compile(r"^[A-Za-z0-9-]{1,40}$")
CAPACITY_MAX = 999
TICKET_MAX = 40
TICKET_RULES_SETTING = "tickets.rules"
# The body's own house rules for the room; an administrator replaces them in the settings.
DEFAULT_TICKET_RULES = (
    "凭本准考证和有效身份证件原件入场，两证缺一不得入场。",
    "按准考证所列考场和座位号就座，将准考证和身份证件放在桌面左上角备查。",
    "手机、智能手表等电子设备须关机，放在考务人员指定的位置。",
    "服从考务人员安排，遵守考场纪律；违纪行为将如实记录并按规定处理。",
    "考核结束前离场须经监考人员同意，离场后不得再次进入考场。",
)
















class StaffingRefused(ValidationError):
    """A staff plan that breaks the rules; `problems` lists every violation."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"以下 {len(self.problems)} 项不符合规则，未保存：\n" + "\n".join(
            f"{n}. {p}" for n, p in enumerate(self.problems, start=1)), field="考评人员安排")


@dataclass(frozen=True)
class BoardRow:
    """A session on the session board: who staffs it and what is still wrong."""

    session: SessionInfo
    staff: tuple[StaffSlot, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class SeatingResult:
    """What seating did: candidates seated now, and those still without a seat."""

    seated: int
    waiting: int


# rules


def assessment_rules(env: Env) -> AssessmentRules:
    """The assessment rules currently in force (resources/standards/assessment.json)."""
    standards:StandardsData = env.adapters.standards
    return AssessmentRules.from_dict(standards.raw("assessment.json"))


def _rule(env: Env, batch: Batch, component: Component) -> ComponentRule:
    try:
        return assessment_rules(env).rule_for(batch.occupation_code, batch.level, component)
    except NotFound as missing:
        raise ValidationError(str(missing), field="考核科目") from None


def _pending_note(rule: ComponentRule, name: str) -> str:
    if name in rule.unverified:
        return "（此要求取自通用模板，尚未与国家标准原文核对，可在考核规则中修改）"
    return ""


# lookups



def _session(uow: UnitOfWork, session_id: int) -> SessionInfo:
    session = uow.exams.session(session_id)
    if session is None:
        raise NotFound(f"场次（编号 {session_id}）不存在，请重新选择场次。", field="场次")
    return session


def _examiner(uow: UnitOfWork, examiner_id: int) -> ExaminerInfo:
    person = uow.exams.examiner(examiner_id)
    if person is None:
        raise NotFound(f"考评人员库中没有编号 {examiner_id} 的人员，请先登记。", field="考评人员")
    return person


def _local(moment: datetime) -> datetime:
    # Times typed without a zone are Beijing time: the bodies this serves are all in Guangxi.
    return moment.replace(tzinfo=BEIJING) if moment.tzinfo is None else moment


def _when(session: SessionInfo) -> str:
    start, end = session.starts_at.astimezone(BEIJING), session.ends_at.astimezone(BEIJING)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


# sessions


def _check_new_session(env: Env, batch: Batch, new: NewSession) -> None:
    if not SESSION_CODE.match(new.code):
        raise ValidationError("场次编号须为 1–40 位字母、数字或短横线，例如 T01。", field="场次编号")
    if not new.site.strip() or len(new.site) > 200:
        raise ValidationError("请填写考点名称（200 字以内）。", field="考点")
    if not new.room.strip() or len(new.room) > 100:
        raise ValidationError("请填写考场名称（100 字以内）。", field="考场")
    if not 1 <= new.capacity <= CAPACITY_MAX:
        raise ValidationError(f"考场容量须在 1 到 {CAPACITY_MAX} 之间，现为 {new.capacity}。",
                              field="容量")
    if new.ends_at <= new.starts_at:
        raise ValidationError("结束时间须晚于开始时间。", field="结束时间")
    day = new.starts_at.astimezone(BEIJING).date()
    if not batch.assessment_start <= day <= batch.assessment_end:
        raise ValidationError(
            f"场次日期 {day} 不在批次 {batch.code} 的考核日期 {batch.assessment_start} 至 "
            f"{batch.assessment_end} 之内。", field="开始时间")
    rule = _rule(env, batch, new.component)
    minutes = int((new.ends_at - new.starts_at).total_seconds() // 60)
    if minutes < rule.min_minutes:
        earliest = (new.starts_at + timedelta(minutes=rule.min_minutes)).astimezone(BEIJING)
        raise ValidationError(
            f"{new.component.label}时长不得少于 {rule.min_minutes} 分钟，现为 {minutes} 分钟；"
            f"请把结束时间改为 {earliest:%H:%M} 或更晚{_pending_note(rule, 'min_minutes')}。",
            field="结束时间")


def _check_room_free(uow: UnitOfWork, new: NewSession) -> None:
    for other in uow.exams.sessions_in_room(new.site, new.room):
        if other.starts_at < new.ends_at and new.starts_at < other.ends_at:
            raise ConflictError(
                f"{new.site} {new.room} 在 {_when(other)} 已安排场次 {other.code}，"
                "请换考场或调整时间。", field="考场")


def create_session(env: Env, actor: Actor, new: NewSession) -> int:
    """Open a session of one component in one room; returns its id.

    Raises:
        ValidationError: A field is wrong, the level has no such component, or the session is
            shorter than the component's minimum duration (the message gives the earliest end).
        ConflictError: The code is taken in the batch, or the room is booked at that time.
    """
    new = replace(new, code=new.code.strip(), site=new.site.strip(), room=new.room.strip(),
                  starts_at=_local(new.starts_at).astimezone(UTC),
                  ends_at=_local(new.ends_at).astimezone(UTC))
    with action(env, actor, Permission.SESSIONS_MANAGE, "sessions.create") as tx:
        batch = require_batch(tx.uow, new.batch_id)
        if batch.status is not BatchStatus.OPEN:
            raise ConflictError(f"批次 {batch.code} 已处于“{batch.status.label}”阶段，不能再新增场次。",
                                field="批次")
        _check_new_session(env, batch, new)
        if tx.uow.exams.session_by_code(batch.id, new.code) is not None:
            raise ConflictError(f"批次 {batch.code} 已有场次 {new.code}，请换一个编号。",
                                field="场次编号")
        _check_room_free(tx.uow, new)
        room_index = tx.uow.exams.next_room_index(batch.id)
        session_id = tx.uow.exams.add_session(new, room_index, env.clock.now())
        tx.record(f"session:{session_id}", batch=batch.code, code=new.code,
                  component=new.component.value, room_index=room_index)
    return session_id


def list_sessions(env: Env, actor: Actor, batch_id: int) -> list[SessionInfo]:
    """A batch's sessions by start time."""
    with reading(env, actor, Permission.SESSIONS_MANAGE) as uow:
        require_batch(uow, batch_id)
        return uow.exams.sessions(batch_id)


def components_of_batch(env: Env, actor: Actor, batch_id: int) -> list[Component]:
    """The components the batch's level is assessed in (理论知识考试, 专业能力考核, 综合评审)."""
    with reading(env, actor, Permission.SESSIONS_MANAGE) as uow:
        batch = require_batch(uow, batch_id)
    return list(assessment_rules(env).components_for(batch.occupation_code, batch.level))


# examiner registry


def _check_draft(uow: UnitOfWork, draft: ExaminerDraft, examiner_id: int | None) -> None:
    if not draft.name.strip() or len(draft.name) > 60:
        raise ValidationError("请填写姓名（60 字以内）。", field="姓名")
    if not draft.roles:
        raise ValidationError("请至少选择一种职责：考评员、监考员、质量督导员或评审专家。",
                              field="职责")
    scoring = draft.roles & SCORING_ROLES
    if scoring and (not draft.occupations or draft.level is None):
        raise ValidationError("考评员和评审专家须登记可考评的职业和最高等级。", field="资格")
    for code in sorted(draft.occupations):
        if uow.catalogue.occupation(code) is None:
            raise ValidationError(f"标准目录中没有职业编码 {code}。", field="资格职业")
    if draft.user_id is not None:
        if uow.users.get(draft.user_id) is None:
            raise NotFound(f"没有编号为 {draft.user_id} 的用户账号。", field="登录账号")
        linked = uow.exams.examiner_by_user(draft.user_id)
        if linked is not None and linked.id != examiner_id:
            raise ConflictError(f"该登录账号已关联考评人员 {linked.name}，一个账号只能关联一人。",
                                field="登录账号")


def _with_user(uow: UnitOfWork, draft: ExaminerDraft, username: str) -> ExaminerDraft:
    if not username.strip():
        return draft
    user = uow.users.by_username(username.strip())
    if user is None:
        raise NotFound(f"没有用户名为 {username.strip()} 的账号，请先由系统管理员创建。",
                       field="登录账号")
    return replace(draft, user_id=user.id)


def register_examiner(env: Env, actor: Actor, draft: ExaminerDraft, username: str = "") -> int:
    """Add a person to the examiner registry; `username` links their sign-in account."""
    draft = replace(draft, name=draft.name.strip(), certificate_no=draft.certificate_no.strip(),
                    employer=draft.employer.strip(), phone=draft.phone.strip())
    with action(env, actor, Permission.SESSIONS_MANAGE, "examiners.register") as tx:
        draft = _with_user(tx.uow, draft, username)
        _check_draft(tx.uow, draft, None)
        examiner_id = tx.uow.exams.add_examiner(draft, env.clock.now())
        tx.record(f"examiner:{examiner_id}", roles=sorted(r.value for r in draft.roles),
                  user=draft.user_id)
    return examiner_id


def update_examiner(env: Env, actor: Actor, examiner_id: int, draft: ExaminerDraft,
                    active: bool = True, username: str = "") -> None:
    """Change a registry entry (qualifications, roles, account) or retire it (`active=False`)."""
    with action(env, actor, Permission.SESSIONS_MANAGE, "examiners.update") as tx:
        _examiner(tx.uow, examiner_id)
        draft = _with_user(tx.uow, draft, username)
        _check_draft(tx.uow, draft, examiner_id)
        tx.uow.exams.update_examiner(examiner_id, draft, active, env.clock.now())
        tx.record(f"examiner:{examiner_id}", roles=sorted(r.value for r in draft.roles),
                  active=active)


def list_examiners(env: Env, actor: Actor, include_inactive: bool = False) -> list[ExaminerInfo]:
    """The examiner registry by name."""
    with reading(env, actor, Permission.SESSIONS_MANAGE) as uow:
        return uow.exams.examiners(active_only=not include_inactive)


# staff assignment


def _candidate_keys(uow: UnitOfWork, session_id: int) -> dict[int, str]:
    # Names in the keys make recusal messages say who the candidate is.
    return {s.candidate_id: f"{s.name}（考生 {s.candidate_id}）"
            for s in uow.exams.seats(session_id)}


def _registry_problems(slots: Sequence[tuple[ExaminerInfo, StaffRole]]) -> list[str]:
    problems, seen = [], set()
    for person, role in slots:
        if person.id in seen:
            problems.append(f"{person.name}（{person.id}）在本场次重复安排，一人只能担任一项职责")
        seen.add(person.id)
        if not person.active:
            problems.append(f"{person.name}（{person.id}）已停用，请改派他人")
        if role not in person.roles:
            problems.append(f"{person.name}（{person.id}）未登记为{role.label}，"
                            f"请先在考评人员库中登记或改派")
    return problems


def _double_bookings(uow: UnitOfWork, session: SessionInfo,
                     slots: Sequence[tuple[ExaminerInfo, StaffRole]]) -> list[str]:
    problems = []
    for person, _role in slots:
        for other in uow.exams.examiner_sessions(person.id):
            if other.id != session.id and (other.starts_at < session.ends_at
                                           and session.starts_at < other.ends_at):
                problems.append(f"{person.name}（{person.id}）在 {_when(other)} 已安排在场次 "
                                f"{other.code}（{other.room}），时间冲突，请改派")
    return problems


def _staffing_problems(env: Env, uow: UnitOfWork, session: SessionInfo,
                       slots: Sequence[tuple[ExaminerInfo, StaffRole]]) -> list[str]:
    batch = require_batch(uow, session.batch_id)
    rule = _rule(env, batch, session.component)
    keys = _candidate_keys(uow, session.id)
    # Before seating, the room's capacity stands in for the number of candidates.
    count = len(keys) or session.capacity
    scored = frozenset(keys.values()) if session.component is not Component.THEORY else frozenset()
    assignments = [StaffAssignment(p.as_member(), role,
                                   scored if role in SCORING_ROLES else frozenset())
                   for p, role in slots]
    conflicts = [Conflict(str(c.examiner_id), keys[c.candidate_id], c.kind, c.note)
                 for c in uow.exams.conflicts_of_candidates(list(keys))]
    problems = _registry_problems(slots)
    note = (_pending_note(rule, "staffing.candidates_per_staff")
            or _pending_note(rule, "staffing.min_per_room"))
    problems += [p if "质量督导员" in p else p + note
                 for p in check_room_staffing(rule, count, assignments, room=session.room)]
    problems += check_qualifications(assignments, batch.occupation_code, batch.level)
    problems += check_recusal(assignments, conflicts)
    problems += _double_bookings(uow, session, slots)
    return problems


def assign_staff(env: Env, actor: Actor, session_id: int,
                 slots: Sequence[tuple[int, StaffRole]]) -> None:
    """Replace a session's staff with (registry id, role) pairs, if the plan keeps every rule.

    Checked: the component's ratio and minimum per room, odd panel sizes, supervisors not doubling
    as examiners, registered roles and qualifications, recusals of scoring staff for the seated
    candidates, and nobody in two rooms at once.

    Raises:
        StaffingRefused: Lists every violation; nothing is saved.
    """
    with action(env, actor, Permission.SESSIONS_MANAGE, "sessions.assign_staff") as tx:
        session = _session(tx.uow, session_id)
        people = [(_examiner(tx.uow, examiner_id), role) for examiner_id, role in slots]
        problems = _staffing_problems(env, tx.uow, session, people)
        if problems:
            raise StaffingRefused(problems)
        tx.uow.exams.set_session_staff(session_id, list(slots), env.clock.now(), actor.username)
        tx.record(f"session:{session_id}",
                  staff=[f"{examiner_id}:{role.value}" for examiner_id, role in slots])


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


# recusal


def _declare(env: Env, tx_uow: UnitOfWork, actor: Actor, examiner: ExaminerInfo,
             candidate_id: int, kind: ConflictKind, note: str) -> None:
    if tx_uow.exams.candidate_batch(candidate_id) is None:
        raise NotFound(f"考生（编号 {candidate_id}）不存在。", field="考生")
    if len(note) > 300:
        raise ValidationError("回避说明不能超过 300 字。", field="回避说明")
    tx_uow.exams.add_conflict(examiner.id, candidate_id, kind, note.strip(), env.clock.now(),
                              actor.username)


def declare_conflict(env: Env, actor: Actor, examiner_id: int, candidate_id: int,
                     kind: ConflictKind, note: str = "") -> None:
    """Record that an examiner must not score a candidate (回避: relative, trainer, employer...)."""
    with action(env, actor, Permission.SESSIONS_MANAGE, "examiners.conflict") as tx:
        examiner = _examiner(tx.uow, examiner_id)
        _declare(env, tx.uow, actor, examiner, candidate_id, kind, note)
        tx.record(f"examiner:{examiner_id}", candidate=candidate_id, kind=kind.value)


def declare_own_conflict(env: Env, actor: Actor, candidate_id: int, kind: ConflictKind,
                         note: str = "") -> None:
    """The signed-in examiner declares their own conflict with a candidate."""
    with action(env, actor, Permission.SCORES_ENTER, "examiners.conflict") as tx:
        examiner = tx.uow.exams.examiner_by_user(actor.user_id)
        if examiner is None:
            raise NotFound("您的账号没有关联考评人员库中的人员，请联系考务管理员关联。",
                           field="登录账号")
        _declare(env, tx.uow, actor, examiner, candidate_id, kind, note)
        tx.record(f"examiner:{examiner.id}", candidate=candidate_id, kind=kind.value)


def scorers_in(uow: UnitOfWork, session_id: int, candidate_id: int) -> list[ExaminerInfo]:
    """Inside an open unit of work: the session's scoring staff who may score this candidate.

    Scoring staff are the examiners and reviewers assigned to the session; anyone who declared a
    conflict with the candidate is left out.
    """
    barred = {c.examiner_id for c in uow.exams.conflicts_of_candidates([candidate_id])}
    return [s.examiner for s in uow.exams.session_staff(session_id)
            if s.role in SCORING_ROLES and s.examiner.id not in barred]


def scorers_for(env: Env, actor: Actor, session_id: int, candidate_id: int) -> list[ExaminerInfo]:
    """The examiners who may score this candidate in this session (recusals left out)."""
    with reading(env, actor, Permission.CANDIDATES_VIEW) as uow:
        _session(uow, session_id)
        return scorers_in(uow, session_id, candidate_id)


def on_panel(uow: UnitOfWork, session_id: int, examiner_id: int) -> bool:
    """Inside an open unit of work: whether the person scores in this session (考评员, 评审专家)."""
    return any(s.examiner.id == examiner_id and s.role in SCORING_ROLES
               for s in uow.exams.session_staff(session_id))


def session_scorer(uow: UnitOfWork, session_id: int, session_code: str, user_id: int,
                   row: int | None = None) -> ExaminerInfo:
    """Inside an open unit of work: the user's registry entry, if they are on the session's panel.

    Only examiners assigned to the session as 考评员 or 评审专家 key its scores (a certificate needs
    components scored by assigned examiners), whether on screen or from a platform file.

    Raises:
        ValidationError: The user is not linked to the registry, or not on the session's panel.
    """
    examiner = uow.exams.examiner_by_user(user_id)
    if examiner is None:
        raise ValidationError("您的账号没有关联考评人员库中的人员，不能录入成绩；"
                              "请考务管理员在“考务与场次”中关联账号并安排到本场次。",
                              field="考评员", row=row)
    if not on_panel(uow, session_id, examiner.id):
        raise ValidationError(f"{examiner.name} 未被安排为场次 {session_code} 的考评员或评审专家，"
                              "不能录入本场次成绩；请考务管理员在“考务与场次”中安排。",
                              field="考评员", row=row)
    return examiner


def refuse_if_recused(uow: UnitOfWork, examiner: ExaminerInfo, candidate_id: int,
                      row: int | None = None) -> None:
    """Refuse a keying by an examiner who declared a conflict (回避) with this candidate."""
    if examiner.id in {c.examiner_id for c in uow.exams.conflicts_of_candidates([candidate_id])}:
        raise ValidationError(f"{examiner.name} 已声明与该考生存在回避关系，不能为其录入成绩，"
                              "请由本场次其他考评员录入。", field="考评员", row=row)


# seating


def _ticket_prefix(batch: Batch) -> str:
    prefix = re.sub(r"[^A-Za-z0-9]", "", batch.code).upper()
    if len(prefix) + 6 > TICKET_MAX:
        raise ValidationError(f"批次编号 {batch.code} 过长，准考证号最多 {TICKET_MAX} 位；"
                              "请使用不超过 34 位字母数字的批次编号。", field="批次编号")
    return prefix


def _free_seats(uow: UnitOfWork, session: SessionInfo) -> list[int]:
    taken = set(uow.exams.seat_numbers(session.id))
    return [n for n in range(1, session.capacity + 1) if n not in taken]


def _seat(uow: UnitOfWork, batch: Batch, targets: Sequence[SessionInfo],
          seed: str | None) -> SeatingResult:
    for session in targets:
        if session.confirmed:
            raise ConflictError(f"场次 {session.code} 的成绩已确认，不能再排座。", field="场次")
    component = targets[0].component
    pending = uow.exams.unseated_candidates(batch.id, component)
    ordered = pending if seed is None else [int(c) for c in shuffled([str(p) for p in pending],
                                                                     seed)]
    free = {s.id: _free_seats(uow, s) for s in targets}
    rooms = [Room(str(s.id), len(free[s.id])) for s in targets if free[s.id]]
    chosen = ordered[:sum(r.capacity for r in rooms)]
    plan = assign_seats([str(c) for c in chosen], rooms) if chosen else {}
    prefix = _ticket_prefix(batch)
    by_id = {s.id: s for s in targets}
    rows: dict[int, list[tuple[int, int, str]]] = {}
    for candidate, seat in plan.items():
        session = by_id[int(seat.room)]
        number = free[session.id][seat.seat_no - 1]
        ticket = ticket_number(prefix, session.room_index, number)
        rows.setdefault(session.id, []).append((int(candidate), number, ticket))
    for session_id, seats in rows.items():
        uow.exams.add_seats(session_id, sorted(seats, key=lambda s: s[1]))
    ticket_key(uow, create=True)
    return SeatingResult(len(chosen), len(pending) - len(chosen))


def seat_session(env: Env, actor: Actor, session_id: int, seed: str | None = None) -> SeatingResult:
    """Seat the batch's unseated candidates of this component in the session's free seats.

    Candidates are taken in roster order, or shuffled reproducibly by `seed`; those who do not
    fit are counted in `waiting` for the next room.
    """
    with action(env, actor, Permission.SESSIONS_MANAGE, "sessions.seat") as tx:
        session = _session(tx.uow, session_id)
        result = _seat(tx.uow, require_batch(tx.uow, session.batch_id), [session], seed)
        tx.record(f"session:{session_id}", seated=result.seated, waiting=result.waiting,
                  seed=seed or "")
    return result


def seat_component(env: Env, actor: Actor, batch_id: int, component: Component,
                   seed: str | None = None) -> SeatingResult:
    """Seat every unseated candidate of the batch across all its sessions of one component."""
    with action(env, actor, Permission.SESSIONS_MANAGE, "sessions.seat") as tx:
        batch = require_batch(tx.uow, batch_id)
        targets = [s for s in tx.uow.exams.sessions(batch_id) if s.component is component]
        if not targets:
            raise ValidationError(f"批次 {batch.code} 还没有{component.label}场次，请先新增场次。",
                                  field="场次")
        result = _seat(tx.uow, batch, targets, seed)
        tx.record(f"batch:{batch_id}", component=component.value, seated=result.seated,
                  waiting=result.waiting, seed=seed or "")
    return result


def session_seats(env: Env, actor: Actor, session_id: int) -> list[SeatView]:
    """A session's seat list (masked ID numbers, no photos)."""
    with reading(env, actor, Permission.SESSIONS_MANAGE) as uow:
        _session(uow, session_id)
        return uow.exams.seats(session_id)


# admission tickets and the plan filing


def _sheets(uow: UnitOfWork, session: SessionInfo) -> list[TicketSheet]:
    batch = require_batch(uow, session.batch_id)
    profile = uow.body.get_profile()
    occupation = uow.catalogue.occupation(batch.occupation_code)
    key = ticket_key(uow, create=True)
    assert key is not None
    rules = tuple(uow.settings.get(TICKET_RULES_SETTING, list(DEFAULT_TICKET_RULES)))
    start, end = session.starts_at.astimezone(BEIJING), session.ends_at.astimezone(BEIJING)
    return [TicketSheet(
        body_name=profile.name if profile else "", batch_name=batch.name,
        occupation=occupation.name if occupation else batch.occupation_code,
        direction=batch.direction, level=batch.level.label, component=session.component.label,
        site=session.site, room=session.room, room_index=session.room_index,
        date_text=f"{start:%Y年%m月%d日}", time_text=f"{start:%H:%M}–{end:%H:%M}（北京时间）",
        seat_no=seat.seat_no, ticket_no=seat.ticket_no, name=seat.name, id_type=seat.id_type,
        id_masked=seat.id_masked, photo=seat.photo,
        qr_payload=ticket_qr_payload(key, seat.ticket_no), rules=rules)
        for seat in uow.exams.seats(session.id, with_photos=True)]


def ticket_pdf(env: Env, actor: Actor, session_id: int) -> bytes:
    """All admission tickets (准考证) of a session in one PDF, in seat order."""
    renderer = env.adapters.ticket_pdf
    with action(env, actor, Permission.SESSIONS_MANAGE, "tickets.print") as tx:
        session = _session(tx.uow, session_id)
        sheets = _sheets(tx.uow, session)
        if not sheets:
            raise ValidationError(f"场次 {session.code} 还没有排座，请先排座再打印准考证。",
                                  field="场次")
        tx.record(f"session:{session_id}", tickets=len(sheets))
    return renderer(sheets)


def _filing_components(env: Env, plan: Plan) -> tuple[FilingComponent, ...]:
    level_plan = assessment_rules(env).plan_for(plan.occupation_code, plan.level)
    result = []
    for component in level_plan.components:
        rule = level_plan.rules[component]
        staff = rule.staffing
        ratio = (f"1:{staff.candidates_per_staff}，" if staff.candidates_per_staff else "")
        odd = "单数" if staff.odd_panel else ""
        text = f"{staff.role.label} {ratio}每考场（组）不少于 {staff.min_per_room} 人{odd}"
        result.append(FilingComponent(component.label, str(rule.scale_max), str(rule.pass_mark),
                                      rule.min_minutes, text, bool(rule.unverified)))
    return tuple(result)


def _staff_summary(slots: Sequence[StaffSlot]) -> str:
    counts: dict[StaffRole, int] = {}
    for slot in slots:
        counts[slot.role] = counts.get(slot.role, 0) + 1
    return "、".join(f"{role.label}{n}人" for role, n in counts.items()) or "未安排"


def plan_filing_pdf(env: Env, actor: Actor, plan_id: int) -> bytes:
    """The assessment plan's filing document (考核计划备案表) as a PDF."""
    renderer = env.adapters.plan_pdf
    with action(env, actor, Permission.PLANS_MANAGE, "plans.filing_pdf") as tx:
        plan = tx.uow.plans.plan(plan_id)
        if plan is None:
            raise NotFound(f"考核计划（编号 {plan_id}）不存在。", field="考核计划")
        profile = tx.uow.body.get_profile() or BodyProfile("", "")
        occupation = tx.uow.catalogue.occupation(plan.occupation_code)
        batches = tuple(tx.uow.plans.batches(plan_id))
        rows = []
        for batch in sorted(batches, key=lambda b: b.assessment_start):
            for session in tx.uow.exams.sessions(batch.id):
                staff = tx.uow.exams.session_staff(session.id)
                rows.append(FilingSession(batch.code, session, _staff_summary(staff)))
        filing = PlanFiling(profile, plan, occupation.name if occupation else plan.occupation_code,
                            _filing_components(env, plan), batches, tuple(rows),
                            env.clock.now().astimezone(BEIJING).date())
        tx.record(f"plan:{plan_id}", code=plan.code, batches=len(batches), sessions=len(rows))
    return renderer(filing)

