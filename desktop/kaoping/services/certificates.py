"""Certificates (专业技术等级证书): approval, numbering, issuing, printing, revocation and reissue.

Issuing follows hard rules 1–3 of DESIGN.md: only a candidate whose result was confirmed as passed
and whose national approval is recorded gets a certificate; every PDF passes the compliance check
before it is signed; and a whole batch is rendered, checked and signed before anything is stored,
so a cancel, a finding or a crash leaves no certificate and no number behind. Numbers are taken
from a per-year counter inside the one transaction that stores the certificates, so they stay
unique and gap-free; a revoked or voided number stays on record and is never reused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.beijing import BEIJING
from kaoping.domain.certificates import (
    CertificateContent,
    CertificateStatus,
    CheckAlgorithm,
    NumberingScheme,
    QrRecord,
    mask_name,
)
from kaoping.domain.compliance import Finding
from kaoping.domain.deadlines import issuance_due
from kaoping.domain.errors import ConflictError, KaopingError, NotFound, ValidationError
from kaoping.domain.plans import Batch, BatchStatus
from kaoping.domain.roles import Permission
from kaoping.domain.roster import CandidateStatus
from kaoping.domain.scoring import ResultStatus
from kaoping.services.base import Actor, Env, Tx, action, reading, require_batch
from kaoping.services.compliance import (
    ComplianceBlocked,
    approved_registry,
    audit_blocked,
)
from kaoping.services.ports.certificates import (
    AssetRecord,
    CandidateForCertificate,
    CertificateRecord,
    CertificateTools,
    NewCertificate,
)
from kaoping.services.ports.core import UnitOfWork

__all__ = [
    "ASSET_KINDS",
    "AssetInfo",
    "BatchCertificates",
    "CandidateState",
    "CertificateSettings",
    "IssueCancelled",
    "IssueOutcome",
    "PrintJob",
    "batch_certificates",
    "certificate_pdf",
    "certificate_settings",
    "export_certificates",
    "find_certificate",
    "issue_batch",
    "list_assets",
    "print_certificates",
    "record_approval",
    "record_rejection",
    "register_asset",
    "reissue_certificate",
    "revoke_certificate",
    "revoke_for_candidate",
    "update_certificate_settings",
    "void_certificate",
    "withdraw_asset",
]

# Certificates are dated in China Standard Time, whatever the workstation clock's zone.
ASSET_KINDS = {"seal": "机构印章", "logo": "机构标识", "photo": "考生照片"}

ProgressCallback = Callable[[int, int], None]
CancelFlag = Callable[[], bool]


class IssueCancelled(KaopingError):
    """The person cancelled issuing before anything was stored."""


# --------------------------------------------------------------------------------------------
# Settings


@dataclass(frozen=True)
class CertificateSettings:
    """How certificates are numbered and drawn; stored as settings, changed by an administrator.

    The official numbering rule is not published (standards.md §6), so the scheme is data.

    Attributes:
        prefix: Programme prefix of numbers (capital letters and digits).
        serial_width: Digits of the zero-padded serial.
        algorithm: Check-character system, mod37-2 or mod11-2.
        qr_url_prefix: Lookup URL put before the signed record in the QR code ("" for none).
        template_path: The certificate template file ("" = the shipped template).
        seal_sha256: The registered seal image to print ("" = the newest registered seal).
        print_full_id: Print the full ID number instead of the masked one.
    """

    prefix: str = "GXDT"
    serial_width: int = 6
    algorithm: str = CheckAlgorithm.MOD37_2.value
    qr_url_prefix: str = ""
    template_path: str = ""
    seal_sha256: str = ""
    print_full_id: bool = False


_SETTING_KEYS = {"prefix": "certificate.prefix", "serial_width": "certificate.serial_width",
                 "algorithm": "certificate.check_algorithm", "qr_url_prefix": "qr_url_prefix",
                 "template_path": "certificate.template_path", "seal_sha256": "certificate.seal",
                 "print_full_id": "certificate.print_full_id"}


def _settings(uow: UnitOfWork) -> CertificateSettings:
    defaults = CertificateSettings()
    values = {name: uow.settings.get(key, getattr(defaults, name))
              for name, key in _SETTING_KEYS.items()}
    return CertificateSettings(**values)


def _scheme(settings: CertificateSettings, body_code: str, year: int) -> NumberingScheme:
    try:
        algorithm = CheckAlgorithm(settings.algorithm)
    except ValueError:
        raise ValidationError(f"校验算法“{settings.algorithm}”无效，可选：mod37-2、mod11-2",
                              field="校验算法") from None
    return NumberingScheme(settings.prefix, body_code, year, settings.serial_width, algorithm)


def certificate_settings(env: Env, actor: Actor) -> CertificateSettings:
    """The numbering and drawing settings as stored."""
    with reading(env, actor, Permission.CERTIFICATES_VIEW) as uow:
        return _settings(uow)


def update_certificate_settings(env: Env, actor: Actor, settings: CertificateSettings) -> None:
    """Change the numbering and drawing settings (checked by building a number with them)."""
    with action(env, actor, Permission.SETTINGS_MANAGE, "certificates.settings") as tx:
        profile = tx.uow.body.get_profile()
        _scheme(settings, profile.code if profile else "X", 2026).format(1)
        if settings.template_path:
            env.adapters.certificates.load_template(settings.template_path)
        for name, key in _SETTING_KEYS.items():
            tx.uow.settings.put(key, getattr(settings, name))
        tx.record("settings:certificate", **settings.__dict__)


def _today(env: Env) -> date:
    return env.clock.now().astimezone(BEIJING).date()


# --------------------------------------------------------------------------------------------
# Approved images (登记图片)


@dataclass(frozen=True)
class AssetInfo:
    """An approved image as listed: what it is, its pixel hash and whether it is still approved."""

    sha256: str
    name: str
    kind: str
    width: int
    height: int
    active: bool
    registered_at: datetime
    registered_by: str
    in_use_as_seal: bool


def register_asset(env: Env, actor: Actor, name: str, kind: str, image: bytes) -> AssetInfo:
    """Approve an image for certificates after screening it against the emblem references.

    A seal registered here becomes the seal printed on new certificates.

    Raises:
        ValidationError: The kind or name is missing, the file is not an image, or the image
            resembles a national emblem or government logo (the refusal is audited).
    """
    if kind not in ASSET_KINDS:
        raise ValidationError(f"图片类别“{kind}”无效，可选：{'、'.join(ASSET_KINDS)}",
                              field="图片类别")
    kit = env.adapters.certificates
    canonical = kit.canonical_png(image)
    try:
        sha256, width, height = kit.approve(kit.registry([]), name, canonical)
    except ValidationError as refusal:
        _audit_refused_asset(env, actor, name, kind, refusal)
        raise
    now = env.clock.now()
    with action(env, actor, Permission.ASSETS_REGISTER, "assets.register") as tx:
        record = AssetRecord(sha256, name.strip(), kind, width, height, True, now, actor.username)
        tx.uow.certificates.add_asset(record, canonical if kind != "photo" else None)
        if kind == "seal":
            tx.uow.settings.put(_SETTING_KEYS["seal_sha256"], sha256)
        tx.record(f"asset:{sha256[:16]}", name=record.name, kind=kind, width=width, height=height)
    return AssetInfo(sha256, record.name, kind, width, height, True, now, actor.username,
                     kind == "seal")


def _audit_refused_asset(env: Env, actor: Actor, name: str, kind: str,
                         refusal: ValidationError) -> None:
    # The permission is checked first so a refusal entry is only written for permitted users.
    with action(env, actor, Permission.ASSETS_REGISTER, "assets.register_refused") as tx:
        tx.record("asset", name=name, kind=kind, reason=refusal.message)


def withdraw_asset(env: Env, actor: Actor, sha256: str) -> None:
    """Withdraw an image's approval; certificates that still carry it are blocked by the check."""
    with action(env, actor, Permission.ASSETS_REGISTER, "assets.withdraw") as tx:
        if not tx.uow.certificates.set_asset_active(sha256, False):
            raise NotFound(f"没有登记过哈希为 {sha256[:16]}… 的图片", field="图片")
        tx.record(f"asset:{sha256[:16]}")


