"""`kaoping store`: the encrypted local store (加密数据库): converting a plain one, recovery."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kaoping.cli.common import Context, secret, show_recovery
from kaoping.domain.errors import KaopingError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the store commands."""
    store = sub.add_parser("store", help="加密数据库：加密现有数据库、恢复访问").add_subparsers(
        dest="action", required=True
    )
    e = store.add_parser(
        "encrypt",
        help="把未加密的数据库就地转为加密数据库（先关闭所有考评程序；系统管理员操作）",
    )
    e.add_argument("--user", help="系统管理员用户名（密码取自 KAOPING_PASSWORD 或提示输入）")
    e.add_argument(
        "--recovery-sheet", type=Path, help="把新的恢复密钥单（PDF）保存到此处（打印后删除）"
    )
    e.set_defaults(run=_encrypt)
    r = store.add_parser(
        "recover",
        help="所有密码都遗忘时：用恢复密钥（KAOPING_RECOVERY_KEY）为一位系统管理员设置新密码"
        "（KAOPING_NEW_PASSWORD）",
    )
    r.add_argument("--user", required=True, help="要设置新密码的系统管理员用户名")
    r.set_defaults(run=_recover)


def _recover(ctx: Context, args: argparse.Namespace) -> int:
    recovery = secret("KAOPING_RECOVERY_KEY", "恢复密钥")
    password = secret("KAOPING_NEW_PASSWORD", f"系统管理员 {args.user} 的新密码")
    ctx.gate().recover(recovery, args.user, password)
    print(
        f"已用恢复密钥为系统管理员 {args.user} 设置新密码，账号锁定已解除。"
        "请用新密码登录，再为其他用户重置密码。"
    )
    return 0


def _encrypt(ctx: Context, args: argparse.Namespace) -> int:
    name = args.user or os.environ.get("KAOPING_USER")
    if not name:
        raise KaopingError("请用 --user 指定系统管理员（或设置环境变量 KAOPING_USER）。")
    gate = ctx.gate()
    report = gate.encrypt(name, secret("KAOPING_PASSWORD", f"用户 {name} 的密码"))
    print(
        f"已加密：{report.database}（{report.tables} 张表、{report.rows} 行逐表核对一致，"
        f"审计日志 {report.audit_entries} 条哈希链完好）；原未加密文件已覆写并删除。"
    )
    print(
        f"{name} 的密码现在可以打开数据库；其他用户在数据库已打开时（由 {name} 登录后切换账号）"
        "登录一次，即可用自己的密码打开。"
    )
    recovery = gate.recovery_key()
    if recovery:
        show_recovery(gate, recovery, args.recovery_sheet)
    return 0
