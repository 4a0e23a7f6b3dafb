"""Double-keyed score entry, resolution, confirmation, amendments and overall results."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kaoping.adapters.clock import FixedClock
from kaoping.domain.assessment import Component
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, PermissionDenied, ValidationError
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.domain.roster import CandidateStatus
from kaoping.domain.scoring import Mark, ScoreStatus
from kaoping.domain.staffing import ConflictKind, StaffRole
from kaoping.services import accounts, audit, plans, results, scores, sessions
from kaoping.services.base import Actor, Env
from kaoping.services.ports.exams import ExaminerDraft
from kaoping.services.ports.scores import EventKind
from kaoping.services.scores import LineState
from kaoping.storage.exams_tables import ExamSessionRow, ResultRow, SeatRow
from kaoping.storage.intake_tables import CandidateRow
from kaoping.storage.sites_tables import ExaminerRow, SessionStaffRow
from kaoping.storage.tables import UserRoleRow
from tests.databases import PASSWORD

MakeUser = Callable[[str, list[Role]], Actor]
T0 = datetime(2026, 12, 5, 1, 0, tzinfo=UTC)
# 09:00 Beijing on the test clock's day: the sessions have started, so scores may be keyed.
STARTED = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)


@dataclass
class Seeded:
    batch_code: str
    sessions: dict[Component, int]
    candidates: list[int]
    tickets: dict[Component, list[str]]


def seed(
    env: Env,
    admin: Actor,
    level: Level,
    count: int,
    absent: Sequence[int] = (),
    starts: datetime = STARTED,
) -> Seeded:
    """A plan, a batch, `count` candidates and one session per component of the level."""
    plan_id = plans.create_plan(
        env,
        admin,
        Plan(
            0,
            "P-SC-01",
            "2026 年人工智能考核",
            "2-02-10-09",
            "",
            level,
            date(2026, 12, 1),
            date(2026, 12, 31),
            "南宁考点",
            100,
            "",
        ),
    )
    batch_id = plans.create_batch(
        env, admin, plan_id, "B-SC-01", "第一批", date(2026, 12, 5), date(2026, 12, 6)
    )
    components = scores.assessment_rules(env).components_for("2-02-10-09", level)
    with env.uow() as uow:
        db = uow.session  # type: ignore[attr-defined]
        rows = [
            CandidateRow(
                batch_id=batch_id,
                eligible=True,  # as intake leaves an eligible applicant
                name=f"考生{i:02d}",
                id_type="居民身份证",
                id_number=f"45010219900101{i:03d}X",
                id_masked=f"450102********{i:03d}X",
                person_key=f"key-{i}",
                education="本科",
                occupation_code="2-02-10-09",
                level=level.value,
                created_at=T0,
                updated_at=T0,
            )
            for i in range(1, count + 1)
        ]
        db.add_all(rows)
        db.flush()
        sessions: dict[Component, int] = {}
        tickets: dict[Component, list[str]] = {}
        for k, component in enumerate(components, start=1):
            session = ExamSessionRow(
                batch_id=batch_id,
                code=f"S{k}-{component.value}",
                component=component.value,
                site="南宁考点",
                room=f"{k}01",
                starts_at=starts,
                ends_at=starts,
                capacity=count + 5,
            )
            db.add(session)
            db.flush()
            sessions[component] = session.id
            tickets[component] = [f"SC{k:03d}{i:03d}" for i in range(1, count + 1)]
            db.add_all(
                [
                    SeatRow(
                        session_id=session.id,
                        candidate_id=row.id,
                        seat_no=i,
                        ticket_no=tickets[component][i - 1],
                        attendance="absent" if i in absent else "expected",
                    )
                    for i, row in enumerate(rows, start=1)
                ]
            )
        candidate_ids = [row.id for row in rows]
        uow.commit()
    on_panel(env, list(sessions.values()), examiner_accounts(env))
    return Seeded("B-SC-01", sessions, candidate_ids, tickets)


def examiner_accounts(env: Env) -> list[int]:
    """The ids of every account holding the examiner role."""
    with env.uow() as uow:
        db = uow.session  # type: ignore[attr-defined]
        return list(
            db.scalars(
                select(UserRoleRow.user_id)
                .where(UserRoleRow.role == Role.EXAMINER.value)
                .order_by(UserRoleRow.user_id)
            )
        )


def on_panel(env: Env, session_ids: Sequence[int], user_ids: Sequence[int]) -> None:
    """Seat these accounts on the sessions' scoring panels (registry entries made as needed).

    Only examiners on a session's panel key its scores; the staffing rules themselves are
    tested with the sessions service.
    """
    with env.uow() as uow:
        db = uow.session  # type: ignore[attr-defined]
        for user_id in user_ids:
            examiner = db.scalar(select(ExaminerRow).where(ExaminerRow.user_id == user_id))
            if examiner is None:
                examiner = ExaminerRow(
                    name=f"考评员{user_id}",
                    roles="examiner",
                    occupations="2-02-10-09",
                    qualified_level="senior",
                    user_id=user_id,
                    created_at=T0,
                    updated_at=T0,
                )
                db.add(examiner)
                db.flush()
            db.add_all(
                [
                    SessionStaffRow(
                        session_id=session_id,
                        examiner_id=examiner.id,
                        role=StaffRole.EXAMINER.value,
                        assigned_at=T0,
                        assigned_by="test",
                    )
                    for session_id in session_ids
                ]
            )
        uow.commit()


@contextmanager
def one_refusal(env: Env, action: str) -> Iterator[dict[str, Any]]:
    """The block must leave exactly one audit entry, `action` refused; yields its details."""
    with env.uow(write=False) as uow:
        before = len(list(uow.audit.records()))
    details: dict[str, Any] = {}
    yield details
    with env.uow(write=False) as uow:
        [entry] = list(uow.audit.records())[before:]
    assert (entry.action, entry.outcome) == (action, "refused")
    details.update(json.loads(entry.details), target=entry.target)


def present(value: str) -> Mark:
    return Mark(ScoreStatus.PRESENT, Decimal(value))


def key_all(
    env: Env,
    keyers: Sequence[Actor],
    session_id: int,
    candidates: Sequence[int],
    marks: Sequence[Mark],
) -> None:
    for keyer in keyers:
        for candidate_id, mark in zip(candidates, marks, strict=True):
            scores.enter_score(env, keyer, session_id, candidate_id, mark)


@pytest.fixture
def examiners(actors: dict[Role, Actor], make_user: MakeUser) -> tuple[Actor, Actor]:
    """Two different examiners."""
    return actors[Role.EXAMINER], make_user("examiner_b", [Role.EXAMINER])


def test_second_keyer_never_sees_the_first_value(
    env: Env, actors: dict[Role, Actor], examiners: tuple[Actor, Actor]
) -> None:
    """The second examiner's sheet shows that a first keying exists, never its value."""
    a, b = examiners
    data = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, 2)
    theory, first = data.sessions[Component.THEORY], data.candidates[0]
    scores.enter_score(env, a, theory, first, present("85"))
    seen_by_b = scores.score_sheet(env, b, theory).lines[0]
    assert seen_by_b.keys == 1 and seen_by_b.state is LineState.ONE_KEY
    assert seen_by_b.mine is None and seen_by_b.final is None
    assert "85" not in repr(seen_by_b)
    assert scores.score_sheet(env, a, theory).lines[0].mine == present("85")
    with pytest.raises(ConflictError, match="同一人不能两次录入"):
        scores.enter_score(env, a, theory, first, present("85"))
    done = scores.enter_score(env, b, theory, first, present("85.0"))
    assert done.state is LineState.MATCHED and done.final == present("85")