def list_assets(env: Env, actor: Actor) -> list[AssetInfo]:
    """Registered images, newest first."""
    with reading(env, actor, Permission.CERTIFICATES_VIEW) as uow:
        seal = _seal_choice(uow, _settings(uow))
        return [AssetInfo(a.sha256, a.name, a.kind, a.width, a.height, a.active,
                          a.registered_at, a.registered_by, a.sha256 == seal)
                for a in uow.certificates.assets()]


def _seal_choice(uow: UnitOfWork, settings: CertificateSettings) -> str:
    if settings.seal_sha256:
        return settings.seal_sha256
    seals = [a for a in uow.certificates.assets() if a.kind == "seal" and a.active]
    return seals[0].sha256 if seals else ""


def _seal_image(uow: UnitOfWork, settings: CertificateSettings) -> bytes:
    chosen = _seal_choice(uow, settings)
    image = uow.certificates.asset_image(chosen) if chosen else None
    if image is None:
        raise ValidationError("尚未登记机构印章图片：请先用“登记证书图片”登记本机构的印章",
                              field="机构印章")
    return image


# --------------------------------------------------------------------------------------------
# National approval (审核结果), recorded by hand until approval lists are imported



def _aware_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=BEIJING).astimezone(UTC)


def _decide(env: Env, actor: Actor, batch_code: str, candidate_ids: Sequence[int],
            decision: ApprovalDecision, reason: str, reference: str, decided_on: date) -> int:
    if not reference.strip():
        raise ValidationError("请填写审核结果的文号或批次编号", field="审核文号")
    if decided_on > _today(env):
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
                    "不能登记为审核通过", field="考生")
            tx.uow.certificates.record_decision(candidate_id, batch.id, decision, reason.strip(),
                                                reference.strip(), _aware_day(decided_on), now,
                                                actor.username)
        if decision == ApprovalDecision.APPROVED and batch.status in (
                BatchStatus.OPEN, BatchStatus.ASSESSED, BatchStatus.REPORTED):
            tx.uow.plans.set_batch_status(batch.id, BatchStatus.APPROVED,
                                          _aware_day(decided_on))
        tx.record(f"batch:{batch_code}", decision=decision, reference=reference.strip(),
                  decided_on=decided_on.isoformat(), candidates=list(candidate_ids),
                  reason=reason.strip())
    return len(candidate_ids)


