"""`kaoping compliance check PATH [--name NAME ...] [--json]`: the compliance check on any file.

Exit codes: 0 clean, 1 something found, 2 the file cannot be read. Everything is checked unless
the holders' names are given: then a PDF page text run that is exactly one of them is exempt.
Reviewed template phrases are not applied here: the check shows everything a file carries.

`kaoping compliance phrases list|propose|confirm|withdraw`: reviewed template phrases;
`kaoping compliance body-name show|confirm`: the basis for a body name with a banned word
(docs/compliance.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kaoping.cli.common import Context, emit_json, sign_in, table
from kaoping.domain.compliance import report_to_json
from kaoping.services import body_name, certificates, compliance
from kaoping.services.ports.certificates import TemplatePhrase

_STATUS = {"pending": "待确认", "confirmed": "已确认", "withdrawn": "已撤回"}


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
    _register_phrases(actions)
    _register_body_name(actions)


def _register_body_name(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = actions.add_parser(
        "body-name", help="机构名称含禁用字样时的依据：查看、由质量督导员确认"
    )
    steps = group.add_subparsers(dest="step", required=True)
    show = steps.add_parser("show", help="查看机构名称的依据及确认情况")
    confirm = steps.add_parser("confirm", help="质量督导员确认机构名称的依据（不能是登记人本人）")
    for parser in (show, confirm):
        parser.add_argument("--user", help="操作用户（密码取自 KAOPING_PASSWORD 或提示输入）")
    show.set_defaults(run=_body_name_show)
    confirm.set_defaults(run=_body_name_confirm)


def _body_name_show(ctx: Context, args: argparse.Namespace) -> int:
    basis = body_name.name_basis(ctx.env(), sign_in(ctx, args.user))
    if basis is None:
        print("机构名称不含禁用字样，或尚未登记依据。")
    elif basis.confirmed_by:
        print(f"“{basis.name}”的依据已由 {basis.confirmed_by} 确认：{basis.basis}")
    else:
        print(f"“{basis.name}”的依据待质量督导员确认（登记人 {basis.recorded_by}）：{basis.basis}")
    return 0


def _body_name_confirm(ctx: Context, args: argparse.Namespace) -> int:
    basis = body_name.confirm_name_basis(ctx.env(), sign_in(ctx, args.user))
    print(f"已确认“{basis.name}”的依据；证书的评价机构处可使用该名称。")
    return 0


def _register_phrases(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    phrases = actions.add_parser(
        "phrases", help="模板字样复核：证书管理员提请、质量督导员确认后，该模板版本的该字样不再拦截"
    )
    steps = phrases.add_subparsers(dest="step", required=True)
    listing = steps.add_parser("list", help="列出当前证书模板中含禁用字样的固定文字及复核情况")
    propose = steps.add_parser("propose", help="证书管理员提请复核一条字样（须写明理由）")
    propose.add_argument("phrase", help="字样，须与 list 所列完全一致")
    propose.add_argument("--reason", required=True, help="理由：为什么该字样不是禁用的称谓或声称")
    confirm = steps.add_parser("confirm", help="质量督导员确认一条复核（不能是提请人本人）")
    confirm.add_argument("id", type=int, help="复核编号")
    withdraw = steps.add_parser("withdraw", help="撤回一条复核；该字样重新按禁用字样拦截")
    withdraw.add_argument("id", type=int, help="复核编号")
    withdraw.add_argument("--reason", default="", help="撤回理由")
    for parser in (listing, propose, confirm, withdraw):
        parser.add_argument("--user", help="操作用户（密码取自 KAOPING_PASSWORD 或提示输入）")
    listing.set_defaults(run=_phrases_list)
    propose.set_defaults(run=_phrases_propose)
    confirm.set_defaults(run=_phrases_confirm)
    withdraw.set_defaults(run=_phrases_withdraw)


def _review_cells(review: TemplatePhrase) -> list[str]:
    decided = f"{review.decided_by}" if review.decided_by else ""
    return [
        str(review.id),
        review.phrase,
        review.words,
        _STATUS.get(review.status, review.status),
        review.proposed_by,
        decided,
        review.reason,
    ]


def _phrases_list(ctx: Context, args: argparse.Namespace) -> int:
    review = certificates.phrase_review(ctx.env(), sign_in(ctx, args.user))
    print(f"当前证书模板版本（SHA-256）：{review.template_sha256}")
    if not review.flagged:
        print("当前证书模板的固定文字中没有禁用字样。")
    for flagged in review.flagged:
        state = flagged.review
        status = f"{_STATUS[state.status]}（编号 {state.id}）" if state else "未复核，签发时拦截"
        print(f"  “{flagged.phrase}”含“{flagged.words}”（{flagged.place}）：{status}")
    if review.reviews:
        print("本模板版本的复核记录：")
        headers = ["编号", "字样", "禁用字样", "状态", "提请人", "确认/撤回人", "理由"]
        table([_review_cells(r) for r in review.reviews], headers)
    return 0


def _phrases_propose(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    phrase_id = certificates.propose_phrase(ctx.env(), actor, args.phrase, args.reason)
    print(f"已提请复核“{args.phrase}”（编号 {phrase_id}），须由另一位质量督导员确认后才生效。")
    return 0


def _phrases_confirm(ctx: Context, args: argparse.Namespace) -> int:
    certificates.confirm_phrase(ctx.env(), sign_in(ctx, args.user), args.id)
    print(f"已确认字样复核（编号 {args.id}）；仅对当前证书模板版本有效，模板修改后须重新复核。")
    return 0


def _phrases_withdraw(ctx: Context, args: argparse.Namespace) -> int:
    certificates.withdraw_phrase(ctx.env(), sign_in(ctx, args.user), args.id, args.reason)
    print(f"已撤回字样复核（编号 {args.id}）；该字样重新按禁用字样拦截。")
    return 0


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
