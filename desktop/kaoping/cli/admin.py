"""`kaoping init`, `users`, `keys`, `audit`, `backup`, `catalogue`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kaoping.cli.common import Context, emit_json, secret, show_recovery, sign_in, table
from kaoping.domain.beijing import beijing
from kaoping.domain.errors import KaopingError, NotFound
from kaoping.domain.remit import RemitEntry
from kaoping.domain.roles import Role
from kaoping.services import accounts, audit, catalogue, maintenance, setup
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import AuditFilter, BodyProfile


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the administration commands."""
    p = sub.add_parser(
        "init",
        help="首次初始化：机构信息、首位系统管理员、质量督导员、证书管理员与签名密钥",
        description=(
            "三人共同完成初始化：密码分别取自 KAOPING_NEW_PASSWORD（系统管理员）、"
            "KAOPING_SUPERVISOR_PASSWORD（质量督导员）、KAOPING_OFFICER_PASSWORD（证书管理员），"
            "签名密钥口令由证书管理员设置（KAOPING_KEY_PASSPHRASE），未设置时提示输入。"
        ),
    )
    p.add_argument("--body-name", required=True, help="评价机构名称")
    p.add_argument("--body-code", required=True, help="评价机构代码")
    p.add_argument("--address", default="")
    p.add_argument("--contact", default="")
    p.add_argument("--phone", default="")
    p.add_argument("--admin", required=True, help="系统管理员用户名")
    p.add_argument("--admin-name", required=True, help="系统管理员姓名")
    p.add_argument("--supervisor", required=True, help="首位质量督导员用户名（确认此后的角色授予）")
    p.add_argument("--supervisor-name", required=True, help="质量督导员姓名")
    p.add_argument("--officer", required=True, help="首位证书管理员用户名（设置签名密钥口令）")
    p.add_argument("--officer-name", required=True, help="证书管理员姓名")
    p.add_argument("--pkcs12", type=Path, help="导入已有的 PKCS#12 签名证书（否则自动生成）")
    p.add_argument(
        "--name-basis",
        default="",
        help="机构名称含禁用字样时必填：依据（如登记证书编号及登记名称），须由质量督导员确认",
    )
    p.add_argument(
        "--remit",
        action="append",
        default=[],
        metavar="职业编码[:方向]:等级",
        help="本机构业务范围的一项，可多次（如 2-02-10-09:初级）；须由质量督导员确认后生效",
    )
    p.add_argument("--remit-basis", default="", help="业务范围的依据（评价机构目录的公布文件等）")
    p.add_argument(
        "--recovery-sheet",
        type=Path,
        help="新建加密数据库时，把恢复密钥单（PDF）保存到此处（请存到 U 盘等处，打印后删除）",
    )
    p.set_defaults(run=_init)

    users = sub.add_parser("users", help="用户与角色").add_subparsers(dest="action", required=True)
    u = users.add_parser("list", help="列出用户")
    u.add_argument("--user", help="操作用户")
    u.set_defaults(run=_users_list)
    u = users.add_parser("add", help="新增用户（新密码取自 KAOPING_NEW_PASSWORD 或提示输入）")
    u.add_argument("username")
    u.add_argument("--name", required=True, help="姓名")
    u.add_argument(
        "--role",
        action="append",
        required=True,
        help="角色（可多次）：" + "、".join(r.label for r in Role),
    )
    u.add_argument("--user", help="操作用户")
    u.set_defaults(run=_users_add)
    u = users.add_parser("roles", help="设置用户角色（新增的角色待第二人确认后生效）")
    u.add_argument("username")
    u.add_argument("--role", action="append", required=True)
    u.add_argument("--user", help="操作用户")
    u.set_defaults(run=_users_roles)
    u = users.add_parser("pending", help="列出待确认的角色授予")
    u.add_argument("--user", help="操作用户（质量督导员或系统管理员）")
    u.set_defaults(run=_users_pending)
    for verb, helptext in (("confirm", "确认角色授予"), ("reject", "拒绝角色授予")):
        u = users.add_parser(verb, help=f"{helptext}（质量督导员或另一位系统管理员）")
        u.add_argument("grant_id", type=int, metavar="ID", help="待确认列表中的编号")
        if verb == "reject":
            u.add_argument("--reason", default="", help="拒绝原因")
        u.add_argument("--user", help="操作用户")
        u.set_defaults(run=_users_decide, verb=verb)
    for verb, helptext in (
        ("disable", "停用账号"),
        ("enable", "启用账号"),
        ("unlock", "解除锁定"),
        ("reset-password", "重置密码（新密码取自 KAOPING_NEW_PASSWORD）"),
    ):
        u = users.add_parser(verb, help=helptext)
        u.add_argument("username")
        u.add_argument("--user", help="操作用户")
        u.set_defaults(run=_users_change, verb=verb)

    u = users.add_parser(
        "password",
        help="修改本人密码（原密码取自 KAOPING_PASSWORD，新密码取自 KAOPING_NEW_PASSWORD，或提示输入）",
    )
    u.add_argument("--user", help="本人的用户名")
    u.set_defaults(run=_users_password)

    keys = sub.add_parser("keys", help="签名密钥（证书管理员）").add_subparsers(
        dest="action", required=True
    )
    k = keys.add_parser(
        "passphrase",
        help="修改签名密钥口令（原口令取自 KAOPING_KEY_PASSPHRASE，新口令取自 KAOPING_NEW_PASSPHRASE）",
    )
    k.add_argument("--user", help="操作用户（证书管理员）")
    k.set_defaults(run=_keys_passphrase)

    au = sub.add_parser("audit", help="审计日志").add_subparsers(dest="action", required=True)
    a = au.add_parser(
        "verify",
        help="校验审计日志哈希链：完好退出码 0，被改动退出码 1"
        "（加密数据库须提供 KAOPING_USER 与 KAOPING_PASSWORD，或 KAOPING_RECOVERY_KEY）",
    )
    a.set_defaults(run=_audit_verify)
    a = au.add_parser("list", help="查看审计日志")
    a.add_argument("--user", help="操作用户")
    a.add_argument("--actor", default="")
    a.add_argument("--action-prefix", default="")
    a.add_argument("--limit", type=int, default=50)
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=_audit_list)

    b = sub.add_parser("backup", help="在线备份 SQLite 数据库")
    b.add_argument("destination", type=Path)
    b.add_argument("--user", help="操作用户")
    b.set_defaults(run=_backup)

    c = sub.add_parser("catalogue", help="标准目录").add_subparsers(dest="action", required=True)
    cl = c.add_parser("list", help="列出职业、编码与方向")
    cl.add_argument("--user", help="操作用户")
    cl.add_argument("--json", action="store_true")
    cl.set_defaults(run=_catalogue_list)


