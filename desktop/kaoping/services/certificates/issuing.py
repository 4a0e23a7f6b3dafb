"""Issuing (签发) a batch: render, check and sign every certificate in memory, then store all at once.

Numbers are taken from the per-year counter inside the one transaction that stores the
certificates, so a cancel, a compliance finding or a crash leaves no certificate and no number.
A large batch is produced by worker processes (`pool`), which never see the database; storing
stays here, in bulk, in that one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from kaoping.domain.certificates import (
    CertificateStatus,
    mask_name,
)
from kaoping.domain.compliance import Finding
from kaoping.domain.deadlines import issuance_due
from kaoping.domain.eligibility import NotEligible
from kaoping.domain.errors import (
    CancelledByUser,
    ConflictError,
    KaopingError,
    NotFound,
    ValidationError,
)
from kaoping.domain.plans import Batch, BatchStatus
from kaoping.domain.roles import Permission
from kaoping.services.base import (
    Actor,
    Env,
    action,
    audit_alone,
    reading,
    refusal_details,
    require_batch,
)
from kaoping.services.body_name import exempt_body_name
from kaoping.services.certificates.assets import seal_image
from kaoping.services.certificates.listing import (
    blocked_reason,
    first_approval,
    revoked_reasons,
)
from kaoping.services.certificates.phrases import confirmed_by_version
from kaoping.services.certificates.pool import Production, worker_count
from kaoping.services.certificates.producing import (
    IssueContext,
    Planned,
    Produced,
    has_photo_box,
)
from kaoping.services.certificates.settings import (
    CancelFlag,
    ProgressCallback,
    beijing_today,
    numbering_scheme,
    stored_settings,
)
from kaoping.services.compliance import (
    ComplianceBlocked,
    audit_blocked,
)
from kaoping.services.eligibility import STEP_CERTIFY, refusals
from kaoping.services.ports.certificates import (
    AssetRecord,
    CandidateForCertificate,
)
from kaoping.services.ports.core import UnitOfWork


def issue_context(env: Env, uow: UnitOfWork, codes: set[str]) -> IssueContext:
    """What every certificate of one issuing run shares: body, key, template, seal, numbering."""
    profile = uow.body.get_profile()
    key = uow.body.active_signing_key()
    if profile is None or key is None:
        raise ConflictError("系统尚未初始化或没有签名密钥，请先在“机构与密钥”中配置")
    settings = stored_settings(uow)
    today = beijing_today(env)
    scheme = numbering_scheme(settings, profile.code, today.year)
    occupations = {}
    for code in codes:
        info = uow.catalogue.occupation(code)
        occupations[code] = info.name if info is not None else code
    return IssueContext(
        profile.name,
        profile.code,
        settings,
        scheme,
        today,
        seal_image(uow, settings),
        key,
        occupations,
        tuple(uow.certificates.assets()),
        uow.certificates.peek_next_serial(profile.code, today.year),
        confirmed_by_version(uow),
        exempt_body_name(env, uow),
    )


def start_production(
    env: Env,
    ctx: IssueContext,
    plan: Sequence[Planned],
    passphrase: str,
    progress: ProgressCallback | None,
    cancelled: CancelFlag | None,
) -> Production:
    """Start producing (render, check, sign) the planned certificates; nothing is stored.

    A large batch is shared between this process and worker processes (one process per core
    unless the settings say otherwise); a batch done sooner alone (see `pool.worker_count`),
    or with one process set, is produced here alone.
    """
    unscreened = sum(1 for p in plan if p.candidate.photo and not p.candidate.photo_screened_with)
    processes = worker_count(ctx.settings.workers, len(plan), unscreened)
    kit = env.adapters.certificates
    return Production(kit, ctx, plan, passphrase, processes, progress, cancelled)


def produce(
    env: Env,
    ctx: IssueContext,
    plan: Sequence[Planned],
    passphrase: str,
    progress: ProgressCallback | None,
    cancelled: CancelFlag | None,
) -> Produced:
    """Render, check and sign every planned certificate in memory before anything is stored."""
    out = Produced([], {}, [])
    with start_production(env, ctx, plan, passphrase, progress, cancelled) as production:
        production.until_storing()
        for share in production.finished_in_order():
            out.extend(share)
    return out


def require_photos(
    env: Env, actor: Actor, ctx: IssueContext, plan: Sequence[Planned], target: str, name: str
) -> None:
    """Refuse (audited) when the template has a photo box and a planned holder has no photo.

    An issued certificate never shows an empty photo box: the photo is part of what identifies
    the holder. Checked before anything is rendered, so no number is taken.

    Raises:
        ValidationError: Naming (masked) up to ten holders without a photo and what to do.
    """
    template = env.adapters.certificates.load_template(ctx.settings.template_path)
    if not has_photo_box(template):
        return
    missing = [p.candidate for p in plan if not p.candidate.photo]
    if not missing:
        return
    shown = "、".join(
        f"报名号 {c.candidate_id}（{mask_name(c.name)}）" for c in missing[:_MISSING_SHOWN]
    )
    more = f"等 {len(missing)} 人" if len(missing) > _MISSING_SHOWN else ""
    error = ValidationError(
        f"证书模板有照片框，以下考生还没有照片，不能发证：{shown}{more}。"
        "请先在“考生”页面导入或上传这些考生的照片",
        field="照片",
    )
    audit_alone(env, actor.username, name, target, "refused", refusal_details(error))
    raise error


_MISSING_SHOWN = 10


def compliance_blocked(
    env: Env, actor: Actor, target: str, findings: list[tuple[str, Finding]], verb: str
) -> ComplianceBlocked:
    """Audit compliance findings (in their own transaction) and build the error to raise."""
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
        held_back: One message per approved candidate left out because they do not meet the
            eligibility rules and have no exception (申报条件例外).
    """

    batch_code: str
    numbers: tuple[str, ...]
    batch_issued: bool
    due: date | None
    late: bool
    held_back: tuple[str, ...] = ()


