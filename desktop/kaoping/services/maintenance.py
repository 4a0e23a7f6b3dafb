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
