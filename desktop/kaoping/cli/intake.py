"""`kaoping candidates`, `check-id`, `eligibility` and `sampling`: intake, exceptions, sampling."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kaoping.cli.common import Context, emit_json, sign_in, table
from kaoping.domain.catalogue import Level
from kaoping.domain.eligibility import DeclaredFacts, Education, Title
from kaoping.domain.errors import ValidationError
from kaoping.domain.idnumber import IdType
from kaoping.domain.roster import parse_date
from kaoping.services import eligibility, intake, plans, sampling
from kaoping.services.intake import RosterRejected, RosterReport


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the intake and sampling commands."""
    c = sub.add_parser("candidates", help="考生名册").add_subparsers(dest="action", required=True)
    p = c.add_parser("import", help="导入名册（.xlsx/.csv）；有错误行时默认整份不导入")
    p.add_argument("file", type=Path)
    p.add_argument("--batch", required=True, help="批次编号")
    p.add_argument("--valid-only", action="store_true", help="只导入有效行，错误行跳过并报告")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_import)
    p = c.add_parser("export", help="导出名册（按扩展名 .xlsx 或 .csv）；证件号码默认遮蔽")
    p.add_argument("--batch", required=True, help="批次编号")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument(
        "--encoding", default="utf-8", choices=["utf-8", "gb18030"], help="CSV 编码（默认 UTF-8）"
    )
    p.add_argument(
        "--full-id", action="store_true", help="导出完整证件号码（需录入考生权限，记入审计）"
    )
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_export)
    p = c.add_parser("template", help="下载名册模板（.xlsx 或 .csv）")
    p.add_argument("--out", required=True, type=Path)
    p.set_defaults(run=_template)

    p = sub.add_parser("check-id", help="校验证件号码：有效退出码 0，无效 1（不回显完整号码）")
    p.add_argument("number")
    p.add_argument(
        "--type",
        default=IdType.RESIDENT_ID_CARD.value,
        help="证件类型：" + "、".join(t.value for t in IdType),
    )
    p.set_defaults(run=_check_id)

    p = sub.add_parser(
        "eligibility",
        help="按申报条件审核填报信息（--json，见 docs/eligibility-json.md）；登记或列出申报条件例外",
    )
    p.add_argument(
        "--json", type=Path, dest="json_file", help="输入 JSON 文件，- 为标准输入（审核时必填）"
    )
    p.set_defaults(run=_eligibility)
    verbs = p.add_subparsers(dest="verb", metavar="子命令")
    o = verbs.add_parser(
        "override",
        help="质量督导员为不符合申报条件的考生登记例外（写明依据），此后可排座、录入成绩、报送与发证",
    )
    o.add_argument("--candidate", type=int, required=True, help="考生编号")
    o.add_argument("--basis", required=True, help="依据：核对的标准条款、证明材料及核对情况")
    o.add_argument("--user", help="操作用户（质量督导员）")
    o.set_defaults(run=_override)
    o = verbs.add_parser("overrides", help="列出批次中已登记的申报条件例外")
    o.add_argument("--batch", required=True, help="批次编号")
    o.add_argument("--user", help="操作用户")
    o.set_defaults(run=_overrides)

    s = sub.add_parser("sampling", help="核查抽样").add_subparsers(dest="action", required=True)
    p = s.add_parser("draw", help="从批次中抽取核查样本（另加全部重点核查考生）")
    p.add_argument("--batch", required=True, help="批次编号")
    p.add_argument("--ratio", required=True, help="抽查比例，如 0.1")
    p.add_argument("--seed", help="指定种子（默认随机生成并记录）")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_draw)
    p = s.add_parser("rerun", help="按记录的种子重新抽取并与原结果比对：一致退出码 0，不一致 1")
    p.add_argument("--draw", required=True, type=int, help="抽查记录编号")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_rerun)


