"""Argument parsing and dispatch for the `kaoping` command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from kaoping import __version__
from kaoping.cli import (
    admin,
    bank,
    calendar_years,
    certificates,
    compliance,
    demo,
    exchange,
    intake,
    photos,
    plans,
    scores,
    sessions,
    store,
)
from kaoping.cli.common import Context, EnvFactory
from kaoping.domain.errors import KaopingError

COMMAND_GROUPS = (
    admin,
    store,
    demo,
    plans,
    intake,
    photos,
    scores,
    sessions,
    certificates,
    compliance,
    exchange,
    calendar_years,
    bank,
)


def build_parser() -> argparse.ArgumentParser:
    """The full parser; each command module registers its own subcommands."""
    parser = argparse.ArgumentParser(
        prog="kaoping",
        description="考评 Kaoping：评价机构考核、题库、考点与证书管理。不带参数运行时打开桌面程序。",
    )
    parser.add_argument(
        "--db",
        help=(
            "数据库 URL（默认：用户数据目录中的加密数据库；也可用 KAOPING_DB）。"
            "sqlite:///路径 为未加密的文件（已加密的文件照常打开），"
            "sqlite+pysqlcipher:///路径 为加密文件"
        ),
    )
    parser.add_argument(
        "--allow-insecure-db",
        action="store_true",
        help="允许不经 TLS 连接非本机的 PostgreSQL（仅限受控网络；也可设 KAOPING_ALLOW_INSECURE_PG=1）",
    )
    parser.add_argument("--version", action="version", version=f"kaoping {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for group in COMMAND_GROUPS:
        group.register(sub)
    return parser


def run(argv: Sequence[str], make_env: EnvFactory) -> int:
    """Parse and run one command; returns the exit code.

    Errors meant for people print as one clear line on stderr (exit 2 for bad input, 1 otherwise is
    left to each command's own verdicts).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    if args.allow_insecure_db:
        # Read where the URL is checked (storage.engine.check_server_tls), for this run only.
        os.environ["KAOPING_ALLOW_INSECURE_PG"] = "1"
    ctx = Context(db=args.db or os.environ.get("KAOPING_DB") or None, make_env=make_env)
    try:
        code: int = args.run(ctx, args)
    except KaopingError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    return code
