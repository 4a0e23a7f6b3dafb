"""The inspection dossier (考务档案) of a batch: a PDF for reading and a signed package of the data.

It gathers the plan and batch, sessions, examiners, candidates (masked ID numbers), exceptions to
the eligibility rules (申报条件例外), attendance, incidents, the score history, results,
verification sampling and an excerpt of the audit log.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from kaoping.domain.assessment import Component
from kaoping.domain.audit_words import action_name, target_text
from kaoping.domain.beijing import beijing
from kaoping.domain.catalogue import Level
from kaoping.domain.packages import PackageKind
from kaoping.domain.roles import Permission
from kaoping.domain.roster import CandidateStatus
from kaoping.domain.scoring import ScoreStatus
from kaoping.domain.staffing import StaffRole
from kaoping.services.approvals import outcome_label
from kaoping.services.base import Actor, Env, action, require_batch
from kaoping.services.exchange import (
    ATTENDANCE_COLUMNS,
    EXAMINER_COLUMNS,
    INCIDENT_COLUMNS,
    OVERRIDE_COLUMNS,
    RESULT_COLUMNS,
    SAMPLING_COLUMNS,
    SAMPLING_DRAW_COLUMNS,
    SCORE_COLUMNS,
    SESSION_COLUMNS,
)
from kaoping.services.packaging import ExportedPackage, json_bytes, sign_package
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.dossier import DossierDocument, DossierSection
from kaoping.services.ports.exams import Attendance, IncidentKind
from kaoping.services.ports.exchange import Row

CANDIDATE_COLUMNS = ("考生编号", "姓名", "证件号码脱敏", "状态", "考核结果")
AUDIT_COLUMNS = ("序号", "时间", "操作人", "操作", "对象", "结果")
AUDIT_LIMIT = 1000
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)")
_SESSION_STATES = {"planned": "已安排", "confirmed": "成绩已确认"}
_EVENT_KINDS = {
    "entry": "录入",
    "resolution": "裁定",
    "confirmation": "确认",
    "amendment_request": "申请更正",
    "amendment": "更正",
    "amendment_rejection": "驳回更正",
}
_SOURCES = {"screen": "屏幕录入", "import": "成绩文件导入", "site": "考点回传"}
_AUDIT_OUTCOMES = {"ok": "成功", "refused": "被拒绝", "failed": "失败"}


@dataclass(frozen=True)
class Dossier:
    """A made dossier: the PDF and the signed package holding the PDF and the data files."""

    pdf: bytes
    package: ExportedPackage


def export_dossier(env: Env, actor: Actor, batch_code: str, passphrase: str) -> Dossier:
    """Make the inspection dossier of a batch (PDF + signed package)."""
    renderer = env.adapters.dossier_pdf
    tool = env.adapters.packages
    with action(
        env, actor, Permission.REPORT_EXPORT, "dossier.export", f"batch:{batch_code}"
    ) as tx:
        batch = require_batch(tx.uow, batch_code)
        facts = _facts(tx.uow, batch.id)
        sections = _sections(tx.uow, batch.id, batch.code)
        profile = tx.uow.body.get_profile()
        now = env.clock.now()
        # The PDF is read by inspectors: Chinese names and Beijing time. The CSV files keep the
        # stored codes and ISO moments, as in the report package.
        people = _people(tx.uow)
        document = DossierDocument(
            f"{profile.name if profile else ''} 考务档案 — 批次 {batch.code}",
            facts,
            tuple(_for_reading(section, people) for section in sections),
            f"{actor.display_name}（{actor.username}）于 {beijing(now):%Y-%m-%d %H:%M}（北京时间）生成",
        )
        pdf = renderer.render(document)
        files = {
            s.file_name: tool.to_csv(
                [dict(zip(s.columns, r, strict=True)) for r in s.rows], s.columns
            )
            for s in sections
        }
        files["dossier.pdf"] = pdf
        files["batch.json"] = json_bytes(dict(facts))
        counts = {s.file_name.removesuffix(".csv"): len(s.rows) for s in sections}
        package = sign_package(
            env, tx, actor, PackageKind.DOSSIER, batch.code, files, passphrase, counts
        )
    return Dossier(pdf, package)


def _facts(uow: UnitOfWork, batch_id: int) -> tuple[tuple[str, str], ...]:
    batch = require_batch(uow, batch_id)
    plan = uow.plans.plan(batch.plan_id)
    occupation = uow.catalogue.occupation(batch.occupation_code)
    reported, approved = uow.plans.batch_moments(batch_id)
    return (
        ("考核计划", f"{plan.code} {plan.title}" if plan else ""),
        ("培训机构", plan.training_body if plan else ""),
        ("批次", f"{batch.code} {batch.name}"),
        ("职业", f"{batch.occupation_code} {occupation.name if occupation else ''}"),
        ("职业方向", batch.direction or "—"),
        ("等级", Level(batch.level).label),
        ("考核日期", f"{batch.assessment_start} 至 {batch.assessment_end}"),
        ("批次状态", batch.status.label),
        ("报送时间", f"{beijing(reported):%Y-%m-%d %H:%M}（北京时间）" if reported else "未报送"),
        ("审核通过时间", f"{approved:%Y-%m-%d} " if approved else "未审核通过"),
    )


def _sections(uow: UnitOfWork, batch_id: int, batch_code: str) -> list[DossierSection]:
    repo = uow.exchange
    people = [
        {
            "考生编号": c.id,
            "姓名": c.name,
            "证件号码脱敏": c.id_masked,
            "状态": _label(CandidateStatus, c.status),
            "考核结果": outcome_label(c.outcome),
        }
        for c in repo.report_candidates(batch_id)
    ]
    attendance = [
        dict(r, 出勤=_label(Attendance, str(r["出勤"]))) for r in repo.attendance_rows(batch_id)
    ]
    incidents = [
        dict(r, 类型=_label(IncidentKind, str(r["类型"]))) for r in repo.incident_rows(batch_id)
    ]
    results = [
        dict(r, 考核结果=outcome_label(str(r["考核结果"])))
        for r in repo.confirmed_outcomes(batch_id)
    ]
    return [
        _section("场次", "sessions.csv", SESSION_COLUMNS, repo.session_rows(batch_id)),
        _section("考评人员", "examiners.csv", EXAMINER_COLUMNS, repo.examiner_rows(batch_id)),
        _section("考生（证件号码已脱敏）", "candidates.csv", CANDIDATE_COLUMNS, people),
        _section(
            "申报条件例外（质量督导员登记）",
            "eligibility_overrides.csv",
            OVERRIDE_COLUMNS,
            repo.override_rows(batch_id),
        ),
        _section("考勤", "attendance.csv", ATTENDANCE_COLUMNS, attendance),
        _section("违纪记录", "incidents.csv", INCIDENT_COLUMNS, incidents),
        _section(
            "成绩记录（含全部录入、裁定、确认与更正）",
            "scores.csv",
            SCORE_COLUMNS,
            repo.score_rows(batch_id),
        ),
        _section("考核结果", "results.csv", RESULT_COLUMNS, results),
        _section(
            "核查抽样",
            "sampling_draws.csv",
            SAMPLING_DRAW_COLUMNS,
            repo.sampling_draw_rows(batch_id),
        ),
        _section("核查结果", "sampling.csv", SAMPLING_COLUMNS, repo.sampling_rows(batch_id)),
        _section(
            "审计日志摘录",
            "audit.csv",
            AUDIT_COLUMNS,
            repo.audit_excerpt(batch_code, batch_id, AUDIT_LIMIT),
        ),
    ]


def _label(kind: type[CandidateStatus | Attendance | IncidentKind], value: str) -> str:
    try:
        return kind(value).label
    except ValueError:
        return value


def _section(
    title: str, file_name: str, columns: Sequence[str], rows: Sequence[Row]
) -> DossierSection:
    cells = tuple(tuple("" if r.get(c) is None else str(r.get(c)) for c in columns) for r in rows)
    return DossierSection(title, file_name, tuple(columns), cells)


def _coded(names: Mapping[str, str] | Callable[[str], str]) -> Callable[[str], str]:
    """A cell converter from stored codes to Chinese names; unknown codes stay as they are."""

    def convert(value: str) -> str:
        try:
            return names(value) if callable(names) else names.get(value, value)
        except ValueError:
            return value

    return convert


_READABLE: dict[str, dict[str, Callable[[str], str]]] = {
    "sessions.csv": {"科目": _coded(lambda v: Component(v).label), "状态": _coded(_SESSION_STATES)},
    "examiners.csv": {"角色": _coded(lambda v: StaffRole(v).label)},
    "attendance.csv": {"科目": _coded(lambda v: Component(v).label)},
    "scores.csv": {
        "科目": _coded(lambda v: Component(v).label),
        "类型": _coded(_EVENT_KINDS),
        "状态": _coded(lambda v: ScoreStatus(v).label),
        "原状态": _coded(lambda v: ScoreStatus(v).label),
        "来源": _coded(_SOURCES),
    },
    "audit.csv": {"结果": _coded(_AUDIT_OUTCOMES)},
}


def _moment(value: str) -> str:
    """An ISO moment as Beijing time to the minute; any other text unchanged."""
    if not _MOMENT.fullmatch(value):
        return value
    return f"{beijing(datetime.fromisoformat(value.replace('Z', '+00:00'))):%Y-%m-%d %H:%M}"


def _people(uow: UnitOfWork) -> dict[str, str]:
    """User names (and `user:N` numbers) to `王芳（wangfang）`, as inspectors read people."""
    named: dict[str, str] = {}
    for user in uow.users.list():
        named[user.username] = named[str(user.id)] = f"{user.display_name}（{user.username}）"
    return named


def _for_reading(section: DossierSection, people: Mapping[str, str]) -> DossierSection:
    """The section as the PDF shows it: Chinese names for codes and people, Beijing time."""
    converters = dict(_READABLE.get(section.file_name, {}))
    for column in section.columns:
        # 记录人, 安排人, 核查人, 操作人 ...: the columns that name who did something.
        if column.endswith("人"):
            converters[column] = _coded(dict(people))
    if section.file_name == "audit.csv":
        converters["操作"] = _coded(action_name)
        converters["对象"] = _coded(lambda v: target_text(v, dict(people)))
    plain = _coded({})
    rows = tuple(
        tuple(
            _moment(converters.get(column, plain)(cell))
            for column, cell in zip(section.columns, row, strict=True)
        )
        for row in section.rows
    )
    return replace(section, rows=rows)