def record_approval(env: Env, actor: Actor, batch_code: str, candidate_ids: Sequence[int],
                    reference: str, decided_on: date) -> int:
    """Record that the national office approved these candidates; the 30-day clock starts then.

    Returns:
        How many decisions were recorded.
    """
    return _decide(env, actor, batch_code, candidate_ids, ApprovalDecision.APPROVED, "", reference,
                   decided_on)


def record_rejection(env: Env, actor: Actor, batch_code: str, candidate_ids: Sequence[int],
                     reason: str, reference: str, decided_on: date) -> int:
    """Record that the department rejected these candidates, with the reason given."""
    if not reason.strip():
        raise ValidationError("请填写未通过审核的原因", field="原因")
    return _decide(env, actor, batch_code, candidate_ids, ApprovalDecision.REJECTED, reason, reference,
                   decided_on)


# --------------------------------------------------------------------------------------------
# Listing


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


def _blocked_reason(candidate: CandidateForCertificate) -> str:
    if candidate.status != CandidateStatus.ACTIVE:
        return "报名已作废或撤回，不发证"
    if candidate.outcome != ResultStatus.PASSED:
        return "成绩未确认合格"
    if candidate.decision == ApprovalDecision.REJECTED:
        return "审核未通过"
    if candidate.decision != ApprovalDecision.APPROVED or candidate.decided_on is None:
        return "尚未登记审核通过"
    return ""


