"""Revocation (撤销), voiding (作废) and reissue (补发); a revoked or voided number is never reused.

A revocation lasts: neither batch issuing nor 补发 gives the holder a certificate again. The one
way back is a reversal (撤销复原, `services.certificates.reversal`) proposed by a certificate
officer and confirmed by a quality supervisor (DESIGN.md rule 10).
"""

from __future__ import annotations

from datetime import datetime

from kaoping.domain.certificates import (
    CertificateStatus,
    RevocationCategory,
    category_label,
)
from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, Tx, action, audit_alone, reading
from kaoping.services.certificates.issuing import (
    compliance_blocked,
    issue_context,
    produce,
    require_photos,
    store_issued,
)
from kaoping.services.certificates.listing import blocked_reason, revoked_for_cause
from kaoping.services.certificates.producing import Planned
from kaoping.services.ports.certificates import CertificateRecord
from kaoping.services.ports.core import UnitOfWork

REPLACED_PREFIX = "已补发："


def _end(
    env: Env,
    actor: Actor,
    number: str,
    reason: str,
    status: CertificateStatus,
    name: str,
    category: RevocationCategory | None = None,
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
        code = category.value if category is not None else ""
        tx.uow.certificates.set_status(found.number, status, reason.strip(), env.clock.now(), code)
        tx.record(f"certificate:{found.number}", reason=reason.strip(), status=status)
        if code:
            tx.record(category=code)


def revoke_certificate(
    env: Env,
    actor: Actor,
    number: str,
    reason: str,
    category: RevocationCategory = RevocationCategory.OTHER,
) -> None:
    """Revoke (撤销) a certificate, e.g. after a false commitment; it goes on the revocation list.

    Args:
        env: The services' environment.
        actor: The certificate officer.
        number: The certificate's number.
        reason: Why, in full; kept inside the body.
        category: What verifiers are told (冒名顶替, 虚假承诺 ...).
    """
    if category not in RevocationCategory.chosen_by_officer():
        raise ValidationError(
            f"撤销类别“{category.label}”由系统自动登记，撤销时请选择其他类别", field="撤销类别"
        )
    _end(env, actor, number, reason, CertificateStatus.REVOKED, "certificates.revoke", category)


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
    uow.certificates.set_status(
        found.number,
        CertificateStatus.REVOKED,
        reason or "报名作废",
        at,
        RevocationCategory.APPLICATION_VOID.value,
    )
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

    A valid old certificate is revoked (category 已补发新证书) in the same transaction; a voided
    one (spoiled in printing) stays as it is. A revoked certificate is never reissued, nor is any
    certificate of a holder whose certificate was revoked for cause: that would undo the
    revocation. The holder must still be eligible (passed, approved, application not void).

    Returns:
        The new number.

    Raises:
        ConflictError: The certificate, or another of the holder's, is revoked; the message
            names the reversal (撤销复原) as the way back.
    """
    if not reason.strip():
        raise ValidationError("请填写补发原因", field="原因")
    with reading(env, actor, Permission.CERTIFICATES_REVOKE) as uow:
        old = uow.certificates.by_number(number.strip().upper())
        if old is None:
            raise NotFound(f"证书编号 {number} 不存在", field="证书编号")
        refusal = revocation_refusal(old, uow.certificates.certificates(old.batch_id))
    if refusal:
        # Refused before any rendering; written to the log like every refusal of a rule.
        audit_alone(
            env,
            actor.username,
            "certificates.reissue",
            f"certificate:{old.number}",
            "refused",
            {"reason": refusal, "field": "证书编号"},
        )
        raise ConflictError(refusal, field="证书编号")
    with reading(env, actor, Permission.CERTIFICATES_REVOKE) as uow:
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
        tx.record(f"certificate:{old.number}")
        current = tx.uow.certificates.by_number(old.number)
        assert current is not None
        # Revoked meanwhile on another workstation: the refusal is audited by `action`.
        refusal = revocation_refusal(current, tx.uow.certificates.certificates(old.batch_id))
        if refusal:
            raise ConflictError(refusal, field="证书编号")
        if current.status == CertificateStatus.VALID:
            tx.uow.certificates.set_status(
                old.number,
                CertificateStatus.REVOKED,
                f"{REPLACED_PREFIX}{reason.strip()}",
                env.clock.now(),
                RevocationCategory.REPLACED.value,
            )
        store_issued(env, tx.uow, ctx, produced, {candidate.candidate_id}, batch.id, actor)
        new_number = produced.certificates[0].number
        tx.record(f"certificate:{new_number}", replaces=old.number, reason=reason.strip())
    return new_number


def reissue_refusal(record: CertificateRecord) -> str:
    """Why 补发 cannot start from this certificate ("" when it can); shown on the buttons too."""
    if record.status == CertificateStatus.REVOKED:
        shown = category_label(record.status_category) or "已撤销"
        return (
            f"证书 {record.number} 已撤销（{shown}），不能补发：补发会撤回撤销。"
            "如撤销确属有误，请由证书管理员提出“撤销复原”并写明理由，由质量督导员确认。"
        )
    return ""


def revocation_refusal(old: CertificateRecord, batch_certificates: list[CertificateRecord]) -> str:
    """Why a 补发 from `old` would undo a revocation of its holder; "" when it would not."""
    refusal = reissue_refusal(old)
    if refusal:
        return refusal
    for other in batch_certificates:
        if other.candidate_id == old.candidate_id and revoked_for_cause(other):
            return (
                f"持证人的证书 {other.number} 已撤销（"
                f"{category_label(other.status_category) or '已撤销'}），不能通过补发"
                f"证书 {old.number} 重新发证。如撤销确属有误，请办理“撤销复原”"
                "（证书管理员提出，质量督导员确认）。"
            )
    return ""
