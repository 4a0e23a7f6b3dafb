"""Backups (备份)."""

from __future__ import annotations

from pathlib import Path

from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, action


def backup(env: Env, actor: Actor, destination: Path) -> int:
    """Write a consistent copy of the database to `destination`; returns its size."""
    tool = env.adapters.backup
    with action(env, actor, Permission.BACKUP, "backup.run", str(destination.name)) as tx:
        tool.check(destination)
        # The entry is committed first so the copy contains the record of its own making.
        tx.record(destination=str(destination))
    return tool.backup(destination)


def record_encryption(env: Env, actor: Actor, database: str) -> None:
    """Put the conversion of a plain database into the encrypted store on record, before it.

    A system administrator does it (the same right as a backup: it copies every row). The entry
    is in the chain the converted store carries, so its verification covers the entry too.
    """
    with action(env, actor, Permission.BACKUP, "store.encrypt", database) as tx:
        tx.record(database=database)