def _revoked_reasons(certificates: Sequence[CertificateRecord]) -> dict[int, str]:
    """Why each holder of a revoked certificate gets no new one by plain issuing.

    Revocation takes the certificate away for cause (e.g. impersonation found later); issuing
    again with the batch would quietly undo it. The deliberate way back is 补发 with a reason.
    """
    valid = {c.candidate_id for c in certificates if c.status == CertificateStatus.VALID}
    return {c.candidate_id: f"证书 {c.number} 已撤销，不再随批次发证；确需重新发证请用“补发”并写明原因"
            for c in certificates if c.status == CertificateStatus.REVOKED and c.candidate_id not in valid}


def _approved_day(candidate: CandidateForCertificate) -> date:
    assert candidate.decided_on is not None
    return candidate.decided_on.astimezone(BEIJING).date()


def _first_approval(candidates: Sequence[CandidateForCertificate]) -> date | None:
    days = [_approved_day(c) for c in candidates
            if c.decision == ApprovalDecision.APPROVED and c.decided_on is not None]
    return min(days) if days else None


def batch_certificates(env: Env, actor: Actor, batch_code: str) -> BatchCertificates:
    """Everything the certificate page shows for one batch."""
    with reading(env, actor, Permission.CERTIFICATES_VIEW) as uow:
        batch = require_batch(uow, batch_code)
        certificates = uow.certificates.certificates(batch.id)
        candidates = uow.certificates.candidates_of_batch(batch.id)
    valid = {c.candidate_id: c.number for c in certificates if c.status == CertificateStatus.VALID}
    revoked = _revoked_reasons(certificates)
    states = tuple(
        CandidateState(c.candidate_id, mask_name(c.name), c.id_masked, c.outcome,
                       c.decision, valid.get(c.candidate_id, ""),
                       "" if c.candidate_id in valid
                       else _blocked_reason(c) or revoked.get(c.candidate_id, ""),
                       c.status == CandidateStatus.ACTIVE)
        for c in candidates)
    approved = _first_approval(candidates)
    return BatchCertificates(batch, tuple(certificates), states, approved,
                             issuance_due(approved) if approved else None)


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


# --------------------------------------------------------------------------------------------
# Issuing


@dataclass(frozen=True)
class _Planned:
    candidate: CandidateForCertificate
    serial: int
    replaces_id: int | None = None


@dataclass(frozen=True)
class _Context:
    """Everything read before rendering: body, settings, numbering, seal, registry, signing key."""

    body_name: str
    body_code: str
    settings: CertificateSettings
    scheme: NumberingScheme
    issue_date: date
    seal: bytes
    key: tuple[bytes, bytes]
    occupations: dict[str, str]
    assets: tuple[AssetRecord, ...]
    next_serial: int


def _context(env: Env, uow: UnitOfWork, codes: set[str]) -> _Context:
    profile = uow.body.get_profile()
    key = uow.body.active_signing_key()
    if profile is None or key is None:
        raise ConflictError("系统尚未初始化或没有签名密钥，请先在“机构与密钥”中配置")
    settings = _settings(uow)
    today = _today(env)
    scheme = _scheme(settings, profile.code, today.year)
    occupations = {}
    for code in codes:
        info = uow.catalogue.occupation(code)
        occupations[code] = info.name if info is not None else code
    return _Context(profile.name, profile.code, settings, scheme, today,
                    _seal_image(uow, settings), key, occupations,
                    tuple(uow.certificates.assets()),
                    uow.certificates.peek_next_serial(profile.code, today.year))


def _content(ctx: _Context, candidate: CandidateForCertificate, number: str, qr: str,
             photo: bytes | None) -> CertificateContent:
    shown = candidate.id_number if ctx.settings.print_full_id else candidate.id_masked
    return CertificateContent(
        number=number, name=candidate.name, id_type=candidate.id_type, id_number_display=shown,
        occupation=ctx.occupations.get(candidate.occupation_code, candidate.occupation_code),
        direction=candidate.direction, level=candidate.level, issue_date=ctx.issue_date,
        body_name=ctx.body_name, body_code=ctx.body_code, photo=photo, qr_payload=qr)


