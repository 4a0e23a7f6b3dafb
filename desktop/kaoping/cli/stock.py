"""`kaoping certificate stock ...`: printing onto pre-printed stock (套打) without the desktop.

Layouts go in and out as JSON files; the calibration page and the data-only sheets are written
as PDF files (a print to a file is logged and counted like any print).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kaoping.cli.common import Context, emit_json, sign_in, table
from kaoping.domain.beijing import beijing
from kaoping.domain.certificates import certificate_file_name
from kaoping.domain.errors import NotFound, ValidationError
from kaoping.domain.stock_layout import (
    CALIBRATION_MARKS,
    Calibration,
    PrintKind,
    StockLayout,
    calibration_from_marks,
)
from kaoping.fileio import write_atomically
from kaoping.services import certificates
from kaoping.services.base import Actor, Env

MAX_LAYOUT_FILE = 256 * 1024
MAX_SCAN_FILE = 20 * 1024 * 1024


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `certificate stock` and its steps."""
    group = actions.add_parser("stock", help="套打：证书纸版式、打印机校准、套打到 PDF、打印记录")
    steps = group.add_subparsers(dest="step", required=True)
    p = steps.add_parser("layouts", help="列出套打版式")
    p.add_argument("--json", action="store_true")
    _user(p)
    p.set_defaults(run=_layouts)
    p = steps.add_parser("import", help="导入套打版式（JSON；同名版式被替换）")
    p.add_argument("file", type=Path, help="版式文件（.json）")
    p.add_argument("--scan", type=Path, help="空白证书纸的扫描图（PNG/JPEG，只用于屏幕上对位）")
    _user(p)
    p.set_defaults(run=_import)
    p = steps.add_parser("export", help="导出套打版式为 JSON")
    p.add_argument("layout", help="版式名称")
    p.add_argument("--out", type=Path, required=True, help="输出文件")
    _user(p)
    p.set_defaults(run=_export)
    p = steps.add_parser(
        "calibrate", help="保存打印机校准：直接给出校准值，或给出十字线 A、C 的测量值"
    )
    p.add_argument("printer", help="打印机名称")
    for name, what in (("--dx", "水平偏移（毫米）"), ("--dy", "垂直偏移（毫米）")):
        p.add_argument(name, type=float, default=0.0, help=what)
    for name, what in (("--sx", "水平缩放"), ("--sy", "垂直缩放")):
        p.add_argument(name, type=float, default=1.0, help=what)
    p.add_argument("--measured-a", help="十字线 A 的测量位置“x,y”（毫米，从纸张左边、上边量起）")
    p.add_argument("--measured-c", help="十字线 C 的测量位置“x,y”")
    _user(p)
    p.set_defaults(run=_calibrate)
    p = steps.add_parser("calibration-page", help="把打印机校准页写成 PDF（按实际大小打印）")
    p.add_argument("--printer", default="", help="打印机名称（印在页上）")
    p.add_argument("--out", type=Path, required=True, help="输出文件")
    _user(p)
    p.set_defaults(run=_calibration_page)
    p = steps.add_parser("print", help="把证书数据套打成 PDF（记入打印记录；重打须 --reason）")
    p.add_argument("numbers", nargs="+", help="证书编号")
    p.add_argument("--layout", required=True, help="版式名称")
    p.add_argument(
        "--printer", default="PDF", help="按此打印机的校准值修正位置（默认 PDF：不修正）"
    )
    p.add_argument("--reason", default="", help="重打原因")
    p.add_argument("--out", type=Path, required=True, help="目标目录")
    _user(p)
    p.set_defaults(run=_print)
    p = steps.add_parser("log", help="打印记录（首次/重打、打印机、证书纸、原因）")
    p.add_argument("number", nargs="?", help="只列这张证书的记录")
    p.add_argument("--json", action="store_true")
    _user(p)
    p.set_defaults(run=_log)


