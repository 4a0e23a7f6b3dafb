"""Printed documents of the sessions: admission tickets (准考证) and the plan filing (备案表).

Ticket sheets carry the body's house rules (an administrator may replace the defaults in the
settings) and the QR code that check-in reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import NotFound, ValidationError
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Permission
from kaoping.domain.staffing import StaffRole
from kaoping.services.base import Actor, Env, action, require_batch
from kaoping.services.checkin import ticket_key, ticket_qr_payload
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.dto import BodyProfile
from kaoping.services.ports.exams import (
    FilingComponent,
    FilingSession,
    PlanFiling,
    SessionInfo,
    StaffSlot,
    TicketSheet,
)
from kaoping.services.sessions._common import assessment_rules, require_session

TICKET_RULES_SETTING = "tickets.rules"
# The body's own house rules for the room; an administrator replaces them in the settings.
DEFAULT_TICKET_RULES = (
    "凭本准考证和有效身份证件原件入场，两证缺一不得入场。",
    "按准考证所列考场和座位号就座，将准考证和身份证件放在桌面左上角备查。",
    "手机、智能手表等电子设备须关机，放在考务人员指定的位置。",
    "服从考务人员安排，遵守考场纪律；违纪行为将如实记录并按规定处理。",
    "考核结束前离场须经监考人员同意，离场后不得再次进入考场。",
)


def _sheets(uow: UnitOfWork, session: SessionInfo) -> list[TicketSheet]:
    batch = require_batch(uow, session.batch_id)
    profile = uow.body.get_profile()
    occupation = uow.catalogue.occupation(batch.occupation_code)
    key = ticket_key(uow, create=True)
    assert key is not None
    rules = tuple(uow.settings.get(TICKET_RULES_SETTING, list(DEFAULT_TICKET_RULES)))
    start, end = session.starts_at.astimezone(BEIJING), session.ends_at.astimezone(BEIJING)
    return [
        TicketSheet(
            body_name=profile.name if profile else "",
            batch_name=batch.name,
            occupation=occupation.name if occupation else batch.occupation_code,
            direction=batch.direction,
            level=batch.level.label,
            component=session.component.label,
            site=session.site,
            room=session.room,
            room_index=session.room_index,
            date_text=f"{start:%Y年%m月%d日}",
            time_text=f"{start:%H:%M}–{end:%H:%M}（北京时间）",
            seat_no=seat.seat_no,
            ticket_no=seat.ticket_no,
            name=seat.name,
            id_type=seat.id_type,
            id_masked=seat.id_masked,
            photo=seat.photo,
            qr_payload=ticket_qr_payload(key, seat.ticket_no),
            rules=rules,
        )
        for seat in uow.exams.seats(session.id, with_photos=True)
    ]


def ticket_pdf(env: Env, actor: Actor, session_id: int) -> bytes:
    """All admission tickets (准考证) of a session in one PDF, in seat order."""
    renderer = env.adapters.ticket_pdf
    with action(env, actor, Permission.SESSIONS_MANAGE, "tickets.print") as tx:
        session = require_session(tx.uow, session_id)
        sheets = _sheets(tx.uow, session)
        if not sheets:
            raise ValidationError(
                f"场次 {session.code} 还没有排座，请先排座再打印准考证。", field="场次"
            )
        tx.record(f"session:{session_id}", tickets=len(sheets))
        # Drawn inside the action, so a name no font can print is recorded as a refusal.
        pdf = renderer(sheets)
    return pdf


def _filing_components(env: Env, plan: Plan) -> tuple[FilingComponent, ...]:
    level_plan = assessment_rules(env).plan_for(plan.occupation_code, plan.level)
    result = []
    for component in level_plan.components:
        rule = level_plan.rules[component]
        staff = rule.staffing
        ratio = f"1:{staff.candidates_per_staff}，" if staff.candidates_per_staff else ""
        odd = "单数" if staff.odd_panel else ""
        text = f"{staff.role.label} {ratio}每考场（组）不少于 {staff.min_per_room} 人{odd}"
        result.append(
            FilingComponent(
                component.label,
                str(rule.scale_max),
                str(rule.pass_mark),
                rule.min_minutes,
                text,
                bool(rule.unverified),
            )
        )
    return tuple(result)


def _staff_summary(slots: Sequence[StaffSlot]) -> str:
    counts: dict[StaffRole, int] = {}
    for slot in slots:
        counts[slot.role] = counts.get(slot.role, 0) + 1
    return "、".join(f"{role.label}{n}人" for role, n in counts.items()) or "未安排"


def plan_filing_pdf(env: Env, actor: Actor, plan_id: int) -> bytes:
    """The assessment plan's filing document (考核计划备案表) as a PDF.

    Raises:
        ValidationError: A value has a character no shipped font can draw (the message names the
            field and the character); refused and audited as such, nothing is returned.
    """
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
        filing = PlanFiling(
            profile,
            plan,
            occupation.name if occupation else plan.occupation_code,
            _filing_components(env, plan),
            batches,
            tuple(rows),
            env.clock.now().astimezone(BEIJING).date(),
        )
        tx.record(f"plan:{plan_id}", code=plan.code, batches=len(batches), sessions=len(rows))
        # Drawn inside the action, so a value no font can print is recorded as a refusal.
        pdf = renderer(filing)
    return pdf
