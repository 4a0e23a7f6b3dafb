"""`kaoping sessions ...`, `kaoping examiners ...` and `kaoping checkin`."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kaoping.cli.common import Context, emit_json, sign_in, table
from kaoping.domain.assessment import Component
from kaoping.domain.beijing import BEIJING
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import NotFound, ValidationError
from kaoping.domain.staffing import ConflictKind, StaffRole
from kaoping.fileio import write_atomically
from kaoping.services import checkin, plans, sessions
from kaoping.services.ports.exams import Attendance, ExaminerDraft, NewSession

_ROLE_FLAGS = {
    StaffRole.INVIGILATOR: "invigilator",
    StaffRole.EXAMINER: "examiner",
    StaffRole.SUPERVISOR: "supervisor",
    StaffRole.REVIEWER: "reviewer",
}
if TYPE_CHECKING:
    _Sub = argparse._SubParsersAction[argparse.ArgumentParser]
_Choice = TypeVar("_Choice", Component, StaffRole, ConflictKind)


def register(sub: _Sub) -> None:
    """Add the session, examiner registry and check-in commands."""
    verbs = sub.add_parser(
        "sessions", help="场次、考场、排座、准考证与考评人员安排"
    ).add_subparsers(dest="action", required=True)
    _register_sessions(verbs)
    _register_staffing(verbs)
    _register_examiners(sub)
    p = sub.add_parser("checkin", help="考生签到：准考证号、证件号码或准考证二维码图片")
    p.add_argument("--session", type=int, required=True, help="场次编号（sessions list 中的编号）")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--ticket", help="准考证号，或扫码枪读出的二维码文字")
    how.add_argument("--id-number", help="证件号码（输出中只显示遮蔽后的号码）")
    how.add_argument("--qr-image", type=Path, help="准考证二维码的照片或扫描件（PNG/JPEG）")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_checkin)


def _register_sessions(verbs: _Sub) -> None:
    p = verbs.add_parser("list", help="列出批次的场次")
    p.add_argument("--batch", required=True, help="批次编号")
    p.add_argument("--json", action="store_true")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_list)
    p = verbs.add_parser("create", help='新增场次（时间为北京时间，如 "2026-12-05 09:00"）')
    p.add_argument("--batch", required=True, help="批次编号")
    p.add_argument("--code", required=True, help="场次编号，如 T01")
    p.add_argument(
        "--component",
        required=True,
        help="考核科目：" + "、".join(f"{c.value}/{c.label}" for c in Component),
    )
    p.add_argument("--site", required=True, help="考点")
    p.add_argument("--room", required=True, help="考场")
    p.add_argument("--start", required=True, help="开始时间")
    p.add_argument("--end", required=True, help="结束时间")
    p.add_argument("--capacity", type=int, required=True, help="座位数")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_create)
    p = verbs.add_parser("seat", help="为场次排座（本科目尚未排座的考生，按名册顺序或随机种子）")
    p.add_argument("--session", type=int, required=True, help="场次编号")
    p.add_argument("--seed", help="随机种子（同一种子总得到同一座次）")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_seat)
    p = verbs.add_parser("tickets", help="打印场次全部准考证到一个 PDF")
    p.add_argument("--session", type=int, required=True, help="场次编号")
    p.add_argument("--out", type=Path, required=True, help="输出 PDF 文件")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_tickets)
    p = verbs.add_parser("plan-pdf", help="导出考核计划备案表 PDF")
    p.add_argument("--plan", required=True, help="计划编号")
    p.add_argument("--out", type=Path, required=True, help="输出 PDF 文件")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_plan_pdf)


def _register_staffing(verbs: _Sub) -> None:
    p = verbs.add_parser(
        "assign", help="安排场次的考评人员（整体替换；违反配比等规则时全部列出且不保存）"
    )
    p.add_argument("--session", type=int, required=True, help="场次编号")
    for role, flag in _ROLE_FLAGS.items():
        p.add_argument(
            f"--{flag}",
            type=int,
            action="append",
            default=[],
            metavar="人员编号",
            help=f"{role.label}（考评人员库编号，可多次）",
        )
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_assign)
    p = verbs.add_parser("board", help="批次场次一览：人员安排与仍不符合规则之处")
    p.add_argument("--batch", required=True, help="批次编号")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_board)


def _register_examiners(sub: _Sub) -> None:
    verbs = sub.add_parser("examiners", help="考评人员库与回避声明").add_subparsers(
        dest="action", required=True
    )
    p = verbs.add_parser("list", help="列出考评人员")
    p.add_argument("--all", action="store_true", help="含已停用人员")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_examiners_list)
    p = verbs.add_parser("add", help="登记考评人员")
    p.add_argument("--name", required=True, help="姓名")
    p.add_argument(
        "--role",
        action="append",
        required=True,
        help="职责（可多次）：" + "、".join(f"{r.value}/{r.label}" for r in StaffRole),
    )
    p.add_argument("--occupation", action="append", default=[], help="可考评的职业编码（可多次）")
    p.add_argument("--level", help="可考评的最高等级：初级、中级、高级")
    p.add_argument("--certificate-no", default="", help="考评员证书编号")
    p.add_argument("--employer", default="", help="工作单位")
    p.add_argument("--phone", default="")
    p.add_argument("--account", default="", help="关联的登录用户名")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_examiners_add)
    p = verbs.add_parser("conflict", help="登记回避：某考评人员不得为某考生评分")
    p.add_argument("--examiner", type=int, required=True, help="考评人员编号")
    p.add_argument("--candidate", type=int, required=True, help="考生编号")
    p.add_argument(
        "--kind",
        required=True,
        help="事由：" + "、".join(f"{k.value}/{k.label}" for k in ConflictKind),
    )
    p.add_argument("--note", default="", help="说明")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_conflict)


def _pick(kind: type[_Choice], text: str, field: str) -> _Choice:
    for item in kind:
        if text.strip() in (item.value, item.label):
            return item
    choices = "、".join(f"{i.value}（{i.label}）" for i in kind)
    raise ValidationError(f"无法识别“{text}”，可选：{choices}。", field=field)


def _moment(text: str, field: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"无法识别时间“{text}”，请写作 2026-12-05 09:00。", field=field
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=BEIJING)


def _list(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    batch = plans.find_batch(ctx.env(), actor, args.batch)
    found = sessions.list_sessions(ctx.env(), actor, batch.id)
    if args.json:
        emit_json(
            [
                {
                    "id": s.id,
                    "code": s.code,
                    "component": s.component.value,
                    "site": s.site,
                    "room": s.room,
                    "room_index": s.room_index,
                    "starts_at": s.starts_at.isoformat(),
                    "ends_at": s.ends_at.isoformat(),
                    "capacity": s.capacity,
                    "seated": s.seated,
                }
                for s in found
            ]
        )
        return 0
    table(
        [
            [
                str(s.id),
                s.code,
                s.component.label,
                s.site,
                f"第{s.room_index}考场 {s.room}",
                f"{s.starts_at.astimezone(BEIJING):%m-%d %H:%M}–{s.ends_at.astimezone(BEIJING):%H:%M}",
                f"{s.seated}/{s.capacity}",
            ]
            for s in found
        ],
        ["编号", "场次", "科目", "考点", "考场", "时间", "已排座/容量"],
    )
    return 0


def _create(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    batch = plans.find_batch(ctx.env(), actor, args.batch)
    session_id = sessions.create_session(
        ctx.env(),
        actor,
        NewSession(
            batch.id,
            args.code,
            _pick(Component, args.component, "考核科目"),
            args.site,
            args.room,
            _moment(args.start, "开始时间"),
            _moment(args.end, "结束时间"),
            args.capacity,
        ),
    )
    print(f"已新增场次 {args.code}（编号 {session_id}）。")
    return 0


def _seat(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    result = sessions.seat_session(ctx.env(), actor, args.session, args.seed)
    print(f"已排座 {result.seated} 人；本科目仍有 {result.waiting} 人未排座。")
    if result.held_back:
        print(f"未排座 {len(result.held_back)} 人（不符合申报条件）：")
        for message in result.held_back:
            print(f"  {message}")
    return 0


def _tickets(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    pdf = sessions.ticket_pdf(ctx.env(), actor, args.session)
    write_atomically(args.out, pdf)
    print(f"准考证已保存到 {args.out}。")
    return 0


def _plan_pdf(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    matches = [p for p in plans.list_plans(ctx.env(), actor) if p.code == args.plan]
    if not matches:
        raise NotFound(f"考核计划 {args.plan} 不存在。", field="计划编号")
    write_atomically(args.out, sessions.plan_filing_pdf(ctx.env(), actor, matches[0].id))
    print(f"备案表已保存到 {args.out}。")
    return 0


def _assign(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    slots = [(person, role) for role, flag in _ROLE_FLAGS.items() for person in getattr(args, flag)]
    sessions.assign_staff(ctx.env(), actor, args.session, slots)
    print(f"已保存场次 {args.session} 的人员安排（{len(slots)} 人）。")
    return 0


def _board(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    batch = plans.find_batch(ctx.env(), actor, args.batch)
    rows = sessions.session_board(ctx.env(), actor, batch.id)
    for row in rows:
        s = row.session
        staff = "、".join(f"{x.examiner.name}（{x.role.label}）" for x in row.staff) or "未安排"
        print(
            f"[{s.id}] {s.code} {s.component.label} {s.room} 已排座 {s.seated}/{s.capacity}："
            f"{staff}"
        )
        for problem in row.problems:
            print(f"    ✗ {problem}")
    return 1 if any(r.problems for r in rows) else 0


def _examiners_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    people = sessions.list_examiners(ctx.env(), actor, include_inactive=args.all)
    table(
        [
            [
                str(p.id),
                p.name,
                "、".join(r.label for r in sorted(p.roles)),
                "、".join(sorted(p.occupations)),
                p.level.label if p.level else "",
                p.certificate_no,
                "已关联" if p.user_id else "",
                "" if p.active else "停用",
            ]
            for p in people
        ],
        ["编号", "姓名", "职责", "资格职业", "等级", "证书编号", "账号", "状态"],
    )
    return 0


def _examiners_add(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    try:
        level = Level.from_label(args.level) if args.level else None
    except ValueError as bad:
        raise ValidationError(str(bad), field="等级") from None
    draft = ExaminerDraft(
        args.name,
        frozenset(_pick(StaffRole, r, "职责") for r in args.role),
        frozenset(args.occupation),
        level,
        args.certificate_no,
        args.employer,
        args.phone,
    )
    person = sessions.register_examiner(ctx.env(), actor, draft, username=args.account)
    print(f"已登记 {args.name}（编号 {person}）。")
    return 0


def _conflict(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    sessions.declare_conflict(
        ctx.env(),
        actor,
        args.examiner,
        args.candidate,
        _pick(ConflictKind, args.kind, "回避事由"),
        args.note,
    )
    print("已登记回避关系。")
    return 0


def _checkin(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    if args.qr_image is not None:
        outcome = checkin.check_in_image(env, actor, args.session, args.qr_image.read_bytes())
    else:
        outcome = checkin.check_in(env, actor, args.session, args.ticket or args.id_number)
    seat = outcome.seat
    state = "此前已签到，未更改" if outcome.already else f"已记为{Attendance.PRESENT.label}"
    check = "二维码校验通过" if outcome.qr_verified else "非二维码签到，请核对证件与照片"
    print(f"{seat.name}　{seat.id_masked}　准考证 {seat.ticket_no}　座位 {seat.seat_no:03d}")
    print(f"{outcome.method.label}；{check}；{state}（当前：{seat.attendance.label}）。")
    return 0
