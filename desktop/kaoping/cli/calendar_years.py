"""`kaoping calendar`: each year's official holiday arrangement (年度节假日安排).

`import FILE` reads the State Council's annual notice, prints it month by month for review and
asks for confirmation (or takes `--confirm`); `show YEAR` prints a year as deadlines count it;
`complete YEAR` marks a year entered by hand (`kaoping holidays set`) as complete; `reopen YEAR`
withdraws that; `status` lists the years that matter now.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kaoping.cli.common import Context, sign_in
from kaoping.domain.holiday_calendar import YearState
from kaoping.services import calendar_years
from kaoping.services.calendar_years import NoticePreview
from kaoping.services.deadlines import china_date


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `kaoping calendar`."""
    c = sub.add_parser("calendar", help="年度节假日安排：导入国务院通知、查看、标记完整")
    actions = c.add_subparsers(dest="action", required=True)
    imp = actions.add_parser(
        "import", help="导入国务院办公厅节假日安排通知（文本或保存的网页），核对后确认"
    )
    imp.add_argument("file", type=Path, help="通知文件：.txt 或保存的 .html（UTF-8 / GB18030）")
    imp.add_argument("--year", type=int, help="通知的年份（通知文本不含标题时必须指定）")
    imp.add_argument("--confirm", action="store_true", help="不再询问，核对后直接确认导入")
    imp.add_argument("--user", help="操作用户（系统管理员）")
    imp.set_defaults(run=_import)
    show = actions.add_parser("show", help="按月显示某一年的节假日安排及其状态")
    show.add_argument("year", type=int)
    show.add_argument("--user", help="操作用户")
    show.set_defaults(run=_show)
    done = actions.add_parser(
        "complete", help="手工录入全部放假日和调休上班日后，标记该年已完整（此后才计算工作日期限）"
    )
    done.add_argument("year", type=int)
    done.add_argument("--user", help="操作用户（系统管理员）")
    done.set_defaults(run=_complete)
    again = actions.add_parser(
        "reopen", help="撤销某年的完整标记（该年工作日期限重新显示为无法计算）"
    )
    again.add_argument("year", type=int)
    again.add_argument("--user", help="操作用户（系统管理员）")
    again.set_defaults(run=_reopen)
    status = actions.add_parser("status", help="列出今年、明年及已录入年份的状态")
    status.add_argument("--user", help="操作用户")
    status.set_defaults(run=_status)


def print_preview(preview: NoticePreview) -> None:
    """The notice as read, month by month, with what confirming it would change."""
    arrangement = preview.arrangement
    print(f"{arrangement.title or f'{preview.year} 年节假日安排（文本中无标题）'}")
    print(f"文件 SHA-256：{preview.sha256}")
    print(f"当前状态：{preview.before.line}")
    for festival in arrangement.festivals:
        print(f"  {festival.text}")
    print(f"{preview.year} 年节假日安排（按月）：")
    for line in preview.summary():
        print(f"  {line}")
    for sentence in arrangement.ignored:
        print(f"未计入（通知中的倡议，不是放假安排）：{sentence}")
    if preview.differences:
        days = "、".join(d.isoformat() for d in preview.differences)
        print(f"注意：与内置官方日历不同的日期：{days}；确认后以本通知为准。")
    if preview.replaced:
        print(
            f"注意：确认后将替换节假日调整表中 {preview.year} 年已有的 {preview.replaced} 条记录。"
        )


def _import(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    data = calendar_years.read_notice(env, args.file)
    preview = calendar_years.preview_notice(env, actor, data, args.year)
    print_preview(preview)
    if not args.confirm and not _asked(
        f"确认以上 {preview.year} 年节假日安排与通知原文一致并导入？[y/N] "
    ):
        print("未导入。核对无误后可加 --confirm 重新运行。")
        return 1
    status = calendar_years.confirm_notice(env, actor, data, preview.year)
    print(f"已导入并确认：{status.line}。")
    return 0


def _asked(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:
        print()
        return False
    return answer.strip().lower() in {"y", "yes", "是", "确认"}


def _show(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    year = calendar_years.show_year(ctx.env(), actor, args.year)
    print(year.status.line)
    record = year.status.record
    if record is not None:
        what = record.title or "手工录入"
        print(
            f"依据：{what}；确认人 {record.confirmed_by}，{record.confirmed_at:%Y-%m-%d %H:%M} UTC"
        )
    if year.status.state is YearState.BUILT_IN:
        print("（内置日历只列出落在周一至周五的放假日和落在周末的调休上班日）")
    for line in year.summary():
        print(f"  {line}")
    return 0


def _complete(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    status = calendar_years.complete_year(env, actor, args.year)
    for line in calendar_years.show_year(env, actor, args.year).summary():
        print(f"  {line}")
    print(f"已标记完整：{status.line}。")
    return 0


def _reopen(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    status = calendar_years.reopen_year(ctx.env(), actor, args.year)
    print(f"已撤销完整标记：{status.line}。")
    return 0


def _status(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    for status in calendar_years.overview(env, actor, china_date(env.clock.now())):
        print(status.line)
    return 0
