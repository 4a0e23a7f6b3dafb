"""Turning a plain database file into the encrypted store where it lies (加密现有数据库).

The plain file is locked against writers, copied into a new encrypted file beside it, and the
copy is checked before anything changes; only then does the copy take the original's name in one
rename, and the original is overwritten and deleted. A failure before the rename leaves the
plain database exactly as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType

from kaoping.domain.errors import ConflictError
from kaoping.storage import cipher


def staging_path(database: Path) -> Path:
    """Where the encrypted copy is built (hidden, beside the database)."""
    return database.with_name(f".{database.name}.encrypting")


class PlainLock:
    """Holds the plain database still while it is copied: no other program may write to it.

    Entering switches the file out of WAL mode, which SQLite allows only when no other
    connection is open, so a running Kaoping is noticed; it also folds the write-ahead log into
    the file, so no log is left behind to be mistaken for the new file's.

    Attributes:
        counts: Rows per table, read under the lock.
    """

    def __init__(self, database: Path) -> None:
        self._database = database
        self._connection: sqlite3.Connection | None = None
        self.counts: dict[str, int] = {}

    def __enter__(self) -> PlainLock:
        connection = sqlite3.connect(str(self._database), timeout=5, isolation_level=None)
        try:
            mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise sqlite3.OperationalError("database is locked")
            connection.execute("BEGIN IMMEDIATE")
            self.counts = cipher.row_counts(connection)
        except sqlite3.OperationalError:
            connection.close()
            raise ConflictError(
                f"数据库 {self._database.name} 正被其他程序使用。请先关闭所有考评窗口和命令，再加密。"
            ) from None
        self._connection = connection
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._connection is not None:
            self._connection.rollback()
            self._connection.close()
            self._connection = None


def swap_in(staged: Path, database: Path) -> Path:
    """Give the checked copy the database's name in one step; returns where the old file is.

    The old file is kept under a hidden name (a second link where the file system allows it, so
    the database's name never points at nothing) until the caller shreds it.
    """
    old = database.with_name(f".{database.name}.plain-old")
    cipher.shred(old)
    try:
        old.hardlink_to(database)
    except OSError:
        # No hard links here (FAT-formatted drives): a moment without a file at the name.
        database.replace(old)
    staged.replace(database)
    return old
