"""Reversing a revocation (撤销复原): the one way a revoked certificate becomes valid again.

A revocation lasts (DESIGN.md rule 10: reversing a revocation needs a second person). A
certificate officer proposes the reversal of one revoked certificate with a reason; a quality
supervisor who did not propose it confirms it, and only then is the certificate valid again, in
the same transaction. Either step, and every refusal, is in the audit log; the proposal keeps the
revocation's reason, category and moment, so the history stays whole.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from kaoping.domain.certificates import CertificateStatus, RevocationCategory, category_label
from kaoping.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, Tx, guarded, reading, refuse
from kaoping.services.certificates.listing import blocked_reason
from kaoping.services.ports.certificates import CertificateRecord, RevocationReversal
from kaoping.services.ports.core import UnitOfWork

__all__ = [
    "CONFIRMED",
    "PENDING",
    "REJECTED",
    "confirm_reversal",
    "propose_reversal",
    "reject_reversal",
    "reversals",
]

PENDING = "pending"
CONFIRMED = "confirmed"
REJECTED = "rejected"
_REASON_MAX = 500


def _revoked(uow: UnitOfWork, number: str) -> CertificateRecord:
    found = uow.certificates.by_number(number.strip().upper())
    if found is None:
        raise NotFound(f"证书编号 {number} 不存在", field="证书编号")
    if found.status != CertificateStatus.REVOKED:
        raise ConflictError(
            f"证书 {found.number} {found.status.label}，不是已撤销的证书，无需复原"
            + ("（作废的编号不再使用）" if found.status == CertificateStatus.VOID else ""),
            field="证书编号",
        )
    return found


def _standing_in_the_way(uow: UnitOfWork, record: CertificateRecord) -> str:
    """What keeps this certificate from being valid again now ("" when nothing does)."""
    if record.status_category == RevocationCategory.REPLACED:
        return (
            f"证书 {record.number} 是因补发而撤销的，已由新证书替代；复原会使持证人同时持有两张证书"
        )
    holder = uow.certificates.valid_for_candidate(record.candidate_id)
    if holder is not None:
        return f"持证人已有有效证书 {holder.number}，不能再复原证书 {record.number}"
    candidate = next(
        (
            c
            for c in uow.certificates.candidates_of_batch(record.batch_id)
            if c.candidate_id == record.candidate_id
        ),
        None,
    )
    blocked = blocked_reason(candidate) if candidate is not None else "报名记录不存在"
    if blocked:
        return f"持证人目前不能持有证书：{blocked}"
    return ""


def propose_reversal(env: Env, actor: Actor, number: str, reason: str) -> int:
    """A certificate officer proposes to reverse a revocation; returns the proposal's id.

    Raises:
        ValidationError: No reason given.
        NotFound: No certificate has this number.
        ConflictError: It is not revoked, a proposal for it is waiting already, or the holder
            cannot hold it again (replaced by 补发, holds another valid certificate, application
            void).
    """
    reason = reason.strip()
    with guarded(env, actor, Permission.REVERSAL_PROPOSE, "certificates.reversal_propose") as tx:
        tx.record(f"certificate:{number.strip().upper()}", reason=reason[:_REASON_MAX])
        if not reason:
            raise ValidationError(
                "请写明理由：为什么该证书的撤销有误（如复核结论、文号）。", field="理由"
            )
        record = _revoked(tx.uow, number)
        waiting = [r for r in tx.uow.certificates.reversals(PENDING) if r.number == record.number]
        if waiting:
            raise ConflictError(
                f"证书 {record.number} 的撤销复原已提出（编号 {waiting[0].id}），"
                "正等待质量督导员确认。",
                field="证书编号",
            )
        obstacle = _standing_in_the_way(tx.uow, record)
        if obstacle:
            raise ConflictError(obstacle, field="证书编号")
        reversal_id = tx.uow.certificates.add_reversal(
            RevocationReversal(
                0,
                record.number,
                reason[:_REASON_MAX],
                PENDING,
                record.status_reason,
                record.status_category,
                record.status_changed_at,
                actor.user_id,
                actor.username,
                tx.now,
            ),
            record.id,
        )
        tx.record(
            reversal=reversal_id,
            revoked_reason=record.status_reason,
            revoked_category=record.status_category,
        )
    return reversal_id


def _pending(tx: Tx, reversal_id: int) -> RevocationReversal:
    reversal = tx.uow.certificates.reversal(reversal_id)
    if reversal is None:
        raise NotFound(f"撤销复原（编号 {reversal_id}）不存在。", field="编号")
    tx.record(f"certificate:{reversal.number}", reversal=reversal_id)
    if reversal.status != PENDING:
        raise ConflictError(f"撤销复原（编号 {reversal_id}）已处理，不能再处理。", field="编号")
    return reversal


def confirm_reversal(env: Env, actor: Actor, reversal_id: int) -> RevocationReversal:
    """A quality supervisor, not the proposer, confirms: the certificate is valid again.

    Raises:
        PermissionDenied: The confirmer proposed it (audited as a refusal).
        ConflictError: Already decided, or the holder can no longer hold the certificate.
    """
    with guarded(env, actor, Permission.REVERSAL_CONFIRM, "certificates.reversal_confirm") as tx:
        reversal = _pending(tx, reversal_id)
        if reversal.proposed_by_id == actor.user_id:
            raise refuse(
                PermissionDenied("提出撤销复原的人不能自己确认；请另一位质量督导员确认。"),
                details={"number": reversal.number, "proposed_by": reversal.proposed_by},
            )
        record = _revoked(tx.uow, reversal.number)
        obstacle = _standing_in_the_way(tx.uow, record)
        if obstacle:
            raise ConflictError(obstacle, field="证书编号")
        shown = category_label(record.status_category) or "已撤销"
        tx.uow.certificates.set_status(
            record.number,
            CertificateStatus.VALID,
            f"撤销（{shown}）已于 {tx.now.date().isoformat()} 复原：{reversal.reason}",
            tx.now,
        )
        tx.uow.certificates.decide_reversal(reversal_id, CONFIRMED, actor.username, tx.now)
        tx.record(
            proposed_by=reversal.proposed_by,
            reason=reversal.reason,
            revoked_reason=record.status_reason,
            revoked_category=record.status_category,
        )
    return _decided(reversal, CONFIRMED, actor, tx.now)


def reject_reversal(env: Env, actor: Actor, reversal_id: int, note: str) -> RevocationReversal:
    """A quality supervisor rejects a proposal; the certificate stays revoked.

    Raises:
        ValidationError: No note on why.
        ConflictError: Already decided.
    """
    note = note.strip()
    with guarded(env, actor, Permission.REVERSAL_CONFIRM, "certificates.reversal_reject") as tx:
        reversal = _pending(tx, reversal_id)
        if not note:
            raise ValidationError("请写明不予复原的理由。", field="理由")
        tx.uow.certificates.decide_reversal(
            reversal_id, REJECTED, actor.username, tx.now, note[:_REASON_MAX]
        )
        tx.record(note=note[:_REASON_MAX], proposed_by=reversal.proposed_by)
    return _decided(reversal, REJECTED, actor, tx.now, note[:_REASON_MAX])


def _decided(
    reversal: RevocationReversal, status: str, actor: Actor, at: datetime, note: str = ""
) -> RevocationReversal:
    return replace(
        reversal, status=status, decided_by=actor.username, decided_at=at, decision_note=note
    )


def reversals(env: Env, actor: Actor, *, pending_only: bool = False) -> list[RevocationReversal]:
    """Proposed reversals, newest first (those waiting for a supervisor only, if asked)."""
    with reading(env, actor, Permission.CERTIFICATES_VIEW) as uow:
        return uow.certificates.reversals(PENDING if pending_only else None)