def _init(ctx: Context, args: argparse.Namespace) -> int:
    gate = ctx.gate()
    fresh = gate.is_new()
    env = gate.create() if fresh else ctx.env()
    try:
        _initialise(env, args)
    except BaseException:
        # A new store whose set-up failed is removed, so the next try starts clean.
        gate.discard_new()
        raise
    print(
        f"初始化完成：{args.body_name}（{args.body_code}），系统管理员 {args.admin}，"
        f"质量督导员 {args.supervisor}，证书管理员 {args.officer}（已设置签名密钥口令）。"
    )
    if args.remit:
        print(
            f"已登记业务范围 {len(args.remit)} 项，须由质量督导员 {args.supervisor} "
            "执行 kaoping remit confirm 确认后才能制定考核计划。"
        )
    recovery = gate.recovery_key()
    if recovery:
        show_recovery(gate, recovery, args.recovery_sheet)
    return 0


def _initialise(env: Env, args: argparse.Namespace) -> None:
    pkcs12 = args.pkcs12.read_bytes() if args.pkcs12 else None
    data = setup.InitialSetup(
        profile=BodyProfile(args.body_name, args.body_code, args.address, args.contact, args.phone),
        admin=setup.FirstAccount(
            args.admin, args.admin_name, secret("KAOPING_NEW_PASSWORD", "系统管理员密码")
        ),
        supervisor=setup.FirstAccount(
            args.supervisor,
            args.supervisor_name,
            secret("KAOPING_SUPERVISOR_PASSWORD", "质量督导员密码"),
        ),
        officer=setup.FirstAccount(
            args.officer, args.officer_name, secret("KAOPING_OFFICER_PASSWORD", "证书管理员密码")
        ),
        key_passphrase=secret("KAOPING_KEY_PASSPHRASE", "签名密钥口令（由证书管理员设置）"),
        pkcs12=pkcs12,
        pkcs12_password=secret("KAOPING_PKCS12_PASSWORD", "PKCS#12 文件密码") if pkcs12 else "",
        name_basis=args.name_basis,
        remit=tuple(RemitEntry.parse(text) for text in args.remit),
        remit_basis=args.remit_basis,
    )
    setup.initialise(env, data)


def _users_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    rows = [
        [
            u.username,
            u.display_name,
            "、".join(r.label for r in u.roles),
            "启用" if u.active else "停用",
            "已锁定" if u.locked_until else "",
        ]
        for u in accounts.list_users(ctx.env(), actor)
    ]
    table(rows, ["用户名", "姓名", "角色", "状态", "锁定"])
    return 0


def _roles(values: list[str]) -> list[Role]:
    return [Role.parse(v) for v in values]


