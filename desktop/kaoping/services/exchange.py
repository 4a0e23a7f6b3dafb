"""Signed packages (数据包): trusted signers, the report to the province (报送), approvals (审核结果).

Every package is signed with the body's key and verified against the certificates an
administrator trusted for that kind of package; a package id that was imported once is refused the
second time (replay guard). Formats: docs/package-format.md, docs/report-package.md,
docs/approval-format.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.beijing import BEIJING
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.packages import PackageKind, VerifiedPackage, sha256_hex
from kaoping.domain.plans import Batch, BatchStatus
from kaoping.domain.roles import Permission
from kaoping.domain.scoring import ResultStatus
from kaoping.services.base import Actor, Env, Tx, action, reading, require_batch
from kaoping.services.packaging import (
    CancelFlag,
    ExportedPackage,
    json_bytes,
    register_import,
    sign_package,
    verified_import,
)
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exchange import (
    ApprovalRecord,
    PackageRecord,
    ReportCandidate,
    Row,
    TrustedSigner,
)

MAX_APPROVAL_ROWS = 200_000









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


@dataclass(frozen=True)
class ApprovalEntry:
    """One line of the department's response.

    Attributes:
        row: Line number in the file (1-based data row), for messages.
        candidate_id: 考生编号 as reported.
        id_number: ID number as the department wrote it (full or masked).
        name: Candidate's name.
        decision: Approved or rejected.
        reason: Why rejected.
        decided_on: Day of the decision.
        reference: Document number (文号).
    """

    row: int
    candidate_id: int
    id_number: str
    name: str
    decision: ApprovalDecision
    reason: str
    decided_on: dt.date
    reference: str


@dataclass(frozen=True)
class ApprovalImport:
    """What importing an approval list did.

    Attributes:
        batch: Batch code.
        approved: Entries approved in the file.
        rejected: Entries rejected in the file.
        changed: Entries that added or changed a stored decision.
        unchanged: Entries identical to what was stored (a repeated import changes nothing).
        signed: True when the list came as a verified signed package.
        source: Signer name, or "未签名文件（操作员已确认来源）".
        rejections: (考生编号, 姓名, 原因) of every rejected entry, to correct and report again.
        batch_status: The batch's status afterwards.
    """

    batch: str
    approved: int
    rejected: int
    changed: int
    unchanged: int
    signed: bool
    source: str
    rejections: tuple[tuple[int, str, str], ...]
    batch_status: BatchStatus




















# --- trusted signers -----------------------------------------------------------------------------


def trust_signer(env: Env, actor: Actor, cert_pem: bytes, name: str,
                 kinds: Sequence[PackageKind]) -> TrustedSigner:
    """Trust a certificate for some kinds of packages (the province, a site laptop, head office).

    Compare the fingerprint shown afterwards with the one the other party tells you by phone or
    letter before relying on it.
    """
    if not name.strip():
        raise ValidationError("请填写证书所属单位（如“自治区人社厅”“南宁考点笔记本”）。",
                              field="名称")
    if not kinds:
        raise ValidationError("请至少选择一种接受的数据包类型。", field="数据包类型")
    fingerprint, subject, not_after = env.adapters.packages.describe(cert_pem)
    signer = TrustedSigner(fingerprint, name.strip(), tuple(sorted(k.value for k in kinds)),
                           subject, not_after, True, cert_pem)
    with action(env, actor, Permission.KEYS_MANAGE, "signers.trust",
                f"signer:{fingerprint[:16]}") as tx:
        if fingerprint in {_fp(pem, env) for pem in tx.uow.exchange.own_certificates()}:
            raise ValidationError("这是本机构自己的证书，无需导入为受信任签名者。", field="证书")
        tx.uow.exchange.add_trusted_signer(signer, env.clock.now(), actor.username)
        tx.record(fingerprint=fingerprint, name=signer.name, kinds=list(signer.kinds),
                  subject=subject)
    return signer


def _fp(pem: bytes, env: Env) -> str:
    return env.adapters.packages.describe(pem)[0]


def withdraw_signer(env: Env, actor: Actor, fingerprint: str) -> None:
    """Stop accepting packages signed by a certificate (kept for the record)."""
    with action(env, actor, Permission.KEYS_MANAGE, "signers.withdraw",
                f"signer:{fingerprint[:16]}") as tx:
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
        True, f"签名有效：{m.kind.label}数据包，由“{names[package.signer_fingerprint]}”签名，"
        f"{len(m.files)} 个数据文件与清单一致。", m.kind.value, m.batch, m.body_code, m.sequence,
        m.created_at, names[package.signer_fingerprint], package.signer_fingerprint,
        package.package_id, seen, tuple(f.name for f in m.files))


# --- the report package (报送) --------------------------------------------------------------------

CANDIDATE_COLUMNS = (
    "考生编号", "姓名", "证件类型", "证件号码", "性别", "职业编码", "职业名称", "职业方向", "等级",
    "培训证书编号", "培训机构", "申报途径", "考核结果", "结果说明", "拟发证书编号",
)
CERTIFICATE_COLUMNS = (
    "考生编号", "姓名", "证件类型", "证件号码", "职业编码", "职业名称", "职业方向", "等级",
    "拟发证书编号", "评价机构代码", "评价机构名称",
)
RESULT_COLUMNS = ("考生编号", "考核结果", "原因", "确认时间", "确认人")
SCORE_COLUMNS = ("记录编号", "场次", "考生编号", "科目", "类型", "状态", "成绩", "原状态",
                 "原成绩", "操作人", "批准人", "原因", "关联记录", "来源", "时间")
ATTENDANCE_COLUMNS = ("场次", "科目", "考点", "考场", "座位号", "准考证号", "考生编号", "出勤",
                      "签到时间")
INCIDENT_COLUMNS = ("场次", "考生编号", "类型", "说明", "记录时间", "记录人")
EXAMINER_COLUMNS = ("场次", "姓名", "角色", "考评员证书编号", "工作单位", "安排时间", "安排人")
SAMPLING_COLUMNS = ("抽样编号", "考生编号", "核查事项", "核查结果", "说明", "核查时间", "核查人")
SAMPLING_DRAW_COLUMNS = ("抽样编号", "随机种子", "比例", "方法", "总体人数", "总体SHA256", "抽中",
                         "抽取时间", "抽取人")
SESSION_COLUMNS = ("场次", "科目", "考点", "考场", "开始", "结束", "容量", "状态", "成绩确认时间",
                   "确认人")
ROUTES = {"commitment": "告知承诺", "documents": "材料审核"}


def outcome_label(value: str) -> str:
    """Chinese name of a stored overall result."""
    try:
        return ResultStatus(value).label
    except ValueError:
        return value


def export_report(env: Env, actor: Actor, batch_code: str, passphrase: str,
                  cancelled: CancelFlag | None = None) -> ExportedPackage:
    """Make the signed report package of a batch and start the confirmation clock.

    Candidates already approved are left out, so after corrections only the rejected (and new)
    entries are reported again. The full ID number appears only in this package.

    Raises:
        ConflictError: Nothing left to report, or the batch's certificates are all issued.
        ValidationError: Some candidate's result is not confirmed yet (named by 考生编号).
        ExportCancelled: ``cancelled`` said stop before anything was stored.
    """
    with action(env, actor, Permission.REPORT_EXPORT, "report.export",
                f"batch:{batch_code}") as tx:
        batch = require_batch(tx.uow, batch_code)
        if batch.status is BatchStatus.ISSUED:
            raise ConflictError(f"批次 {batch_code} 的证书已全部颁发，无需再报送。", field="批次")
        entries = _reportable(tx.uow, batch)
        files = _report_files(env, tx.uow, batch, entries)
        summary = {"candidates": len(entries),
                   "passed": sum(1 for c in entries if c.outcome == ResultStatus.PASSED),
                   "full_id_numbers": len(entries)}
        exported = sign_package(env, tx, actor, PackageKind.REPORT, batch.code, files, passphrase,
                                summary, cancelled)
        now = env.clock.now()
        tx.uow.exchange.record_report_entries(exported.package_id, batch.id,
                                              [c.id for c in entries], now)
        if batch.status is not BatchStatus.APPROVED:
            tx.uow.plans.set_batch_status(batch.id, BatchStatus.REPORTED, now)
    return exported


def _reportable(uow: UnitOfWork, batch: Batch) -> list[ReportCandidate]:
    approved = {cid for cid, a in uow.exchange.approvals(batch.id).items()
                if a.decision is ApprovalDecision.APPROVED}
    entries = [c for c in uow.exchange.report_candidates(batch.id)
               if c.status == "active" and c.id not in approved]
    if not entries:
        raise ConflictError(f"批次 {batch.code} 没有需要报送的考生（有效考生均已审核通过，或尚无考生）。",
                            field="批次")
    pending = [str(c.id) for c in entries if not c.outcome]
    if pending:
        shown = "、".join(pending[:10]) + ("等" if len(pending) > 10 else "")
        raise ValidationError(
            f"考生编号 {shown} 共 {len(pending)} 人的考核结果尚未确认，请先确认并锁定成绩再报送。",
            field="考核结果")
    return entries


def _report_files(env: Env, uow: UnitOfWork, batch: Batch,
                  entries: Sequence[ReportCandidate]) -> dict[str, bytes]:
    tool = env.adapters.packages
    repo = uow.exchange
    profile = uow.body.get_profile()
    occupation = uow.catalogue.occupation(batch.occupation_code)
    occupation_name = occupation.name if occupation else ""
    numbers = repo.certificate_numbers(batch.id)
    rows = [_candidate_row(c, occupation_name, numbers.get(c.id, "")) for c in entries]
    passed = [dict(r, 评价机构代码=profile.code if profile else "",
                   评价机构名称=profile.name if profile else "")
              for r, c in zip(rows, entries, strict=True)
              if c.outcome == ResultStatus.PASSED]
    plan = uow.plans.plan(batch.plan_id)
    ids = {c.id for c in entries}
    header = {
        "评价机构": {"代码": profile.code if profile else "", "名称": profile.name if profile else ""},
        "考核计划": {"编号": plan.code if plan else "", "名称": plan.title if plan else "",
                 "培训机构": plan.training_body if plan else ""},
        "批次": {"编号": batch.code, "名称": batch.name, "职业编码": batch.occupation_code,
               "职业名称": occupation_name, "职业方向": batch.direction,
               "等级": batch.level.label, "考核开始": batch.assessment_start,
               "考核结束": batch.assessment_end},
        "人数": {"报送": len(entries), "合格": len(passed)},
        "说明": "证件号码为完整号码；拟发证书编号在颁证时分配，报送时尚未分配的为空。",
    }
    return {
        "batch.json": json_bytes(header),
        "candidates.csv": tool.to_csv(rows, CANDIDATE_COLUMNS),
        "certificates.csv": tool.to_csv(passed, CERTIFICATE_COLUMNS),
        "results.csv": tool.to_csv(_only(repo.confirmed_outcomes(batch.id), ids),
                                   RESULT_COLUMNS),
        "scores.csv": tool.to_csv(_only(repo.score_rows(batch.id), ids), SCORE_COLUMNS),
        "attendance.csv": tool.to_csv(_only(repo.attendance_rows(batch.id), ids),
                                      ATTENDANCE_COLUMNS),
        "incidents.csv": tool.to_csv(_only(repo.incident_rows(batch.id), ids), INCIDENT_COLUMNS),
        "examiners.csv": tool.to_csv(repo.examiner_rows(batch.id), EXAMINER_COLUMNS),
        "sampling.csv": tool.to_csv(repo.sampling_rows(batch.id), SAMPLING_COLUMNS),
    }


def _only(rows: Sequence[Row], ids: set[int]) -> list[Row]:
    return [r for r in rows if r.get("考生编号") in ids]


def _candidate_row(c: ReportCandidate, occupation_name: str, number: str) -> dict[str, object]:
    return {"考生编号": c.id, "姓名": c.name, "证件类型": c.id_type, "证件号码": c.id_number,
            "性别": c.sex, "职业编码": c.occupation_code, "职业名称": occupation_name,
            "职业方向": c.direction, "等级": Level(c.level).label,
            "培训证书编号": c.training_cert_no, "培训机构": c.training_body,
            "申报途径": ROUTES.get(c.route, c.route), "考核结果": outcome_label(c.outcome),
            "结果说明": c.outcome_reasons, "拟发证书编号": number}


# --- approvals (审核结果) --------------------------------------------------------------------------

APPROVAL_COLUMNS = ("考生编号", "证件号码", "姓名", "审核结果", "原因", "审核日期", "文号")


def import_approval(env: Env, actor: Actor, batch_code: str | None, data: bytes,
                    file_name: str, *, source_confirmed: bool = False) -> ApprovalImport:
    """Record the department's decisions from a signed package or a confirmed plain file.

    Approved entries become issuable and start the 30-day issuance clock (the batch's approval
    day is the earliest approval decision); rejected ones keep their reason for correction.
    Importing the same decisions again changes nothing.

    Args:
        env: The services' environment.
        actor: An exam administrator or certificate officer.
        batch_code: The batch; for a signed package it must match the package (or be None).
        data: The file's bytes: a signed "approval" package, or CSV / JSON (docs/approval-format.md).
        file_name: The file's name (its extension tells CSV from JSON).
        source_confirmed: For a plain file: the operator confirmed it came from the department.
    """
    signed = data[:2] == b"PK"
    if not signed and not source_confirmed:
        raise ValidationError(
            "这是未签名的审核结果文件，无法自动确认来源。请核实文件确实来自自治区人社厅后，"
            "勾选“已核实来源”（命令行加 --confirm-source）再导入。", field="来源确认")
    with action(env, actor, Permission.APPROVAL_RECORD, "approval.import") as tx:
        package = None
        if signed:
            package, source = verified_import(env, tx.uow, data, PackageKind.APPROVAL)
            batch_code = _package_batch(package, batch_code)
            name, body = _approval_file(package)
        else:
            source, name, body = "未签名文件（操作员已确认来源）", file_name, data
        if not batch_code:
            raise ValidationError("请指定批次编号。", field="批次")
        batch = require_batch(tx.uow, batch_code)
        entries = parse_approval(env, name, body)
        result = _apply_approvals(env, tx, actor, batch, entries, signed, source)
        if package is not None:
            register_import(env, tx, actor, package, {"approved": result.approved,
                                               "rejected": result.rejected})
        tx.record(f"batch:{batch.id}", batch=batch.code, file_sha256=sha256_hex(data),
                  signed=signed, source=source, approved=result.approved,
                  rejected=result.rejected, changed=result.changed, unchanged=result.unchanged)
    return result


def _package_batch(package: VerifiedPackage, batch_code: str | None) -> str:
    if batch_code and batch_code != package.manifest.batch:
        raise ValidationError(
            f"数据包属于批次 {package.manifest.batch}，不是所选的 {batch_code}，请选择正确的文件。",
            field="批次")
    return package.manifest.batch


def _approval_file(package: VerifiedPackage) -> tuple[str, bytes]:
    for name in ("approvals.csv", "approvals.json"):
        if name in package.files:
            return name, package.files[name]
    raise ValidationError("审核结果数据包中没有 approvals.csv 或 approvals.json，请向发送方核实。")


def parse_approval(env: Env, file_name: str, data: bytes) -> list[ApprovalEntry]:
    """Read an approval list (CSV or JSON, docs/approval-format.md), naming the row at fault."""
    is_json = file_name.lower().endswith(".json")
    raw = _json_rows(data) if is_json else env.adapters.packages.from_csv(data)
    if not raw:
        raise ValidationError("审核结果文件中没有任何记录。")
    if len(raw) > MAX_APPROVAL_ROWS:
        raise ValidationError(f"审核结果文件超过 {MAX_APPROVAL_ROWS} 行，请拆分后导入。")
    return [_entry(number, row) for number, row in enumerate(raw, start=1)]


def _json_rows(data: bytes) -> list[dict[str, str]]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError("审核结果 JSON 文件无法解析，请检查是否为 UTF-8 编码的 JSON。") from exc
    if isinstance(document, dict):
        defaults = {k: document.get(k, "") for k in ("审核日期", "文号")}
        items = document.get("entries", document.get("记录"))
    else:
        defaults, items = {}, document
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValidationError("审核结果 JSON 应为记录列表，或带有 entries 列表的对象。")
    return [{k: "" if v is None else str(v) for k, v in {**defaults, **item}.items()}
            for item in items]


def _entry(number: int, row: Mapping[str, str]) -> ApprovalEntry:
    missing = [c for c in ("考生编号", "姓名", "审核结果", "审核日期") if not row.get(c, "").strip()]
    if missing:
        raise ValidationError(f"缺少“{missing[0]}”，请补全后重新导入。", row=number,
                              field=missing[0])
    try:
        candidate_id = int(row["考生编号"].strip())
    except ValueError:
        raise ValidationError(f"考生编号“{row['考生编号']}”不是数字，请使用报送数据包中的考生编号。",
                              row=number, field="考生编号") from None
    decision = ApprovalDecision.parse(row["审核结果"])
    if decision is None:
        raise ValidationError(f"审核结果“{row['审核结果']}”无法识别，应为“通过”或“不通过”。",
                              row=number, field="审核结果")
    reason = row.get("原因", "").strip()
    if decision is ApprovalDecision.REJECTED and not reason:
        raise ValidationError("审核不通过的记录须写明原因，以便更正后重新报送。", row=number,
                              field="原因")
    try:
        decided_on = dt.date.fromisoformat(row["审核日期"].strip())
    except ValueError:
        raise ValidationError(f"审核日期“{row['审核日期']}”应写成 2026-10-20 的格式。",
                              row=number, field="审核日期") from None
    return ApprovalEntry(number, candidate_id, row.get("证件号码", "").strip(),
                         row["姓名"].strip(), decision, reason[:300], decided_on,
                         row.get("文号", "").strip()[:100])


def _apply_approvals(env: Env, tx: Tx, actor: Actor, batch: Batch, entries: Sequence[ApprovalEntry],
                     signed: bool, source: str) -> ApprovalImport:
    repo = tx.uow.exchange
    if batch.status not in (BatchStatus.REPORTED, BatchStatus.APPROVED):
        raise ConflictError(f"批次 {batch.code} 尚未报送（当前：{batch.status.label}），"
                            "不能导入审核结果。", field="批次")
    reported = repo.reported_candidate_ids(batch.id)
    people = {c.id: c for c in repo.report_candidates(batch.id)}
    stored = repo.approvals(batch.id)
    issued = repo.certificate_numbers(batch.id)
    changed = unchanged = 0
    for entry in entries:
        _check_entry(entry, people.get(entry.candidate_id), entry.candidate_id in reported,
                     issued)
        record = ApprovalRecord(entry.candidate_id, entry.decision, entry.reason,
                                entry.reference, entry.decided_on)
        if stored.get(entry.candidate_id) == record:
            unchanged += 1
            continue
        repo.put_approval(batch.id, record, env.clock.now(), actor.username)
        changed += 1
    status = _approve_batch(tx.uow, batch, entries)
    rejections = tuple((e.candidate_id, e.name, e.reason) for e in entries
                       if e.decision is ApprovalDecision.REJECTED)
    approved = sum(1 for e in entries if e.decision is ApprovalDecision.APPROVED)
    return ApprovalImport(batch.code, approved, len(rejections), changed, unchanged, signed,
                          source, rejections, status)


def _check_entry(entry: ApprovalEntry, person: ReportCandidate | None, reported: bool,
                 issued: Mapping[int, str]) -> None:
    where = f"考生编号 {entry.candidate_id}"
    if person is None or not reported:
        raise ValidationError(f"{where} 不在本批次已报送的名单中，请核对批次和考生编号。",
                              row=entry.row, field="考生编号")
    if entry.name != person.name:
        raise ValidationError(f"{where} 的姓名“{entry.name}”与报送名单不一致，请核对。",
                              row=entry.row, field="姓名")
    if entry.id_number and entry.id_number.upper() not in (person.id_number.upper(),
                                                           person.id_masked.upper()):
        raise ValidationError(f"{where} 的证件号码与报送名单不一致，请核对。", row=entry.row,
                              field="证件号码")
    if entry.decision is ApprovalDecision.REJECTED and entry.candidate_id in issued:
        raise ConflictError(f"{where} 已颁发证书 {issued[entry.candidate_id]}，不能改为不通过；"
                            "请先按规定撤销证书，再导入。", field="审核结果")
    if entry.decision is ApprovalDecision.APPROVED and person.outcome != ResultStatus.PASSED:
        raise ValidationError(f"{where} 的考核结果为“{outcome_label(person.outcome)}”，"
                              "不能审核通过，请与自治区人社厅核对。", row=entry.row,
                              field="审核结果")


def _approve_batch(uow: UnitOfWork, batch: Batch, entries: Sequence[ApprovalEntry]) -> BatchStatus:
    days = [e.decided_on for e in entries if e.decision is ApprovalDecision.APPROVED]
    if batch.status is BatchStatus.REPORTED and days:
        first = dt.datetime.combine(min(days), dt.time(), BEIJING).astimezone(dt.UTC)
        uow.plans.set_batch_status(batch.id, BatchStatus.APPROVED, first)
        return BatchStatus.APPROVED
    return batch.status


@dataclass(frozen=True)
class ApprovalView:
    """A reported candidate and the department's decision, for the correction list.

    Attributes:
        candidate_id: 考生编号.
        name: Name.
        id_masked: Masked ID number.
        decision: The decision, or None while there is no answer yet.
        reason: Why rejected.
        decided_on: Day of the decision.
    """

    candidate_id: int
    name: str
    id_masked: str
    decision: ApprovalDecision | None
    reason: str
    decided_on: dt.date | None


def approval_status(env: Env, actor: Actor, batch_code: str) -> list[ApprovalView]:
    """Every reported candidate of a batch with the decision received (rejected ones first)."""
    with reading(env, actor, Permission.CANDIDATES_VIEW) as uow:
        batch = require_batch(uow, batch_code)
        reported = uow.exchange.reported_candidate_ids(batch.id)
        decisions = uow.exchange.approvals(batch.id)
        people = [c for c in uow.exchange.report_candidates(batch.id) if c.id in reported]
    views = []
    for person in people:
        d = decisions.get(person.id)
        views.append(ApprovalView(person.id, person.name, person.id_masked,
                                  d.decision if d else None, d.reason if d else "",
                                  d.decided_on if d else None))
    order = {ApprovalDecision.REJECTED: 0, None: 1, ApprovalDecision.APPROVED: 2}
    return sorted(views, key=lambda v: (order[v.decision], v.candidate_id))


def import_package(env: Env, actor: Actor, data: bytes) -> str:
    """Import any package by its kind; returns a Chinese summary line.

    Report and dossier packages go to the province or inspectors and are never imported here.
    """
    # Site exchange builds on this module's helpers, so it is imported here, not at the top.
    from kaoping.services import site

    kind = env.adapters.packages.peek_kind(data)
    if kind is PackageKind.APPROVAL:
        result = import_approval(env, actor, None, data, "approval.zip")
        return (f"已导入批次 {result.batch} 的审核结果：通过 {result.approved} 人，"
                f"不通过 {result.rejected} 人，新增或变更 {result.changed} 条。")
    if kind is PackageKind.SITE:
        installed = site.import_site_package(env, actor, data)
        papers = f"，封存试卷 {'、'.join(installed.papers)}" if installed.papers else ""
        return (f"已导入场次 {installed.session_code}：考生 {installed.candidates} 人，"
                f"考评人员账号 {installed.accounts_added} 个{papers}。")
    if kind is PackageKind.RESULTS:
        merged = site.import_results(env, actor, data)
        return merged.describe()
    raise ValidationError(f"“{kind.label}”数据包是发给自治区人社厅或检查人员的，"
                          "不能导入本系统；可用“数据包校验”查看其签名。")