@dataclass
class _Produced:
    """What rendering a whole set produced; nothing of it is stored yet."""

    certificates: list[NewCertificate]
    photos: dict[str, tuple[str, int, int, int]]  # sha256 -> (label, width, height, candidate)
    findings: list[tuple[str, Finding]]


def _label(candidate: CandidateForCertificate, number: str) -> str:
    return f"{number}（报名号 {candidate.candidate_id}，{mask_name(candidate.name)}）"


def _produce(env: Env, ctx: _Context, plan: Sequence[_Planned], passphrase: str,
             progress: ProgressCallback | None, cancelled: CancelFlag | None) -> _Produced:
    """Render, check and sign every planned certificate in memory; stores nothing."""
    kit = env.adapters.certificates
    identity = kit.open_identity(ctx.key[0], ctx.key[1], passphrase)
    fingerprint = kit.signer_fingerprint(identity)
    template = kit.load_template(ctx.settings.template_path)
    registry = kit.registry([a for a in ctx.assets if a.active])
    known = {a.sha256 for a in ctx.assets}
    out = _Produced([], {}, [])
    for done, item in enumerate(plan):
        if cancelled is not None and cancelled():
            raise IssueCancelled("已取消签发，未写入任何证书，也未占用任何证书编号。")
        certificate = _produce_one(kit, ctx, item, identity, fingerprint, template, registry,
                                   known, out)
        if certificate is not None:
            out.certificates.append(certificate)
        if progress is not None:
            progress(done + 1, len(plan))
    return out


def _produce_one(kit: CertificateTools, ctx: _Context, item: _Planned, identity: Any,
                 fingerprint: str, template: Any, registry: Any, known: set[str],
                 out: _Produced) -> NewCertificate | None:
    candidate = item.candidate
    number = ctx.scheme.format(item.serial)
    record = QrRecord(number, mask_name(candidate.name), candidate.occupation_code,
                      candidate.direction, candidate.level, ctx.issue_date, ctx.body_code)
    qr = kit.sign_qr(identity, record, ctx.settings.qr_url_prefix)
    photo = _photo(kit, candidate, registry, known, out)
    try:
        pdf = kit.render(_content(ctx, candidate, number, qr, photo), template, ctx.seal)
        report = kit.check_pdf(pdf, registry)
    except KaopingError as error:
        raise type(error)(f"{_label(candidate, number)}：{error.message}",
                          field=error.field) from None
    if not report.ok:
        out.findings.extend((_label(candidate, number), f) for f in report.findings)
    if out.findings:
        return None  # nothing will be stored, so signing the rest would be wasted work
    signed = kit.sign_pdf(pdf, identity)
    return NewCertificate(
        number=number, body_code=ctx.body_code, year=ctx.issue_date.year, serial=item.serial,
        batch_id=candidate.batch_id, candidate_id=candidate.candidate_id,
        masked_name=record.masked_name, occupation_code=candidate.occupation_code,
        direction=candidate.direction, level=candidate.level, issue_date=ctx.issue_date,
        approved_on=_approved_day(candidate), qr_payload=qr, pdf=signed,
        pdf_sha256=hashlib.sha256(signed).hexdigest(), signer_fingerprint=fingerprint,
        replaces_id=item.replaces_id)


def _photo(kit: CertificateTools, candidate: CandidateForCertificate, registry: Any,
           known: set[str], out: _Produced) -> bytes | None:
    """The candidate's photo as canonical PNG, registered (after the emblem screen) for the check.

    A photo that resembles an emblem stays unregistered, so the check reports it.
    """
    if not candidate.photo:
        return None
    try:
        canonical = kit.canonical_png(candidate.photo)
    except ValidationError as error:
        raise ValidationError(f"报名号 {candidate.candidate_id} 的照片无法读取：{error.message}",
                              field="照片") from None
    label = f"考生照片（报名号 {candidate.candidate_id}）"
    try:
        sha256, width, height = kit.approve(registry, label, canonical)
    except ValidationError:
        return canonical
    if sha256 not in known:
        out.photos[sha256] = (label, width, height, candidate.candidate_id)
    return canonical


