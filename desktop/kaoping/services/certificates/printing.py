"""Printing and saving: the stored PDF is checked again, as approvals may have been withdrawn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kaoping.domain.certificates import (
    CertificateStatus,
)
from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.roles import Permission
from kaoping.domain.stock_layout import MAX_PRINTER_NAME, PrintKind, check_reprint_reason
from kaoping.services.base import Actor, Env, action, guarded, reading, refuse
from kaoping.services.body_name import exempt_body_name
from kaoping.services.certificates.issuing import compliance_blocked
from kaoping.services.certificates.phrases import confirmed_by_version
from kaoping.services.certificates.settings import stored_settings
from kaoping.services.compliance import (
    approved_registry,
)
from kaoping.services.ports.certificates import (
    CertificateRecord,
    CertificateTools,
)
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.stock import PrintRecord


@dataclass(frozen=True)
class PrintJob:
    """A certificate released for printing or saving.

    Attributes:
        number: The certificate number.
        pdf: The signed PDF.
        copy: Which print this is (1 for the first, 2 for the first reprint, ...).
    """

    number: str
    pdf: bytes
    copy: int

    @property
    def reprint(self) -> bool:
        """Whether the certificate had been printed before."""
        return self.copy > 1


def released_certificates(
    env: Env, actor: Actor, numbers: Sequence[str], verb: str
) -> list[tuple[CertificateRecord, bytes]]:
    """Valid certificates with their signed PDFs, each checked again for compliance.

    Raises:
        NotFound: A number is unknown.
        ConflictError: A certificate is revoked or void (the message names it and `verb`).
        ComplianceBlocked: A signed PDF no longer passes the check (audited).
    """
    permission = Permission.CERTIFICATES_PRINT
    if not numbers:
        raise ValidationError("请至少选择一张证书", field="证书")
    kit = env.adapters.certificates
    found: list[tuple[CertificateRecord, bytes]] = []
    holders: dict[int, dict[int, str]] = {}
    with reading(env, actor, permission) as uow:
        registry = approved_registry(uow, kit)
        phrases = _current_phrases(kit, uow)
        body_name = exempt_body_name(env, uow)
        for number in dict.fromkeys(n.strip().upper() for n in numbers):
            record, pdf = uow.certificates.by_number(number), uow.certificates.pdf(number)
            if record is None or pdf is None:
                raise NotFound(f"证书编号 {number} 不存在", field="证书编号")
            if record.status != CertificateStatus.VALID:
                raise ConflictError(
                    f"证书 {number} {record.status.label}，不能{verb}", field="证书编号"
                )
            found.append((record, pdf))
            if record.batch_id not in holders:
                holders[record.batch_id] = _holder_names(uow, record.batch_id)
    # As at issuing, only the holder's name as stored is exempt, where it stands alone.
    findings = [
        (record.number, finding)
        for record, pdf in found
        for finding in kit.check_pdf(
            pdf,
            registry,
            (holders[record.batch_id].get(record.candidate_id, ""),),
            phrases=phrases,
            body_name=body_name,
        ).findings
    ]
    if findings:
        raise compliance_blocked(env, actor, f"certificates:{verb}", findings, verb)
    return found


def _current_phrases(kit: CertificateTools, uow: UnitOfWork) -> tuple[str, ...]:
    """Phrases confirmed for the template in use now.

    A certificate drawn from an older template whose phrase was not reviewed again for the
    current one is refused, as it would be at issuing.
    """
    by_version = confirmed_by_version(uow)
    if not by_version:
        return ()  # nothing reviewed: the template need not even be readable to print
    template = kit.load_template(stored_settings(uow).template_path)
    return by_version.get(kit.template_sha256(template), ())


def _holder_names(uow: UnitOfWork, batch_id: int) -> dict[int, str]:
    """The full names of a batch's applicants as stored, by application (read once per batch)."""
    return {
        c.candidate_id: c.name for c in uow.certificates.candidates_of_batch(batch_id, photos=False)
    }


def print_certificates(
    env: Env, actor: Actor, numbers: Sequence[str], printer: str = "", reason: str = ""
) -> list[PrintJob]:
    """Release certificates to the printer: checked again, counted, logged and audited.

    Args:
        env: The environment.
        actor: The certificate officer.
        numbers: The certificates to print.
        printer: The printer's name, for the print log.
        reason: Why a certificate printed before is printed again (required then).

    Raises:
        ValidationError: A reprint without a reason (naming the certificate); nothing is logged.
    """
    released = released_certificates(env, actor, numbers, "打印")
    printer = printer.strip()[:MAX_PRINTER_NAME]
    jobs = []
    with guarded(env, actor, Permission.CERTIFICATES_PRINT, "certificates.print") as tx:
        for record, pdf in released:
            current = tx.uow.certificates.by_number(record.number)
            try:
                why = check_reprint_reason(
                    record.number, current.print_count if current else 0, reason
                )
            except ValidationError as error:
                raise refuse(error, f"certificate:{record.number}") from None
            copy = tx.uow.certificates.record_print(record.number, tx.now)
            kind = PrintKind.REPRINT if copy > 1 else PrintKind.FIRST
            tx.uow.stock.add_print(
                PrintRecord(
                    0,
                    record.number,
                    tx.now,
                    actor.username,
                    printer,
                    None,
                    "",
                    kind,
                    why if copy > 1 else "",
                )
            )
            jobs.append(PrintJob(record.number, pdf, copy))
        tx.record(
            "certificates",
            numbers=[j.number for j in jobs],
            reprints=[j.number for j in jobs if j.reprint],
            **({"printer": printer} if printer else {}),
            **({"reason": reason.strip()} if any(j.reprint for j in jobs) else {}),
        )
    return jobs


def export_certificates(env: Env, actor: Actor, numbers: Sequence[str]) -> list[PrintJob]:
    """Release signed PDFs for saving to files: checked again and audited."""
    released = released_certificates(env, actor, numbers, "导出")
    with action(env, actor, Permission.CERTIFICATES_PRINT, "certificates.export") as tx:
        tx.record("certificates", numbers=[r.number for r, _ in released])
    return [PrintJob(r.number, pdf, r.print_count) for r, pdf in released]
