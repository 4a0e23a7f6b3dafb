"""`kaoping compliance check PATH [--name NAME ...] [--json]`: the compliance check on any file.

Exit codes: 0 clean, 1 something found, 2 the file cannot be read. Everything is checked unless
the holders' names are given: then a PDF page text run that is exactly one of them is exempt.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kaoping.cli.common import Context, emit_json
from kaoping.domain.compliance import report_to_json
from kaoping.services import compliance


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the compliance commands."""
    group = sub.add_parser("compliance", help="证书合规检查（禁用字样、未登记图片）")
    actions = group.add_subparsers(dest="action", required=True)
    check = actions.add_parser(
        "check", help="检查 PDF 或 UTF-8 文本文件：无问题退出码 0，发现问题 1，文件无法读取 2"
    )
    check.add_argument("path", type=Path, help="PDF 文件或 UTF-8 文本文件")
    check.add_argument(
        "--name",
        dest="names",
        action="append",
        default=[],
        metavar="姓名",
        help="证书持有人的姓名（可重复）：PDF 正文中单独成段且与之完全相同的文字不按禁用字样处理",
    )
    check.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    check.set_defaults(run=_check)


def _check(ctx: Context, args: argparse.Namespace) -> int:
    report = compliance.check_file(ctx.env(), args.path, tuple(args.names))
    if args.json:
        emit_json(report_to_json(report))
    elif report.ok:
        print(f"{args.path.name}：未发现禁用字样或未登记图片。")
    else:
        print(f"{args.path.name}：发现 {len(report.findings)} 处问题，不得签发、保存或打印：")
        for finding in report.findings:
            print(f"  [{finding.rule}] {finding.message()}")
    return 0 if report.ok else 1