def test_mismatch_blocks_confirmation_until_a_supervisor_resolves(
    env: Env, actors: dict[Role, Actor], examiners: tuple[Actor, Actor]
) -> None:
    """Disagreeing keyings are listed for the supervisor and block confirmation until resolved."""
    a, b = examiners
    supervisor = actors[Role.SUPERVISOR]
    data = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, 2)
    theory, (c1, c2) = data.sessions[Component.THEORY], data.candidates
    scores.enter_score(env, a, theory, c1, present("85"))
    scores.enter_score(env, a, theory, c2, present("70"))
    scores.enter_score(env, b, theory, c1, present("58"))
    blockers = results.confirmation_blockers(env, supervisor, theory)
    assert any("不一致" in x and "SC001001" in x for x in blockers)
    assert any("缺少第二次录入" in x and "SC001002" in x for x in blockers)
    scores.enter_score(env, b, theory, c2, present("70"))
    with pytest.raises(ConflictError, match="不一致"):
        results.confirm_session(env, supervisor, theory)
    [mismatch] = scores.mismatches(env, supervisor, theory)
    assert (mismatch.first, mismatch.second) == (present("85"), present("58"))
    assert {mismatch.first_by, mismatch.second_by} == {a.username, b.username}
    with pytest.raises(PermissionDenied):
        scores.mismatches(env, a, theory)
    with pytest.raises(ValidationError, match="裁定理由"):
        scores.resolve(env, supervisor, theory, c1, present("85"), " ")
    resolved = scores.resolve(
        env, supervisor, theory, c1, present("85"), "核对原始答卷，第二次录错"
    )
    assert resolved.state is LineState.RESOLVED
    assert results.confirmation_blockers(env, supervisor, theory) == []
    report = results.confirm_session(env, supervisor, theory)
    assert report.lines == 2 and report.results == ()  # practical not scored yet


