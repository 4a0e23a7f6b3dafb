"""Reading and checking the audit log (审计日志)."""

from __future__ import annotations

from kaoping.domain.audit import ChainVerdict, verify_chain
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
