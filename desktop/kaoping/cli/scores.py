"""`kaoping scores` (enter, import, amend, approve) and `kaoping results` (list, confirm)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kaoping.cli.common import Context, emit_json, sign_in, table
from kaoping.domain.errors import KaopingError, NotFound, ValidationError
from kaoping.services import results, scores
from kaoping.services.results import ListedOutcome


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the score and result commands."""
    group = sub.add_parser("scores", help="成绩录入（双人录入）、导入与更正")
    verbs = group.add_subparsers(dest="action", required=True)
    p = verbs.add_parser(
        "enter",
        help="录入成绩：准考证号=分数，Q 表示缺考，Z 表示作废",
        description="例：kaoping scores enter --session 3 GX001001=85 GX001002=Q",
    )
    p.add_argument("--session", type=int, required=True, help="场次编号")
    p.add_argument("marks", nargs="+", metavar="准考证号=成绩")
    p.add_argument("--user", help="操作用户（即录入人）")
    p.set_defaults(run=_enter)
    p = verbs.add_parser("import", help="导入在线考试平台的成绩文件（CSV/Excel），计为一次录入")
    p.add_argument("file", type=Path)
    p.add_argument("--session", type=int, required=True, help="场次编号")
    p.add_argument("--valid-only", action="store_true", help="只导入正确的行，报告其余行")
    p.add_argument("--user", help="操作用户（即录入人）")
    p.set_defaults(run=_import)
    p = verbs.add_parser("amend", help="申请更正已确认的成绩（须填写理由，经质量督导员批准）")
    p.add_argument("--session", type=int, required=True, help="场次编号")
    p.add_argument("--ticket", required=True, help="准考证号")
    p.add_argument("--mark", required=True, help="更正后的分数，Q 表示缺考，Z 表示作废")
    p.add_argument("--reason", required=True, help="更正理由")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_amend)
    p = verbs.add_parser("approve", help="批准成绩更正申请（须由申请人以外的质量督导员）")
    p.add_argument("request", type=int, help="更正申请编号")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_approve)

    group = sub.add_parser("results", help="成绩确认与考核结果")
    verbs = group.add_subparsers(dest="action", required=True)
    p = verbs.add_parser("list", help="列出批次考生的各科成绩与考核结果")
    p.add_argument("--batch", required=True, help="批次编号")
    p.add_argument("--json", action="store_true")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_list)
    p = verbs.add_parser("confirm", help="确认并锁定场次成绩；有缺录或未裁定时列出原因")
    p.add_argument("--session", type=int, required=True, help="场次编号")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_confirm)


def _enter(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    sheet = scores.score_sheet(env, actor, args.session)
    by_ticket = {line.ticket_no: line for line in sheet.lines}
    failed = 0
    for item in args.marks:
        ticket, _, text = item.partition("=")
        try:
            line = by_ticket.get(ticket.strip())
            if line is None or not text:
                raise ValidationError(
                    f"“{item}”应写作 准考证号=成绩，且准考证号须在本场次中", field="准考证号"
                )
            mark = scores.parse_mark(text, sheet.scale_max, row=line.row)
            done = scores.enter_score(
                env, actor, args.session, line.candidate_id, mark, source="cli"
            )
            print(f"{ticket}：已录入 {mark}（{done.state.label}）")
        except KaopingError as error:
            failed += 1
            print(f"{ticket}：{error}", file=sys.stderr)
    return 2 if failed else 0


def _import(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)

    def progress(done: int, total: int) -> None:
        if done == total or done % 500 == 0:
            print(f"已检查 {done}/{total} 行", file=sys.stderr)

    report = scores.import_scores(
        ctx.env(), actor, args.session, args.file, valid_only=args.valid_only, progress=progress
    )
    print(f"共 {report.total} 行，已导入 {report.imported} 行，跳过 {len(report.skipped)} 行。")
    for problem in report.skipped:
        print(f"  {problem}")
    return 0


def _amend(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    sheet = results.amendable_sheet(env, actor, args.session)
    line = next((ln for ln in sheet.lines if ln.ticket_no == args.ticket), None)
    if line is None:
        raise NotFound(
            f"准考证号 {args.ticket} 不在场次 {sheet.session.code} 的座位表中", field="准考证号"
        )
    mark = scores.parse_mark(args.mark, sheet.scale_max, field="更正后成绩")
    number = results.request_amendment(
        env, actor, args.session, line.candidate_id, mark, args.reason
    )
    print(
        f"已提交更正申请，编号 {number}，原成绩 {line.final}，申请改为 {mark}；等待质量督导员批准。"
    )
    return 0


def _approve(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    result = results.approve_amendment(ctx.env(), actor, args.request)
    print(f"已批准更正申请 {args.request}。")
    if result is not None:
        print(f"考生 {result.name}（{result.id_masked}）考核结果：{result.outcome_label}")
    return 0


def _list(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    listed = results.list_results(ctx.env(), actor, args.batch)
    if args.json:
        emit_json(
            [
                {
                    "candidate_id": r.candidate_id,
                    "name": r.name,
                    "id_masked": r.id_masked,
                    "outcome": r.outcome.value or None,
                    "outcome_label": r.outcome_label,
                    "reasons": list(r.reasons),
                    "components": {
                        c.value: None
                        if m is None
                        else {
                            "status": m.status.value,
                            "score": None if m.value is None else str(m.value),
                        }
                        for c, m in r.marks
                    },
                    "confirmed_at": r.confirmed_at,
                    "confirmed_by": r.confirmed_by or None,
                }
                for r in listed
            ]
        )
        return 0
    table(
        [
            [
                r.name,
                r.id_masked,
                "；".join(f"{c.label} {m if m is not None else '未确认'}" for c, m in r.marks),
                r.outcome_label,
                "；".join(r.reasons),
            ]
            for r in listed
        ],
        ["姓名", "证件号码", "各科成绩", "结果", "说明"],
    )
    return 0


def _confirm(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    report = results.confirm_session(ctx.env(), actor, args.session)
    passed = sum(1 for r in report.results if r.outcome is ListedOutcome.PASSED)
    print(
        f"场次 {args.session} 的 {report.lines} 条成绩已确认锁定；"
        f"{len(report.results)} 名考生各科均已确认，其中合格 {passed} 人。"
    )
    return 0
