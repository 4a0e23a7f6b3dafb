"""`kaoping demo`: the whole lifecycle of one batch on a fresh encrypted store, through the services.

Every step is a service call by a signed-in user of the right role, exactly what the desktop
application's pages do; the steps live in the `demo_*` modules beside this one.
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from kaoping.cli import (
    demo_bank,
    demo_calendar,
    demo_exams,
    demo_intake,
    demo_issue,
    demo_photos,
    demo_results,
    demo_stock,
)
from kaoping.cli.common import Context
from kaoping.cli.demo_support import DEMO_PASSWORD, Artefacts, Cast, DemoClock, DemoRun, Timeline
from kaoping.services.access import as_gate


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `kaoping demo`."""
    p = sub.add_parser("demo", help="演示：在新的加密数据库上运行完整流程并说明各产物的位置")
    p.add_argument("--out", type=Path, help="演示输出目录（默认：新建临时目录）")
    p.add_argument(
        "--plain", action="store_true", help="使用未加密的 SQLite 数据库（仅供查看数据结构）"
    )
    p.set_defaults(run=_run)


def _run(ctx: Context, args: argparse.Namespace) -> int:
    out: Path = args.out or Path(tempfile.mkdtemp(prefix="kaoping-demo-"))
    out.mkdir(parents=True, exist_ok=True)
    database = out / "kaoping-demo.db"
    if database.exists():
        print(f"错误：{database} 已存在。请指定一个新的 --out 目录。")
        return 2
    clock = DemoClock(datetime.now(UTC))
    scheme = "sqlite" if args.plain else "sqlite+pysqlcipher"
    gate = as_gate(ctx.make_env(ctx.db or f"{scheme}:///{database}"))
    env = dataclasses.replace(gate.create() if gate.is_new() else gate.env(), clock=clock)
    run = DemoRun(env, clock, Cast(env, DEMO_PASSWORD), Artefacts(out), Timeline(clock.today()))
    print(f"演示数据库（{'未加密' if args.plain else '加密'}）：{database}")
    print(
        "说明：演示使用模拟时钟，从现在出发，依次推进到核查、考核日、报送、审核和颁证的日期；"
        "所有人员和证件号码均为虚构。"
    )
    _lifecycle(run)
    run.files.listed("演示数据库", database)
    recovery = gate.recovery_key()
    if recovery:
        sheet = run.files.path("kaoping-demo-recovery-key.pdf")
        gate.write_recovery_sheet(sheet)
        run.files.listed("数据库密钥文件（各用户密码封装的数据库钥匙）", Path(f"{database}.keys"))
        run.files.listed("恢复密钥单（演示用；真实数据的恢复密钥单打印后即删除）", sheet)
    run.files.print_list()
    if recovery:
        print(f"数据库已加密：任一演示用户登录即可打开。恢复密钥：{recovery}")
    print(f"完成。打开桌面程序：kaoping --db {scheme}:///{database}（演示密码 {DEMO_PASSWORD}）")
    return 0


def _lifecycle(run: DemoRun) -> None:
    """The steps in the order the programme runs them (DESIGN.md, "The lifecycle")."""
    demo_intake.set_up_body(run)
    demo_calendar.import_holiday_notice(run)
    demo_intake.file_plan(run)
    demo_intake.take_in_candidates(run)
    demo_photos.take_photos(run)
    demo_intake.sample_commitments(run)
    demo_exams.arrange_sessions(run)
    demo_bank.seal_papers(run)
    demo_exams.hold_exams(run)
    demo_results.key_scores(run)
    demo_results.confirm_results(run)
    demo_issue.report_to_province(run)
    demo_issue.import_approval(run)
    demo_issue.issue_certificates(run)
    demo_stock.print_on_stock(run)
    demo_issue.close_batch(run)
