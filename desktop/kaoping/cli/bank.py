"""`kaoping bank …` (题库) and `kaoping paper …` (组卷、启封、打印).

Commands that touch item content unlock the bank with the acting user's own password (the one
given for `--user`, from KAOPING_PASSWORD or a prompt); the key stays in this process's memory.
Opening a paper asks for two different openers: `--user` and `--second-user`, with passwords from
KAOPING_PASSWORD and KAOPING_SECOND_PASSWORD or prompts.
"""

from __future__ import annotations

import argparse
import os
from collections import defaultdict
from pathlib import Path

from kaoping.cli.common import Context, emit_json, secret, table
from kaoping.domain.assembly import WeightKind
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import KaopingError, ValidationError
from kaoping.fileio import write_atomically
from kaoping.services import accounts, bank, papers
from kaoping.services.base import Actor
from kaoping.services.papers import AssemblyRequest, Credential
from kaoping.services.ports.bank import OpenedPaper


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `bank` and `paper` commands."""
    group = sub.add_parser("bank", help="题库：初始化、导入、统计").add_subparsers(
        dest="action", required=True
    )
    p = group.add_parser("init", help="首位题库管理员初始化题库密钥")
    p.add_argument("--user", help="操作用户（题库管理员）")
    p.set_defaults(run=_init)
    p = group.add_parser("import", help="从 Excel 模板或 JSON 文件导入试题（全部成功才写入）")
    p.add_argument("file", type=Path)
    p.add_argument("--user", help="操作用户")
    p.add_argument("--partial", action="store_true", help="有错误行时仍导入正确的行")
    p.add_argument("--approve", action="store_true", help="导入为已审核（仅题库管理员）")
    p.set_defaults(run=_import)
    p = group.add_parser("template", help="生成空白的 Excel 导入模板")
    p.add_argument("file", type=Path)
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_template)
    p = group.add_parser("stats", help="按职业、等级、知识领域统计题量")
    p.add_argument("--user", help="操作用户")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_stats)

    group = sub.add_parser("paper", help="试卷：组卷封存、启封、打印、导出").add_subparsers(
        dest="action", required=True
    )
    p = group.add_parser("assemble", help="按权重表组卷并封存")
    p.add_argument("--occupation", required=True, help="职业编码，如 2-02-10-09")
    p.add_argument("--level", required=True, help="初级、中级或高级")
    p.add_argument("--count", type=int, required=True, help="题量")
    p.add_argument("--session", type=int, required=True, help="场次编号")
    p.add_argument(
        "--kind",
        choices=[k.value for k in WeightKind],
        default="theory",
        help="theory=理论知识，practical=专业能力",
    )
    p.add_argument("--direction", default="", help="职业方向（默认取场次所属计划）")
    p.add_argument("--seed", type=int, help="固定抽题种子（可复现）")
    p.add_argument("--user", help="操作用户（题库管理员）")
    p.set_defaults(run=_assemble)
    for verb, helptext in (
        ("open", "两人启封试卷（只核对，不输出内容）"),
        ("print", "两人启封并打印试卷 PDF"),
    ):
        p = group.add_parser(verb, help=helptext)
        p.add_argument("paper", help="试卷编号（SJ…）")
        p.add_argument("--session", type=int, required=True, help="场次编号（须与试卷一致）")
        p.add_argument("--user", help="第一位启封人（KAOPING_PASSWORD）")
        p.add_argument(
            "--second-user", required=True, help="第二位启封人（KAOPING_SECOND_PASSWORD）"
        )
        p.add_argument("--purpose", required=True, help="用途，记入审计日志")
        if verb == "print":
            p.add_argument("--out", type=Path, required=True, help="PDF 输出文件")
            p.add_argument("--answers", action="store_true", help="打印参考答案（另一份 PDF）")
        p.set_defaults(run=_open if verb == "open" else _print)
    p = group.add_parser("export", help="导出封存试卷文件（随考点数据包离线启封）")
    p.add_argument("paper")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_export)
    p = group.add_parser("import", help="导入封存试卷文件")
    p.add_argument("file", type=Path)
    p.add_argument("--user", help="操作用户")
    p.set_defaults(run=_import_paper)


def _signed_in(ctx: Context, username: str | None) -> tuple[Actor, str]:
    name = username or os.environ.get("KAOPING_USER")
    if not name:
        raise ValidationError(
            "请用 --user 指定操作用户（或设置环境变量 KAOPING_USER）", field="--user"
        )
    password = secret("KAOPING_PASSWORD", f"用户 {name} 的密码")
    return accounts.sign_in(ctx.env(), name, password), password


def _init(ctx: Context, args: argparse.Namespace) -> int:
    actor, password = _signed_in(ctx, args.user)
    bank.initialise_bank(ctx.env(), actor, password)
    print("题库密钥已创建，您持有第一份副本。请在“题库 → 授权管理”中为其他题库人员授权。")
    return 0


def _import(ctx: Context, args: argparse.Namespace) -> int:
    actor, password = _signed_in(ctx, args.user)
    env = ctx.env()
    unlock = bank.unlock_bank(env, actor, password)
    report = bank.import_items(
        env, actor, unlock, args.file, all_or_nothing=not args.partial, approve=args.approve
    )
    for problem in report.problems:
        print(str(problem))
    if report.problems and not args.partial:
        print(
            f"共 {len({p.row for p in report.problems})} 行有错误，未导入任何试题；"
            "请改正后重新导入，或加 --partial 只导入正确的行。"
        )
        return 1
    print(f"已导入 {report.imported} 道试题（共读到 {report.total} 行）。")
    return 0


def _template(ctx: Context, args: argparse.Namespace) -> int:
    actor, _ = _signed_in(ctx, args.user)
    bank.write_import_template(ctx.env(), actor, args.file)
    print(f"已生成导入模板：{args.file}")
    return 0


def _stats(ctx: Context, args: argparse.Namespace) -> int:
    actor, _ = _signed_in(ctx, args.user)
    rows = bank.bank_stats(ctx.env(), actor)
    if args.json:
        emit_json(
            [
                {
                    "occupation": r.occupation_code,
                    "level": r.level.value,
                    "knowledge_area": r.knowledge_area,
                    "status": r.status.value,
                    "count": r.count,
                }
                for r in rows
            ]
        )
        return 0
    grouped: dict[tuple[str, str, str], dict[str, int]] = defaultdict(dict)
    for row in rows:
        grouped[(row.occupation_code, row.level.label, row.knowledge_area)][row.status.label] = (
            row.count
        )
    table(
        [
            [
                occ,
                level,
                area,
                str(c.get("草稿", 0)),
                str(c.get("已审核", 0)),
                str(c.get("已停用", 0)),
            ]
            for (occ, level, area), c in sorted(grouped.items())
        ],
        ["职业", "等级", "知识领域", "草稿", "已审核", "已停用"],
    )
    return 0


def _level(text: str) -> Level:
    try:
        return Level.from_label(text)
    except ValueError as error:
        raise ValidationError(str(error), field="--level") from error


def _assemble(ctx: Context, args: argparse.Namespace) -> int:
    actor, password = _signed_in(ctx, args.user)
    env = ctx.env()
    unlock = bank.unlock_bank(env, actor, password)
    request = AssemblyRequest(
        args.occupation,
        _level(args.level),
        args.count,
        args.session,
        WeightKind(args.kind),
        args.direction,
        seed=args.seed,
    )
    outcome = papers.assemble_paper(env, actor, request)
    if outcome.paper is None:
        print(outcome.explanation)
        return 1
    openers = papers.seal_paper(env, actor, unlock, outcome.paper.paper_id)
    print(
        f"已组卷并封存：试卷 {outcome.paper.code}，{args.count} 题，"
        f"平均难度 {outcome.result.mean_difficulty:.2f}，种子 {outcome.paper.seed}。"
    )
    if outcome.explanation:
        print(f"提示：{outcome.explanation}")
    print(f"可启封人（任意两位同时在场）：{'、'.join(openers)}")
    return 0


def _opened(ctx: Context, args: argparse.Namespace) -> tuple[Actor, OpenedPaper]:
    actor, password = _signed_in(ctx, args.user)
    env = ctx.env()
    paper = papers.find_paper(env, actor, args.paper)
    if paper.session_id != args.session:
        raise ValidationError(
            f"试卷 {paper.code} 属于场次 {paper.session_id}"
            f"（{paper.session_code}），不是场次 {args.session}",
            field="--session",
        )
    second = Credential(
        args.second_user,
        secret("KAOPING_SECOND_PASSWORD", f"第二位启封人 {args.second_user} 的密码"),
    )
    opened = papers.open_paper(
        env, actor, paper.paper_id, Credential(actor.username, password), second, args.purpose
    )
    return actor, opened


def _open(ctx: Context, args: argparse.Namespace) -> int:
    _, opened = _opened(ctx, args)
    print(
        f"试卷 {opened.code} 已由两人启封：{opened.title}，共 {len(opened.items)} 题"
        f"（场次 {opened.session_code}）。内容未输出；需要纸质试卷请用 kaoping paper print。"
    )
    return 0


def _print(ctx: Context, args: argparse.Namespace) -> int:
    actor, opened = _opened(ctx, args)
    if args.out.exists():
        raise KaopingError(f"输出文件已存在：{args.out}，请换一个文件名")
    pdf = papers.print_paper(ctx.env(), actor, opened, args.purpose, answer_key=args.answers)
    try:
        write_atomically(args.out, pdf, overwrite=False)
    except FileExistsError:
        raise KaopingError(f"输出文件已存在：{args.out}，请换一个文件名") from None
    what = "参考答案" if args.answers else "试卷"
    print(f"已输出{what} PDF：{args.out}（每页带有场次、打印人和时间水印）")
    return 0


def _export(ctx: Context, args: argparse.Namespace) -> int:
    actor, _ = _signed_in(ctx, args.user)
    env = ctx.env()
    paper = papers.find_paper(env, actor, args.paper)
    write_atomically(args.out, papers.export_sealed_paper(env, actor, paper.paper_id))
    print(f"已导出封存试卷 {paper.code}：{args.out}")
    return 0


def _import_paper(ctx: Context, args: argparse.Namespace) -> int:
    actor, _ = _signed_in(ctx, args.user)
    paper = papers.import_sealed_paper(ctx.env(), actor, args.file.read_bytes())
    print(
        f"已导入封存试卷 {paper.code}（场次 {paper.session_code}），须两位启封人在启封时间内开启。"
    )
    return 0
