"""Reading and checking the audit log (审计日志)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kaoping.domain.audit import ChainVerdict, verify_chain
from kaoping.domain.audit_words import OUTCOME_NAMES, action_name, details_text, target_text
from kaoping.domain.beijing import beijing
from kaoping.domain.errors import ValidationError
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, action, reading
from kaoping.services.ports.dto import AuditEntry, AuditFilter


def verify_log(env: Env) -> ChainVerdict:
    """Check the whole chain; reveals nothing but the verdict, so inspectors may run it unsigned-in."""
    with env.uow(write=False) as uow:
        return verify_chain(uow.audit.records(), uow.audit.head())


def verify_log_as(env: Env, actor: Actor) -> ChainVerdict:
    """Check the chain from the audit page; the check itself is recorded."""
    with action(env, actor, Permission.AUDIT_VIEW, "audit.verify") as tx:
        verdict = verify_chain(tx.uow.audit.records(), tx.uow.audit.head())
        tx.record(
            "audit_log", ok=verdict.ok, checked=verdict.checked, broken_seq=verdict.broken_seq
        )
    return verdict


def search(env: Env, actor: Actor, query: AuditFilter) -> list[AuditEntry]:
    """Entries matching the filter, newest first."""
    with reading(env, actor, Permission.AUDIT_VIEW) as uow:
        return uow.audit.search(query)


def people(env: Env, actor: Actor) -> dict[str, str]:
    """Who the log's user names and `user:N` targets are: both map to `王芳（wangfang）`."""
    with reading(env, actor, Permission.AUDIT_VIEW) as uow:
        users = uow.users.list()
    named: dict[str, str] = {}
    for user in users:
        shown = f"{user.display_name}（{user.username}）"
        named[user.username] = shown
        named[str(user.id)] = shown
    return named


EXPORT_HEADERS = ("序号", "时间（北京时间）", "人员", "操作", "对象", "结果", "详情", "操作代码")


def readable_rows(entries: list[AuditEntry], named: dict[str, str]) -> list[list[str]]:
    """Entries in the words the audit page shows, one list of cells per entry."""
    rows = []
    for entry in entries:
        try:
            when = beijing(datetime.fromisoformat(entry.at)).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:  # an edited row may hold anything; show it as it is
            when = entry.at
        rows.append(
            [
                str(entry.seq),
                when,
                named.get(entry.actor, entry.actor),
                action_name(entry.action),
                target_text(entry.target, named),
                OUTCOME_NAMES.get(entry.outcome, entry.outcome),
                details_text(entry.details),
                entry.action,
            ]
        )
    return rows


def export(env: Env, actor: Actor, query: AuditFilter, path: Path) -> int:
    """Write the entries matching the filter to an .xlsx file in words; returns how many."""
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(
            "审计日志只能导出为 .xlsx 文件，请把文件名改为以 .xlsx 结尾。", field="文件"
        )
    with action(env, actor, Permission.AUDIT_VIEW, "audit.export") as tx:
        entries = tx.uow.audit.search(query)
        named = {
            key: value
            for user in tx.uow.users.list()
            for key, value in (
                (user.username, f"{user.display_name}（{user.username}）"),
                (str(user.id), f"{user.display_name}（{user.username}）"),
            )
        }
        env.adapters.tables.write_table(
            path, "审计日志", EXPORT_HEADERS, readable_rows(entries, named)
        )
        tx.record("audit_log", file=path.name, rows=len(entries))
    return len(entries)