def test_junior_result_needs_both_components(
    env: Env, actors: dict[Role, Actor], examiners: tuple[Actor, Actor]
) -> None:
    """A junior candidate passes only with 60+ in theory and practical; one 59.5 fails them."""
    supervisor = actors[Role.SUPERVISOR]
    data = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, 2)
    key_all(
        env,
        examiners,
        data.sessions[Component.THEORY],
        data.candidates,
        [present("75"), present("90")],
    )
    results.confirm_session(env, supervisor, data.sessions[Component.THEORY])
    listed = results.list_results(env, supervisor, data.batch_code)
    assert [r.outcome for r in listed] == ["", ""]
    key_all(
        env,
        examiners,
        data.sessions[Component.PRACTICAL],
        data.candidates,
        [present("60"), present("59.5")],
    )
    report = results.confirm_session(env, supervisor, data.sessions[Component.PRACTICAL])
    assert [r.outcome for r in report.results] == ["passed", "failed"]
    listed = results.list_results(env, supervisor, data.batch_code)
    assert [r.outcome_label for r in listed] == ["合格", "不合格"]
    assert "专业能力考核：59.5 分，低于合格线 60 分" in listed[1].reasons
    assert dict(listed[0].marks) == {
        Component.THEORY: present("75"),
        Component.PRACTICAL: present("60"),
    }
    with env.uow(write=False) as uow:
        stored = uow.session.query(ResultRow).order_by(ResultRow.candidate_id).all()  # type: ignore[attr-defined]
        assert [r.outcome for r in stored] == ["passed", "failed"]


def test_voided_and_withdrawn_applications_are_not_listed_as_awaiting_results(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """With no result yet, a void or withdrawn application says so instead of 未确认."""
    data = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, 3)
    with env.uow() as uow:  # the intake tests withdraw and void through the services
        uow.candidates.set_status(data.candidates[0], CandidateStatus.WITHDRAWN, env.clock.now())
        uow.candidates.set_status(
            data.candidates[1], CandidateStatus.VOID, env.clock.now(), "虚假承诺"
        )
        uow.commit()
    listed = results.list_results(env, actors[Role.SUPERVISOR], data.batch_code)
    assert [r.outcome_label for r in listed] == ["已撤回", "作废", "未确认"]
    assert listed[1].reasons == ("报名已作废",)


def test_senior_result_needs_three_components(
    env: Env, actors: dict[Role, Actor], examiners: tuple[Actor, Actor]
) -> None:
    """A senior candidate also needs the review; absence from it is not a pass."""
    supervisor = actors[Role.SUPERVISOR]
    data = seed(env, actors[Role.EXAM_ADMIN], Level.SENIOR, 2)
    assert set(data.sessions) == {Component.THEORY, Component.PRACTICAL, Component.REVIEW}
    for component in (Component.THEORY, Component.PRACTICAL):
        key_all(
            env,
            examiners,
            data.sessions[component],
            data.candidates,
            [present("80"), present("80")],
        )
        assert results.confirm_session(env, supervisor, data.sessions[component]).results == ()
    key_all(
        env,
        examiners,
        data.sessions[Component.REVIEW],
        data.candidates,
        [present("61"), Mark(ScoreStatus.ABSENT)],
    )
    report = results.confirm_session(env, supervisor, data.sessions[Component.REVIEW])
    assert [r.outcome for r in report.results] == ["passed", "failed"]
    assert report.results[1].reasons == ("综合评审：缺考，不计为合格",)


