"""The body's remit (业务范围): entered at set-up or proposed later, confirmed by a second person,
and plans outside it refused."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from kaoping.domain.plans import Plan
from kaoping.domain.remit import RemitEntry
from kaoping.domain.roles import Role
from kaoping.services import accounts, audit, plans, remit, setup
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import AuditFilter
from tests.databases import PASSWORD, USERNAMES, dispose, first_setup

AI = "2-02-10-09"
BIG_DATA = "2-02-10-11"
VISION = "计算机视觉产品实现"
LISTING = (
    "桂人社函〔2026〕12号 评价机构目录：人工智能工程技术人员（计算机视觉产品实现方向）初级、中级"
)


def _plan(
    code: str, level: Level = Level.JUNIOR, occupation: str = AI, direction: str = VISION
) -> Plan:
    return Plan(
        0,
        code,
        "考核计划",
        occupation,
        direction,
        level,
        date(2026, 12, 1),
        date(2026, 12, 31),
        "南宁考点",
        100,
        "广西某培训学校",
    )


def _narrow(env: Env, actors: dict[Role, Actor]) -> None:
    """The administrator proposes 人工智能 计算机视觉 初级+中级; the supervisor confirms."""
    entries = [RemitEntry(AI, Level.JUNIOR, VISION), RemitEntry(AI, Level.INTERMEDIATE, VISION)]
    remit.propose_remit(env, actors[Role.SYSTEM_ADMIN], entries, LISTING)
    remit.confirm_remit(env, actors[Role.SUPERVISOR])


def test_plan_outside_the_remit_is_refused_with_the_remit_listed(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """Within the remit a plan is filed; another level, direction or occupation is refused."""
    _narrow(env, actors)
    admin = actors[Role.EXAM_ADMIN]
    assert plans.create_plan(env, admin, _plan("P-IN"))
    for code, plan in (
        ("P-LEVEL", _plan("P-LEVEL", Level.SENIOR)),
        ("P-DIR", _plan("P-DIR", direction="自然语言及语音处理产品实现")),
        ("P-OCC", _plan("P-OCC", occupation=BIG_DATA, direction="")),
    ):
        with pytest.raises(ConflictError) as refused:
            plans.create_plan(env, admin, plan)
        assert refused.value.field == "业务范围", code
        assert "不在本机构的业务范围内" in refused.value.message
        assert (
            "已确认的业务范围：人工智能工程技术人员（2-02-10-09）计算机视觉产品实现方向 初级"
            in (refused.value.message)
        )
    assert [p.code for p in plans.list_plans(env, admin)] == ["P-IN"]
    entries = audit.search(env, actors[Role.SUPERVISOR], AuditFilter(action_prefix="plans.create"))
    assert sum(1 for e in entries if e.outcome == "refused") == 3


def test_remit_needs_a_second_person_to_confirm(env: Env, actors: dict[Role, Actor]) -> None:
    """A proposal changes nothing until a supervisor confirms it; the proposer cannot."""
    admin, supervisor = actors[Role.SYSTEM_ADMIN], actors[Role.SUPERVISOR]
    before = remit.remit_state(env, admin).current
    assert before is not None and len(before.entries) == 30  # the test installation's remit
    version = remit.propose_remit(env, admin, [RemitEntry(AI, Level.JUNIOR, VISION)], LISTING)
    state = remit.remit_state(env, actors[Role.EXAMINER])
    assert state.current == before and state.pending is not None and state.pending.id == version
    # While waiting, the old remit holds: a senior big-data plan is still within it.
    assert plans.create_plan(
        env, actors[Role.EXAM_ADMIN], _plan("P-OLD", Level.SENIOR, BIG_DATA, "")
    )
    with pytest.raises(PermissionDenied):
        remit.confirm_remit(env, admin)
    with pytest.raises(PermissionDenied):
        remit.propose_remit(env, supervisor, [RemitEntry(AI, Level.JUNIOR)], LISTING)
    confirmed = remit.confirm_remit(env, supervisor)
    assert confirmed.id == version and confirmed.confirmed_by == supervisor.username
    assert confirmed.entries == (RemitEntry(AI, Level.JUNIOR, VISION),)
    after = remit.remit_state(env, admin)
    assert after.current == confirmed and after.pending is None
    with pytest.raises(NotFound, match="没有待确认"):
        remit.confirm_remit(env, supervisor)
    with pytest.raises(ConflictError, match="不在本机构的业务范围内"):
        plans.create_plan(env, actors[Role.EXAM_ADMIN], _plan("P-NEW", Level.SENIOR, BIG_DATA, ""))
    logged = audit.search(env, supervisor, AuditFilter(action_prefix="remit."))
    done = {(e.action, e.outcome) for e in logged}
    assert ("remit.propose", "ok") in done and ("remit.confirm", "ok") in done
    assert ("remit.confirm", "refused") in done
    proposal = next(e for e in logged if e.action == "remit.propose" and e.outcome == "ok")
    assert json.loads(proposal.details)["entries"] == [f"{AI}:{VISION}:初级"]


def test_batch_of_a_plan_the_narrowed_remit_no_longer_covers_is_refused(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """A remit narrowed after a plan was filed stops new batches of that plan."""
    admin = actors[Role.EXAM_ADMIN]
    plan_id = plans.create_plan(env, admin, _plan("P-BIG", Level.SENIOR, BIG_DATA, ""))
    _narrow(env, actors)
    with pytest.raises(ConflictError, match="不在本机构的业务范围内"):
        plans.create_batch(
            env, admin, plan_id, "B-BIG", "第一批", date(2026, 12, 5), date(2026, 12, 6)
        )


@pytest.mark.parametrize(
    ("entries", "basis", "expected"),
    [
        ([], LISTING, "至少要有一项"),
        ([RemitEntry("9-99-99-99", Level.JUNIOR)], LISTING, "没有职业编码 9-99-99-99"),
        ([RemitEntry(AI, Level.JUNIOR, "无此方向")], LISTING, "没有“无此方向”方向"),
        ([RemitEntry(AI, Level.JUNIOR)], "  ", "请填写业务范围的依据"),
    ],
)
def test_bad_proposals_are_refused_and_audited(
    env: Env, actors: dict[Role, Actor], entries: list[RemitEntry], basis: str, expected: str
) -> None:
    """An empty remit, an unknown occupation or direction, or no basis is refused, naming it."""
    with pytest.raises(ValidationError, match=expected):
        remit.propose_remit(env, actors[Role.SYSTEM_ADMIN], entries, basis)
    logged = audit.search(env, actors[Role.SUPERVISOR], AuditFilter(action_prefix="remit.propose"))
    assert [e.outcome for e in logged] == ["refused"]
    assert remit.remit_state(env, actors[Role.SYSTEM_ADMIN]).pending is None


def test_remit_entered_at_set_up_waits_for_the_supervisor(
    empty_db_url: str, clock: FixedClock
) -> None:
    """Set-up records the remit as the administrator's proposal; plans wait for the supervisor."""
    env = build_env(empty_db_url, clock=clock, fast_hashing=True)
    try:
        entries = (RemitEntry(AI, Level.JUNIOR), RemitEntry(AI, Level.JUNIOR, VISION))
        setup.initialise(env, replace(first_setup(), remit=entries, remit_basis=LISTING))
        admin = accounts.sign_in(env, "admin", PASSWORD)
        supervisor = accounts.sign_in(env, USERNAMES[Role.SUPERVISOR], PASSWORD)
        state = remit.remit_state(env, admin)
        assert state.current is None and state.pending is not None
        assert state.pending.entries == (RemitEntry(AI, Level.JUNIOR),)  # the covered one dropped
        assert state.pending.proposed_by == "admin" and state.pending.basis == LISTING
        accounts.create_user(env, admin, "kaowu", "考务", PASSWORD, [Role.EXAM_ADMIN])
        for grant in accounts.pending_grants(env, supervisor):
            accounts.confirm_grant(env, supervisor, grant.id)
        kaowu = accounts.sign_in(env, "kaowu", PASSWORD)
        with pytest.raises(ConflictError, match="尚未登记或尚未经质量督导员确认"):
            plans.create_plan(env, kaowu, _plan("P-EARLY"))
        remit.confirm_remit(env, supervisor)
        assert plans.create_plan(env, kaowu, _plan("P-LATER"))
        entry = audit.search(env, admin, AuditFilter(action_prefix="setup.initialise"))[0]
        assert json.loads(entry.details)["remit"] == [f"{AI}:初级"]
    finally:
        dispose(env)


def test_set_up_with_a_remit_but_no_basis_is_refused(empty_db_url: str, clock: FixedClock) -> None:
    """A remit typed at set-up needs its basis; nothing is set up without it."""
    env = build_env(empty_db_url, clock=clock, fast_hashing=True)
    try:
        request = replace(first_setup(), remit=(RemitEntry(AI, Level.JUNIOR),), remit_basis="")
        with pytest.raises(ValidationError, match="业务范围的依据"):
            setup.initialise(env, request)
        assert not setup.is_initialised(env)
    finally:
        dispose(env)
