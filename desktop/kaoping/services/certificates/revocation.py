"""Revocation (撤销), voiding (作废) and reissue (补发); a revoked or voided number is never reused."""

from __future__ import annotations

from datetime import datetime

from kaoping.domain.certificates import (
    CertificateStatus,
)
from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, Tx, action, reading
from kaoping.services.certificates.issuing import (
    Planned,
    compliance_blocked,
    issue_context,
    produce,
    require_photos,
    store_issued,
)
from kaoping.services.certificates.listing import blocked_reason
from kaoping.services.ports.core import UnitOfWork


def _end(
    env: Env, actor: Actor, number: str, reason: str, status: CertificateStatus, name: str
) -> None:
    if not reason.strip():
        raise ValidationError("请填写原因", field="原因")
    with action(env, actor, Permission.CERTIFICATES_REVOKE, name) as tx:
        found = tx.uow.certificates.by_number(number.strip().upper())
        if found is None:
            raise NotFound(f"证书编号 {number} 不存在", field="证书编号")
        if found.status != CertificateStatus.VALID:
            raise ConflictError(
                f"证书 {found.number} 已{found.status.label}，不能重复操作", field="证书编号"
            )
        tx.uow.certificates.set_status(found.number, status, reason.strip(), env.clock.now())
        tx.record(f"certificate:{found.number}", reason=reason.strip(), status=status)


def revoke_certificate(env: Env, actor: Actor, number: str, reason: str) -> None:
    """Revoke (撤销) a certificate, e.g. after a false commitment; it goes on the revocation list."""
    _end(env, actor, number, reason, CertificateStatus.REVOKED, "certificates.revoke")


def void_certificate(env: Env, actor: Actor, number: str, reason: str) -> None:
    """Void (作废) a certificate, e.g. one spoiled in printing; its number stays on record."""
    _end(env, actor, number, reason, CertificateStatus.VOID, "certificates.void")


def revoke_for_candidate(uow: UnitOfWork, candidate_id: int, reason: str, at: datetime) -> str:
    """Revoke the valid certificate of an application inside another action's transaction.

    Used when an application is voided (false commitment); returns the revoked number or "".
    """
    found = uow.certificates.valid_for_candidate(candidate_id)
    if found is None:
        return ""
    uow.certificates.set_status(found.number, CertificateStatus.REVOKED, reason or "报名作废", at)
    return found.number


def revoke_on_void(tx: Tx, candidate_id: int, reason: str) -> None:
    """Void hook (`Hooks.on_void`, wired by bootstrap): a voided application loses its certificate.

    E.g. a false commitment found in sampling revokes the certificate in the same transaction.
    """
    number = revoke_for_candidate(tx.uow, candidate_id, f"报名作废：{reason}", tx.now)
    if number:
        tx.record(revoked_certificate=number)


def reissue_certificate(env: Env, actor: Actor, number: str, passphrase: str, reason: str) -> str:
    """Reissue (补发) a certificate under a new number that refers to the old one.

    A valid old certificate is revoked in the same transaction; a revoked or voided one stays as
    it is. The holder must still be eligible (passed, approved, application not void).

    Returns:
        The new number.
    """
    if not reason.strip():
        raise ValidationError("请填写补发原因", field="原因")
    with reading(env, actor, Permission.CERTIFICATES_REVOKE) as uow:
        old = uow.certificates.by_number(number.strip().upper())
        if old is None:
            raise NotFound(f"证书编号 {number} 不存在", field="证书编号")
        batch = uow.plans.batch(old.batch_id)
        assert batch is not None
        candidate = next(
            c
            for c in uow.certificates.candidates_of_batch(old.batch_id)
            if c.candidate_id == old.candidate_id
        )
        blocked = blocked_reason(candidate)
        if blocked:
            raise ValidationError(
                f"证书 {old.number} 的持证人不能补发：{blocked}", field="证书编号"
            )
        holder = uow.certificates.valid_for_candidate(old.candidate_id)
        if holder is not None and holder.number != old.number:
            raise ConflictError(
                f"持证人已有有效证书 {holder.number}，请对该证书办理补发", field="证书编号"
            )
        ctx = issue_context(env, uow, {candidate.occupation_code})
    plan = [Planned(candidate, ctx.next_serial, old.id)]
    require_photos(env, actor, ctx, plan, f"certificate:{old.number}", "certificates.reissue")
    produced = produce(env, ctx, plan, passphrase, None, None)
    if produced.findings:
        raise compliance_blocked(env, actor, f"certificate:{old.number}", produced.findings, "补发")
    with action(env, actor, Permission.CERTIFICATES_REVOKE, "certificates.reissue") as tx:
        current = tx.uow.certificates.by_number(old.number)
        if current is not None and current.status == CertificateStatus.VALID:
            tx.uow.certificates.set_status(
                old.number, CertificateStatus.REVOKED, f"已补发：{reason.strip()}", env.clock.now()
            )
        store_issued(env, tx.uow, ctx, produced, {candidate.candidate_id}, batch.id, actor)
        new_number = produced.certificates[0].number
        tx.record(f"certificate:{new_number}", replaces=old.number, reason=reason.strip())
    return new_number
