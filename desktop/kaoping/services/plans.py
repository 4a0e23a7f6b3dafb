"""Assessment plans (考核计划) and batches (批次), only within the body's remit (业务范围)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.plans import Batch, Plan
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, action, reading, require_batch
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.remit import require_within

CODE = re.compile(r"^[A-Za-z0-9-]{2,40}$")


def _check_plan(uow: UnitOfWork, plan: Plan) -> None:
    if not CODE.match(plan.code):
        raise ValidationError("计划编号须为 2–40 位字母、数字或短横线。", field="计划编号")
    if not plan.title.strip():
        raise ValidationError("请填写计划名称。", field="计划名称")
    if plan.end_date < plan.start_date:
        raise ValidationError("结束日期不能早于开始日期。", field="结束日期")
    if plan.capacity < 0:
        raise ValidationError("计划人数不能为负数。", field="计划人数")
    occupation = uow.catalogue.occupation(plan.occupation_code)
    if occupation is None:
        raise ValidationError(f"标准目录中没有职业编码 {plan.occupation_code}。", field="职业")
    names = [d.name for d in occupation.directions]
    if plan.direction and names and plan.direction not in names:
        raise ValidationError(
            f"{occupation.name}没有“{plan.direction}”方向，可选：{'、'.join(names)}。",
            field="职业方向",
        )
    require_within(uow, plan.occupation_code, plan.direction, plan.level)


def create_plan(env: Env, actor: Actor, plan: Plan) -> int:
    """File a new assessment plan; returns its id (the `id` field of `plan` is ignored).

    Raises:
        ConflictError: The occupation, direction and level are outside the confirmed remit.
    """
    with action(env, actor, Permission.PLANS_MANAGE, "plans.create") as tx:
        _check_plan(tx.uow, plan)
        if tx.uow.plans.plan_by_code(plan.code) is not None:
            raise ConflictError(f"计划编号 {plan.code} 已存在。", field="计划编号")
        plan_id = tx.uow.plans.add_plan(replace(plan, id=0), env.clock.now())
        tx.record(
            f"plan:{plan_id}",
            code=plan.code,
            occupation=plan.occupation_code,
            level=plan.level.value,
        )
    return plan_id


def create_batch(
    env: Env, actor: Actor, plan_id: int, code: str, name: str, start: date, end: date
) -> int:
    """Open a batch of a plan; its assessment dates must lie within the plan's dates.

    The plan must still be within the remit: a remit narrowed since the plan was filed stops
    new batches of it.
    """
    if not CODE.match(code):
        raise ValidationError("批次编号须为 2–40 位字母、数字或短横线。", field="批次编号")
    if end < start:
        raise ValidationError("考核结束日期不能早于开始日期。", field="考核结束日期")
    with action(env, actor, Permission.PLANS_MANAGE, "batches.create") as tx:
        plan = tx.uow.plans.plan(plan_id)
        if plan is None:
            raise NotFound(f"考核计划（编号 {plan_id}）不存在。", field="考核计划")
        require_within(tx.uow, plan.occupation_code, plan.direction, plan.level)
        if start < plan.start_date or end > plan.end_date:
            raise ValidationError(
                f"批次考核日期须在计划期间 {plan.start_date} 至 {plan.end_date} 之内。",
                field="考核日期",
            )
        if tx.uow.plans.batch_by_code(code) is not None:
            raise ConflictError(f"批次编号 {code} 已存在。", field="批次编号")
        batch_id = tx.uow.plans.add_batch(
            plan_id, code, name.strip() or code, start, end, env.clock.now()
        )
        tx.record(f"batch:{batch_id}", code=code, plan=plan.code)
    return batch_id


def list_plans(env: Env, actor: Actor) -> list[Plan]:
    """All plans, newest first."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        return uow.plans.plans()


def list_batches(env: Env, actor: Actor, plan_id: int | None = None) -> list[Batch]:
    """Batches, newest first."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        return uow.plans.batches(plan_id)


def find_batch(env: Env, actor: Actor, code: str) -> Batch:
    """A batch by its code, or a clear error."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        return require_batch(uow, code)
