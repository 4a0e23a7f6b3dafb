"""Consistent database copies with SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from kaoping.domain.errors import ValidationError
from kaoping.fileio import atomic_path, remove_quietly


class SqliteBackup:
    """Implements `services.ports.core.BackupTool` for a SQLite file database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def check(self, destination: Path) -> None:
        """Refuse before anything happens: not a SQLite file, or the target already exists."""
        url = self._engine.url
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            raise ValidationError(
                "只有 SQLite 数据库文件可以用本命令备份；PostgreSQL 请使用 pg_dump。"
            )
        if destination.exists():
            raise ValidationError(
                f"目标文件已存在：{destination}。请换一个文件名。", field="备份文件"
            )

    def backup(self, destination: Path) -> int:
        """Copy the live database page by page while others may keep working.

        The copy is made in a temporary file next to `destination`, checked with
        ``PRAGMA integrity_check`` and only then renamed into place, so a failed or killed backup
        never leaves a file at `destination` that looks like a backup but is not one.
        """
        self.check(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            with atomic_path(destination, overwrite=False) as part:
                try:
                    _copy(Path(str(self._engine.url.database)), part)
                finally:
                    # SQLite's side files of the copy, left behind if the copy failed.
                    for side in ("-journal", "-wal", "-shm"):
                        remove_quietly(part.with_name(part.name + side))
        except FileExistsError:
            raise ValidationError(
                f"目标文件已存在：{destination}。请换一个文件名。", field="备份文件"
            ) from None
        return destination.stat().st_size


def _copy(database: Path, part: Path) -> None:
    """Online-backup `database` into the file `part` and prove the copy sound."""
    source = sqlite3.connect(str(database))
    try:
        target = sqlite3.connect(str(part))
        try:
            source.backup(target)
            verdict = target.execute("PRAGMA integrity_check").fetchall()
        finally:
            target.close()
    finally:
        source.close()
    if verdict != [("ok",)]:
        problems = "；".join(str(row[0]) for row in verdict[:3])
        raise ValidationError(f"备份副本未通过完整性检查（{problems}），未保存备份。请重试。")


def restore(backup_file: Path, database_file: Path) -> None:
    """Replace a database file with a backup (the application must be closed)."""
    if not backup_file.exists():
        raise ValidationError(f"备份文件不存在：{backup_file}", field="备份文件")
    source = sqlite3.connect(str(backup_file))
    target = sqlite3.connect(str(database_file))
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
