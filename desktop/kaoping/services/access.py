"""Getting from a database to a signed-in session (登录入口), as front ends see it.

The encrypted local store is closed until someone signs in; `kaoping.gate.StoreGate` opens it.
Front ends hold the `Gate` protocol only; `OpenStore` is the gate of an `Env` already open (a
plain database opened by tests, or any embedding).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kaoping.domain.errors import ConflictError
from kaoping.services import accounts, setup
from kaoping.services.base import Actor, Env


@dataclass(frozen=True)
class EncryptionReport:
    """What converting a plain database into the encrypted store did.

    Attributes:
        database: The database file, now encrypted.
        tables: Tables copied and counted.
        rows: Rows copied, equal table by table to the original.
        audit_entries: Entries of the audit chain verified in the copy.
    """

    database: str
    tables: int
    rows: int
    audit_entries: int


class Gate(Protocol):
    """What a front end needs to get from a database location to a signed-in session."""

    def is_new(self) -> bool:
        """Whether first-run set-up must create the store before anyone can sign in."""
        ...

    def is_open(self) -> bool:
        """Whether the database is open (its key known, or it needs none)."""
        ...

    def label(self) -> str:
        """The body's name for the sign-in screen ("" if not known yet)."""
        ...

    def env(self) -> Env:
        """The open database's environment."""
        ...

    def create(self) -> Env:
        """Start first-run set-up: a new, empty store."""
        ...

    def discard_new(self) -> None:
        """First-run set-up was abandoned: remove what `create` made."""
        ...

    def recovery_key(self) -> str | None:
        """The recovery key made by `create`, to show once ("" or None otherwise)."""
        ...

    def write_recovery_sheet(self, path: Path) -> None:
        """Save the printable recovery key sheet (PDF)."""
        ...

    def unlock(self, username: str, password: str) -> None:
        """Open the store with a person's password (the key file's check only)."""
        ...

    def unlock_with_recovery(self, text: str) -> None:
        """Open the store with the recovery key."""
        ...

    def sign_in(self, username: str, password: str) -> Actor:
        """Open the store if need be, then sign in against the database."""
        ...

    def recover(self, recovery_key: str, username: str, new_password: str) -> None:
        """Open the store with its recovery key and give a system administrator a new password."""
        ...

    def needs_encryption(self) -> bool:
        """Whether this is the default database, still a plain file from before encryption."""
        ...

    def encrypt(self, username: str, password: str) -> EncryptionReport:
        """Convert a plain database file into the encrypted store, in place."""
        ...


class OpenStore:
    """A `Gate` around an `Env` that is already open."""

    def __init__(self, env: Env) -> None:
        self._env = env

    def is_new(self) -> bool:
        """An open database exists."""
        return False

    def is_open(self) -> bool:
        """Always open."""
        return True

    def label(self) -> str:
        """The body's name."""
        return setup.body_name(self._env)

    def env(self) -> Env:
        """The environment given."""
        return self._env

    def create(self) -> Env:
        """Nothing to create."""
        return self._env

    def discard_new(self) -> None:
        """Nothing was created."""

    def recovery_key(self) -> str | None:
        """No recovery key was made here."""
        return None

    def write_recovery_sheet(self, path: Path) -> None:
        """No recovery key was made here."""
        raise ConflictError("只有新建数据库时才能生成恢复密钥单。")

    def unlock(self, username: str, password: str) -> None:
        """Already open."""

    def unlock_with_recovery(self, text: str) -> None:
        """Already open."""

    def sign_in(self, username: str, password: str) -> Actor:
        """Sign in to the database."""
        return accounts.sign_in(self._env, username, password)

    def recover(self, recovery_key: str, username: str, new_password: str) -> None:
        """A database without a key of its own has no recovery key."""
        raise ConflictError("这个数据库没有加密，也就没有恢复密钥：请由另一位系统管理员重置密码。")

    def needs_encryption(self) -> bool:
        """An open environment was chosen on purpose."""
        return False

    def encrypt(self, username: str, password: str) -> EncryptionReport:
        """Only a database file named by its URL can be converted."""
        raise ConflictError("请用 --db sqlite:///文件路径 指定要加密的数据库文件。")


def as_gate(opened: Env | Gate) -> Gate:
    """A gate for what a factory returned: an `Env` (already open) or a gate."""
    return OpenStore(opened) if isinstance(opened, Env) else opened