def _users_add(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    password = secret("KAOPING_NEW_PASSWORD", f"用户 {args.username} 的新密码")
    accounts.create_user(ctx.env(), actor, args.username, args.name, password, _roles(args.role))
    print(f"已新增用户 {args.username}；角色待质量督导员或另一位系统管理员确认后生效。")
    return 0


def _find(ctx: Context, actor: Actor, username: str) -> int:
    for user in accounts.list_users(ctx.env(), actor):
        if user.username == username:
            return user.id
    raise NotFound(f"用户 {username} 不存在。", field="用户名")


def _users_roles(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    grant = accounts.set_roles(
        ctx.env(), actor, _find(ctx, actor, args.username), _roles(args.role)
    )
    if grant is None:
        print(f"已更新 {args.username} 的角色。")
    else:
        print(
            f"已更新 {args.username} 的角色；新增的角色待确认（编号 {grant}），"
            "由质量督导员或另一位系统管理员执行 kaoping users confirm 后生效。"
        )
    return 0


def _users_pending(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    rows = [
        [
            str(g.id),
            g.username,
            g.display_name,
            "、".join(r.label for r in g.roles),
            g.requested_by_name,
            beijing(g.requested_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for g in accounts.pending_grants(ctx.env(), actor)
    ]
    if not rows:
        print("没有待确认的角色授予。")
        return 0
    table(rows, ["编号", "用户名", "姓名", "申请的角色", "申请人", "申请时间"])
    return 0


def _users_decide(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    if args.verb == "confirm":
        accounts.confirm_grant(ctx.env(), actor, args.grant_id)
        print(f"已确认角色授予（编号 {args.grant_id}），角色即刻生效。")
    else:
        accounts.reject_grant(ctx.env(), actor, args.grant_id, args.reason)
        print(f"已拒绝角色授予（编号 {args.grant_id}）。")
    return 0


def _keys_passphrase(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    setup.change_key_passphrase(
        ctx.env(),
        actor,
        secret("KAOPING_KEY_PASSPHRASE", "原签名密钥口令"),
        secret("KAOPING_NEW_PASSPHRASE", "新签名密钥口令"),
    )
    print("签名密钥口令已修改；此后签名请使用新口令。")
    return 0


def _users_change(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    env, user_id = ctx.env(), _find(ctx, actor, args.username)
    if args.verb in ("disable", "enable"):
        accounts.set_active(env, actor, user_id, args.verb == "enable")
    elif args.verb == "unlock":
        accounts.unlock(env, actor, user_id)
    else:
        accounts.reset_password(
            env, actor, user_id, secret("KAOPING_NEW_PASSWORD", f"用户 {args.username} 的新密码")
        )
    print("完成。")
    return 0


def _users_password(ctx: Context, args: argparse.Namespace) -> int:
    name = args.user or os.environ.get("KAOPING_USER")
    if not name:
        raise KaopingError("请用 --user 指定本人的用户名（或设置环境变量 KAOPING_USER）。")
    old = secret("KAOPING_PASSWORD", f"用户 {name} 的原密码")
    env = ctx.env()
    actor = accounts.sign_in(env, name, old)
    accounts.change_own_password(env, actor, old, secret("KAOPING_NEW_PASSWORD", "新密码"))
    print("密码已修改；此后请使用新密码。")
    return 0


def _audit_verify(ctx: Context, args: argparse.Namespace) -> int:
    verdict = audit.verify_log(ctx.env())
    if verdict.ok:
        print(f"审计日志完好：共 {verdict.checked} 条记录，哈希链全部吻合。")
        return 0
    print(f"审计日志已被改动：{verdict.reason}（第一处断点：第 {verdict.broken_seq} 条）。")
    return 1


def _audit_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    entries = audit.search(
        ctx.env(),
        actor,
        AuditFilter(actor=args.actor, action_prefix=args.action_prefix, limit=args.limit),
    )
    if args.json:
        emit_json([e.__dict__ for e in entries])
        return 0
    table(
        [[str(e.seq), e.at, e.actor, e.action, e.target, e.outcome] for e in entries],
        ["序号", "时间", "用户", "操作", "对象", "结果"],
    )
    return 0


def _backup(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    size = maintenance.backup(ctx.env(), actor, args.destination)
    print(f"已备份到 {args.destination}（{size / 1024:.0f} KB）。")
    return 0


def _catalogue_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = sign_in(ctx, args.user)
    occupations = catalogue.list_occupations(ctx.env(), actor)
    if args.json:
        emit_json([o.__dict__ for o in occupations])
        return 0
    mark = {True: "已核实", False: "待核实"}
    table(
        [
            [
                o.code,
                o.code_2022 or "—",
                o.name,
                mark[o.verified],
                "、".join(d.name for d in o.directions) or "—",
            ]
            for o in occupations
        ],
        ["编码", "2022 编码", "职业", "状态", "职业方向"],
    )
    return 0
