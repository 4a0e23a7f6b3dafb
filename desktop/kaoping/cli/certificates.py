"""`kaoping certificate ...`, `kaoping assets ...` and `kaoping approval ...`.

`certificate verify` exits 0 for a valid certificate, 1 for an invalid one, 2 when the file
cannot be read and 3 when the signature is valid but the revocation status cannot be known (no
current revocation list, and not the issuing body's database); it needs no sign-in, as anyone
holding a certificate may check it.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from kaoping.cli import exchange as exchange_cli
from kaoping.cli import stock as stock_cli
from kaoping.cli.common import Context, emit_json, secret, sign_in, table
from kaoping.domain.certificates import (
    CertificateStatus,
    RevocationCategory,
    category_label,
    certificate_file_name,
)
from kaoping.domain.errors import ValidationError
from kaoping.domain.scoring import ResultStatus
from kaoping.fileio import write_atomically
from kaoping.services import certificates, verification
from kaoping.services.base import Actor

_PASSPHRASE_ENV = "KAOPING_KEY_PASSPHRASE"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the certificate, asset and approval commands."""
    _register_certificate(sub)
    _register_assets(sub)
    _register_approval(sub)


def _user(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", help="操作用户（密码取自 KAOPING_PASSWORD 或提示输入）")


def _register_certificate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("certificate", help="证书：签发、查询、撤销、补发、核验")
    actions = group.add_subparsers(dest="action", required=True)
    p = actions.add_parser(
        "issue",
        help="为批次中成绩合格且审核通过的考生签发证书"
        f"（签名密钥口令取自 {_PASSPHRASE_ENV} 或提示输入）",
    )
    p.add_argument("--batch", required=True, help="批次编号")
    p.add_argument("--candidate", type=int, action="append", help="只为这些报名号签发（可多次）")
    p.add_argument(
        "--out",
        type=Path,
        help="把签发的 PDF 保存到此目录；本批次已签发而该目录中缺少的证书 PDF 也会补写",
    )
    _user(p)
    p.set_defaults(run=_issue)
    p = actions.add_parser("list", help="列出批次的证书")
    p.add_argument("--batch", required=True, help="批次编号")
    p.add_argument("--json", action="store_true")
    _user(p)
    p.set_defaults(run=_list)
    for verb, helptext in (
        ("revoke", "撤销证书（如冒名顶替、虚假承诺）；撤销不能通过补发撤回"),
        ("void", "作废证书（如打印污损），编号不再使用"),
    ):
        p = actions.add_parser(verb, help=helptext)
        p.add_argument("number", help="证书编号")
        p.add_argument("--reason", required=True, help="原因（留存在本机构，不对外公开）")
        if verb == "revoke":
            p.add_argument(
                "--category",
                default=RevocationCategory.OTHER.value,
                help="撤销类别，核验时对外显示："
                + "、".join(
                    f"{c.value}（{c.label}）" for c in RevocationCategory.chosen_by_officer()
                ),
            )
        _user(p)
        p.set_defaults(run=_end, verb=verb)
    _register_reversal(actions)
    stock_cli.register(actions)
    p = actions.add_parser("reissue", help="补发证书：新编号，注明所补发的原证书")
    p.add_argument("number", help="原证书编号")
    p.add_argument("--reason", required=True, help="补发原因")
    p.add_argument("--out", type=Path, help="把新证书 PDF 保存到此目录")
    _user(p)
    p.set_defaults(run=_reissue)
    p = actions.add_parser("export", help="把证书 PDF 保存到目录（保存前再做合规检查）")
    p.add_argument("numbers", nargs="+", help="证书编号")
    p.add_argument("--out", type=Path, required=True, help="目标目录")
    _user(p)
    p.set_defaults(run=_export)
    p = actions.add_parser("revocations", help="导出签名的吊销列表（JSON），供离线核验使用")
    p.add_argument("--out", type=Path, required=True, help="输出文件")
    _user(p)
    p.set_defaults(run=_revocations)
    p = actions.add_parser("settings", help="查看或修改证书设置（修改需系统管理员）")
    p.add_argument(
        "--revocation-list-days",
        type=int,
        help="吊销列表的有效天数：签发后超过这些天，离线核验不再据此判定撤销状态（默认 7）",
    )
    p.add_argument(
        "--workers",
        type=int,
        help="批量签发时同时生成、检查并签名证书的进程数：0 表示每个处理器核一个（默认），"
        "1 表示不另开进程",
    )
    _user(p)
    p.set_defaults(run=_settings)
    p = actions.add_parser(
        "verify",
        help="核验证书 PDF 或二维码照片：有效 0，无效 1，无法读取 2，签名有效但撤销状态未知 3",
    )
    p.add_argument("file", type=Path, nargs="?", help="证书 PDF 文件")
    p.add_argument("--qr", type=Path, help="证书二维码的照片或扫描件（PNG/JPEG）")
    p.add_argument(
        "--number",
        help="按证书编号查询（与 --name 一起，由本机构数据库回答：有效 0，已撤销或作废 1，"
        "查无此证 4，姓名不符 5，非本机构编号 6）",
    )
    p.add_argument("--name", help="持证人姓名（与 --number 一起用）")
    p.add_argument("--crl", type=Path, help="吊销列表文件（离线核验时使用，代替本机数据库）")
    p.add_argument(
        "--cert",
        type=Path,
        action="append",
        help="可信的评价机构证书 PEM（可多次；默认使用本机数据库中的机构证书）",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_verify)


def _register_reversal(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = actions.add_parser(
        "reversal", help="撤销复原：证书管理员提出，另一位质量督导员确认后证书恢复有效"
    )
    steps = group.add_subparsers(dest="step", required=True)
    p = steps.add_parser("propose", help="提出撤销复原（证书管理员）")
    p.add_argument("number", help="已撤销的证书编号")
    p.add_argument("--reason", required=True, help="撤销有误的理由（如复核结论、文号）")
    _user(p)
    p.set_defaults(run=_reversal_propose)
    p = steps.add_parser("list", help="列出撤销复原（默认只列待确认的）")
    p.add_argument("--all", action="store_true", help="也列出已确认和已驳回的")
    _user(p)
    p.set_defaults(run=_reversal_list)
    p = steps.add_parser("confirm", help="确认撤销复原（质量督导员，不能是提出人）")
    p.add_argument("id", type=int, help="撤销复原编号（reversal list 中显示）")
    _user(p)
    p.set_defaults(run=_reversal_confirm)
    p = steps.add_parser("reject", help="驳回撤销复原（质量督导员），证书保持撤销")
    p.add_argument("id", type=int, help="撤销复原编号")
    p.add_argument("--note", required=True, help="驳回理由")
    _user(p)
    p.set_defaults(run=_reversal_reject)


def _register_assets(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("assets", help="证书图片登记：印章、机构标识（登记前比对国徽/徽标）")
    actions = group.add_subparsers(dest="action", required=True)
    p = actions.add_parser("register", help="登记批准使用的证书图片")
    p.add_argument("file", type=Path, help="图片文件（PNG/JPEG）")
    p.add_argument("--name", required=True, help="图片名称，如 机构印章")
    p.add_argument(
        "--kind",
        choices=sorted(certificates.ASSET_KINDS),
        default="seal",
        help="类别：seal 印章（登记后即用于新证书）、logo 标识、photo 照片",
    )
    _user(p)
    p.set_defaults(run=_asset_register)
    p = actions.add_parser("list", help="列出登记的图片")
    _user(p)
    p.set_defaults(run=_asset_list)
    p = actions.add_parser("withdraw", help="撤回图片的批准（仍使用它的证书将无法签发和打印）")
    p.add_argument("sha256", help="图片的像素哈希（assets list 中显示）")
    _user(p)
    p.set_defaults(run=_asset_withdraw)


def _register_approval(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("approval", help="登记审核结果（审核通过后 30 日内须颁发证书）")
    actions = group.add_subparsers(dest="action", required=True)
    for verb, helptext in (("record", "登记审核通过"), ("reject", "登记审核未通过")):
        p = actions.add_parser(verb, help=helptext)
        p.add_argument("--batch", required=True, help="批次编号")
        who = p.add_mutually_exclusive_group(required=True)
        who.add_argument(
            "--all", action="store_true", help="批次中所有成绩合格且尚未登记审核结果的考生"
        )
        who.add_argument("--candidate", type=int, action="append", help="报名号（可多次）")
        p.add_argument("--reference", required=True, help="审核结果的文号")
        p.add_argument(
            "--date",
            type=date.fromisoformat,
            default=None,
            help="审核通过日期 YYYY-MM-DD（默认今天）",
        )
        if verb == "reject":
            p.add_argument("--reason", required=True, help="未通过的原因")
        _user(p)
        p.set_defaults(run=_approval, verb=verb)
    exchange_cli.approval_import_arguments(
        actions.add_parser("import", help=exchange_cli.APPROVAL_IMPORT_HELP)
    )


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() or done == total:
        print(
            f"\r已生成并签名 {done}/{total}",
            end="\n" if done == total else "",
            file=sys.stderr,
            flush=True,
        )


def _save(jobs: list[certificates.PrintJob], out: Path) -> None:
    _write_pdfs(jobs, out)
    print(f"已保存 {len(jobs)} 个 PDF 到 {out}")


def _write_pdfs(jobs: list[certificates.PrintJob], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for job in jobs:
        write_atomically(out / certificate_file_name(job.number), job.pdf)


def _issue(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    if args.out:
        resumed, waiting = _resume(ctx, actor, args.batch, args.out)
        if resumed and not waiting and not args.candidate:
            print(f"批次 {args.batch} 没有新的可发证考生。")
            return 0
    passphrase = secret(_PASSPHRASE_ENV, "签名密钥口令")
    outcome = certificates.issue_batch(
        ctx.env(), actor, args.batch, passphrase, candidate_ids=args.candidate, progress=_progress
    )
    print(f"已签发 {len(outcome.numbers)} 张证书：{outcome.numbers[0]} 至 {outcome.numbers[-1]}")
    if outcome.due is not None:
        note = "（已超过期限）" if outcome.late else ""
        print(f"颁证截止日：{outcome.due.isoformat()}{note}")
    if outcome.batch_issued:
        print(f"批次 {args.batch} 的证书已全部颁发。")
    for message in outcome.held_back:
        print(f"未发证：{message}")
    if args.out:
        _save(certificates.export_certificates(ctx.env(), actor, outcome.numbers), args.out)
    return 0


def _resume(ctx: Context, actor: Actor, batch: str, out: Path) -> tuple[int, bool]:
    """Write the PDFs of the batch's valid certificates that are missing from `out`.

    Issuing commits before it writes any file, so an issue that was stopped after its commit
    left certificates without their files; this finishes that job on the next run. The files
    come from the export service, which checks each certificate again.

    Returns:
        How many files were written, and whether anyone is still waiting for a certificate.
    """
    overview = certificates.batch_certificates(ctx.env(), actor, batch)
    missing = [
        c.number
        for c in overview.certificates
        if c.status is CertificateStatus.VALID
        and not (out / certificate_file_name(c.number)).exists()
    ]
    if missing:
        _write_pdfs(certificates.export_certificates(ctx.env(), actor, missing), out)
        print(f"补写了 {len(missing)} 份缺少的证书 PDF（保存在 {out}）。")
    return len(missing), any(c.issuable for c in overview.candidates)


def _list(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    overview = certificates.batch_certificates(ctx.env(), actor, args.batch)
    if args.json:
        emit_json(
            [
                {
                    "number": c.number,
                    "status": c.status,
                    "masked_name": c.masked_name,
                    "issue_date": c.issue_date,
                    "replaces": c.replaces_number,
                    "print_count": c.print_count,
                    "reason": c.status_reason,
                }
                for c in overview.certificates
            ]
        )
        return 0
    rows = [
        [
            c.number,
            c.masked_name,
            c.issue_date.isoformat(),
            c.status.label,
            c.replaces_number,
            str(c.print_count),
            c.status_reason,
        ]
        for c in overview.certificates
    ]
    table(rows, ["证书编号", "姓名", "发证日期", "状态", "补发自", "打印次数", "原因"])
    waiting = [c for c in overview.candidates if c.issuable]
    if waiting:
        print(f"另有 {len(waiting)} 名考生可签发证书。")
    if overview.due is not None:
        print(f"颁证截止日：{overview.due.isoformat()}")
    return 0


def _end(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    if args.verb == "revoke":
        category = RevocationCategory.parse(args.category)
        certificates.revoke_certificate(ctx.env(), actor, args.number, args.reason, category)
        print(f"已撤销证书 {args.number}（{category.label}）。")
    else:
        certificates.void_certificate(ctx.env(), actor, args.number, args.reason)
        print(f"已作废证书 {args.number}，该编号不再使用。")
    return 0


def _reversal_propose(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    reversal_id = certificates.propose_reversal(ctx.env(), actor, args.number, args.reason)
    print(
        f"已提出证书 {args.number.strip().upper()} 的撤销复原（编号 {reversal_id}）；"
        "须由另一位质量督导员确认后才生效：kaoping certificate reversal confirm "
        f"{reversal_id}"
    )
    return 0


def _reversal_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    found = certificates.reversals(ctx.env(), actor, pending_only=not args.all)
    labels = {"pending": "待确认", "confirmed": "已确认", "rejected": "已驳回"}
    rows = [
        [
            str(r.id),
            r.number,
            category_label(r.revoked_category) or "—",
            r.reason,
            r.proposed_by,
            labels.get(r.status, r.status),
            r.decided_by,
        ]
        for r in found
    ]
    table(rows, ["编号", "证书编号", "撤销类别", "复原理由", "提出人", "状态", "处理人"])
    return 0


def _reversal_confirm(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    done = certificates.confirm_reversal(ctx.env(), actor, args.id)
    print(f"已确认撤销复原：证书 {done.number} 恢复有效（提出人 {done.proposed_by}）。")
    return 0


def _reversal_reject(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    done = certificates.reject_reversal(ctx.env(), actor, args.id, args.note)
    print(f"已驳回撤销复原（编号 {done.id}）：证书 {done.number} 保持撤销。")
    return 0


def _reissue(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    passphrase = secret(_PASSPHRASE_ENV, "签名密钥口令")
    number = certificates.reissue_certificate(
        ctx.env(), actor, args.number, passphrase, args.reason
    )
    print(f"已补发证书 {number}（原证书 {args.number}）。")
    if args.out:
        _save(certificates.export_certificates(ctx.env(), actor, [number]), args.out)
    return 0


def _export(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    _save(certificates.export_certificates(ctx.env(), actor, args.numbers), args.out)
    return 0


def _revocations(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    data = verification.export_revocation_list(
        ctx.env(), actor, secret(_PASSPHRASE_ENV, "签名密钥口令")
    )
    write_atomically(args.out, data)
    print(f"已导出吊销列表到 {args.out}")
    return 0


def _settings(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    current = certificates.certificate_settings(ctx.env(), actor)
    if args.revocation_list_days is not None or args.workers is not None:
        days = args.revocation_list_days
        workers = args.workers
        current = replace(
            current,
            revocation_list_days=current.revocation_list_days if days is None else days,
            workers=current.workers if workers is None else workers,
        )
        certificates.update_certificate_settings(ctx.env(), actor, current)
        print("证书设置已保存。")
    print(
        f"编号前缀：{current.prefix}  流水号位数：{current.serial_width}  校验算法：{current.algorithm}"
    )
    print(f"吊销列表有效天数：{current.revocation_list_days}")
    shown = current.workers or f"每个处理器核一个（本机 {os.cpu_count() or 1} 个）"
    print(f"批量签发进程数：{shown}")
    if current.qr_url_prefix:
        print(f"二维码网址前缀：{current.qr_url_prefix}")
    return 0


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ValidationError(
            f"无法读取{what} {path}：{error.strerror or error}", field=what
        ) from None


def _verify(ctx: Context, args: argparse.Namespace) -> int:
    if args.number is not None or args.name is not None:
        return _lookup(ctx, args)
    if (args.file is None) == (args.qr is None):
        raise ValidationError(
            "请给出一个证书 PDF 文件，或用 --qr 给出二维码图片，或用 --number 与 --name "
            "按编号和姓名查询（三选一）",
            field="核验文件",
        )
    crl = _read(args.crl, "吊销列表") if args.crl else None
    trusted = [_read(p, "机构证书") for p in args.cert] if args.cert else None
    result = verification.verify_file(
        ctx.env(),
        args.qr if args.qr is not None else args.file,
        qr_image=args.qr is not None,
        revocation_list=crl,
        trusted=trusted,
    )
    if args.json:
        record = result.record
        emit_json(
            {
                "verdict": result.verdict,
                "ok": result.ok,
                "problems": list(result.problems),
                "number": record.number if record else None,
                "masked_name": record.masked_name if record else None,
                "id_last4": record.id_last4 if record else None,
                "occupation_code": record.occupation_code if record else None,
                "qr_version": record.version if record else None,
                "level": record.level.label if record else None,
                "issue_date": record.issue_date if record else None,
                "issuer_code": record.issuer_code if record else None,
                "revocation_source": result.revocation_source,
                "status_unknown": result.status_unknown,
            }
        )
    else:
        _print_verdict(result)
    return result.exit_code


def _lookup(ctx: Context, args: argparse.Namespace) -> int:
    """`verify --number N --name 姓名`: the body's register answers (no file needed)."""
    if args.file is not None or args.qr is not None or args.crl or args.cert:
        raise ValidationError(
            "按编号和姓名查询时不要再给出文件、--qr、--crl 或 --cert", field="核验方式"
        )
    if not args.number or not args.name:
        raise ValidationError("按编号查询需要同时给出 --number 和 --name", field="核验方式")
    answer = verification.lookup_certificate(ctx.env(), args.number, args.name)
    if args.json:
        emit_json(
            {
                "outcome": answer.outcome,
                "ok": answer.outcome == verification.LOOKUP_VALID,
                "number": answer.number,
                "message": answer.message,
                "occupation": answer.occupation,
                "level": answer.level,
                "issue_date": answer.issue_date,
                "changed_on": answer.changed_on,
                "category": answer.category,
            }
        )
    else:
        print(answer.label)
        print(f"  {answer.message}")
    return answer.exit_code


def _print_verdict(result: verification.VerificationResult) -> None:
    print(result.label)
    record = result.record
    if record is not None:
        holder = (
            f"证件号码后四位：{record.id_last4}"
            if record.version == 2
            else f"姓名：{record.masked_name}"
        )
        print(
            f"  证书编号：{record.number}  {holder}  职业编码：{record.occupation_code}"
            f"  等级：{record.level.label}  发证日期：{record.issue_date.isoformat()}"
            f"  机构代码：{record.issuer_code}"
        )
    if result.revocation_source:
        print(f"  撤销状态来源：{result.revocation_source}")
    if result.status_unknown:
        print(f"  撤销状态未知：{result.status_unknown}")
    for problem in result.problems:
        print(f"  - {problem}")


def _asset_register(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    info = certificates.register_asset(
        ctx.env(), actor, args.name, args.kind, _read(args.file, "图片")
    )
    print(f"已登记图片“{info.name}”（{info.width}×{info.height}，像素哈希 {info.sha256}）。")
    return 0


def _asset_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    rows = [
        [
            a.name,
            certificates.ASSET_KINDS[a.kind],
            f"{a.width}×{a.height}",
            "已批准" if a.active else "已撤回",
            "是" if a.in_use_as_seal else "",
            a.sha256,
        ]
        for a in certificates.list_assets(ctx.env(), actor)
    ]
    table(rows, ["名称", "类别", "尺寸", "状态", "当前印章", "像素哈希"])
    return 0


def _asset_withdraw(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    certificates.withdraw_asset(ctx.env(), actor, args.sha256)
    print("已撤回该图片的批准。")
    return 0


def _approval(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env = ctx.env()
    ids = args.candidate
    if args.all:
        overview = certificates.batch_certificates(env, actor, args.batch)
        ids = [
            c.candidate_id
            for c in overview.candidates
            if c.active and c.outcome is ResultStatus.PASSED and c.decision is None
        ]
        if not ids:
            raise ValidationError(
                f"批次 {args.batch} 没有成绩合格且尚未登记审核结果的考生", field="批次"
            )
    decided = args.date or date.today()
    if args.verb == "record":
        count = certificates.record_approval(env, actor, args.batch, ids, args.reference, decided)
        print(
            f"已登记 {count} 名考生审核通过（{args.reference}，{decided.isoformat()}）；"
            "请在 30 日内颁发证书。"
        )
    else:
        count = certificates.record_rejection(
            env, actor, args.batch, ids, args.reason, args.reference, decided
        )
        print(f"已登记 {count} 名考生审核未通过。")
    return 0
