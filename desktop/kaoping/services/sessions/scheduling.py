"""Sessions (场次) and seating (排座): opening sessions in rooms and seating candidates in them.

A session is one component (理论知识考试, 专业能力考核, 综合评审) in one room at one time; seating
gives each candidate a seat and an admission ticket number (准考证号).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from kaoping.domain.assessment import Component
from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import ConflictError, ValidationError
from kaoping.domain.plans import Batch, BatchStatus
from kaoping.domain.roles import Permission
from kaoping.domain.seating import Room, assign_seats, shuffled, ticket_number
from kaoping.services.base import Actor, Env, action, reading, require_batch
from kaoping.services.checkin import ticket_key
from kaoping.services.eligibility import STEP_SEAT, refusals
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exams import NewSession, SeatView, SessionInfo
from kaoping.services.sessions._common import (
    assessment_rules,
    component_rule,
    pending_note,
    require_session,
    when_text,
)

SESSION_CODE = re.compile(r"^[A-Za-z0-9-]{1,40}$")
CAPACITY_MAX = 999
TICKET_MAX = 40


@dataclass(frozen=True)
class SeatingResult:
    """What seating did: candidates seated now, those still without a seat, those held back.

    Attributes:
        seated: Candidates given a seat now.
        waiting: Eligible candidates still without a seat (the rooms were full).
        held_back: One message per candidate not seated because they do not meet the
            eligibility rules and have no exception (申报条件例外), naming them and the reason.
        held_back_ids: Their record numbers (考生编号), in the same order.
    """

    seated: int
    waiting: int
    held_back: tuple[str, ...] = ()
    held_back_ids: tuple[int, ...] = ()


def _local(moment: datetime) -> datetime:
    # Times typed without a zone are Beijing time: the bodies this serves are all in Guangxi.
    return moment.replace(tzinfo=BEIJING) if moment.tzinfo is None else moment


# sessions


def _check_new_session(env: Env, batch: Batch, new: NewSession) -> None:
    if not SESSION_CODE.match(new.code):
        raise ValidationError(
            "场次编号须为 1–40 位字母、数字或短横线，例如 T01。", field="场次编号"
        )
    if not new.site.strip() or len(new.site) > 200:
        raise ValidationError("请填写考点名称（200 字以内）。", field="考点")
    if not new.room.strip() or len(new.room) > 100:
        raise ValidationError("请填写考场名称（100 字以内）。", field="考场")
    if not 1 <= new.capacity <= CAPACITY_MAX:
        raise ValidationError(
            f"考场容量须在 1 到 {CAPACITY_MAX} 之间，现为 {new.capacity}。", field="容量"
        )
    if new.ends_at <= new.starts_at:
        raise ValidationError("结束时间须晚于开始时间。", field="结束时间")
    day = new.starts_at.astimezone(BEIJING).date()
    if not batch.assessment_start <= day <= batch.assessment_end:
        raise ValidationError(
            f"场次日期 {day} 不在批次 {batch.code} 的考核日期 {batch.assessment_start} 至 "
            f"{batch.assessment_end} 之内。",
            field="开始时间",
        )
    rule = component_rule(env, batch, new.component)
    minutes = int((new.ends_at - new.starts_at).total_seconds() // 60)
    if minutes < rule.min_minutes:
        earliest = (new.starts_at + timedelta(minutes=rule.min_minutes)).astimezone(BEIJING)
        raise ValidationError(
            f"{new.component.label}时长不得少于 {rule.min_minutes} 分钟，现为 {minutes} 分钟；"
            f"请把结束时间改为 {earliest:%H:%M} 或更晚{pending_note(rule, 'min_minutes')}。",
            field="结束时间",
        )


def _check_room_free(uow: UnitOfWork, new: NewSession) -> None:
    for other in uow.exams.sessions_in_room(new.site, new.room):
        if other.starts_at < new.ends_at and new.starts_at < other.ends_at:
            raise ConflictError(
                f"{new.site} {new.room} 在 {when_text(other)} 已安排场次 {other.code}，"
                "请换考场或调整时间。",
                field="考场",
            )


def create_session(env: Env, actor: Actor, new: NewSession) -> int:
    """Open a session of one component in one room; returns its id.

    Raises:
        ValidationError: A field is wrong, the level has no such component, or the session is
            shorter than the component's minimum duration (the message gives the earliest end).
        ConflictError: The code is taken in the batch, or the room is booked at that time.
    """
    new = replace(
        new,
        code=new.code.strip(),
        site=new.site.strip(),
        room=new.room.strip(),
        starts_at=_local(new.starts_at).astimezone(UTC),
        ends_at=_local(new.ends_at).astimezone(UTC),
    )
    with action(env, actor, Permission.SESSIONS_MANAGE, "sessions.create") as tx:
        batch = require_batch(tx.uow, new.batch_id)
        if batch.status is not BatchStatus.OPEN:
            raise ConflictError(
                f"批次 {batch.code} 已处于“{batch.status.label}”阶段，不能再新增场次。",
                field="批次",
            )
        _check_new_session(env, batch, new)
        if tx.uow.exams.session_by_code(batch.id, new.code) is not None:
            raise ConflictError(
                f"批次 {batch.code} 已有场次 {new.code}，请换一个编号。", field="场次编号"
            )
        _check_room_free(tx.uow, new)
        room_index = tx.uow.exams.next_room_index(batch.id)
        session_id = tx.uow.exams.add_session(new, room_index, env.clock.now())
        tx.record(
            f"session:{session_id}",
            batch=batch.code,
            code=new.code,
            component=new.component.value,
            room_index=room_index,
        )
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


# seating


def _ticket_prefix(batch: Batch) -> str:
    prefix = re.sub(r"[^A-Za-z0-9]", "", batch.code).upper()
    if len(prefix) + 6 > TICKET_MAX:
        raise ValidationError(
            f"批次编号 {batch.code} 过长，准考证号最多 {TICKET_MAX} 位；"
            "请使用不超过 34 位字母数字的批次编号。",
            field="批次编号",
        )
    return prefix


def _free_seats(uow: UnitOfWork, session: SessionInfo) -> list[int]:
    taken = set(uow.exams.seat_numbers(session.id))
    return [n for n in range(1, session.capacity + 1) if n not in taken]


def _seat(
    uow: UnitOfWork, batch: Batch, targets: Sequence[SessionInfo], seed: str | None
) -> SeatingResult:
    for session in targets:
        if session.confirmed:
            raise ConflictError(f"场次 {session.code} 的成绩已确认，不能再排座。", field="场次")
    component = targets[0].component
    unseated = uow.exams.unseated_candidates(batch.id, component)
    held = refusals(uow, unseated, STEP_SEAT)
    pending = [c for c in unseated if c not in held]
    ordered = (
        pending if seed is None else [int(c) for c in shuffled([str(p) for p in pending], seed)]
    )
    free = {s.id: _free_seats(uow, s) for s in targets}
    rooms = [Room(str(s.id), len(free[s.id])) for s in targets if free[s.id]]
    chosen = ordered[: sum(r.capacity for r in rooms)]
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
    return SeatingResult(len(chosen), len(pending) - len(chosen), tuple(held.values()), tuple(held))


def seat_session(env: Env, actor: Actor, session_id: int, seed: str | None = None) -> SeatingResult:
    """Seat the batch's unseated candidates of this component in the session's free seats.

    Candidates are taken in roster order, or shuffled reproducibly by `seed`; those who do not
    fit are counted in `waiting` for the next room. Applicants who do not meet the eligibility
    rules and have no exception are held back, each named in `held_back` with the reason.
    """
    with action(env, actor, Permission.SESSIONS_MANAGE, "sessions.seat") as tx:
        session = require_session(tx.uow, session_id)
        result = _seat(tx.uow, require_batch(tx.uow, session.batch_id), [session], seed)
        tx.record(
            f"session:{session_id}",
            seated=result.seated,
            waiting=result.waiting,
            held_back=list(result.held_back_ids),
            seed=seed or "",
        )
    return result


def seat_component(
    env: Env, actor: Actor, batch_id: int, component: Component, seed: str | None = None
) -> SeatingResult:
    """Seat every unseated candidate of the batch across all its sessions of one component."""
    with action(env, actor, Permission.SESSIONS_MANAGE, "sessions.seat") as tx:
        batch = require_batch(tx.uow, batch_id)
        targets = [s for s in tx.uow.exams.sessions(batch_id) if s.component is component]
        if not targets:
            raise ValidationError(
                f"批次 {batch.code} 还没有{component.label}场次，请先新增场次。", field="场次"
            )
        result = _seat(tx.uow, batch, targets, seed)
        tx.record(
            f"batch:{batch_id}",
            component=component.value,
            seated=result.seated,
            waiting=result.waiting,
            held_back=list(result.held_back_ids),
            seed=seed or "",
        )
    return result


def session_seats(env: Env, actor: Actor, session_id: int) -> list[SeatView]:
    """A session's seat list (masked ID numbers, no photos)."""
    with reading(env, actor, Permission.SESSIONS_MANAGE) as uow:
        require_session(uow, session_id)
        return uow.exams.seats(session_id)
