"""`kaoping deadlines`, `holidays`, `package`, `approval-import`, `dossier`: reporting and exchange."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from kaoping.cli.common import Context, emit_json, secret, sign_in, table
from kaoping.domain.errors import ValidationError
from kaoping.domain.packages import PackageKind
from kaoping.fileio import write_atomically
from kaoping.services import approvals, calendar_years, deadlines, dossier, exchange, setup, site

APPROVAL_IMPORT_HELP = "导入自治区人社厅的审核结果名单（签名数据包或 CSV/JSON 文件）"


def approval_import_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of approval import (``approval-import`` and ``approval import`` share them)."""
    parser.add_argument("file", type=Path)
    parser.add_argument("--batch", help="批次编号（签名数据包可省略）")
    parser.add_argument(
        "--confirm-source", action="store_true", help="未签名文件：确认已核实文件来自自治区人社厅"
    )
    parser.add_argument("--user", help="操作用户")
    parser.set_defaults(run=approval_import)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the reporting and exchange commands."""
    d = sub.add_parser("deadlines", help="期限看板：报送、确认、颁证期限")
    d.add_argument("--json", action="store_true")
    d.add_argument("--user", help="操作用户")
    d.set_defaults(run=_deadlines)
    _register_holidays(sub)
    _register_package(sub)
    approval_import_arguments(sub.add_parser("approval-import", help=APPROVAL_IMPORT_HELP))
    o = sub.add_parser("dossier", help="导出批次考务档案（PDF 与签名数据包）")
    o.add_argument("--batch", required=True)
    o.add_argument("--out", type=Path, required=True, help="输出目录")
    o.add_argument("--user", help="操作用户")
    o.set_defaults(run=_dossier)


def _register_holidays(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    h = sub.add_parser("holidays", help="节假日调整表").add_subparsers(dest="action", required=True)
    hl = h.add_parser("list", help="列出节假日调整表")
    hl.add_argument("--user", help="操作用户")
    hl.set_defaults(run=_holidays_list)
    hs = h.add_parser(
        "set",
        help="录入一天：放假（默认）或 --workday 调休上班；"
        "全年录完后用 kaoping calendar complete 标记完整",
    )
    hs.add_argument("day", type=dt.date.fromisoformat, help="日期，如 2027-01-01")
    hs.add_argument("--workday", action="store_true")
    hs.add_argument("--note", required=True, help="说明，如“2027 年元旦”")
    hs.add_argument("--user", help="操作用户")
    hs.set_defaults(run=_holidays_set)
    hr = h.add_parser("remove", help="删除一天")
    hr.add_argument("day", type=dt.date.fromisoformat)
    hr.add_argument("--user", help="操作用户")
    hr.set_defaults(run=_holidays_remove)


def _register_package(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("package", help="签名数据包").add_subparsers(dest="action", required=True)
    pe = p.add_parser("export", help="导出数据包（签名密钥口令取自 KAOPING_KEY_PASSPHRASE）")
    pe.add_argument("--kind", required=True, choices=["report", "site", "results"])
    pe.add_argument("--batch", help="批次编号（report、site）")
    pe.add_argument("--session", help="site：场次代码；results：本机场次编号")
    pe.add_argument("--out", type=Path, required=True)
    pe.add_argument("--user", help="操作用户")
    pe.set_defaults(run=_package_export)
    pv = p.add_parser("verify", help="校验数据包签名与内容：通过退出码 0，不通过 1")
    pv.add_argument("file", type=Path)
    pv.add_argument("--json", action="store_true")
    pv.add_argument("--user", help="操作用户")
    pv.set_defaults(run=_package_verify)
    pi = p.add_parser("import", help="导入数据包（审核结果、考点下发、考点回传）")
    pi.add_argument("file", type=Path)
    pi.add_argument("--user", help="操作用户")
    pi.set_defaults(run=_package_import)
    pt = p.add_parser("trust", help="信任对方的签名证书（系统管理员）")
    pt.add_argument("cert", type=Path, help="对方的 PEM 证书")
    pt.add_argument("--name", required=True, help="证书所属单位")
    pt.add_argument(
        "--kind",
        action="append",
        required=True,
        choices=[k.value for k in PackageKind],
        help="接受的数据包类型（可多次）",
    )
    pt.add_argument("--user", help="操作用户")
    pt.set_defaults(run=_package_trust)
    pc = p.add_parser("cert", help="导出本机构的签名证书（交给对方导入信任）")
    pc.add_argument("--out", type=Path, required=True)
    pc.add_argument("--user", help="操作用户")
    pc.set_defaults(run=_package_cert)


def _deadlines(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    rows = deadlines.dashboard(ctx.env(), actor)
    if args.json:
        emit_json(
            [
                {
                    "batch": r.batch_code,
                    "name": r.batch_name,
                    "status": r.status.value,
                    "clock": r.clock,
                    "starts_on": r.starts_on,
                    "due": r.due,
                    "days_left": r.days_left,
                    "overdue": r.overdue,
                    "label": r.label,
                    "unknown_year": r.unknown_year,
                }
                for r in rows
            ]
        )
        return 0
    table(
        [
            [
                r.batch_code,
                r.batch_name,
                r.status.label,
                r.clock_label,
                str(r.starts_on or "—"),
                str(r.due or "—"),
                ("【逾期】" if r.overdue else "") + r.label,
            ]
            for r in rows
        ],
        ["批次", "名称", "状态", "期限", "起算日", "截止日", "情况"],
    )
    env = ctx.env()
    years = calendar_years.overview(env, actor, deadlines.china_date(env.clock.now()))
    print("节假日安排：" + "；".join(status.line for status in years))
    if any(not status.known for status in years):
        print(
            "  未完整的年份：导入国务院节假日安排通知（kaoping calendar import），"
            "或逐日录入（kaoping holidays set）后标记完整（kaoping calendar complete）。"
        )
    return 0


def _holidays_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    table(
        [
            [h.day.isoformat(), "调休上班" if h.workday else "放假", h.note, h.updated_by]
            for h in deadlines.list_holidays(ctx.env(), actor)
        ],
        ["日期", "类型", "说明", "录入人"],
    )
    return 0


def _holidays_set(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    deadlines.set_holiday(ctx.env(), actor, args.day, args.workday, args.note)
    print(f"已录入 {args.day}：{'调休上班' if args.workday else '放假'}。")
    return 0


def _holidays_remove(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    deadlines.remove_holiday(ctx.env(), actor, args.day)
    print(f"已删除 {args.day}。")
    return 0


def _package_export(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    passphrase = secret("KAOPING_KEY_PASSPHRASE", "签名密钥口令")
    if args.kind == "report":
        made = exchange.export_report(env, actor, _required(args.batch, "--batch"), passphrase)
    elif args.kind == "site":
        made = site.export_site_package(
            env,
            actor,
            _required(args.batch, "--batch"),
            _required(args.session, "--session"),
            passphrase,
        )
    else:
        session = _required(args.session, "--session")
        if not session.isdigit():
            raise ValidationError(
                "results 数据包的 --session 应为本机场次编号（数字）。", field="--session"
            )
        made = site.export_results(env, actor, int(session), passphrase)
    write_atomically(args.out, made.data)
    counts = "，".join(f"{k} {v}" for k, v in made.summary.items())
    print(
        f"已导出{made.kind.label}数据包 {args.out}（批次 {made.batch}，序号 {made.sequence}，"
        f"{counts}）。数据包编号 {made.package_id}"
    )
    return 0


def _required(value: str | None, option: str) -> str:
    if not value:
        raise ValidationError(f"请用 {option} 指定。", field=option)
    return value


def _package_verify(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    check = exchange.verify_file(ctx.env(), actor, args.file.read_bytes())
    if args.json:
        emit_json(check.__dict__)
    else:
        print(("通过：" if check.ok else "不通过：") + check.message)
        if check.ok:
            print(
                f"批次 {check.batch}，机构 {check.body_code}，序号 {check.sequence}，"
                f"生成于 {check.created_at}，签名证书指纹 {check.fingerprint}"
            )
            if check.already_imported:
                print("注意：该数据包已在本机导入过。")
    return 0 if check.ok else 1


def _package_import(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    print(exchange.import_package(ctx.env(), actor, args.file.read_bytes()))
    return 0


def _package_trust(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    signer = exchange.trust_signer(
        ctx.env(), actor, args.cert.read_bytes(), args.name, [PackageKind(k) for k in args.kind]
    )
    print(
        f"已信任“{signer.name}”的证书，接受：{'、'.join(PackageKind(k).label for k in signer.kinds)}。"
    )
    print(f"请与对方核对证书指纹：{signer.fingerprint}")
    return 0


def _package_cert(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    key = setup.signing_key(ctx.env(), actor)
    write_atomically(args.out, key.cert_pem)
    print(f"已导出本机构签名证书 {args.out}，指纹 {key.fingerprint}")
    return 0


def approval_import(ctx: Context, args: argparse.Namespace) -> int:
    """Import the department's approval list and print what it changed and who was rejected."""
    actor = sign_in(ctx, args.user)
    result = approvals.import_approval(
        ctx.env(),
        actor,
        args.batch,
        args.file.read_bytes(),
        args.file.name,
        source_confirmed=args.confirm_source,
    )
    print(
        f"批次 {result.batch}（{result.source}）：通过 {result.approved} 人，"
        f"不通过 {result.rejected} 人；新增或变更 {result.changed} 条，未变 {result.unchanged} 条；"
        f"批次状态：{result.batch_status.label}。"
    )
    for cid, name, reason in result.rejections:
        print(f"  不通过：考生编号 {cid} {name}：{reason}")
    return 0


def _dossier(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    made = dossier.export_dossier(
        ctx.env(), actor, args.batch, secret("KAOPING_KEY_PASSPHRASE", "签名密钥口令")
    )
    args.out.mkdir(parents=True, exist_ok=True)
    pdf = args.out / f"{args.batch}_考务档案.pdf"
    write_atomically(pdf, made.pdf)
    package = args.out / made.package.file_name
    write_atomically(package, made.package.data)
    print(f"已生成 {pdf} 与 {package}。")
    return 0
