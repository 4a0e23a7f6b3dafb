"""`kaoping plan`, `kaoping batch` and `kaoping remit`: assessment plans, batches, the body's remit."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from kaoping.cli.common import Context, emit_json, sign_in, table
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import NotFound, ValidationError
from kaoping.domain.plans import Plan
from kaoping.domain.remit import RemitEntry, RemitVersion
from kaoping.domain.roster import parse_date
from kaoping.services import plans, remit

if TYPE_CHECKING:
    _Sub = argparse._SubParsersAction[argparse.ArgumentParser]


def register(sub: _Sub) -> None:
    """Add the plan, batch and remit commands."""
    _register_plans(sub)
    _register_batches(sub)
    _register_remit(sub)


def _register_plans(sub: _Sub) -> None:
    verbs = sub.add_parser("plan", help="考核计划（须在本机构业务范围内）").add_subparsers(
        dest="action", required=True
    )
    p = verbs.add_parser("create", help="制定考核计划（职业、方向、等级须在已确认的业务范围内）")
    p.add_argument("--code", required=True, help="计划编号，2–40 位字母、数字或短横线")
    p.add_argument("--title", required=True, help="计划名称")
    p.add_argument("--occupation", required=True, help="职业编码，如 2-02-10-09")
    p.add_argument("--direction", default="", help="职业方向（无方向时不填）")
    p.add_argument("--level", required=True, help="等级：初级、中级、高级")
    p.add_argument("--start", required=True, help="计划开始日期，如 2026-12-01")
    p.add_argument("--end", required=True, help="计划结束日期")
    p.add_argument("--sites", default="", help="考点")
    p.add_argument("--capacity", type=int, default=0, help="计划人数")
    p.add_argument("--training-body", default="", help="培训机构")
    p.add_argument("--user", help="操作用户（考务管理员）")
    p.set_defaults(run=_plan_create)
    p = verbs.add_parser("list", help="列出考核计划")
    p.add_argument("--json", action="store_true")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_plan_list)


def _register_batches(sub: _Sub) -> None:
    verbs = sub.add_parser("batch", help="批次").add_subparsers(dest="action", required=True)
    p = verbs.add_parser("create", help="为考核计划开设批次（考核日期须在计划期间内）")
    p.add_argument("--plan", required=True, help="计划编号")
    p.add_argument("--code", required=True, help="批次编号")
    p.add_argument("--name", default="", help="批次名称（默认同编号）")
    p.add_argument("--start", required=True, help="考核开始日期")
    p.add_argument("--end", required=True, help="考核结束日期")
    p.add_argument("--user", help="操作用户（考务管理员）")
    p.set_defaults(run=_batch_create)
    p = verbs.add_parser("list", help="列出批次")
    p.add_argument("--plan", help="只列此计划的批次")
    p.add_argument("--json", action="store_true")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_batch_list)


def _register_remit(sub: _Sub) -> None:
    verbs = sub.add_parser(
        "remit", help="本机构业务范围（评价机构目录所列的职业、方向、等级）"
    ).add_subparsers(dest="action", required=True)
    p = verbs.add_parser("show", help="查看已确认的业务范围和待确认的登记")
    p.add_argument("--json", action="store_true")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_remit_show)
    p = verbs.add_parser(
        "propose",
        help="登记新的业务范围（整体替换，系统管理员），经质量督导员确认后生效",
    )
    p.add_argument(
        "--entry",
        action="append",
        required=True,
        metavar="职业编码[:方向]:等级",
        help="一项业务范围，可多次；如 2-02-10-09:初级 或 2-02-10-09:计算机视觉产品实现:中级",
    )
    p.add_argument("--basis", required=True, help="依据：评价机构目录的公布文件名称、文号等")
    p.add_argument("--user", help="操作用户（系统管理员）")
    p.set_defaults(run=_remit_propose)
    p = verbs.add_parser("confirm", help="确认待确认的业务范围（质量督导员，不能是登记人）")
    p.add_argument("--user", help="操作用户（质量督导员）")
    p.set_defaults(run=_remit_confirm)


def _day(text: str, field: str) -> date:
    parsed = parse_date(text)
    if parsed is None:
        raise ValidationError(f"“{text}”不是日期，请写成 2026-12-01 的形式", field=field)
    return parsed


def _level(text: str) -> Level:
    try:
        return Level.from_label(text)
    except ValueError as exc:
        raise ValidationError(str(exc), field="等级") from None


def _plan_create(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    plan = Plan(
        0,
        args.code.strip(),
        args.title.strip(),
        args.occupation.strip(),
        args.direction.strip(),
        _level(args.level),
        _day(args.start, "开始日期"),
        _day(args.end, "结束日期"),
        args.sites.strip(),
        args.capacity,
        args.training_body.strip(),
    )
    plan_id = plans.create_plan(ctx.env(), actor, plan)
    direction = f"{plan.direction}方向 " if plan.direction else ""
    print(
        f"已制定考核计划 {plan.code}（编号 {plan_id}）：{plan.occupation_code} {direction}"
        f"{plan.level.label}，{plan.start_date} 至 {plan.end_date}。"
    )
    return 0


def _plan_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    found = plans.list_plans(ctx.env(), actor)
    if args.json:
        emit_json(
            [
                {
                    "id": p.id,
                    "code": p.code,
                    "title": p.title,
                    "occupation": p.occupation_code,
                    "direction": p.direction,
                    "level": p.level.label,
                    "start": p.start_date,
                    "end": p.end_date,
                }
                for p in found
            ]
        )
        return 0
    rows = [
        [p.code, p.title, p.occupation_code, p.direction or "—", p.level.label, f"{p.start_date}"]
        for p in found
    ]
    table(rows, ["计划编号", "名称", "职业", "方向", "等级", "开始"])
    return 0


def _batch_create(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    plan = next((p for p in plans.list_plans(env, actor) if p.code == args.plan.strip()), None)
    if plan is None:
        raise NotFound(f"考核计划 {args.plan} 不存在，请核对计划编号。", field="计划编号")
    start, end = _day(args.start, "考核开始日期"), _day(args.end, "考核结束日期")
    batch_id = plans.create_batch(env, actor, plan.id, args.code.strip(), args.name, start, end)
    print(f"已开设批次 {args.code.strip()}（编号 {batch_id}），考核日期 {start} 至 {end}。")
    return 0


def _batch_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    plan_id = None
    if args.plan:
        plan = next((p for p in plans.list_plans(env, actor) if p.code == args.plan), None)
        if plan is None:
            raise NotFound(f"考核计划 {args.plan} 不存在，请核对计划编号。", field="计划编号")
        plan_id = plan.id
    found = plans.list_batches(env, actor, plan_id)
    if args.json:
        emit_json(
            [
                {
                    "id": b.id,
                    "code": b.code,
                    "name": b.name,
                    "occupation": b.occupation_code,
                    "direction": b.direction,
                    "level": b.level.label,
                    "start": b.assessment_start,
                    "end": b.assessment_end,
                    "status": b.status.label,
                }
                for b in found
            ]
        )
        return 0
    rows = [[b.code, b.name, b.level.label, f"{b.assessment_start}", b.status.label] for b in found]
    table(rows, ["批次编号", "名称", "等级", "考核开始", "状态"])
    return 0


def _version_lines(version: RemitVersion, names: dict[str, str]) -> list[str]:
    return [f"  {entry.describe(names)}" for entry in version.entries]


def _remit_show(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    state = remit.remit_state(ctx.env(), actor)
    if args.json:
        emit_json({"current": _as_json(state.current), "pending": _as_json(state.pending)})
        return 0
    if state.current is None:
        print("本机构的业务范围尚未经质量督导员确认；确认前不能制定考核计划。")
    else:
        current = state.current
        print(
            f"业务范围（第 {current.id} 次登记，{current.proposed_by} 登记，"
            f"{current.confirmed_by} 确认）；依据：{current.basis}"
        )
        print("\n".join(_version_lines(current, state.names)))
    if state.pending is not None:
        pending = state.pending
        print(
            f"待确认（第 {pending.id} 次登记，{pending.proposed_by} 登记）；依据：{pending.basis}"
        )
        print("\n".join(_version_lines(pending, state.names)))
    return 0


def _as_json(version: RemitVersion | None) -> object:
    if version is None:
        return None
    return {
        "id": version.id,
        "entries": [e.code for e in version.entries],
        "basis": version.basis,
        "proposed_by": version.proposed_by,
        "proposed_at": version.proposed_at,
        "confirmed_by": version.confirmed_by,
        "confirmed_at": version.confirmed_at,
    }


def _remit_propose(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    entries = [RemitEntry.parse(text) for text in args.entry]
    version_id = remit.propose_remit(ctx.env(), actor, entries, args.basis)
    print(
        f"已登记业务范围（第 {version_id} 次登记），共 {len(entries)} 项；"
        "须由质量督导员执行 kaoping remit confirm 确认后生效。"
    )
    return 0


def _remit_confirm(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    version = remit.confirm_remit(ctx.env(), actor)
    print(f"已确认业务范围（第 {version.id} 次登记，{version.proposed_by} 登记），即日起生效：")
    names = remit.remit_state(ctx.env(), actor).names
    print("\n".join(_version_lines(version, names)))
    return 0
