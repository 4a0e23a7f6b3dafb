"""National approval (审核结果): the department's answer to a report, imported from a file or package.

Approved entries make candidates issuable and start the 30-day issuance clock; rejected ones keep
their reason so the body can correct and report again. Format: docs/approval-format.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import ConflictError, ValidationError
from kaoping.domain.packages import PackageKind, VerifiedPackage, sha256_hex
from kaoping.domain.plans import Batch, BatchStatus
from kaoping.domain.roles import Permission
from kaoping.domain.scoring import ResultStatus
from kaoping.services.base import Actor, Env, Tx, action, reading, require_batch
from kaoping.services.packaging import (
    register_import,
    verified_import,
)
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exchange import (
    ApprovalRecord,
    ReportCandidate,
)

MAX_APPROVAL_ROWS = 200_000


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


def outcome_label(value: str) -> str:
    """Chinese name of a stored overall result."""
    try:
        return ResultStatus(value).label
    except ValueError:
        return value


APPROVAL_COLUMNS = ("考生编号", "证件号码", "姓名", "审核结果", "原因", "审核日期", "文号")


def import_approval(
    env: Env,
    actor: Actor,
    batch_code: str | None,
    data: bytes,
    file_name: str,
    *,
    source_confirmed: bool = False,
) -> ApprovalImport:
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
            "勾选“已核实来源”（命令行加 --confirm-source）再导入。",
            field="来源确认",
        )
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
            register_import(
                env, tx, actor, package, {"approved": result.approved, "rejected": result.rejected}
            )
        tx.record(
            f"batch:{batch.id}",
            batch=batch.code,
            file_sha256=sha256_hex(data),
            signed=signed,
            source=source,
            approved=result.approved,
            rejected=result.rejected,
            changed=result.changed,
            unchanged=result.unchanged,
        )
    return result


def _package_batch(package: VerifiedPackage, batch_code: str | None) -> str:
    if batch_code and batch_code != package.manifest.batch:
        raise ValidationError(
            f"数据包属于批次 {package.manifest.batch}，不是所选的 {batch_code}，请选择正确的文件。",
            field="批次",
        )
    return package.manifest.batch


def _approval_file(package: VerifiedPackage) -> tuple[str, bytes]:
    for name in ("approvals.csv", "approvals.json"):
        if name in package.files:
            return name, package.files[name]
    raise ValidationError("审核结果数据包中没有 approvals.csv 或 approvals.json，请向发送方核实。")


def parse_approval(env: Env, file_name: str, data: bytes) -> list[ApprovalEntry]:
    """Read an approval list (CSV or JSON, docs/approval-format.md), naming the row at fault."""
    is_json = file_name.lower().endswith(".json")
    tool = env.adapters.packages
    raw = _json_rows(tool.from_json(data)) if is_json else tool.from_csv(data)
    if not raw:
        raise ValidationError("审核结果文件中没有任何记录。")
    if len(raw) > MAX_APPROVAL_ROWS:
        raise ValidationError(f"审核结果文件超过 {MAX_APPROVAL_ROWS} 行，请拆分后导入。")
    return [_entry(number, row) for number, row in enumerate(raw, start=1)]


def _json_rows(document: object) -> list[dict[str, str]]:
    if isinstance(document, dict):
        defaults = {k: document.get(k, "") for k in ("审核日期", "文号")}
        items = document.get("entries", document.get("记录"))
    else:
        defaults, items = {}, document
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValidationError("审核结果 JSON 应为记录列表，或带有 entries 列表的对象。")
    return [
        {k: "" if v is None else str(v) for k, v in {**defaults, **item}.items()} for item in items
    ]


def _entry(number: int, row: Mapping[str, str]) -> ApprovalEntry:
    missing = [
        c for c in ("考生编号", "姓名", "审核结果", "审核日期") if not row.get(c, "").strip()
    ]
    if missing:
        raise ValidationError(
            f"缺少“{missing[0]}”，请补全后重新导入。", row=number, field=missing[0]
        )
    try:
        candidate_id = int(row["考生编号"].strip())
    except ValueError:
        raise ValidationError(
            f"考生编号“{row['考生编号']}”不是数字，请使用报送数据包中的考生编号。",
            row=number,
            field="考生编号",
        ) from None
    decision = ApprovalDecision.parse(row["审核结果"])
    if decision is None:
        raise ValidationError(
            f"审核结果“{row['审核结果']}”无法识别，应为“通过”或“不通过”。",
            row=number,
            field="审核结果",
        )
    reason = row.get("原因", "").strip()
    if decision is ApprovalDecision.REJECTED and not reason:
        raise ValidationError(
            "审核不通过的记录须写明原因，以便更正后重新报送。", row=number, field="原因"
        )
    try:
        decided_on = dt.date.fromisoformat(row["审核日期"].strip())
    except ValueError:
        raise ValidationError(
            f"审核日期“{row['审核日期']}”应写成 2026-10-20 的格式。", row=number, field="审核日期"
        ) from None
    return ApprovalEntry(
        number,
        candidate_id,
        row.get("证件号码", "").strip(),
        row["姓名"].strip(),
        decision,
        reason[:300],
        decided_on,
        row.get("文号", "").strip()[:100],
    )


def _apply_approvals(
    env: Env,
    tx: Tx,
    actor: Actor,
    batch: Batch,
    entries: Sequence[ApprovalEntry],
    signed: bool,
    source: str,
) -> ApprovalImport:
    repo = tx.uow.exchange
    if batch.status not in (BatchStatus.REPORTED, BatchStatus.APPROVED):
        raise ConflictError(
            f"批次 {batch.code} 尚未报送（当前：{batch.status.label}），不能导入审核结果。",
            field="批次",
        )
    reported = repo.reported_candidate_ids(batch.id)
    people = {c.id: c for c in repo.report_candidates(batch.id)}
    stored = repo.approvals(batch.id)
    issued = repo.certificate_numbers(batch.id)
    changed = unchanged = 0
    for entry in entries:
        _check_entry(entry, people.get(entry.candidate_id), entry.candidate_id in reported, issued)
        record = ApprovalRecord(
            entry.candidate_id, entry.decision, entry.reason, entry.reference, entry.decided_on
        )
        if stored.get(entry.candidate_id) == record:
            unchanged += 1
            continue
        repo.put_approval(batch.id, record, env.clock.now(), actor.username)
        changed += 1
    status = _approve_batch(tx.uow, batch, entries)
    rejections = tuple(
        (e.candidate_id, e.name, e.reason)
        for e in entries
        if e.decision is ApprovalDecision.REJECTED
    )
    approved = sum(1 for e in entries if e.decision is ApprovalDecision.APPROVED)
    return ApprovalImport(
        batch.code,
        approved,
        len(rejections),
        changed,
        unchanged,
        signed,
        source,
        rejections,
        status,
    )


def _check_entry(
    entry: ApprovalEntry, person: ReportCandidate | None, reported: bool, issued: Mapping[int, str]
) -> None:
    where = f"考生编号 {entry.candidate_id}"
    if person is None or not reported:
        raise ValidationError(
            f"{where} 不在本批次已报送的名单中，请核对批次和考生编号。",
            row=entry.row,
            field="考生编号",
        )
    if entry.name != person.name:
        raise ValidationError(
            f"{where} 的姓名“{entry.name}”与报送名单不一致，请核对。", row=entry.row, field="姓名"
        )
    if entry.id_number and entry.id_number.upper() not in (
        person.id_number.upper(),
        person.id_masked.upper(),
    ):
        raise ValidationError(
            f"{where} 的证件号码与报送名单不一致，请核对。", row=entry.row, field="证件号码"
        )
    if entry.decision is ApprovalDecision.REJECTED and entry.candidate_id in issued:
        raise ConflictError(
            f"{where} 已颁发证书 {issued[entry.candidate_id]}，不能改为不通过；"
            "请先按规定撤销证书，再导入。",
            field="审核结果",
        )
    if entry.decision is ApprovalDecision.APPROVED and person.outcome != ResultStatus.PASSED:
        raise ValidationError(
            f"{where} 的考核结果为“{outcome_label(person.outcome)}”，"
            "不能审核通过，请与自治区人社厅核对。",
            row=entry.row,
            field="审核结果",
        )


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
        views.append(
            ApprovalView(
                person.id,
                person.name,
                person.id_masked,
                d.decision if d else None,
                d.reason if d else "",
                d.decided_on if d else None,
            )
        )
    order = {ApprovalDecision.REJECTED: 0, None: 1, ApprovalDecision.APPROVED: 2}
    return sorted(views, key=lambda v: (order[v.decision], v.candidate_id))
