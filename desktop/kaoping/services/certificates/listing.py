"""Listing a batch's candidates with where each stands for a certificate, and reading certificates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.beijing import BEIJING
from kaoping.domain.certificates import (
    CertificateStatus,
    RevocationCategory,
    category_label,
    mask_name,
)
from kaoping.domain.deadlines import issuance_due
from kaoping.domain.errors import NotFound
from kaoping.domain.plans import Batch
from kaoping.domain.roles import Permission
from kaoping.domain.roster import CandidateStatus
from kaoping.domain.scoring import ResultStatus
from kaoping.services.base import Actor, Env, reading, require_batch
from kaoping.services.ports.certificates import (
    CandidateForCertificate,
    CertificateRecord,
)


@dataclass(frozen=True)
class CandidateState:
    """One candidate of a batch as the certificate page shows it (name masked).

    Attributes:
        candidate_id: The application id (报名号).
        masked_name: The name with its middle hidden.
        id_masked: The masked ID number.
        outcome: The confirmed result, or None.
        decision: The department's decision, or None.
        certificate: The valid certificate's number, or "".
        blocked_reason: Why no certificate can be issued now ("" when it can, or it exists).
        active: The application is neither void nor withdrawn.
    """

    candidate_id: int
    masked_name: str
    id_masked: str
    outcome: ResultStatus | None
    decision: ApprovalDecision | None
    certificate: str
    blocked_reason: str
    active: bool

    @property
    def issuable(self) -> bool:
        """Whether issuing would give this candidate a certificate now."""
        return not self.certificate and not self.blocked_reason


@dataclass(frozen=True)
class BatchCertificates:
    """A batch's certificates and candidates, and the issuance deadline.

    Attributes:
        batch: The batch.
        certificates: Every number issued for the batch (valid, revoked and void).
        candidates: Every candidate with what stands between them and a certificate.
        approved_on: The first national approval day recorded for the batch, if any.
        due: The last day to issue (30 days after approval), if approved.
    """

    batch: Batch
    certificates: tuple[CertificateRecord, ...]
    candidates: tuple[CandidateState, ...]
    approved_on: date | None
    due: date | None


def blocked_reason(candidate: CandidateForCertificate) -> str:
    """Why this candidate cannot receive a certificate now, in Chinese; "" when they can."""
    if candidate.status != CandidateStatus.ACTIVE:
        return "报名已作废或撤回，不发证"
    if candidate.outcome != ResultStatus.PASSED:
        return "成绩未确认合格"
    if candidate.decision == ApprovalDecision.REJECTED:
        return "审核未通过"
    if candidate.decision != ApprovalDecision.APPROVED or candidate.decided_on is None:
        return "尚未登记审核通过"
    return ""


def revoked_for_cause(record: CertificateRecord) -> bool:
    """Whether a certificate was revoked for cause (not merely replaced by a 补发).

    Rows revoked before categories were kept carry none; a 补发 wrote its reason as 已补发：….
    """
    if record.status != CertificateStatus.REVOKED:
        return False
    if record.status_category:
        return record.status_category != RevocationCategory.REPLACED
    return not record.status_reason.startswith("已补发：")


def revoked_reasons(certificates: Sequence[CertificateRecord]) -> dict[int, str]:
    """Why each holder of a revoked certificate gets no new one by plain issuing.

    Revocation takes the certificate away for cause (e.g. impersonation found later); issuing
    again with the batch would quietly undo it, and so would 补发. The one way back is a reversal
    (撤销复原) proposed by a certificate officer and confirmed by a quality supervisor. A holder
    whose certificate was only replaced (补发) and whose new one was voided gets a 补发 of that one.
    """
    valid = {c.candidate_id for c in certificates if c.status == CertificateStatus.VALID}
    reasons: dict[int, str] = {}
    for c in certificates:
        if c.candidate_id in valid or c.status != CertificateStatus.REVOKED:
            continue
        if revoked_for_cause(c):
            shown = category_label(c.status_category) or "已撤销"
            reasons[c.candidate_id] = (
                f"证书 {c.number} 已撤销（{shown}），不再发证；如撤销有误，请办理“撤销复原”"
                "（证书管理员提出，质量督导员确认）"
            )
        else:
            reasons.setdefault(
                c.candidate_id,
                f"证书 {c.number} 已由补发替代；如需重新发证，请对其后作废的证书办理补发",
            )
    return reasons


def approved_day(candidate: CandidateForCertificate) -> date:
    """The Beijing day of the candidate's approval (the certificate's approval date)."""
    assert candidate.decided_on is not None
    return candidate.decided_on.astimezone(BEIJING).date()


def first_approval(candidates: Sequence[CandidateForCertificate]) -> date | None:
    """The batch's approval day: the earliest approval among its candidates (issuing clock)."""
    days = [
        approved_day(c)
        for c in candidates
        if c.decision == ApprovalDecision.APPROVED and c.decided_on is not None
    ]
    return min(days) if days else None


def batch_certificates(env: Env, actor: Actor, batch_code: str) -> BatchCertificates:
    """Everything the certificate page shows for one batch."""
    with reading(env, actor, Permission.CERTIFICATES_VIEW) as uow:
        batch = require_batch(uow, batch_code)
        certificates = uow.certificates.certificates(batch.id)
        candidates = uow.certificates.candidates_of_batch(batch.id, photos=False)
    valid = {c.candidate_id: c.number for c in certificates if c.status == CertificateStatus.VALID}
    revoked = revoked_reasons(certificates)
    states = tuple(
        CandidateState(
            c.candidate_id,
            mask_name(c.name),
            c.id_masked,
            c.outcome,
            c.decision,
            valid.get(c.candidate_id, ""),
            "" if c.candidate_id in valid else blocked_reason(c) or revoked.get(c.candidate_id, ""),
            c.status == CandidateStatus.ACTIVE,
        )
        for c in candidates
    )
    approved = first_approval(candidates)
    return BatchCertificates(
        batch, tuple(certificates), states, approved, issuance_due(approved) if approved else None
    )


def find_certificate(env: Env, actor: Actor, number: str) -> CertificateRecord:
    """One certificate by its number."""
    with reading(env, actor, Permission.CERTIFICATES_VIEW) as uow:
        found = uow.certificates.by_number(number.strip().upper())
    if found is None:
        raise NotFound(f"证书编号 {number} 不存在", field="证书编号")
    return found


def certificate_pdf(env: Env, actor: Actor, number: str) -> bytes:
    """The signed PDF as issued, for the in-app preview (not for saving or printing)."""
    with reading(env, actor, Permission.CERTIFICATES_VIEW) as uow:
        pdf = uow.certificates.pdf(number)
    if pdf is None:
        raise NotFound(f"证书编号 {number} 不存在", field="证书编号")
    return pdf
