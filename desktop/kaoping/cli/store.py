"""`kaoping store`: the encrypted local store (加密数据库): recovery."""

from __future__ import annotations

import argparse

from kaoping.cli.common import Context, secret


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the store commands."""
    store = sub.add_parser("store", help="加密数据库：恢复访问").add_subparsers(
        dest="action", required=True
    )
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