def test_confirmed_session_refuses_entry_and_resolution(
    env: Env, actors: dict[Role, Actor], examiners: tuple[Actor, Actor], make_user: MakeUser
) -> None:
    """Once confirmed, nobody can key, resolve or confirm the session again."""
    supervisor = actors[Role.SUPERVISOR]
    data = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, 1)
    theory = data.sessions[Component.THEORY]
    key_all(env, examiners, theory, data.candidates, [present("66")])
    results.confirm_session(env, supervisor, theory)
    late = make_user("examiner_c", [Role.EXAMINER])
    with pytest.raises(ConflictError, match="已确认锁定"):
        scores.enter_score(env, late, theory, data.candidates[0], present("90"))
    with pytest.raises(ConflictError, match="已确认锁定"):
        scores.resolve(env, supervisor, theory, data.candidates[0], present("90"), "x")
    with pytest.raises(ConflictError, match="不能重复确认"):
        results.confirm_session(env, supervisor, theory)
    assert scores.score_sheet(env, late, theory).locked


def test_amendment_needs_a_different_supervisor_and_keeps_history(
    env: Env, actors: dict[Role, Actor], examiners: tuple[Actor, Actor], make_user: MakeUser
) -> None:
    """A requested change takes effect only after another supervisor approves; both marks stay."""
    a, _ = examiners
    supervisor = actors[Role.SUPERVISOR]
    data = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, 1)
    theory, practical = data.sessions[Component.THEORY], data.sessions[Component.PRACTICAL]
    cid = data.candidates[0]
    key_all(env, examiners, theory, data.candidates, [present("59")])
    key_all(env, examiners, practical, data.candidates, [present("88")])
    results.confirm_session(env, supervisor, theory)
    results.confirm_session(env, supervisor, practical)
    assert results.list_results(env, supervisor, data.batch_code)[0].outcome == "failed"

    with pytest.raises(ValidationError, match="更正理由"):
        results.request_amendment(env, a, theory, cid, present("61"), "")
    request_id = results.request_amendment(
        env, a, theory, cid, present("61"), "复核试卷发现第 12 题漏计 2 分"
    )
    with pytest.raises(ConflictError, match="待批准"):
        results.request_amendment(env, a, theory, cid, present("62"), "再次申请")
    with pytest.raises(PermissionDenied):
        results.approve_amendment(env, a, request_id)
    assert results.list_results(env, supervisor, data.batch_code)[0].outcome == "failed"
    [pending] = results.pending_amendments(env, supervisor, theory)
    assert (pending.old, pending.new, pending.requested_by) == (
        present("59"),
        present("61"),
        a.username,
    )

    refreshed = results.approve_amendment(env, supervisor, request_id)
    assert refreshed is not None and refreshed.outcome == "passed"
    assert results.list_results(env, supervisor, data.batch_code)[0].outcome_label == "合格"
    history = scores.score_history(env, supervisor, theory, cid)
    assert [e.value for e in history if e.kind is EventKind.ENTRY] == [Decimal(59)] * 2
    [change] = [e for e in history if e.kind is EventKind.AMENDMENT]
    assert (change.old_value, change.value) == (Decimal(59), Decimal(61))
    assert (change.actor, change.approver) == (a.username, supervisor.username)
    with pytest.raises(ConflictError, match="已处理"):
        results.approve_amendment(env, supervisor, request_id)

    both = make_user("dual_role", [Role.EXAMINER, Role.SUPERVISOR])
    own = results.request_amendment(env, both, theory, cid, present("65"), "再次复核")
    with pytest.raises(PermissionDenied, match="同一人"):
        results.approve_amendment(env, both, own)
    results.reject_amendment(env, supervisor, own, "复核无误")
    assert results.pending_amendments(env, supervisor, theory) == []


def test_absent_candidate_cannot_get_a_score(
    env: Env, actors: dict[Role, Actor], examiners: tuple[Actor, Actor]
) -> None:
    """A candidate recorded absent at check-in can only be keyed as 缺考."""
    a, _ = examiners
    data = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, 2, absent=[2])
    theory, absent = data.sessions[Component.THEORY], data.candidates[1]
    with pytest.raises(ValidationError, match="缺考"):
        scores.enter_score(env, a, theory, absent, present("70"))
    line = scores.enter_score(env, a, theory, absent, Mark(ScoreStatus.ABSENT))
    assert line.absent_at_checkin and line.mine == Mark(ScoreStatus.ABSENT)


