"""`kaoping photos`: candidate photos (考生照片) for a batch, from a folder, a zip or a roster."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kaoping.cli.common import Context, sign_in
from kaoping.services import photos, plans
from kaoping.services.photos import PhotoReport, PhotosRejected


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the photo commands."""
    c = sub.add_parser("photos", help="考生照片").add_subparsers(dest="action", required=True)
    for name, run, text in (
        ("import", _import, "导入照片；有不合格的文件时默认全部不导入"),
        ("check", _check, "只检查照片，不导入"),
    ):
        p = c.add_parser(name, help=text)
        p.add_argument(
            "path",
            type=Path,
            help="照片文件夹或 .zip（文件以证件号码或准考证号命名），或带“照片”列的名册 .xlsx",
        )
        p.add_argument("--batch", required=True, help="批次编号")
        if name == "import":
            p.add_argument(
                "--valid-only", action="store_true", help="只导入合格的照片，不合格的跳过并报告"
            )
        p.add_argument("--user", help="操作用户")
        p.set_defaults(run=run)
    p = c.add_parser("purge", help="保存期满后清除一个批次的全部照片（批次须已颁证）")
    p.add_argument("--batch", required=True, help="批次编号")
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_purge)


def print_report(report: PhotoReport) -> None:
    """The per-file report of a photo check, one problem a line."""
    print(
        f"{report.source}：共 {report.total} 个文件，合格 {report.valid} 个，"
        f"不合格 {len(report.problems)} 个。"
    )
    for problem in report.problems:
        print(f"  {problem}")


def _progress(done: int, total: int) -> bool:
    if total and sys.stderr.isatty():
        print(f"\r检查照片 {done}/{total}", end="", file=sys.stderr)
    return True


def _is_roster(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx"


def _import(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    batch = plans.find_batch(env, actor, args.batch)
    try:
        result = photos.import_photos(
            env,
            actor,
            batch.id,
            args.path,
            valid_only=args.valid_only,
            from_roster=_is_roster(args.path),
            progress=_progress,
        )
    except PhotosRejected as rejected:
        print_report(rejected.report)
        print(f"错误：{rejected}", file=sys.stderr)
        return 1
    print_report(result.report)
    print(
        f"已导入 {result.imported} 张照片到批次 {batch.code}"
        f"（其中 {result.replaced} 张替换了原有照片）。"
    )
    return 0


def _check(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    batch = plans.find_batch(env, actor, args.batch)
    report = photos.check_photos(
        env, actor, batch.id, args.path, from_roster=_is_roster(args.path), progress=_progress
    )
    print_report(report)
    return 1 if report.problems else 0


def _purge(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    batch = plans.find_batch(env, actor, args.batch)
    deleted = photos.purge_batch(env, actor, batch.id)
    print(f"已清除批次 {batch.code} 的 {deleted} 张照片。")
    return 0
