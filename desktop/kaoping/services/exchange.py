"""Signed packages (数据包): trusted signers, the report to the province (报送), approvals (审核结果).

Every package is signed with the body's key and verified against the certificates an
administrator trusted for that kind of package; a package id that was imported once is refused the
second time (replay guard). Formats: docs/package-format.md, docs/report-package.md,
docs/approval-format.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.packages import PackageKind
from kaoping.domain.plans import Batch, BatchStatus
from kaoping.domain.roles import Permission
from kaoping.domain.scoring import ResultStatus
from kaoping.services.approvals import import_approval, outcome_label
from kaoping.services.base import Actor, Env, action, reading, require_batch
from kaoping.services.eligibility import STEP_REPORT, refusals
from kaoping.services.packaging import (
    CancelFlag,
    ExportedPackage,
    json_bytes,
    sign_package,
)
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exchange import (
    PackageRecord,
    ReportCandidate,
    Row,
    TrustedSigner,
)


@dataclass(frozen=True)
class PackageCheck:
    """The verdict of ``verify_file`` (``kaoping package verify``).

    Attributes:
        ok: True when signature, signer and files all check out.
        message: Chinese verdict or the reason for refusal.
        kind: Package kind, when readable.
        batch: Batch code from the manifest.
        body_code: Sender's body code.
        sequence: Sender's running number.
        created_at: When it was signed (UTC text).
        signer: Whose certificate signed it ("本机构" or the trusted signer's name).
        fingerprint: SHA-256 of the signer certificate.
        package_id: SHA-256 of the manifest.
        already_imported: True when this package id was imported here before.
        files: Data-file names.
    """

    ok: bool
    message: str
    kind: str = ""
    batch: str = ""
    body_code: str = ""
    sequence: int = 0
    created_at: str = ""
    signer: str = ""
    fingerprint: str = ""
    package_id: str = ""
    already_imported: bool = False
    files: tuple[str, ...] = ()


# --- trusted signers -----------------------------------------------------------------------------


def trust_signer(
    env: Env, actor: Actor, cert_pem: bytes, name: str, kinds: Sequence[PackageKind]
) -> TrustedSigner:
    """Trust a certificate for some kinds of packages (the province, a site laptop, head office).

    Compare the fingerprint shown afterwards with the one the other party tells you by phone or
    letter before relying on it.
    """
    if not name.strip():
        raise ValidationError(
            "请填写证书所属单位（如“自治区人社厅”“南宁考点笔记本”）。", field="名称"
        )
    if not kinds:
        raise ValidationError("请至少选择一种接受的数据包类型。", field="数据包类型")
    fingerprint, subject, not_after = env.adapters.packages.describe(cert_pem)
    signer = TrustedSigner(
        fingerprint,
        name.strip(),
        tuple(sorted(k.value for k in kinds)),
        subject,
        not_after,
        True,
        cert_pem,
    )
    with action(
        env, actor, Permission.KEYS_MANAGE, "signers.trust", f"signer:{fingerprint[:16]}"
    ) as tx:
        if fingerprint in {_fp(pem, env) for pem in tx.uow.exchange.own_certificates()}:
            raise ValidationError("这是本机构自己的证书，无需导入为受信任签名者。", field="证书")
        tx.uow.exchange.add_trusted_signer(signer, env.clock.now(), actor.username)
        tx.record(
            fingerprint=fingerprint, name=signer.name, kinds=list(signer.kinds), subject=subject
        )
    return signer


def _fp(pem: bytes, env: Env) -> str:
    return env.adapters.packages.describe(pem)[0]


def withdraw_signer(env: Env, actor: Actor, fingerprint: str) -> None:
    """Stop accepting packages signed by a certificate (kept for the record)."""
    with action(
        env, actor, Permission.KEYS_MANAGE, "signers.withdraw", f"signer:{fingerprint[:16]}"
    ) as tx:
        if not tx.uow.exchange.set_signer_active(fingerprint, False):
            raise NotFound(f"没有指纹为 {fingerprint[:16]}… 的受信任签名者。", field="指纹")
        tx.record(fingerprint=fingerprint)


def list_signers(env: Env, actor: Actor) -> list[TrustedSigner]:
    """Every trusted signer, including withdrawn ones."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        return uow.exchange.trusted_signers()


def list_packages(env: Env, actor: Actor) -> tuple[list[PackageRecord], list[PackageRecord]]:
    """(packages made here, packages imported here), newest first."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        return uow.exchange.exported_packages(), uow.exchange.imported_packages()


def verify_file(env: Env, actor: Actor, data: bytes) -> PackageCheck:
    """Check any package against this body's own certificates and every trusted signer."""
    tool = env.adapters.packages
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        own = uow.exchange.own_certificates()
        names = {tool.describe(pem)[0]: "本机构" for pem in own}
        signers = [s for s in uow.exchange.trusted_signers() if s.active]
        names.update({s.fingerprint: s.name for s in signers})
        try:
            package = tool.verify(data, own + [s.cert_pem for s in signers], None, None)
        except ValidationError as refusal:
            return PackageCheck(False, str(refusal))
        seen = uow.exchange.is_imported(package.package_id)
    m = package.manifest
    return PackageCheck(
        True,
        f"签名有效：{m.kind.label}数据包，由“{names[package.signer_fingerprint]}”签名，"
        f"{len(m.files)} 个数据文件与清单一致。",
        m.kind.value,
        m.batch,
        m.body_code,
        m.sequence,
        m.created_at,
        names[package.signer_fingerprint],
        package.signer_fingerprint,
        package.package_id,
        seen,
        tuple(f.name for f in m.files),
    )


# --- the report package (报送) --------------------------------------------------------------------

CANDIDATE_COLUMNS = (
    "考生编号",
    "姓名",
    "证件类型",
    "证件号码",
    "性别",
    "职业编码",
    "职业名称",
    "职业方向",
    "等级",
    "培训证书编号",
    "培训机构",
    "申报途径",
    "考核结果",
    "结果说明",
    "拟发证书编号",
)
CERTIFICATE_COLUMNS = (
    "考生编号",
    "姓名",
    "证件类型",
    "证件号码",
    "职业编码",
    "职业名称",
    "职业方向",
    "等级",
    "拟发证书编号",
    "评价机构代码",
    "评价机构名称",
)
RESULT_COLUMNS = ("考生编号", "考核结果", "原因", "确认时间", "确认人")
SCORE_COLUMNS = (
    "记录编号",
    "场次",
    "考生编号",
    "科目",
    "类型",
    "状态",
    "成绩",
    "原状态",
    "原成绩",
    "操作人",
    "批准人",
    "原因",
    "关联记录",
    "来源",
    "时间",
)
ATTENDANCE_COLUMNS = (
    "场次",
    "科目",
    "考点",
    "考场",
    "座位号",
    "准考证号",
    "考生编号",
    "出勤",
    "签到时间",
)
INCIDENT_COLUMNS = ("场次", "考生编号", "类型", "说明", "记录时间", "记录人")
EXAMINER_COLUMNS = ("场次", "姓名", "角色", "考评员证书编号", "工作单位", "安排时间", "安排人")
SAMPLING_COLUMNS = ("抽样编号", "考生编号", "核查事项", "核查结果", "说明", "核查时间", "核查人")
SAMPLING_DRAW_COLUMNS = (
    "抽样编号",
    "随机种子",
    "比例",
    "方法",
    "总体人数",
    "总体SHA256",
    "抽中",
    "抽取时间",
    "抽取人",
)
SESSION_COLUMNS = (
    "场次",
    "科目",
    "考点",
    "考场",
    "开始",
    "结束",
    "容量",
    "状态",
    "成绩确认时间",
    "确认人",
)
OVERRIDE_COLUMNS = (
    "考生编号",
    "姓名",
    "证件号码脱敏",
    "不符合的申报条件",
    "例外依据",
    "登记人",
    "登记时间",
)
ROUTES = {"commitment": "告知承诺", "documents": "材料审核"}


def export_report(
    env: Env, actor: Actor, batch_code: str, passphrase: str, cancelled: CancelFlag | None = None
) -> ExportedPackage:
    """Make the signed report package of a batch and start the confirmation clock.

    Candidates already approved are left out, so after corrections only the rejected (and new)
    entries are reported again. The full ID number appears only in this package. Exceptions to
    the eligibility rules are listed in `eligibility_overrides.csv`.

    Raises:
        ConflictError: Nothing left to report, the batch's certificates are all issued, or a
            candidate who passed does not meet the eligibility rules and has no exception.
        ValidationError: Some candidate's result is not confirmed yet (named by 考生编号).
        ExportCancelled: ``cancelled`` said stop before anything was stored.
    """
    with action(env, actor, Permission.REPORT_EXPORT, "report.export", f"batch:{batch_code}") as tx:
        batch = require_batch(tx.uow, batch_code)
        if batch.status is BatchStatus.ISSUED:
            raise ConflictError(f"批次 {batch_code} 的证书已全部颁发，无需再报送。", field="批次")
        entries = _reportable(tx.uow, batch)
        files = _report_files(env, tx.uow, batch, entries)
        summary = {
            "candidates": len(entries),
            "passed": sum(1 for c in entries if c.outcome == ResultStatus.PASSED),
            "full_id_numbers": len(entries),
        }
        exported = sign_package(
            env, tx, actor, PackageKind.REPORT, batch.code, files, passphrase, summary, cancelled
        )
        now = env.clock.now()
        tx.uow.exchange.record_report_entries(
            exported.package_id, batch.id, [c.id for c in entries], now
        )
        if batch.status is not BatchStatus.APPROVED:
            tx.uow.plans.set_batch_status(batch.id, BatchStatus.REPORTED, now)
    return exported


def _reportable(uow: UnitOfWork, batch: Batch) -> list[ReportCandidate]:
    approved = {
        cid
        for cid, a in uow.exchange.approvals(batch.id).items()
        if a.decision is ApprovalDecision.APPROVED
    }
    entries = [
        c
        for c in uow.exchange.report_candidates(batch.id)
        if c.status == "active" and c.id not in approved
    ]
    if not entries:
        raise ConflictError(
            f"批次 {batch.code} 没有需要报送的考生（有效考生均已审核通过，或尚无考生）。",
            field="批次",
        )
    pending = [str(c.id) for c in entries if not c.outcome]
    if pending:
        shown = "、".join(pending[:10]) + ("等" if len(pending) > 10 else "")
        raise ValidationError(
            f"考生编号 {shown} 共 {len(pending)} 人的考核结果尚未确认，请先确认并锁定成绩再报送。",
            field="考核结果",
        )
    passed = [c.id for c in entries if c.outcome == ResultStatus.PASSED]
    stopped = refusals(uow, passed, STEP_REPORT)
    if stopped:
        raise ConflictError(
            f"批次 {batch.code} 有 {len(stopped)} 名考核合格的考生不符合申报条件，"
            "未报送任何考生：\n" + "\n".join(stopped.values()),
            field="申报条件",
        )
    return entries


def _report_files(
    env: Env, uow: UnitOfWork, batch: Batch, entries: Sequence[ReportCandidate]
) -> dict[str, bytes]:
    tool = env.adapters.packages
    repo = uow.exchange
    profile = uow.body.get_profile()
    occupation = uow.catalogue.occupation(batch.occupation_code)
    occupation_name = occupation.name if occupation else ""
    numbers = repo.certificate_numbers(batch.id)
    rows = [_candidate_row(c, occupation_name, numbers.get(c.id, "")) for c in entries]
    passed = [
        dict(
            r,
            评价机构代码=profile.code if profile else "",
            评价机构名称=profile.name if profile else "",
        )
        for r, c in zip(rows, entries, strict=True)
        if c.outcome == ResultStatus.PASSED
    ]
    plan = uow.plans.plan(batch.plan_id)
    ids = {c.id for c in entries}
    overrides = _only(repo.override_rows(batch.id), ids)
    header = {
        "评价机构": {
            "代码": profile.code if profile else "",
            "名称": profile.name if profile else "",
        },
        "考核计划": {
            "编号": plan.code if plan else "",
            "名称": plan.title if plan else "",
            "培训机构": plan.training_body if plan else "",
        },
        "批次": {
            "编号": batch.code,
            "名称": batch.name,
            "职业编码": batch.occupation_code,
            "职业名称": occupation_name,
            "职业方向": batch.direction,
            "等级": batch.level.label,
            "考核开始": batch.assessment_start,
            "考核结束": batch.assessment_end,
        },
        "人数": {"报送": len(entries), "合格": len(passed), "申报条件例外": len(overrides)},
        "说明": "证件号码为完整号码；拟发证书编号在颁证时分配，报送时尚未分配的为空。",
    }
    return {
        "batch.json": json_bytes(header),
        "candidates.csv": tool.to_csv(rows, CANDIDATE_COLUMNS),
        "certificates.csv": tool.to_csv(passed, CERTIFICATE_COLUMNS),
        "results.csv": tool.to_csv(_only(repo.confirmed_outcomes(batch.id), ids), RESULT_COLUMNS),
        "scores.csv": tool.to_csv(_only(repo.score_rows(batch.id), ids), SCORE_COLUMNS),
        "attendance.csv": tool.to_csv(
            _only(repo.attendance_rows(batch.id), ids), ATTENDANCE_COLUMNS
        ),
        "incidents.csv": tool.to_csv(_only(repo.incident_rows(batch.id), ids), INCIDENT_COLUMNS),
        "examiners.csv": tool.to_csv(repo.examiner_rows(batch.id), EXAMINER_COLUMNS),
        "sampling.csv": tool.to_csv(repo.sampling_rows(batch.id), SAMPLING_COLUMNS),
        "eligibility_overrides.csv": tool.to_csv(overrides, OVERRIDE_COLUMNS),
    }


def _only(rows: Sequence[Row], ids: set[int]) -> list[Row]:
    return [r for r in rows if r.get("考生编号") in ids]


def _candidate_row(c: ReportCandidate, occupation_name: str, number: str) -> dict[str, object]:
    return {
        "考生编号": c.id,
        "姓名": c.name,
        "证件类型": c.id_type,
        "证件号码": c.id_number,
        "性别": c.sex,
        "职业编码": c.occupation_code,
        "职业名称": occupation_name,
        "职业方向": c.direction,
        "等级": Level(c.level).label,
        "培训证书编号": c.training_cert_no,
        "培训机构": c.training_body,
        "申报途径": ROUTES.get(c.route, c.route),
        "考核结果": outcome_label(c.outcome),
        "结果说明": c.outcome_reasons,
        "拟发证书编号": number,
    }


def import_package(env: Env, actor: Actor, data: bytes) -> str:
    """Import any package by its kind; returns a Chinese summary line.

    Report and dossier packages go to the province or inspectors and are never imported here.
    """
    # Site exchange builds on this module's helpers, so it is imported here, not at the top.
    from kaoping.services import site

    kind = env.adapters.packages.peek_kind(data)
    if kind is PackageKind.APPROVAL:
        result = import_approval(env, actor, None, data, "approval.zip")
        return (
            f"已导入批次 {result.batch} 的审核结果：通过 {result.approved} 人，"
            f"不通过 {result.rejected} 人，新增或变更 {result.changed} 条。"
        )
    if kind is PackageKind.SITE:
        installed = site.import_site_package(env, actor, data)
        papers = f"，封存试卷 {'、'.join(installed.papers)}" if installed.papers else ""
        return (
            f"已导入场次 {installed.session_code}：考生 {installed.candidates} 人，"
            f"考评人员账号 {installed.accounts_added} 个{papers}。"
        )
    if kind is PackageKind.RESULTS:
        merged = site.import_results(env, actor, data)
        return merged.describe()
    raise ValidationError(
        f"“{kind.label}”数据包是发给自治区人社厅或检查人员的，"
        "不能导入本系统；可用“数据包校验”查看其签名。"
    )
