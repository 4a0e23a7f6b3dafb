"""Consistent database copies with SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from kaoping.domain.errors import ValidationError


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
        """Copy the live database page by page while others may keep working."""
        self.check(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(str(self._engine.url.database))
        target = sqlite3.connect(str(destination))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return destination.stat().st_size


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
