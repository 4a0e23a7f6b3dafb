"""Sessions, examiner registry, staffing rules, recusal, seating and the plan filing PDF."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from kaoping.adapters.clock import FixedClock
from kaoping.domain.assessment import Component
from kaoping.domain.beijing import BEIJING
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, PermissionDenied, ValidationError
from kaoping.domain.plans import Batch, Plan
from kaoping.domain.roles import Role
from kaoping.domain.scoring import Mark, ScoreStatus
from kaoping.domain.staffing import ConflictKind, StaffRole
from kaoping.services import accounts, plans, scores, sessions
from kaoping.services.base import Actor, Env
from kaoping.services.ports.exams import ExaminerDraft, NewSession
from kaoping.storage.intake_tables import CandidateRow
from tests.databases import PASSWORD
from tests.integration.test_scores_workflow import one_refusal

AI = "2-02-10-09"
BIG_DATA = "2-02-10-11"


def _batch(env: Env, admin: Actor, level: Level = Level.JUNIOR) -> Batch:
    plan_id = plans.create_plan(
        env,
        admin,
        Plan(
            0,
            f"P-{level.value}",
            "2026 年人工智能考核",
            AI,
            "",
            level,
            date(2026, 12, 1),
            date(2026, 12, 31),
            "南宁考点",
            100,
            "广西某培训学校",
        ),
    )
    plans.create_batch(
        env, admin, plan_id, f"B-{level.value}", "第一批", date(2026, 12, 5), date(2026, 12, 6)
    )
    return plans.find_batch(env, admin, f"B-{level.value}")


def _candidates(env: Env, batch_id: int, count: int, first: int = 1) -> list[int]:
    """Insert active candidates straight into storage (intake is tested on its own)."""
    now = datetime(2026, 11, 25, tzinfo=UTC)
    with env.uow() as uow:
        rows = [
            CandidateRow(
                batch_id=batch_id,
                eligible=True,  # as intake leaves an eligible applicant
                name=f"考生{n:03d}",
                id_type="居民身份证",
                id_number=f"45010219900101{n:04d}",
                id_masked=f"450102********{n:04d}",
                person_key=f"key-{batch_id}-{n}",
                education="本科",
                occupation_code=AI,
                direction="",
                level="junior",
                status="active",
                created_at=now,
                updated_at=now,
            )
            for n in range(first, first + count)
        ]
        uow.session.add_all(rows)  # type: ignore[attr-defined]
        uow.session.flush()  # type: ignore[attr-defined]
        ids = [r.id for r in rows]
        uow.commit()
    return ids


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=BEIJING)


def _session(
    env: Env,
    admin: Actor,
    batch: Batch,
    code: str,
    component: Component,
    start: datetime,
    minutes: int,
    capacity: int = 30,
    room: str = "",
) -> int:
    return sessions.create_session(
        env,
        admin,
        NewSession(
            batch.id,
            code,
            component,
            "南宁考点",
            room or f"{code} 教室",
            start,
            start + timedelta(minutes=minutes),
            capacity,
        ),
    )


def _person(
    env: Env, admin: Actor, name: str, *roles: StaffRole, occupation: str = AI, username: str = ""
) -> int:
    scoring = any(r in (StaffRole.EXAMINER, StaffRole.REVIEWER) for r in roles)
    return sessions.register_examiner(
        env,
        admin,
        ExaminerDraft(
            name,
            frozenset(roles),
            frozenset({occupation}) if scoring else frozenset(),
            Level.SENIOR if scoring else None,
            employer="某大学",
        ),
        username=username,
    )


def test_session_shorter_than_minimum_is_refused(env: Env, actors: dict[Role, Actor]) -> None:
    """A theory session of 89 minutes is refused, naming the 90-minute minimum and the fix."""
    admin = actors[Role.EXAM_ADMIN]
    batch = _batch(env, admin)
    with pytest.raises(ValidationError) as short:
        _session(env, admin, batch, "T01", Component.THEORY, _at(5, 9), 89)
    assert short.value.field == "结束时间"
    assert "不得少于 90 分钟" in str(short.value) and "10:30" in str(short.value)
    assert "尚未与国家标准原文核对" in str(short.value)
    session_id = _session(env, admin, batch, "T01", Component.THEORY, _at(5, 9), 90)
    listed = sessions.list_sessions(env, admin, batch.id)
    assert [s.id for s in listed] == [session_id] and listed[0].minutes == 90
    assert listed[0].starts_at == _at(5, 9) and listed[0].room_index == 1


def test_component_room_clash_and_dates_are_checked(env: Env, actors: dict[Role, Actor]) -> None:
    """No review session at junior level, no double-booked room, no date outside the batch."""
    admin = actors[Role.EXAM_ADMIN]
    batch = _batch(env, admin)
    with pytest.raises(ValidationError, match="综合评审"):
        _session(env, admin, batch, "R01", Component.REVIEW, _at(5, 14), 60)
    _session(env, admin, batch, "P01", Component.PRACTICAL, _at(5, 14), 120, room="机房一")
    with pytest.raises(ConflictError, match="机房一"):
        _session(env, admin, batch, "P02", Component.PRACTICAL, _at(5, 15), 120, room="机房一")
    with pytest.raises(ValidationError, match="考核日期"):
        _session(env, admin, batch, "P03", Component.PRACTICAL, _at(9, 9), 120)
    assert sessions.components_of_batch(env, admin, batch.id) == [
        Component.THEORY,
        Component.PRACTICAL,
    ]


def test_invigilator_plan_breaking_ratio_lists_every_violation(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """One unregistered invigilator for 20 candidates is refused with all three problems listed."""
    admin = actors[Role.EXAM_ADMIN]
    batch = _batch(env, admin)
    _candidates(env, batch.id, 20)
    theory = _session(env, admin, batch, "T01", Component.THEORY, _at(5, 9), 90, capacity=30)
    sessions.seat_session(env, admin, theory)
    examiner_only = _person(env, admin, "王考评", StaffRole.EXAMINER)
    with pytest.raises(sessions.StaffingRefused) as refused:
        sessions.assign_staff(env, admin, theory, [(examiner_only, StaffRole.INVIGILATOR)])
    problems = refused.value.problems
    assert any("未登记为监考员" in p for p in problems)
    assert any("按 1:15 至少需要 2 名监考员" in p for p in problems)
    assert any("每个考场至少需要 2 名监考员" in p for p in problems)
    assert sessions.session_board(env, admin, batch.id)[0].staff == ()
    first = _person(env, admin, "李监考", StaffRole.INVIGILATOR)
    second = _person(env, admin, "赵监考", StaffRole.INVIGILATOR)
    sessions.assign_staff(
        env, admin, theory, [(first, StaffRole.INVIGILATOR), (second, StaffRole.INVIGILATOR)]
    )
    board = sessions.session_board(env, admin, batch.id)
    assert board[0].problems == () and len(board[0].staff) == 2


def test_practical_panel_must_be_odd_and_qualified(env: Env, actors: dict[Role, Actor]) -> None:
    """Four examiners, one qualified for another occupation, are refused; three qualified pass."""
    admin = actors[Role.EXAM_ADMIN]
    batch = _batch(env, admin)
    _candidates(env, batch.id, 8)
    practical = _session(env, admin, batch, "P01", Component.PRACTICAL, _at(5, 14), 120)
    sessions.seat_session(env, admin, practical)
    panel = [_person(env, admin, f"考评员{n}", StaffRole.EXAMINER) for n in range(3)]
    outsider = _person(env, admin, "大数据考评员", StaffRole.EXAMINER, occupation=BIG_DATA)
    with pytest.raises(sessions.StaffingRefused) as refused:
        sessions.assign_staff(
            env, admin, practical, [(p, StaffRole.EXAMINER) for p in [*panel, outsider]]
        )
    assert any("3 人以上单数，现为 4 人" in p for p in refused.value.problems)
    assert any("大数据考评员" in p and "未取得本职业" in p for p in refused.value.problems)
    sessions.assign_staff(env, admin, practical, [(p, StaffRole.EXAMINER) for p in panel])


def test_conflicted_examiner_is_refused_for_that_candidate(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """An examiner who declared a relative among the candidates cannot join that panel."""
    admin = actors[Role.EXAM_ADMIN]
    batch = _batch(env, admin)
    ids = _candidates(env, batch.id, 5)
    practical = _session(env, admin, batch, "P01", Component.PRACTICAL, _at(5, 14), 120)
    sessions.seat_session(env, admin, practical)
    relative = _person(env, admin, "周考评", StaffRole.EXAMINER)
    others = [_person(env, admin, f"考评员{n}", StaffRole.EXAMINER) for n in range(3)]
    sessions.declare_conflict(env, admin, relative, ids[1], ConflictKind.RELATIVE, "表兄")
    with pytest.raises(sessions.StaffingRefused) as refused:
        sessions.assign_staff(
            env, admin, practical, [(p, StaffRole.EXAMINER) for p in [relative, *others[:2]]]
        )
    assert any(
        "周考评" in p and "考生002" in p and "亲属：表兄" in p for p in refused.value.problems
    )
    sessions.assign_staff(env, admin, practical, [(p, StaffRole.EXAMINER) for p in others])
    scorers = sessions.scorers_for(env, admin, practical, ids[1])
    assert {s.id for s in scorers} == set(others)


def test_examiner_declares_own_conflict_and_is_left_out(
    env: Env, actors: dict[Role, Actor], clock: FixedClock
) -> None:
    """The signed-in examiner's own declaration removes them from that candidate's scorers."""
    admin, examiner_user = actors[Role.EXAM_ADMIN], actors[Role.EXAMINER]
    batch = _batch(env, admin)
    ids = _candidates(env, batch.id, 5)
    practical = _session(env, admin, batch, "P01", Component.PRACTICAL, _at(5, 14), 120)
    sessions.seat_session(env, admin, practical)
    me = _person(env, admin, "考评员甲", StaffRole.EXAMINER, username=examiner_user.username)
    others = [_person(env, admin, f"考评员{n}", StaffRole.EXAMINER) for n in range(2)]
    sessions.assign_staff(env, admin, practical, [(p, StaffRole.EXAMINER) for p in [me, *others]])
    sessions.declare_own_conflict(env, examiner_user, ids[0], ConflictKind.TRAINER, "授课教师")
    assert me not in {s.id for s in sessions.scorers_for(env, examiner_user, practical, ids[0])}
    assert me in {s.id for s in sessions.scorers_for(env, examiner_user, practical, ids[1])}
    board = sessions.session_board(env, admin, batch.id)
    assert any("考评员甲" in p and "培训教师" in p for p in board[0].problems)
    clock.advance(days=11)  # scores are keyed once the session has started (05 Dec 14:00)
    examiner_user = accounts.sign_in(env, examiner_user.username, PASSWORD)
    with pytest.raises(ValidationError, match="回避"):
        scores.enter_score(
            env, examiner_user, practical, ids[0], Mark(ScoreStatus.PRESENT, Decimal(80))
        )


def test_seating_fills_rooms_and_numbers_tickets(env: Env, actors: dict[Role, Actor]) -> None:
    """20 candidates fill two theory rooms; tickets carry the room number and seat."""
    admin = actors[Role.EXAM_ADMIN]
    batch = _batch(env, admin)
    _candidates(env, batch.id, 20)
    small = _session(env, admin, batch, "T01", Component.THEORY, _at(5, 9), 90, capacity=5)
    large = _session(env, admin, batch, "T02", Component.THEORY, _at(5, 9), 90, capacity=30)
    first = sessions.seat_session(env, admin, small, seed="2026")
    assert (first.seated, first.waiting) == (5, 15)
    rest = sessions.seat_component(env, admin, batch.id, Component.THEORY)
    assert (rest.seated, rest.waiting) == (15, 0)
    seats = sessions.session_seats(env, admin, large)
    assert [s.seat_no for s in seats] == list(range(1, 16))
    assert seats[0].ticket_no == "BJUNIOR002001" and seats[0].id_masked.startswith("450102*")
    small_tickets = {s.ticket_no for s in sessions.session_seats(env, admin, small)}
    assert small_tickets == {f"BJUNIOR001{n:03d}" for n in range(1, 6)}


def test_ticket_with_a_name_no_font_has_is_refused_on_record(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """A stored name (from before intake checked glyphs) stops the whole print, audited as refused."""
    admin = actors[Role.EXAM_ADMIN]
    batch = _batch(env, admin)
    [candidate] = _candidates(env, batch.id, 1)
    with env.uow() as uow:
        uow.session.get(CandidateRow, candidate).name = "李\ue000"  # type: ignore[attr-defined]
        uow.commit()
    session = _session(env, admin, batch, "T01", Component.THEORY, _at(5, 9), 90)
    sessions.seat_session(env, admin, session)
    with (
        one_refusal(env, "tickets.print") as entry,
        pytest.raises(ValidationError, match=r"姓名中的“\ue000”\(U\+E000\)"),
    ):
        sessions.ticket_pdf(env, admin, session)
    assert entry["field"] == "姓名" and "准考证无法打印" in entry["reason"]


def test_plan_filing_pdf_lists_sessions(env: Env, actors: dict[Role, Actor]) -> None:
    """The filing PDF names the plan, its components, batches and sessions, marking provisional rules."""
    admin = actors[Role.EXAM_ADMIN]
    batch = _batch(env, admin)
    _session(env, admin, batch, "T01", Component.THEORY, _at(5, 9), 90)
    pdf = sessions.plan_filing_pdf(env, admin, batch.plan_id)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    squeezed = "".join(text.split())
    for expected in (
        "考核计划备案表",
        "P-junior",
        "理论知识考试",
        "专业能力考核",
        "B-junior",
        "T01",
        "待核实",
    ):
        assert expected in squeezed


def test_only_exam_administrators_manage_sessions(env: Env, actors: dict[Role, Actor]) -> None:
    """Examiners may not create sessions or register staff; nothing is saved."""
    admin = actors[Role.EXAM_ADMIN]
    batch = _batch(env, admin)
    with pytest.raises(PermissionDenied, match="考务管理员"):
        _session(env, actors[Role.EXAMINER], batch, "T01", Component.THEORY, _at(5, 9), 90)
    with pytest.raises(PermissionDenied):
        _person(env, actors[Role.SUPERVISOR], "某人", StaffRole.INVIGILATOR)
    with pytest.raises(PermissionDenied):
        sessions.plan_filing_pdf(env, actors[Role.EXAMINER], batch.plan_id)
    assert sessions.list_sessions(env, admin, batch.id) == []