def _user(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", help="操作用户（密码取自 KAOPING_PASSWORD 或提示输入）")


def _read_limited(path: Path, limit: int, what: str) -> bytes:
    """At most `limit` + 1 bytes: enough for the services to refuse a file that is too large."""
    try:
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except OSError as error:
        raise ValidationError(
            f"无法读取{what} {path}：{error.strerror or error}", field=what
        ) from None


def _layout_named(env: Env, actor: Actor, name: str) -> StockLayout:
    for layout in certificates.stock_layouts(env, actor):
        if layout.name == name.strip():
            return layout
    raise NotFound(
        f"没有名为“{name}”的套打版式；用 certificate stock layouts 查看", field="版式名称"
    )


def _layouts(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    layouts = certificates.stock_layouts(ctx.env(), actor)
    if args.json:
        emit_json(
            [
                {
                    "id": x.id,
                    "name": x.name,
                    "fields": [f.key for f in x.fields],
                    "scan": x.has_scan,
                }
                for x in layouts
            ]
        )
        return 0
    table(
        [
            [
                x.name,
                f"{x.page_width:g}×{x.page_height:g}",
                str(len(x.fields)),
                "有" if x.has_scan else "无",
            ]
            for x in layouts
        ],
        ["名称", "纸张（毫米）", "字段数", "扫描图"],
    )
    return 0


def _import(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    layout = certificates.import_stock_layout(
        env, actor, _read_limited(args.file, MAX_LAYOUT_FILE, "版式文件")
    )
    if args.scan:
        scan = _read_limited(args.scan, MAX_SCAN_FILE, "扫描图")
        layout = certificates.save_stock_layout(env, actor, layout, scan)
    print(f"已保存套打版式“{layout.name}”（{len(layout.fields)} 个字段）")
    return 0


def _export(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    layout = _layout_named(env, actor, args.layout)
    write_atomically(args.out, certificates.export_stock_layout(env, actor, layout.id))
    print(f"已导出套打版式“{layout.name}”到 {args.out}")
    return 0


def _point(text: str, what: str) -> tuple[float, float]:
    try:
        x, y = (float(part) for part in text.replace("，", ",").split(","))
    except ValueError:
        raise ValidationError(f"{what}应写成“x,y”（毫米），例如 20.5,19.8", field=what) from None
    return x, y


def _calibrate(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    if bool(args.measured_a) != bool(args.measured_c):
        raise ValidationError("--measured-a 和 --measured-c 须同时给出", field="校准")
    if args.measured_a:
        a, c = CALIBRATION_MARKS[0], CALIBRATION_MARKS[2]
        calibration = calibration_from_marks(
            args.printer,
            a,
            c,
            _point(args.measured_a, "十字线 A 的测量值"),
            _point(args.measured_c, "十字线 C 的测量值"),
        )
    else:
        calibration = Calibration(args.printer, args.dx, args.dy, args.sx, args.sy)
    saved = certificates.save_printer_calibration(ctx.env(), actor, calibration)
    print(
        f"已保存打印机“{saved.printer}”的校准：dx {saved.dx:+.2f} 毫米，dy {saved.dy:+.2f} 毫米，"
        f"sx {saved.sx:.4f}，sy {saved.sy:.4f}"
    )
    return 0


def _calibration_page(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    write_atomically(args.out, certificates.calibration_page(ctx.env(), actor, args.printer))
    print(f"已写出校准页 {args.out}；请按实际大小打印，不要“适合页面”")
    return 0


def _print(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    layout = _layout_named(env, actor, args.layout)
    jobs = certificates.print_on_stock(
        env, actor, args.numbers, args.printer, layout.id, args.reason
    )
    args.out.mkdir(parents=True, exist_ok=True)
    for job in jobs:
        name = certificate_file_name(job.number).removesuffix(".pdf") + "-stock.pdf"
        write_atomically(args.out / name, job.pdf)
    again = sum(1 for j in jobs if j.reprint)
    print(f"已套打 {len(jobs)} 张（其中重打 {again} 张）到 {args.out}")
    return 0


def _log(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    records = certificates.print_log(ctx.env(), actor, args.number)
    if args.json:
        emit_json(
            [
                {
                    "number": r.number,
                    "printed_at": r.printed_at.isoformat(),
                    "printed_by": r.printed_by,
                    "printer": r.printer,
                    "stock": r.stock,
                    "kind": r.kind,
                    "reason": r.reason,
                }
                for r in records
            ]
        )
        return 0
    table(
        [
            [
                r.number,
                beijing(r.printed_at).strftime("%Y-%m-%d %H:%M"),
                r.printed_by,
                r.printer,
                r.stock or "整张证书",
                PrintKind.LABELS.get(r.kind, r.kind),
                r.reason,
            ]
            for r in records
        ],
        ["证书编号", "时间", "操作人", "打印机", "证书纸", "类别", "重打原因"],
    )
    return 0
