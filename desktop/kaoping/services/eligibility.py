"""The eligibility gate (申报条件) and the quality supervisor's exceptions (申报条件例外).

Intake keeps every application and its verdict. An applicant who is not eligible is then stopped
at each later step that counts (seating, score entry, reporting as passed, issuing) by the one
check in `domain.eligibility`, unless a quality supervisor has recorded an exception with its
basis. The exception is one audited action, listed in the report package and in the dossier.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from kaoping.domain.eligibility import (
    EligibilityOverride,
    gate_refusal,
    note_reason,
    require_eligible,
)
from kaoping.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from kaoping.domain.roles import Permission
from kaoping.domain.roster import CandidateStatus
from kaoping.services.base import Actor, Env, guarded, reading, refuse, require_batch
from kaoping.services.ports.core import UnitOfWork

__all__ = [
    "BASIS_MAX",
    "STEP_CERTIFY",
    "STEP_REPORT",
    "STEP_SCORE",
    "STEP_SEAT",
    "OverrideLine",
    "list_overrides",
    "record_override",
    "refusals",
    "require_cleared",
]

STEP_SEAT = "排座"
STEP_SCORE = "录入成绩"
STEP_REPORT = "作为合格报送"
STEP_CERTIFY = "发证"
BASIS_MAX = 1000


def refusals(uow: UnitOfWork, candidate_ids: Collection[int], step: str) -> dict[int, str]:
    """The applicants among these who may not go through `step`, each with the message why."""
    stopped = list(uow.candidates.ineligible(candidate_ids).values())
    if not stopped:
        return {}
    overrides = uow.candidates.overrides([a.candidate_id for a in stopped])
    found = {a.candidate_id: gate_refusal(a, overrides, step) for a in stopped}
    return {cid: message for cid, message in sorted(found.items()) if message}


def require_cleared(uow: UnitOfWork, candidate_id: int, step: str, row: int | None = None) -> None:
    """Stop one applicant who is not eligible and has no exception.

    Raises:
        NotEligible: Naming the person (masked number), the rules that failed and the way out.
    """
    applicant = uow.candidates.ineligible([candidate_id]).get(candidate_id)
    if applicant is not None:
        require_eligible(applicant, uow.candidates.overrides([candidate_id]), step, row)


def record_override(env: Env, actor: Actor, candidate_id: int, basis: str) -> EligibilityOverride:
    """A quality supervisor lets one applicant who is not eligible through, with the basis.

    Raises:
        ValidationError: No basis given.
        ConflictError: The applicant is eligible, withdrawn or void, or already has an exception.
        PermissionDenied: The supervisor took this application in themselves.
        NotFound: No such application.
    """
    text = basis.strip()
    if not text:
        raise ValidationError(
            "请写明登记例外的依据（如核对的国家职业标准条款、证明材料及核对人）。",
            field="例外依据",
        )
    if len(text) > BASIS_MAX:
        raise ValidationError(
            f"例外依据不能超过 {BASIS_MAX} 个字，当前 {len(text)} 个。", field="例外依据"
        )
    target = f"candidate:{candidate_id}"
    with guarded(env, actor, Permission.ELIGIBILITY_OVERRIDE, "eligibility.override", target) as tx:
        candidate = tx.uow.candidates.get(candidate_id)
        if candidate is None:
            raise NotFound(f"考生（编号 {candidate_id}）不存在。", field="考生")
        batch = require_batch(tx.uow, candidate.batch_id)
        who = f"考生 {candidate.form.name}（{candidate.form.id_masked}）"
        tx.record(batch=batch.code, id_masked=candidate.form.id_masked, basis=text)
        if candidate.status is not CandidateStatus.ACTIVE:
            raise ConflictError(
                f"{who}的申报{candidate.status.label}，不能登记例外。", field="考生"
            )
        if candidate.eligible:
            raise ConflictError(f"{who}符合申报条件，无需登记例外。", field="考生")
        if candidate.entered_by == actor.username:
            # The one who took the application in does not also let it through (rule 10).
            raise refuse(
                PermissionDenied(
                    f"{who}的申报由您录入或导入，不能由您登记例外；请另一位质量督导员登记。"
                ),
                target,
            )
        existing = candidate.eligibility_override
        if existing is not None:
            raise ConflictError(
                f"{who}已由 {existing.recorded_by} 登记例外（依据：{existing.basis}），不能重复登记。",
                field="考生",
            )
        override = EligibilityOverride(
            candidate_id, text, candidate.eligibility_note, actor.username, tx.now
        )
        tx.uow.candidates.add_override(override)
        tx.record(verdict=note_reason(candidate.eligibility_note))
    return override


@dataclass(frozen=True)
class OverrideLine:
    """An exception as lists show it: who it is for (masked number) and why."""

    candidate_id: int
    name: str
    id_masked: str
    override: EligibilityOverride


def list_overrides(env: Env, actor: Actor, batch_id: int) -> list[OverrideLine]:
    """The exceptions recorded in a batch, in candidate order."""
    with reading(env, actor, Permission.CANDIDATES_VIEW) as uow:
        batch = require_batch(uow, batch_id)
        overrides = uow.candidates.batch_overrides(batch.id)
        # An exception is recorded only for someone found not eligible.
        applicants = uow.candidates.ineligible(overrides)
    return [
        OverrideLine(cid, applicants[cid].name, applicants[cid].id_masked, overrides[cid])
        for cid in sorted(overrides)
    ]