def _block(env: Env, actor: Actor, target: str, findings: list[tuple[str, Finding]],
           verb: str) -> ComplianceBlocked:
    audit_blocked(env, actor, "certificates.compliance_blocked", target, findings)
    return ComplianceBlocked(findings, verb)


@dataclass(frozen=True)
class IssueOutcome:
    """What issuing stored.

    Attributes:
        batch_code: The batch.
        numbers: The numbers issued, in order.
        batch_issued: Every approved candidate of the batch now holds a certificate.
        due: The issuance deadline (30 days after the first approval).
        late: Issued after the deadline.
    """

    batch_code: str
    numbers: tuple[str, ...]
    batch_issued: bool
    due: date | None
    late: bool


def issue_batch(env: Env, actor: Actor, batch_code: str, passphrase: str, *,
                candidate_ids: Sequence[int] | None = None,
                progress: ProgressCallback | None = None,
                cancelled: CancelFlag | None = None) -> IssueOutcome:
    """Issue certificates to every issuable candidate of a batch (or the ones named).

    Everything is rendered, checked and signed first; only then are all certificates and their
    numbers stored in one transaction. A cancel, a compliance finding or any error before that
    point stores nothing and takes no number.

    Args:
        env: The services' environment.
        actor: The certificate officer.
        batch_code: The batch.
        passphrase: Opens the body's signing key; used now and never stored.
        candidate_ids: Only these candidates (each must be issuable); None for all.
        progress: Called with (done, total) after each certificate is ready.
        cancelled: Polled before each certificate; True stops without storing.

    Raises:
        ComplianceBlocked: A certificate failed the compliance check (audited, nothing stored).
        IssueCancelled: Cancelled before storing.
        ValidationError: Nobody (or a named candidate) can be issued a certificate now.
        ConflictError: Another workstation issued numbers meanwhile; run again.
        AuthenticationError: The passphrase does not open the signing key.
    """
    with reading(env, actor, Permission.CERTIFICATES_ISSUE) as uow:
        batch = require_batch(uow, batch_code)
        candidates = uow.certificates.candidates_of_batch(batch.id)
        chosen = _issuable(uow, batch_code, candidates, candidate_ids)
        ctx = _context(env, uow, {c.occupation_code for c in chosen})
    plan = [_Planned(c, ctx.next_serial + i) for i, c in enumerate(chosen)]
    produced = _produce(env, ctx, plan, passphrase, progress, cancelled)
    if produced.findings:
        raise _block(env, actor, f"batch:{batch_code}", produced.findings, "签发")
    if cancelled is not None and cancelled():
        raise IssueCancelled("已取消签发，未写入任何证书，也未占用任何证书编号。")
    with action(env, actor, Permission.CERTIFICATES_ISSUE, "certificates.issue") as tx:
        _store(env, tx.uow, ctx, produced, {c.candidate_id for c in chosen}, batch.id, actor)
        issued = _mark_issued(tx.uow, batch)
        approved = _first_approval(candidates)
        due = issuance_due(approved) if approved else None
        numbers = tuple(c.number for c in produced.certificates)
        tx.record(f"batch:{batch_code}", count=len(numbers), first=numbers[0], last=numbers[-1],
                  issue_date=ctx.issue_date.isoformat(), due=due.isoformat() if due else None,
                  late=bool(due and ctx.issue_date > due), photos=len(produced.photos))
    return IssueOutcome(batch_code, numbers, issued, due, bool(due and ctx.issue_date > due))