def issue_batch(
    env: Env,
    actor: Actor,
    batch_code: str,
    passphrase: str,
    *,
    candidate_ids: Sequence[int] | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelFlag | None = None,
) -> IssueOutcome:
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
        progress: Called with (done, total) after each certificate is ready (with worker
            processes, after each share of a few certificates).
        cancelled: Polled before each certificate (with worker processes, every tenth of a
            second); True stops without storing.

    Raises:
        ComplianceBlocked: A certificate failed the compliance check (audited, nothing stored).
        IssueCancelled: Cancelled before storing.
        ValidationError: Nobody (or a named candidate) can be issued a certificate now.
        ConflictError: Another workstation issued numbers meanwhile; run again.
        AuthenticationError: The passphrase does not open the signing key.
    """
    try:
        with reading(env, actor, Permission.CERTIFICATES_ISSUE) as uow:
            batch = require_batch(uow, batch_code)
            candidates = uow.certificates.candidates_of_batch(batch.id)
            stopped = refusals(uow, [c.candidate_id for c in candidates], STEP_CERTIFY)
            chosen = _issuable(uow, batch_code, candidates, candidate_ids, stopped)
            ctx = issue_context(env, uow, {c.occupation_code for c in chosen})
    except NotEligible as error:
        # A reading does not audit; the gate's refusals are kept like every other.
        target = f"batch:{batch_code}"
        audit_alone(
            env, actor.username, "certificates.issue", target, "refused", refusal_details(error)
        )
        raise
    # Only those issuing would otherwise have taken are worth telling about.
    held = tuple(stopped[c.candidate_id] for c in candidates if _held(c, stopped))
    plan = [Planned(c, ctx.next_serial + i) for i, c in enumerate(chosen)]
    target = f"batch:{batch_code}"
    require_photos(env, actor, ctx, plan, target, "certificates.issue")
    approved = first_approval(candidates)
    due = issuance_due(approved) if approved else None
    with start_production(env, ctx, plan, passphrase, progress, cancelled) as production:
        production.until_storing()
        if production.found:
            _finish_checking(production)
            raise compliance_blocked(env, actor, target, production.findings, "签发")
        try:
            with action(env, actor, Permission.CERTIFICATES_ISSUE, "certificates.issue") as tx:
                ids = {c.candidate_id for c in chosen}
                numbers = _store_as_finished(env, tx.uow, ctx, production, ids, batch.id, actor)
                issued = _mark_issued(tx.uow, batch)
                tx.record(
                    target,
                    count=len(numbers),
                    first=numbers[0],
                    last=numbers[-1],
                    issue_date=ctx.issue_date.isoformat(),
                    due=due.isoformat() if due else None,
                    late=bool(due and ctx.issue_date > due),
                    photos=len(production.photos),
                    held_back=[c.candidate_id for c in candidates if _held(c, stopped)],
                )
        except _ProductionStopped as stopped_by:
            if stopped_by.error is None:
                raise compliance_blocked(env, actor, target, production.findings, "签发") from None
            raise stopped_by.error from None
    late = bool(due and ctx.issue_date > due)
    return IssueOutcome(batch_code, numbers, issued, due, late, held)


class _ProductionStopped(Exception):
    """Producing stopped after storing began: the transaction is rolled back, nothing audited.

    What stopped it is told outside the transaction exactly as it would have been before
    storing began: a finding (`error` None) through `compliance_blocked`, any other refusal as
    it was raised.
    """

    def __init__(self, error: KaopingError | None) -> None:
        super().__init__(error.message if error else "compliance findings")
        self.error = error


def _finish_checking(production: Production) -> None:
    """Let every remaining certificate be checked (not signed), for a complete findings report."""
    for _ in production.finished_in_order():
        pass


def _store_as_finished(
    env: Env,
    uow: UnitOfWork,
    ctx: IssueContext,
    production: Production,
    candidate_ids: set[int],
    batch_id: int,
    actor: Actor,
) -> tuple[str, ...]:
    """Store each share as it is finished, in plan order, while the workers finish the rest.

    Storing starts only when what is left to produce takes about as long as storing what is
    done (`Production.until_storing`), so the transaction is held about as long as storing
    alone would hold it.
    """
    first = begin_storing(uow, ctx, candidate_ids, batch_id)
    now = env.clock.now()
    numbers: list[str] = []
    try:
        for share in production.finished_in_order():
            if production.found:
                continue  # the rest is still checked, for the report; nothing more is stored
            uow.certificates.add_certificates(share.certificates, now, actor.username)
            numbers.extend(c.number for c in share.certificates)
        production.stop_if_cancelled()
    except CancelledByUser:
        raise  # rolled back and not audited, like a cancel before storing
    except KaopingError as error:
        raise _ProductionStopped(error) from None
    if production.found:
        raise _ProductionStopped(None)
    finish_storing(uow, ctx, first, len(numbers), production.photos, now, actor)
    return tuple(numbers)


def _held(candidate: CandidateForCertificate, stopped: Mapping[int, str]) -> bool:
    """Passed, approved and otherwise issuable, but stopped by the eligibility gate."""
    return candidate.candidate_id in stopped and not blocked_reason(candidate)


def _issuable(
    uow: UnitOfWork,
    batch_code: str,
    candidates: Sequence[CandidateForCertificate],
    wanted: Sequence[int] | None,
    stopped: Mapping[int, str],
) -> list[CandidateForCertificate]:
    issued = [c for b in {c.batch_id for c in candidates} for c in uow.certificates.certificates(b)]
    holders = {c.candidate_id for c in issued if c.status == CertificateStatus.VALID}
    revoked = revoked_reasons(issued)

    def reason(candidate: CandidateForCertificate) -> str:
        if candidate.candidate_id in holders:
            return "已有有效证书"
        return (
            blocked_reason(candidate)
            or revoked.get(candidate.candidate_id, "")
            or ("不符合申报条件，且没有质量督导员登记的例外" if _held(candidate, stopped) else "")
        )

    by_id = {c.candidate_id: c for c in candidates}
    if wanted is not None:
        for candidate_id in wanted:
            candidate = by_id.get(candidate_id)
            if candidate is None:
                raise NotFound(f"批次 {batch_code} 中没有报名号 {candidate_id}", field="考生")
            if _held(candidate, stopped):
                raise NotEligible(stopped[candidate_id], field="申报条件")
            blocked = reason(candidate)
            if blocked:
                raise ValidationError(
                    f"报名号 {candidate_id}（{mask_name(candidate.name)}）不能发证：{blocked}",
                    field="考生",
                )
        chosen = [by_id[i] for i in dict.fromkeys(wanted)]
    else:
        chosen = [c for c in candidates if not reason(c)]
    if not chosen:
        raise ValidationError(
            f"批次 {batch_code} 没有可发证的考生：发证需要成绩确认合格并已登记审核通过，"
            "且尚未持有有效证书",
            field="批次",
        )
    return chosen


def store_issued(
    env: Env,
    uow: UnitOfWork,
    ctx: IssueContext,
    produced: Produced,
    candidate_ids: set[int],
    batch_id: int,
    actor: Actor,
) -> None:
    """Take the numbers and store every certificate, inside the caller's one transaction."""
    first = begin_storing(uow, ctx, candidate_ids, batch_id)
    now = env.clock.now()
    uow.certificates.add_certificates(produced.certificates, now, actor.username)
    finish_storing(uow, ctx, first, len(produced.certificates), produced.photos, now, actor)


