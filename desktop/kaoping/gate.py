"""The way into the database (数据库入口): first run, sign-in, recovery, for the CLI and the desktop.

The encrypted local store cannot be opened before someone signs in: the key file beside it lets
a password unwrap the database key, and only then is the database opened and the password checked
again against the account (lockout, audit). A plain SQLite file or a PostgreSQL server opens at
once, and sign-in is the database's alone.

`StoreGate` is the `services.access.Gate` of a database named by a URL; front ends get it from
`main` and know only the protocol.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from kaoping.adapters.recovery_sheet import render_recovery_sheet
from kaoping.adapters.store_keys import (
    FAST_KDF,
    PRODUCTION_KDF,
    KdfParams,
    KeyFile,
    Wrapping,
    format_recovery,
    new_recovery_secret,
    parse_recovery,
    remove_key_file,
    store_key,
)
from kaoping.bootstrap import build_env, dispose_env, location_of
from kaoping.domain.errors import ConflictError, KaopingError
from kaoping.fileio import write_atomically
from kaoping.services import accounts, audit, maintenance, setup
from kaoping.services.access import EncryptionReport, Gate
from kaoping.services.base import Actor, Env
from kaoping.services.ports.core import Clock
from kaoping.storage import cipher, convert
from kaoping.storage.engine import ENCRYPTED_SCHEME, StoreKind, StoreLocation


class StoreGate:
    """The gate of a database named by a URL (None: the encrypted store in the data folder).

    Holds the open `Env` (and with it the key) until `close`, so people can sign out and in
    without the store closing, as at a site where examiners take turns at one laptop.
    """

    def __init__(
        self, url: str | None, *, clock: Clock | None = None, fast_hashing: bool = False
    ) -> None:
        self.location: StoreLocation = location_of(url)
        self._default = url is None
        self._clock = clock
        self._fast = fast_hashing
        self._env: Env | None = None
        self._recovery: str | None = None

    @property
    def encrypted(self) -> bool:
        """Whether this is an encrypted store."""
        return self.location.kind is StoreKind.ENCRYPTED

    def _path(self) -> Path:
        assert self.location.path is not None  # encrypted stores are files
        return self.location.path

    def is_new(self) -> bool:
        """No store here yet, or only one whose first-run set-up never finished."""
        if not self.encrypted or self._env is not None:
            return False
        if not self._path().exists():
            return not self.location.keys_path.exists()
        return (
            self.location.keys_path.exists() and KeyFile.load(self.location.keys_path).setup_pending
        )

    def is_open(self) -> bool:
        """Whether `env` can be had without a key."""
        return self._env is not None or not self.encrypted

    def label(self) -> str:
        """The body's name: from the open database, else from the key file."""
        if self._env is not None or not self.encrypted:
            return setup.body_name(self.env())
        try:
            return KeyFile.load(self.location.keys_path).label
        except KaopingError:
            return ""  # missing or damaged: signing in says what is wrong

    def env(self) -> Env:
        """The open database (a plain file or a server opens on first use)."""
        if self._env is None:
            if self.encrypted:
                if self.is_new():
                    raise ConflictError(
                        "本机尚未完成首次设置：请打开桌面程序完成设置，或运行 kaoping init。"
                    )
                raise KaopingError(
                    "数据库已加密：请先登录（--user 与 KAOPING_PASSWORD），"
                    "或在所有密码都遗忘时使用恢复密钥（KAOPING_RECOVERY_KEY）。"
                )
            self._env = self._build(None)
        return self._env

    def _build(self, key: bytes | None, unlocked_by: Wrapping | None = None) -> Env:
        return build_env(
            self.location.shown,
            key=key,
            clock=self._clock,
            fast_hashing=self._fast,
            unlocked_by=unlocked_by,
        )

    def create(self) -> Env:
        """A new encrypted store: a fresh recovery key, the database key derived from it.

        The key file is marked as set-up pending until `services.setup.initialise` names the
        body, so a set-up abandoned half-way (the program closed, the power cut) is started
        over rather than leaving a store no one can open.
        """
        if not self.is_new():
            raise ConflictError("这里已有数据库，不能重新创建。")
        path = self._path()
        cipher.shred_database(path)
        secret = new_recovery_secret()
        key = store_key(secret)
        path.parent.mkdir(parents=True, exist_ok=True)
        KeyFile.create(self.location.keys_path, key, pending=True)
        self._env = self._build(key)
        self._recovery = format_recovery(secret)
        return self._env

    def discard_new(self) -> None:
        """Remove a store created here whose set-up did not finish."""
        if self._recovery is None or self._env is None:
            return
        keys = KeyFile.load(self.location.keys_path)
        if not keys.setup_pending:
            return
        self.close()
        cipher.shred_database(self._path())
        remove_key_file(self.location.keys_path)
        self._recovery = None

    def recovery_key(self) -> str | None:
        """The recovery key of a store this gate created."""
        return self._recovery

    def write_recovery_sheet(self, path: Path) -> None:
        """Save the recovery key sheet as a PDF at `path` (not beside the database)."""
        if self._recovery is None:
            raise ConflictError("只有新建数据库时才能生成恢复密钥单。")
        label = setup.body_name(self._env) if self._env is not None else ""
        pdf = render_recovery_sheet(self._recovery, label, str(self._path()), datetime.now(UTC))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, pdf)
        except OSError as error:
            raise KaopingError(
                f"无法保存恢复密钥单到 {path}：{error.strerror or error}。请换一个位置（如 U 盘）。"
            ) from None

    def unlock(self, username: str, password: str) -> None:
        """Unwrap the key with a password and open the store."""
        if self._env is not None or not self.encrypted:
            return
        if self.is_new():
            raise ConflictError(
                "本机尚未完成首次设置：请打开桌面程序完成设置，或运行 kaoping init。"
            )
        if not self._path().exists():
            raise KaopingError(
                f"找不到数据库文件 {self._path().name}（它的密钥文件还在）。"
                "请从备份中取回数据库文件放回原处。"
            )
        keys = KeyFile.load(self.location.keys_path)
        key, wrapping = keys.unwrap(username, password)
        self._env = self._build(key, wrapping)

    def unlock_with_recovery(self, text: str) -> None:
        """Open the store with the recovery key (no key file needed)."""
        if self._env is not None or not self.encrypted:
            return
        self._env = self._build(self._recovered_key(text))

    def _recovered_key(self, text: str) -> bytes:
        key = store_key(parse_recovery(text))
        if not self._path().exists() or not cipher.opens_with(self._path(), key):
            raise cipher.wrong_key_error(self._path())
        return key

    def sign_in(self, username: str, password: str) -> Actor:
        """Open the store with the password if it is closed, then sign in to the database."""
        self.unlock(username, password)
        return accounts.sign_in(self.env(), username, password)

    def recover(self, recovery_key: str, username: str, new_password: str) -> None:
        """Open the store with the recovery key, then give a system administrator a password.

        The key is checked against the database file even if the store is already open, so
        only the holder of the sheet can do this.
        """
        if not self.encrypted:
            raise ConflictError(
                "这个数据库没有加密，也就没有恢复密钥：请由另一位系统管理员重置密码。"
            )
        key = self._recovered_key(recovery_key)
        if self._env is None:
            self._env = self._build(key)
        accounts.recover_access(self._env, username, new_password)

    def needs_encryption(self) -> bool:
        """The default database is still a plain file from before encryption."""
        return self._default and self.location.kind is StoreKind.PLAIN

    def encrypt(self, username: str, password: str) -> EncryptionReport:
        """Convert this plain database file into the encrypted store, in place.

        A system administrator signs in to the plain database, and the conversion goes on record
        there first. The copy is checked (integrity, every table's row count, the audit chain)
        before it replaces the original, which is then overwritten and deleted. The
        administrator's password opens the new store; the others' passwords open it after
        their next sign-in while it is open. A new recovery key is made (`recovery_key`).

        Raises:
            ConflictError: Not a plain database file, or another program has it open.
        """
        path = self.location.path
        if self.location.kind is not StoreKind.PLAIN or path is None or not path.exists():
            raise ConflictError(
                "只有未加密的 SQLite 数据库文件可以加密；这个数据库已加密或不是文件。",
                field="数据库",
            )
        plain = self._build(None)
        try:
            actor = accounts.sign_in(plain, username, password)
            maintenance.record_encryption(plain, actor, path.name)
            label = setup.body_name(plain)
        finally:
            dispose_env(plain)
        secret = new_recovery_secret()
        key = store_key(secret)
        report = self._convert(path, key, label, actor, password)
        self.location = StoreLocation(StoreKind.ENCRYPTED, self.location.url, path)
        self._recovery = format_recovery(secret)
        return report

    def _convert(
        self, path: Path, key: bytes, label: str, actor: Actor, password: str
    ) -> EncryptionReport:
        staged = convert.staging_path(path)
        keys_path = self.location.keys_path
        cipher.shred_database(staged)  # what a killed earlier attempt left
        with convert.PlainLock(path) as lock:
            try:
                cipher.export_encrypted(path, staged, key)
                entries = self._check_copy(staged, key, lock.counts)
                keys = KeyFile.create(keys_path, key, label)
                keys.enrol(key, actor.user_id, actor.username, password, self._kdf())
                old = convert.swap_in(staged, path)
            except BaseException:
                cipher.shred_database(staged)
                if not cipher.looks_encrypted(path):
                    remove_key_file(keys_path)
                raise
        cipher.shred_database(old)
        return EncryptionReport(str(path), len(lock.counts), sum(lock.counts.values()), entries)

    def _check_copy(self, staged: Path, key: bytes, counts: dict[str, int]) -> int:
        """Prove the encrypted copy whole: pages, rows per table, and the audit chain."""
        copy = cipher.connect(staged, key)
        try:
            problems = cipher.integrity_problems(copy)
            copied = cipher.row_counts(copy)
        finally:
            copy.close()
        if problems:
            raise KaopingError(
                f"加密副本未通过完整性检查（{'；'.join(problems[:3])}），原数据库未改动。"
            )
        differing = sorted(
            t for t in counts.keys() | copied.keys() if counts.get(t) != copied.get(t)
        )
        if differing:
            raise KaopingError(
                f"加密副本的行数与原数据库不符（{'、'.join(differing[:5])}），原数据库未改动。"
            )
        env = build_env(
            f"{ENCRYPTED_SCHEME}:///{staged}",
            key=key,
            fast_hashing=self._fast,
            migrate_schema=False,
        )
        try:
            verdict = audit.verify_log(env)
        finally:
            dispose_env(env)
        if not verdict.ok:
            raise KaopingError(f"加密副本的审计日志校验失败（{verdict.reason}），原数据库未改动。")
        return verdict.checked

    def _kdf(self) -> KdfParams:
        return FAST_KDF if self._fast else PRODUCTION_KDF

    def close(self) -> None:
        """Close the database and forget its key."""
        if self._env is not None:
            dispose_env(self._env)
            self._env = None


def open_store(url: str | None) -> Gate:
    """The production factory behind `kaoping` and the desktop application."""
    return StoreGate(url)