def test_permissions_are_enforced(
    env: Env, actors: dict[Role, Actor], examiners: tuple[Actor, Actor]
) -> None:
    """Only examiners key, only supervisors resolve, confirm and approve."""
    a, b = examiners
    data = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, 1)
    theory, cid = data.sessions[Component.THEORY], data.candidates[0]
    for role in (Role.EXAM_ADMIN, Role.SUPERVISOR, Role.SYSTEM_ADMIN):
        with pytest.raises(PermissionDenied, match="录入成绩"):
            scores.enter_score(env, actors[role], theory, cid, present("70"))
    key_all(env, (a, b), theory, [cid], [present("70")])
    with pytest.raises(PermissionDenied, match="确认并锁定成绩"):
        results.confirm_session(env, a, theory)
    with pytest.raises(PermissionDenied):
        results.confirm_session(env, actors[Role.EXAM_ADMIN], theory)
    with pytest.raises(PermissionDenied):
        scores.resolve(env, a, theory, cid, present("70"), "x")


def test_out_of_range_scores_are_refused(
    env: Env, actors: dict[Role, Actor], examiners: tuple[Actor, Actor]
) -> None:
    """105 and 7.55 are refused with the allowed range; nothing is stored."""
    a, _ = examiners
    data = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, 1)
    theory, cid = data.sessions[Component.THEORY], data.candidates[0]
    for text in ("105", "7.55", "abc", ""):
        with pytest.raises(ValidationError):
            scores.enter_score(env, a, theory, cid, scores.parse_mark(text, Decimal(100)))
    with pytest.raises(ValidationError, match="0 到 100"):
        scores.enter_score(env, a, theory, cid, present("105"))
    assert scores.score_sheet(env, a, theory).lines[0].keys == 0
    assert scores.parse_mark("q", Decimal(100)) == Mark(ScoreStatus.ABSENT)
    assert scores.parse_mark("Z", Decimal(100)) == Mark(ScoreStatus.VOIDED)


def test_recused_examiner_cannot_key_that_candidate(
    env: Env, actors: dict[Role, Actor], make_user: MakeUser
) -> None:
    """An examiner who declared a conflict with a candidate is refused when keying that
    candidate, while the other candidates stay open to them."""
    admin = actors[Role.EXAM_ADMIN]
    seeded = seed(env, admin, Level.JUNIOR, 3)
    session_id = seeded.sessions[Component.THEORY]
    keyer = make_user("recused_k", [Role.EXAMINER])
    examiner_id = sessions.register_examiner(
        env,
        admin,
        ExaminerDraft(
            "回避考评员", frozenset({StaffRole.EXAMINER}), frozenset({"2-02-10-09"}), Level.SENIOR
        ),
        username="recused_k",
    )
    on_panel(env, [session_id], [keyer.user_id])
    relative = seeded.candidates[0]
    sessions.declare_conflict(env, admin, examiner_id, relative, ConflictKind.RELATIVE, "表亲")
    with pytest.raises(ValidationError, match="回避"):
        scores.enter_score(env, keyer, session_id, relative, present("90"))
    scores.enter_score(env, keyer, session_id, seeded.candidates[1], present("90"))