def begin_storing(
    uow: UnitOfWork, ctx: IssueContext, candidate_ids: set[int], batch_id: int
) -> int:
    """Lock the numbering and confirm nothing changed since reading; the first serial.

    Raises:
        ConflictError: Another workstation issued numbers, or a candidate's state changed.
    """
    first = uow.certificates.lock_next_serial(ctx.body_code, ctx.issue_date.year)
    if first != ctx.next_serial:
        raise ConflictError(
            "签发期间其他工作站已签发了证书，编号已变化；本次未写入任何证书，请重新签发",
            field="证书编号",
        )
    current = {
        c.candidate_id: c for c in uow.certificates.candidates_of_batch(batch_id, photos=False)
    }
    holders = uow.certificates.valid_holders(batch_id)
    for candidate_id in candidate_ids:
        now_state = current.get(candidate_id)
        if now_state is None or blocked_reason(now_state) or candidate_id in holders:
            raise ConflictError(
                f"报名号 {candidate_id} 的状态在签发期间发生了变化；本次未写入任何证书，请重新签发",
                field="考生",
            )
    return first


def finish_storing(
    uow: UnitOfWork,
    ctx: IssueContext,
    first: int,
    count: int,
    photos: Mapping[str, tuple[str, int, int, int]],
    now: datetime,
    actor: Actor,
) -> None:
    """Register the newly seen photos and move the counter past the `count` numbers taken."""
    uow.certificates.add_photo_assets(
        [
            AssetRecord(sha256, label, "photo", width, height, True, now, actor.username)
            for sha256, (label, width, height, _) in photos.items()
        ]
    )
    uow.certificates.set_next_serial(ctx.body_code, ctx.issue_date.year, first + count)


def _mark_issued(uow: UnitOfWork, batch: Batch) -> bool:
    """Move the batch to "issued" once every approved, active candidate holds a certificate."""
    holders = uow.certificates.valid_holders(batch.id)
    waiting = [
        c
        for c in uow.certificates.candidates_of_batch(batch.id, photos=False)
        if not blocked_reason(c) and c.candidate_id not in holders
    ]
    if waiting:
        return False
    if batch.status is not BatchStatus.ISSUED:
        uow.plans.set_batch_status(batch.id, BatchStatus.ISSUED)
    return True