def _issuable(uow: UnitOfWork, batch_code: str, candidates: Sequence[CandidateForCertificate],
              wanted: Sequence[int] | None) -> list[CandidateForCertificate]:
    issued = [c for b in {c.batch_id for c in candidates} for c in uow.certificates.certificates(b)]
    holders = {c.candidate_id for c in issued if c.status == CertificateStatus.VALID}
    revoked = _revoked_reasons(issued)

    def reason(candidate: CandidateForCertificate) -> str:
        if candidate.candidate_id in holders:
            return "已有有效证书"
        return _blocked_reason(candidate) or revoked.get(candidate.candidate_id, "")

    by_id = {c.candidate_id: c for c in candidates}
    if wanted is not None:
        for candidate_id in wanted:
            candidate = by_id.get(candidate_id)
            if candidate is None:
                raise NotFound(f"批次 {batch_code} 中没有报名号 {candidate_id}", field="考生")
            blocked = reason(candidate)
            if blocked:
                raise ValidationError(f"报名号 {candidate_id}（{mask_name(candidate.name)}）"
                                      f"不能发证：{blocked}", field="考生")
        chosen = [by_id[i] for i in dict.fromkeys(wanted)]
    else:
        chosen = [c for c in candidates if not reason(c)]
    if not chosen:
        raise ValidationError(f"批次 {batch_code} 没有可发证的考生：发证需要成绩确认合格并已登记审核通过，"
                              "且尚未持有有效证书", field="批次")
    return chosen


def _store(env: Env, uow: UnitOfWork, ctx: _Context, produced: _Produced,
           candidate_ids: set[int], batch_id: int, actor: Actor) -> None:
    """Take the numbers and store every certificate, inside the caller's one transaction."""
    first = uow.certificates.lock_next_serial(ctx.body_code, ctx.issue_date.year)
    if first != ctx.next_serial:
        raise ConflictError("签发期间其他工作站已签发了证书，编号已变化；本次未写入任何证书，请重新签发",
                            field="证书编号")
    current = {c.candidate_id: c for c in uow.certificates.candidates_of_batch(batch_id)}
    holders = {c.candidate_id for c in uow.certificates.certificates(batch_id)
               if c.status == CertificateStatus.VALID}
    for candidate_id in candidate_ids:
        now_state = current.get(candidate_id)
        if now_state is None or _blocked_reason(now_state) or candidate_id in holders:
            raise ConflictError(f"报名号 {candidate_id} 的状态在签发期间发生了变化；"
                                "本次未写入任何证书，请重新签发", field="考生")
    now = env.clock.now()
    for certificate in produced.certificates:
        uow.certificates.add_certificate(certificate, now, actor.username)
    for sha256, (label, width, height, _) in produced.photos.items():
        uow.certificates.add_asset(AssetRecord(sha256, label, "photo", width, height, True, now,
                                               actor.username), None)
    uow.certificates.set_next_serial(ctx.body_code, ctx.issue_date.year,
                                     first + len(produced.certificates))


def _mark_issued(uow: UnitOfWork, batch: Batch) -> bool:
    """Move the batch to "issued" once every approved, active candidate holds a certificate."""
    holders = {c.candidate_id for c in uow.certificates.certificates(batch.id)
               if c.status == CertificateStatus.VALID}
    waiting = [c for c in uow.certificates.candidates_of_batch(batch.id)
               if not _blocked_reason(c) and c.candidate_id not in holders]
    if waiting:
        return False
    if batch.status is not BatchStatus.ISSUED:
        uow.plans.set_batch_status(batch.id, BatchStatus.ISSUED)
    return True


# --------------------------------------------------------------------------------------------
# Revocation, voiding and reissue


def _end(env: Env, actor: Actor, number: str, reason: str, status: CertificateStatus,
         name: str) -> None:
    if not reason.strip():
        raise ValidationError("请填写原因", field="原因")
    with action(env, actor, Permission.CERTIFICATES_REVOKE, name) as tx:
        found = tx.uow.certificates.by_number(number.strip().upper())
        if found is None:
            raise NotFound(f"证书编号 {number} 不存在", field="证书编号")
        if found.status != CertificateStatus.VALID:
            raise ConflictError(f"证书 {found.number} 已{found.status.label}，不能重复操作",
                                field="证书编号")
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


