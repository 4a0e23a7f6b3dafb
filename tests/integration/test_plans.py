"""Assessment plans and batches."""

from __future__ import annotations

from datetime import date

import pytest

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, PermissionDenied, ValidationError
from kaoping.domain.plans import BatchStatus, Plan
from kaoping.domain.roles import Role
from kaoping.services import plans
from kaoping.services.base import Actor, Env


def _plan(code: str = "P2026-AI-01", direction: str = "计算机视觉产品实现") -> Plan:
    return Plan(
        0,
        code,
        "2026 年人工智能初级考核",
        "2-02-10-09",
        direction,
        Level.JUNIOR,
        date(2026, 12, 1),
        date(2026, 12, 31),
        "南宁考点",
        200,
        "广西某培训学校",
    )


def test_plan_and_batch_round_trip(env: Env, actors: dict[Role, Actor]) -> None:
    """An exam administrator files a plan and opens a batch inside its dates."""
    admin = actors[Role.EXAM_ADMIN]
    plan_id = plans.create_plan(env, admin, _plan())
    plans.create_batch(
        env, admin, plan_id, "B2026-01", "第一批", date(2026, 12, 5), date(2026, 12, 6)
    )
    batch = plans.find_batch(env, admin, "B2026-01")
    assert batch.occupation_code == "2-02-10-09" and batch.level is Level.JUNIOR
    assert batch.status is BatchStatus.OPEN


def test_unknown_direction_is_named(env: Env, actors: dict[Role, Actor]) -> None:
    """A direction the occupation does not have is refused with the valid choices."""
    with pytest.raises(ValidationError) as bad:
        plans.create_plan(env, actors[Role.EXAM_ADMIN], _plan(direction="量子计算"))
    assert bad.value.field == "职业方向" and "计算机视觉产品实现" in str(bad.value)


def test_batch_outside_plan_dates_refused(env: Env, actors: dict[Role, Actor]) -> None:
    """A batch cannot be assessed outside its plan's period."""
    admin = actors[Role.EXAM_ADMIN]
    plan_id = plans.create_plan(env, admin, _plan())
    with pytest.raises(ValidationError, match="计划期间"):
        plans.create_batch(env, admin, plan_id, "B2", "x", date(2026, 11, 30), date(2026, 12, 2))


def test_duplicate_plan_code_and_permission(env: Env, actors: dict[Role, Actor]) -> None:
    """Plan codes are unique; an examiner cannot file plans."""
    plans.create_plan(env, actors[Role.EXAM_ADMIN], _plan())
    with pytest.raises(ConflictError):
        plans.create_plan(env, actors[Role.EXAM_ADMIN], _plan())
    with pytest.raises(PermissionDenied):
        plans.create_plan(env, actors[Role.EXAMINER], _plan("P2"))
