"""National approval (审核结果), recorded by hand until approval lists are imported."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.beijing import BEIJING
from kaoping.domain.certificates import (
    mask_name,
)
from kaoping.domain.errors import NotFound, ValidationError
from kaoping.domain.plans import BatchStatus
from kaoping.domain.roles import Permission
from kaoping.domain.scoring import ResultStatus
from kaoping.services.base import Actor, Env, action, require_batch
from kaoping.services.certificates.settings import beijing_today


def _aware_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=BEIJING).astimezone(UTC)


def _decide(
    env: Env,
    actor: Actor,
    batch_code: str,
    candidate_ids: Sequence[int],
    decision: ApprovalDecision,
    reason: str,
    reference: str,
    decided_on: date,
) -> int:
    if not reference.strip():
        raise ValidationError("请填写审核结果的文号或批次编号", field="审核文号")
    if decided_on > beijing_today(env):
        raise ValidationError(f"审核日期 {decided_on} 晚于今天，请核对", field="审核日期")
    if not candidate_ids:
        raise ValidationError("请至少选择一名考生", field="考生")
    name = "approvals.approve" if decision == ApprovalDecision.APPROVED else "approvals.reject"
    with action(env, actor, Permission.APPROVAL_RECORD, name) as tx:
        batch = require_batch(tx.uow, batch_code)
        by_id = {c.candidate_id: c for c in tx.uow.certificates.candidates_of_batch(batch.id)}
        now = env.clock.now()
        for candidate_id in candidate_ids:
            candidate = by_id.get(candidate_id)
            if candidate is None:
                raise NotFound(f"批次 {batch_code} 中没有报名号 {candidate_id}", field="考生")
            if decision == ApprovalDecision.APPROVED and candidate.outcome != ResultStatus.PASSED:
                raise ValidationError(
                    f"报名号 {candidate_id}（{mask_name(candidate.name)}）的成绩未确认为合格，"
                    "不能登记为审核通过",
                    field="考生",
                )
            tx.uow.certificates.record_decision(
                candidate_id,
                batch.id,
                decision,
                reason.strip(),
                reference.strip(),
                _aware_day(decided_on),
                now,
                actor.username,
            )
        if decision == ApprovalDecision.APPROVED and batch.status in (
            BatchStatus.OPEN,
            BatchStatus.ASSESSED,
            BatchStatus.REPORTED,
        ):
            tx.uow.plans.set_batch_status(batch.id, BatchStatus.APPROVED, _aware_day(decided_on))
        tx.record(
            f"batch:{batch_code}",
            decision=decision,
            reference=reference.strip(),
            decided_on=decided_on.isoformat(),
            candidates=list(candidate_ids),
            reason=reason.strip(),
        )
    return len(candidate_ids)


def record_approval(
    env: Env,
    actor: Actor,
    batch_code: str,
    candidate_ids: Sequence[int],
    reference: str,
    decided_on: date,
) -> int:
    """Record that the national office approved these candidates; the 30-day clock starts then.

    Returns:
        How many decisions were recorded.
    """
    return _decide(
        env, actor, batch_code, candidate_ids, ApprovalDecision.APPROVED, "", reference, decided_on
    )


def record_rejection(
    env: Env,
    actor: Actor,
    batch_code: str,
    candidate_ids: Sequence[int],
    reason: str,
    reference: str,
    decided_on: date,
) -> int:
    """Record that the department rejected these candidates, with the reason given."""
    if not reason.strip():
        raise ValidationError("请填写未通过审核的原因", field="原因")
    return _decide(
        env,
        actor,
        batch_code,
        candidate_ids,
        ApprovalDecision.REJECTED,
        reason,
        reference,
        decided_on,
    )
