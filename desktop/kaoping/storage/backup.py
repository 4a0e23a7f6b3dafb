"""Consistent database copies with SQLite's online backup API, encrypted like the store they copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from kaoping.domain.errors import ValidationError
from kaoping.fileio import atomic_path, remove_quietly, write_atomically
from kaoping.storage import cipher
from kaoping.storage.engine import KEYS_SUFFIX


def keys_beside(database: Path) -> Path:
    """The key file that belongs with a database file (``x.db`` -> ``x.db.keys``)."""
    return database.with_name(database.name + KEYS_SUFFIX)


class SqliteBackup:
    """Implements `services.ports.core.BackupTool` for a SQLite file database.

    A backup of the encrypted store is encrypted with the same key, page by page as SQLite
    copies it, and its key file is saved beside it: the two together open with the same
    passwords (and the recovery key), and neither alone reveals anything.
    """

    def __init__(self, engine: Engine, key: bytes | None = None) -> None:
        self._engine = engine
        self._key = key

    def check(self, destination: Path) -> None:
        """Refuse before anything happens: not a SQLite file, or the target already exists."""
        url = self._engine.url
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            raise ValidationError(
                "只有 SQLite 数据库文件可以用本命令备份；PostgreSQL 请使用 pg_dump。"
            )
        for target in (destination, keys_beside(destination)) if self._key else (destination,):
            if target.exists():
                raise ValidationError(
                    f"目标文件已存在：{target}。请换一个文件名。", field="备份文件"
                )

    def backup(self, destination: Path) -> int:
        """Copy the live database page by page while others may keep working.

        The copy is made in a temporary file next to `destination`, checked with
        ``PRAGMA integrity_check`` and only then renamed into place, so a failed or killed backup
        never leaves a file at `destination` that looks like a backup but is not one. The key
        file goes beside it first: a backup found without one could not be opened.
        """
        self.check(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        database = Path(str(self._engine.url.database))
        if self._key is not None:
            write_atomically(
                keys_beside(destination), keys_beside(database).read_bytes(), overwrite=False
            )
        try:
            with atomic_path(destination, overwrite=False) as part:
                try:
                    _copy(database, part, self._key)
                finally:
                    # SQLite's side files of the copy, left behind if the copy failed.
                    for side in ("-journal", "-wal", "-shm"):
                        remove_quietly(part.with_name(part.name + side))
        except FileExistsError:
            raise ValidationError(
                f"目标文件已存在：{destination}。请换一个文件名。", field="备份文件"
            ) from None
        except BaseException:
            if self._key is not None:
                remove_quietly(keys_beside(destination))
            raise
        return destination.stat().st_size


def _open(path: Path, key: bytes | None) -> Any:
    return cipher.connect(path, key) if key is not None else sqlite3.connect(str(path))


def _copy(database: Path, part: Path, key: bytes | None) -> None:
    """Online-backup `database` into the file `part` and prove the copy sound."""
    source = _open(database, key)
    try:
        target = _open(part, key)
        try:
            source.backup(target)
            problems = cipher.integrity_problems(target)
        finally:
            target.close()
    finally:
        source.close()
    if problems:
        raise ValidationError(
            f"备份副本未通过完整性检查（{'；'.join(problems[:3])}），未保存备份。请重试。"
        )


def restore(backup_file: Path, database_file: Path, key: bytes | None = None) -> None:
    """Replace a database file with a backup (the application must be closed).

    An encrypted backup needs its key (the store's), and its key file is put beside the database.
    """
    if not backup_file.exists():
        raise ValidationError(f"备份文件不存在：{backup_file}", field="备份文件")
    if key is None and cipher.looks_encrypted(backup_file):
        raise ValidationError("这是加密数据库的备份，须用该数据库的钥匙恢复。", field="备份文件")
    source = _open(backup_file, key)
    target = _open(database_file, key)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    if key is not None and keys_beside(backup_file).exists():
        write_atomically(keys_beside(database_file), keys_beside(backup_file).read_bytes())
