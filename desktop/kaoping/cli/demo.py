"""`kaoping demo`: a complete demonstration run on a fresh SQLite database."""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kaoping.cli.common import Context
from kaoping.domain.roles import Role
from kaoping.services import accounts, audit, catalogue, setup
from kaoping.services.base import Actor, Env
from kaoping.services.dto import BodyProfile

DEMO_BODY = BodyProfile("广西数字技术评价中心（演示）", "GXDT-DEMO", "广西南宁市青秀区民族大道 100 号",
                        "李老师", "0771-0000000")
DEMO_PASSWORD = "Demo2026pass"
DEMO_PASSPHRASE = "demo-signing-key-2026"

DEMO_USERS: tuple[tuple[str, str, Role], ...] = (
    ("kaowu", "黄海燕", Role.EXAM_ADMIN),
    ("kaoping1", "韦志强", Role.EXAMINER),
    ("kaoping2", "陆晓红", Role.EXAMINER),
    ("kaoping3", "覃建国", Role.EXAMINER),
    ("dudao", "蒙丽华", Role.SUPERVISOR),
    ("mingti", "梁文涛", Role.ITEM_WRITER),
    ("tiku", "潘雪梅", Role.BANK_ADMIN),
    ("zhengshu", "农志刚", Role.CERTIFICATE_OFFICER),
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `kaoping demo`."""
    p = sub.add_parser("demo", help="演示：在新的 SQLite 数据库上运行完整流程并说明各产物的位置")
    p.add_argument("--out", type=Path, help="演示输出目录（默认：新建临时目录）")
    p.set_defaults(run=_run)


@dataclass
class DemoRun:
    """Where the demo writes and who acts in it."""

    out: Path
    env: Env
    admin: Actor


def _run(ctx: Context, args: argparse.Namespace) -> int:
    out: Path = args.out or Path(tempfile.mkdtemp(prefix="kaoping-demo-"))
    out.mkdir(parents=True, exist_ok=True)
    database = out / "kaoping-demo.db"
    if database.exists():
        print(f"错误：{database} 已存在。请指定一个新的 --out 目录。")
        return 2
    env = ctx.make_env(ctx.db or f"sqlite:///{database}")
    print(f"演示数据库：{database}")
    setup.initialise(env, setup.InitialSetup(DEMO_BODY, "admin", "系统管理员（演示）",
                                             DEMO_PASSWORD, DEMO_PASSPHRASE))
    admin = accounts.sign_in(env, "admin", DEMO_PASSWORD)
    print(f"1. 机构信息：{DEMO_BODY.name}（代码 {DEMO_BODY.code}），签名密钥已生成并加密保存。")
    for username, name, role in DEMO_USERS:
        accounts.create_user(env, admin, username, name, DEMO_PASSWORD, [role])
    print(f"2. 用户：admin 及 {len(DEMO_USERS)} 名各角色用户，演示密码均为 {DEMO_PASSWORD}")
    for username, name, role in DEMO_USERS:
        print(f"   {username:<10} {name}  {role.label}")
    occupations = catalogue.list_occupations(env, admin)
    print(f"3. 标准目录：{len(occupations)} 个职业，"
          f"{sum(len(o.directions) for o in occupations)} 个职业方向（未核实的值已标注）。")
    verdict = audit.verify_log(env)
    print(f"4. 审计日志：{verdict.checked} 条记录，哈希链{'完好' if verdict.ok else '异常'}。")
    print(f"完成。打开桌面程序：kaoping --db sqlite:///{database}")
    return 0