def print_report(report: RosterReport) -> None:
    """The row report of a roster check, one problem a line, then each valid row's verdict."""
    print(
        f"名册 {report.file_name}：表头在第 {report.header_row} 行；"
        f"共 {report.total_rows} 行，有效 {report.valid_rows} 行，有问题 {len(report.bad_rows)} 行。"
    )
    for problem in report.problems:
        print(f"  {problem}")
    for warning in report.warnings:
        print(f"  {warning}")
    if report.eligibility:
        print(
            f"申报条件：有效行中符合 {report.eligible_rows} 行，不符合 {report.ineligible_rows} 行"
            "（不符合的可以导入，但须经质量督导员登记例外才能排座、录入成绩、报送和发证）。"
        )
        for verdict in report.eligibility:
            print(f"  {verdict}")


def _progress(done: int, total: int) -> bool:
    if total and sys.stderr.isatty():
        print(f"\r进度 {done * 100 // total}%", end="", file=sys.stderr)
    return True


def _import(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    batch = plans.find_batch(env, actor, args.batch)
    try:
        result = intake.import_roster(
            env, actor, batch.id, args.file, valid_only=args.valid_only, progress=_progress
        )
    except RosterRejected as rejected:
        print_report(rejected.report)
        print(f"错误：{rejected}", file=sys.stderr)
        return 1
    print_report(result.report)
    print(f"已导入 {result.imported} 名考生到批次 {batch.code}。")
    return 0


def _export(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    batch = plans.find_batch(env, actor, args.batch)
    count = intake.export_roster(
        env, actor, batch.id, args.out, full_numbers=args.full_id, encoding=args.encoding
    )
    print(f"已导出 {count} 名考生到 {args.out}。")
    return 0


def _template(ctx: Context, args: argparse.Namespace) -> int:
    intake.write_template(ctx.env(), args.out)
    print(f"已生成名册模板 {args.out}。")
    return 0


def _check_id(ctx: Context, args: argparse.Namespace) -> int:
    verdict = intake.check_id(args.type, args.number)
    if verdict.valid:
        extra = f"，出生日期 {verdict.birth_date}，性别 {verdict.sex}" if verdict.birth_date else ""
        print(f"有效：{args.type} {verdict.masked}{extra}")
        return 0
    print(f"无效：{verdict.masked}：“{verdict.field}”{verdict.reason}")
    return 1


def _override(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    done = eligibility.record_override(ctx.env(), actor, args.candidate, args.basis)
    print(
        f"已为考生编号 {done.candidate_id} 登记申报条件例外（{done.recorded_by}）；"
        f"依据：{done.basis}。该考生此后可以排座、录入成绩、报送和发证。"
    )
    return 0


def _overrides(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    batch = plans.find_batch(env, actor, args.batch)
    lines = eligibility.list_overrides(env, actor, batch.id)
    rows = [
        [
            str(line.candidate_id),
            line.name,
            line.id_masked,
            line.override.recorded_by,
            line.override.basis,
        ]
        for line in lines
    ]
    table(rows, ["考生编号", "姓名", "证件号码", "登记人", "依据"])
    return 0


def _eligibility(ctx: Context, args: argparse.Namespace) -> int:
    if args.json_file is None:
        raise ValidationError(
            "请用 --json 指定要审核的 JSON 文件（- 为标准输入），"
            "或使用子命令 override / overrides。",
            field="--json",
        )
    raw = (
        sys.stdin.read()
        if str(args.json_file) == "-"
        else args.json_file.read_text(encoding="utf-8")
    )
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"输入不是有效的 JSON（第{exc.lineno}行）：{exc.msg}") from None
    occupation, level, as_of, facts = eligibility_input(data)
    verdict = intake.check_eligibility(ctx.env(), occupation, level, facts, as_of)
    emit_json(
        {
            "occupation": verdict.occupation_code,
            "level": verdict.level.label,
            "as_of": as_of.isoformat(),
            "eligible": verdict.eligible,
            "satisfied": None
            if verdict.satisfied is None
            else {"id": verdict.satisfied.id, "text": verdict.satisfied.text},
            "gaps": [
                {"id": g.id, "text": g.text, "missing": list(g.missing)} for g in verdict.gaps
            ],
            "training_missing": list(verdict.training_missing),
            "proof": verdict.satisfied.proof if verdict.eligible and verdict.satisfied else "",
            "verified": verdict.verified,
            "source": verdict.source,
            "reason": verdict.explain(),
        }
    )
    return 0


def _field(data: dict[str, Any], key: str, required: bool = True) -> Any:
    if key not in data or data[key] in (None, ""):
        if required:
            raise ValidationError(f"缺少“{key}”", field=key)
        return None
    return data[key]


def _day(data: dict[str, Any], key: str, required: bool = False) -> date | None:
    value = _field(data, key, required)
    if value is None:
        return None
    parsed = parse_date(str(value))
    if parsed is None:
        raise ValidationError(f"“{value}”不是日期，应为 YYYY-MM-DD", field=key)
    return parsed


def eligibility_input(data: Any) -> tuple[str, Level, date, DeclaredFacts]:
    """Read the eligibility JSON (docs/eligibility-json.md) into its parts."""
    if not isinstance(data, dict):
        raise ValidationError("最外层应为 JSON 对象")
    facts = _field(data, "facts")
    if not isinstance(facts, dict):
        raise ValidationError("“facts”应为对象", field="facts")
    try:
        level = Level.from_label(str(_field(data, "level")))
        education = Education(str(_field(facts, "education")))
        title = Title(str(facts.get("title") or Title.NONE.value))
        prior = tuple(
            (
                str(_field(c, "occupation")),
                Level.from_label(str(_field(c, "level"))),
                _day(c, "issue_date", True) or date.min,
            )
            for c in facts.get("prior_certificates", [])
        )
    except ValueError as exc:
        raise ValidationError(f"取值不在可选范围内：{exc}") from None
    declared = DeclaredFacts(
        education=education,
        major_related=bool(facts.get("major_related", False)),
        graduation_date=_day(facts, "graduation_date"),
        work_start_date=_day(facts, "work_start_date"),
        title=title,
        title_date=_day(facts, "title_date"),
        prior_certificates=prior,
        training_cert_no=str(facts.get("training_cert_no") or ""),
        training_body=str(facts.get("training_body") or ""),
    )
    as_of = _day(data, "as_of", True) or date.min
    return str(_field(data, "occupation")), level, as_of, declared


def _ratio(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValidationError(f"“{text}”不是数字，例如 0.1 表示抽查10%", field="抽查比例") from None


def _draw(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    batch = plans.find_batch(env, actor, args.batch)
    record = sampling.draw(env, actor, batch.id, _ratio(args.ratio), args.seed)
    d = record.draw
    print(
        f"抽查记录 {record.id}：批次 {batch.code}，种子 {d.seed}，比例 {d.ratio}，方法 {d.method}"
    )
    print(
        f"总体 {d.population_size} 人（指纹 {record.population_sha256[:16]}…），"
        f"随机抽取 {d.sample_size} 人，重点核查 {len(d.flagged)} 人，共需核查 {len(d.drawn)} 人。"
    )
    rows = [
        [
            str(m.candidate.id),
            m.candidate.name,
            m.candidate.id_masked,
            "重点核查" if m.flagged and not m.randomly_drawn else "随机抽取",
        ]
        for m in sampling.members(env, actor, record.id)
    ]
    table(rows, ["考生编号", "姓名", "证件号码", "来源"])
    return 0


def _rerun(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    report = sampling.rerun(ctx.env(), actor, args.draw)
    d = report.record.draw
    print(
        f"抽查记录 {report.record.id}：种子 {d.seed}，比例 {d.ratio}，方法 {d.method}，"
        f"总体 {d.population_size} 人。"
    )
    print(
        "总体名单指纹："
        + ("与记录一致" if report.population_intact else "与记录不符（名单被改动）")
    )
    if report.matches:
        print(f"重新抽取结果与记录一致（{len(d.drawn)} 人）。")
        return 0
    print(
        f"重新抽取结果与记录不一致：记录有而重抽没有 {list(report.missing)}；"
        f"重抽有而记录没有 {list(report.extra)}。"
    )
    return 1
