"""SQLCipher 4 files (加密数据库): connecting with a key, telling encrypted files apart, removal.

Every connection to an encrypted file runs ``PRAGMA key`` as its very first statement, with the
raw 256-bit key (``x'…'``), so SQLCipher skips its own passphrase KDF: the key already comes from
argon2id or the recovery key, and opening a connection stays a matter of milliseconds. The
database file, its write-ahead log and every copy are encrypted page by page (AES-256, HMAC-SHA512
per page); the ``-shm`` index holds no row data.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from kaoping.domain.errors import KaopingError

PLAIN_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")

dbapi: Any = sqlcipher
"""The DB-API module of SQLCipher, for SQLAlchemy (`module=`) to recognise its errors."""


def _quiet() -> None:
    # SQLCipher logs a wrong key to stderr; the product says so itself, in Chinese.
    probe = sqlcipher.connect(":memory:")
    try:
        probe.execute("PRAGMA cipher_log_level = NONE")
    finally:
        probe.close()


_quiet()


def key_pragma(key: bytes) -> str:
    """The statement that gives SQLCipher a raw key (no passphrase derivation)."""
    if len(key) != 32:
        raise ValueError("a store key has 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path | str, key: bytes, *, timeout: float = 30.0) -> Any:
    """A SQLCipher connection to `path` whose first statement sets the key."""
    connection = sqlcipher.connect(str(path), timeout=timeout, check_same_thread=False)
    try:
        connection.execute(key_pragma(key))
    except BaseException:
        connection.close()
        raise
    return connection


def opens_with(path: Path, key: bytes) -> bool:
    """Whether `key` opens the encrypted file at `path` (a wrong key cannot read page 1)."""
    connection = connect(path, key)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except sqlcipher.DatabaseError:
        return False
    finally:
        connection.close()
    return True


def looks_encrypted(path: Path) -> bool:
    """Whether `path` is a non-empty file that is not a plain SQLite database."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(PLAIN_HEADER))
    except (FileNotFoundError, IsADirectoryError):
        return False
    return len(head) > 0 and head != PLAIN_HEADER


def is_plain(path: Path) -> bool:
    """Whether `path` is a plain (unencrypted) SQLite database file."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except (FileNotFoundError, IsADirectoryError):
        return False


def row_counts(connection: Any) -> dict[str, int]:
    """Rows in every table of a database (SQLite's own tables aside)."""
    names = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        for name in names
    }


def export_encrypted(plain: Path, target: Path, key: bytes) -> None:
    """Copy a plain database into a new encrypted file (``sqlcipher_export``).

    Schema, rows, indexes, triggers and AUTOINCREMENT counters are copied; the target is put in
    WAL mode like every store.
    """
    source = sqlcipher.connect(str(plain), isolation_level=None)
    try:
        source.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute("DETACH DATABASE encrypted")
    finally:
        source.close()
    copy = connect(target, key)
    try:
        copy.execute("PRAGMA journal_mode=WAL")
    finally:
        copy.close()


def integrity_problems(connection: Any) -> list[str]:
    """What ``PRAGMA integrity_check`` (and SQLCipher's page check) found; empty when sound."""
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    problems = [str(row[0]) for row in rows if row[0] != "ok"]
    # SQLCipher checks every page's HMAC; plain SQLite ignores the unknown pragma.
    problems += [str(row[0]) for row in connection.execute("PRAGMA cipher_integrity_check")]
    return problems


def shred(path: Path) -> None:
    """Overwrite a file with random bytes, sync, then delete it.

    On a journaling file system or a solid-state disk old blocks may survive elsewhere, so this
    narrows, not closes, the window; the README says to encrypt the disk too.
    """
    with contextlib.suppress(FileNotFoundError):
        size = path.stat().st_size
        with path.open("r+b") as handle:
            left = size
            while left > 0:
                chunk = min(left, 1 << 20)
                handle.write(secrets.token_bytes(chunk))
                left -= chunk
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()


def shred_database(path: Path) -> None:
    """Shred a database file and its side files (WAL, shared memory, rollback journal)."""
    for side in SIDE_FILES:
        shred(path.with_name(path.name + side))
    shred(path)


def wrong_key_error(path: Path) -> KaopingError:
    """The refusal for a key that does not open this database."""
    return KaopingError(
        f"数据库 {path.name} 无法用此钥匙打开：密钥文件或恢复密钥不属于这个数据库，或数据库文件已损坏。"
    )