def test_only_the_sessions_panel_keys_its_scores(
    env: Env, actors: dict[Role, Actor], make_user: MakeUser, tmp_path: Path
) -> None:
    """A certificate needs marks keyed by assigned examiners: an examiner account with no registry
    entry, or one not on this session's panel, is refused on screen and for a file, and their
    session list is empty."""
    admin = actors[Role.EXAM_ADMIN]
    data = seed(env, admin, Level.JUNIOR, 1)
    theory, cid = data.sessions[Component.THEORY], data.candidates[0]
    unlinked = make_user("no_registry", [Role.EXAMINER])
    elsewhere = make_user("other_room", [Role.EXAMINER])
    sessions.register_examiner(
        env,
        admin,
        ExaminerDraft(
            "外场考评员", frozenset({StaffRole.EXAMINER}), frozenset({"2-02-10-09"}), Level.SENIOR
        ),
        username="other_room",
    )
    with pytest.raises(ValidationError, match="没有关联考评人员库"):
        scores.enter_score(env, unlinked, theory, cid, present("70"))
    with pytest.raises(ValidationError, match="未被安排为场次 S1-theory 的考评员"):
        scores.enter_score(env, elsewhere, theory, cid, present("70"))
    platform = tmp_path / "platform.csv"
    platform.write_text(
        f"准考证号,成绩\n{data.tickets[Component.THEORY][0]},70\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError, match="未被安排"):
        scores.import_scores(env, elsewhere, theory, platform)
    assert scores.sessions_for_entry(env, elsewhere) == []
    assert scores.score_sheet(env, actors[Role.EXAMINER], theory).lines[0].keys == 0
    on_panel(env, [theory], [elsewhere.user_id])
    assert [s.id for s in scores.sessions_for_entry(env, elsewhere)] == [theory]
    assert scores.import_scores(env, elsewhere, theory, platform).imported == 1


def test_refused_keyings_are_audited_once_with_their_reason(
    env: Env, actors: dict[Role, Actor], examiners: tuple[Actor, Actor], make_user: MakeUser
) -> None:
    """The same person keying twice and an examiner not on the panel each leave one "refused"
    entry naming the action and the reason; the audit chain still verifies."""
    a, _ = examiners
    data = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, 1)
    theory, cid = data.sessions[Component.THEORY], data.candidates[0]
    scores.enter_score(env, a, theory, cid, present("85"))
    with (
        one_refusal(env, "scores.enter") as twice,
        pytest.raises(ConflictError, match="同一人不能两次录入"),
    ):
        scores.enter_score(env, a, theory, cid, present("85"))
    assert "同一人不能两次录入" in twice["reason"]
    assert twice["target"] == f"session:{theory}/candidate:{cid}"
    assert "85" not in twice["reason"]  # the other keyer must not learn the first value
    outsider = make_user("other_room", [Role.EXAMINER])
    sessions.register_examiner(
        env,
        actors[Role.EXAM_ADMIN],
        ExaminerDraft(
            "外场考评员", frozenset({StaffRole.EXAMINER}), frozenset({"2-02-10-09"}), Level.SENIOR
        ),
        username="other_room",
    )
    with (
        one_refusal(env, "scores.enter") as panel,
        pytest.raises(ValidationError, match="未被安排"),
    ):
        scores.enter_score(env, outsider, theory, cid, present("70"))
    assert panel["reason"].startswith("外场考评员 未被安排为场次 S1-theory 的考评员")
    assert panel["field"] == "考评员"
    assert audit.verify_log(env).ok


def test_scores_are_keyed_only_once_the_session_has_started(
    env: Env,
    actors: dict[Role, Actor],
    examiners: tuple[Actor, Actor],
    clock: FixedClock,
    tmp_path: Path,
) -> None:
    """A week before the session, keying on screen and importing a file are refused (and
    audited) with the start time in Beijing time; from the start they are accepted; once the
    results are confirmed they are refused again."""
    starts = clock.now() + timedelta(days=7)  # 2026-12-02 09:00 UTC = 17:00 北京时间
    data = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, 1, starts=starts)
    theory, cid = data.sessions[Component.THEORY], data.candidates[0]
    a, b = examiners
    early = "场次 S1-theory 将于 2026-12-02 17:00 开考，开考前不能录入成绩"
    with one_refusal(env, "scores.enter") as entry, pytest.raises(ValidationError, match=early):
        scores.enter_score(env, a, theory, cid, present("80"))
    assert entry["reason"] == early and entry["field"] == "场次"
    assert entry["target"] == f"session:{theory}/candidate:{cid}"
    platform = tmp_path / "platform.csv"
    platform.write_text(f"准考证号,成绩\n{data.tickets[Component.THEORY][0]},80\n", "utf-8")
    with one_refusal(env, "scores.import") as entry, pytest.raises(ValidationError, match=early):
        scores.import_scores(env, b, theory, platform)
    assert entry["reason"] == early and entry["target"] == f"session:{theory}"
    assert scores.score_sheet(env, a, theory).lines[0].keys == 0

    clock.advance(days=7)  # the session starts; everyone signs in on the day
    a, b, supervisor = (
        accounts.sign_in(env, user.username, PASSWORD) for user in (a, b, actors[Role.SUPERVISOR])
    )
    scores.enter_score(env, a, theory, cid, present("80"))
    assert scores.import_scores(env, b, theory, platform).imported == 1
    results.confirm_session(env, supervisor, theory)
    late = accounts.sign_in(env, actors[Role.EXAMINER].username, PASSWORD)
    with (
        one_refusal(env, "scores.enter") as entry,
        pytest.raises(ConflictError, match="已确认锁定"),
    ):
        scores.enter_score(env, late, theory, cid, present("90"))
    assert entry["target"] == f"session:{theory}/candidate:{cid}"
    with one_refusal(env, "scores.import"), pytest.raises(ConflictError, match="已确认锁定"):
        scores.import_scores(env, late, theory, platform)
    assert audit.verify_log(env).ok