def reissue_certificate(env: Env, actor: Actor, number: str, passphrase: str,
                        reason: str) -> str:
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
        candidate = next(c for c in uow.certificates.candidates_of_batch(old.batch_id)
                         if c.candidate_id == old.candidate_id)
        blocked = _blocked_reason(candidate)
        if blocked:
            raise ValidationError(f"证书 {old.number} 的持证人不能补发：{blocked}", field="证书编号")
        holder = uow.certificates.valid_for_candidate(old.candidate_id)
        if holder is not None and holder.number != old.number:
            raise ConflictError(f"持证人已有有效证书 {holder.number}，请对该证书办理补发",
                                field="证书编号")
        ctx = _context(env, uow, {candidate.occupation_code})
    produced = _produce(env, ctx, [_Planned(candidate, ctx.next_serial, old.id)], passphrase,
                        None, None)
    if produced.findings:
        raise _block(env, actor, f"certificate:{old.number}", produced.findings, "补发")
    with action(env, actor, Permission.CERTIFICATES_REVOKE, "certificates.reissue") as tx:
        current = tx.uow.certificates.by_number(old.number)
        if current is not None and current.status == CertificateStatus.VALID:
            tx.uow.certificates.set_status(old.number, CertificateStatus.REVOKED,
                                           f"已补发：{reason.strip()}", env.clock.now())
        _store(env, tx.uow, ctx, produced, {candidate.candidate_id}, batch.id, actor)
        new_number = produced.certificates[0].number
        tx.record(f"certificate:{new_number}", replaces=old.number, reason=reason.strip())
    return new_number


# --------------------------------------------------------------------------------------------
# Printing and saving: the stored PDF is checked again, as approvals may have been withdrawn


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


def _released(env: Env, actor: Actor, numbers: Sequence[str], permission: Permission,
              verb: str) -> list[tuple[CertificateRecord, bytes]]:
    if not numbers:
        raise ValidationError("请至少选择一张证书", field="证书")
    kit = env.adapters.certificates
    found: list[tuple[CertificateRecord, bytes]] = []
    with reading(env, actor, permission) as uow:
        registry = approved_registry(uow, kit)
        for number in dict.fromkeys(n.strip().upper() for n in numbers):
            record, pdf = uow.certificates.by_number(number), uow.certificates.pdf(number)
            if record is None or pdf is None:
                raise NotFound(f"证书编号 {number} 不存在", field="证书编号")
            if record.status != CertificateStatus.VALID:
                raise ConflictError(f"证书 {number} 已{record.status.label}，不能{verb}",
                                    field="证书编号")
            found.append((record, pdf))
    findings = [(record.number, finding) for record, pdf in found
                for finding in kit.check_pdf(pdf, registry).findings]
    if findings:
        raise _block(env, actor, f"certificates:{verb}", findings, verb)
    return found


def print_certificates(env: Env, actor: Actor, numbers: Sequence[str]) -> list[PrintJob]:
    """Release certificates to the printer: checked again, counted and audited (reprints too)."""
    released = _released(env, actor, numbers, Permission.CERTIFICATES_PRINT, "打印")
    jobs = []
    with action(env, actor, Permission.CERTIFICATES_PRINT, "certificates.print") as tx:
        now = env.clock.now()
        for record, pdf in released:
            jobs.append(PrintJob(record.number, pdf,
                                 tx.uow.certificates.record_print(record.number, now)))
        tx.record("certificates", numbers=[j.number for j in jobs],
                  reprints=[j.number for j in jobs if j.reprint])
    return jobs


def export_certificates(env: Env, actor: Actor, numbers: Sequence[str]) -> list[PrintJob]:
    """Release signed PDFs for saving to files: checked again and audited."""
    released = _released(env, actor, numbers, Permission.CERTIFICATES_PRINT, "导出")
    with action(env, actor, Permission.CERTIFICATES_PRINT, "certificates.export") as tx:
        tx.record("certificates", numbers=[r.number for r, _ in released])
    return [PrintJob(r.number, pdf, r.print_count) for r, pdf in released]
