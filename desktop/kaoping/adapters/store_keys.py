"""The store's key file (数据库密钥文件): the local database's key, wrapped for each person.

The encrypted local database (SQLCipher) is opened with a 256-bit key that no file holds in the
clear. It is derived from the recovery key (恢复密钥), a random secret shown once at set-up and
printed on a sheet kept away from the computer. Beside the database, ``kaoping.db.keys`` holds
one wrapping of the key per person: AES-256-GCM under a key that argon2id derives from that
person's password. Signing in unwraps it before the database can be opened; the database's own
password check follows. Nothing else in the file is secret: KDF parameters, salts, nonces, a
key id, the body's name for the sign-in screen, and for each wrapping the user's id and a salted
digest of the username (so the file does not list who works here).

Because the key comes from the recovery key, the recovery sheet opens the database even if the
key file is lost; a copy of the database without the key file and the sheet opens for nobody.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kaoping.domain.errors import AuthenticationError, KaopingError, ValidationError
from kaoping.fileio import write_atomically

FORMAT = "kaoping-store-keys"
VERSION = 1
KEY_BYTES = 32
_SALT_BYTES = 16
_NONCE_BYTES = 12
_MAX_FILE_BYTES = 1_000_000
_STORE_KEY_INFO = b"kaoping/store-key/v1"
_KEY_ID_LABEL = b"kaoping/store-key-id/v1"
_TAG_LABEL = b"kaoping/store-user-tag/v1"
# The recovery key as typed: 32 random bytes and a 3-byte checksum, base32 in 14 groups of 4.
_RECOVERY_CHECK_BYTES = 3
_RECOVERY_CHARS = 56
_RECOVERY_GROUP = 4
# What a typed recovery key may confuse: digits that look like letters of the alphabet.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost of one password wrapping.

    Attributes:
        time_cost: Passes over memory.
        memory_cost: Memory in KiB.
        parallelism: Lanes.
    """

    time_cost: int
    memory_cost: int
    parallelism: int


# RFC 9106's second recommended option, also argon2-cffi's default for sign-in hashes.
PRODUCTION_KDF = KdfParams(time_cost=3, memory_cost=65536, parallelism=4)
# Tests and demos only: as cheap as the fast sign-in hashes; still readable everywhere.
FAST_KDF = KdfParams(time_cost=1, memory_cost=1024, parallelism=1)
# A key file is read before anything is trusted: parameters beyond these would stall sign-in.
_KDF_LIMITS = KdfParams(time_cost=20, memory_cost=1_048_576, parallelism=16)


def new_recovery_secret() -> bytes:
    """A fresh random recovery secret (32 bytes)."""
    return secrets.token_bytes(KEY_BYTES)


def store_key(recovery_secret: bytes) -> bytes:
    """The database key that a recovery secret stands for (HKDF-SHA256)."""
    return HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=_STORE_KEY_INFO).derive(recovery_secret)


def key_id(key: bytes) -> str:
    """A short public name of a database key, to tell key files of different stores apart."""
    return hashlib.sha256(_KEY_ID_LABEL + key).hexdigest()[:16]


def format_recovery(secret: bytes) -> str:
    """The recovery key as a person copies it: ``ABCD-EFGH-…`` (14 groups of 4)."""
    check = hashlib.sha256(secret).digest()[:_RECOVERY_CHECK_BYTES]
    text = base64.b32encode(secret + check).decode("ascii")
    groups = [text[i : i + _RECOVERY_GROUP] for i in range(0, len(text), _RECOVERY_GROUP)]
    return "-".join(groups)


def parse_recovery(text: str) -> bytes:
    """The recovery secret from what a person typed; spaces, dashes and case do not matter.

    Raises:
        ValidationError: Wrong length, a character that cannot occur, or a typing error that
            the checksum catches.
    """
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\r\n").translate(_LOOKALIKES)
    if len(cleaned) != _RECOVERY_CHARS:
        raise ValidationError(
            f"恢复密钥应为 {_RECOVERY_CHARS} 个字母或数字（分 14 组），实际为 {len(cleaned)} 个。"
            "请对照恢复密钥单重新输入。",
            field="恢复密钥",
        )
    try:
        raw = base64.b32decode(cleaned)
    except ValueError:
        raise ValidationError(
            "恢复密钥只含字母 A–Z 和数字 2–7，请对照恢复密钥单重新输入。", field="恢复密钥"
        ) from None
    secret, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if hashlib.sha256(secret).digest()[:_RECOVERY_CHECK_BYTES] != check:
        raise ValidationError(
            "恢复密钥校验不符，可能抄错了某个字符。请对照恢复密钥单逐组核对。", field="恢复密钥"
        )
    return secret


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, what: str) -> bytes:
    if not isinstance(text, str):
        raise _damaged(what)
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except ValueError:
        raise _damaged(what) from None


def _damaged(what: str) -> ValidationError:
    return ValidationError(
        f"数据库密钥文件已损坏（{what}）。请从备份中取回密钥文件，或使用恢复密钥。",
        field="密钥文件",
    )


def _derive(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _checked_params(raw: object) -> KdfParams:
    if not isinstance(raw, dict) or raw.get("algorithm") != "argon2id":
        raise _damaged("密钥派生参数")
    values: list[int] = []
    for name in ("time_cost", "memory_cost", "parallelism"):
        value = raw.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise _damaged("密钥派生参数")
        values.append(value)
    params = KdfParams(*values)
    limits = _KDF_LIMITS
    if (
        params.time_cost > limits.time_cost
        or params.memory_cost > limits.memory_cost
        or params.parallelism > limits.parallelism
        or params.memory_cost < 8 * params.parallelism
    ):
        raise _damaged("密钥派生参数超出范围")
    return params


@dataclass(frozen=True)
class Wrapping:
    """One person's wrapping of the database key.

    Attributes:
        id: Names the wrapping (random), so a change can keep exactly the new one.
        user_id: The user's id in the database.
        tag: Salted digest of the username.
        params: argon2id cost.
        salt: argon2id salt.
        nonce: AES-GCM nonce.
        wrapped: The key, encrypted and authenticated.
    """

    id: str
    user_id: int
    tag: str
    params: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict[str, Any]:
        """The entry as stored."""
        return {
            "id": self.id,
            "user": self.user_id,
            "tag": self.tag,
            "kdf": {
                "algorithm": "argon2id",
                "time_cost": self.params.time_cost,
                "memory_cost": self.params.memory_cost,
                "parallelism": self.params.parallelism,
                "salt": _b64(self.salt),
            },
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }

    @classmethod
    def from_json(cls, raw: object) -> Wrapping:
        """Read one entry, refusing anything malformed."""
        if not isinstance(raw, dict):
            raise _damaged("钥匙条目")
        user, entry_id, tag = raw.get("user"), raw.get("id"), raw.get("tag")
        if not isinstance(user, int) or isinstance(user, bool) or user < 1:
            raise _damaged("钥匙条目的用户")
        if not isinstance(entry_id, str) or not isinstance(tag, str):
            raise _damaged("钥匙条目")
        kdf = raw.get("kdf")
        params = _checked_params(kdf)
        salt = _unb64(kdf.get("salt") if isinstance(kdf, dict) else None, "盐值")
        return cls(
            entry_id,
            user,
            tag,
            params,
            salt,
            _unb64(raw.get("nonce"), "随机数"),
            _unb64(raw.get("wrapped"), "密文"),
        )


class KeyFile:
    """The key file beside an encrypted database: read, changed and written whole.

    Every change is written atomically (temporary file, sync, rename), so a crash leaves the old
    file or the new one.
    """

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self._data = data

    @classmethod
    def create(cls, path: Path, key: bytes, label: str = "", *, pending: bool = False) -> KeyFile:
        """A new key file for `key`, with no wrappings yet; written at once.

        Args:
            path: Where it goes (beside the database).
            key: The database key.
            label: The body's name.
            pending: First-run set-up has not finished: until it does, the store holds no data
                and may be started over (`setup_pending`).
        """
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "key_id": key_id(key),
            "label": label,
            "tag_salt": _b64(secrets.token_bytes(_SALT_BYTES)),
            "recovery": {"derivation": "hkdf-sha256", "info": _STORE_KEY_INFO.decode("ascii")},
            "wrappings": [],
        }
        if pending:
            data["setup_pending"] = True
        keys = cls(path, data)
        keys.save()
        return keys

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Read a key file, refusing a damaged or foreign one with a clear message."""
        try:
            with path.open("rb") as handle:
                raw = handle.read(_MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise KaopingError(
                f"找不到数据库密钥文件 {path.name}（应在数据库文件旁边）。"
                "请从备份中取回它放回原处，或使用恢复密钥打开数据库。"
            ) from None
        if len(raw) > _MAX_FILE_BYTES:
            raise _damaged("文件过大")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            # RecursionError: nesting deep enough to exhaust the parser is not a key file.
            raise _damaged("不是有效的 JSON") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise _damaged("不是考评数据库密钥文件")
        if data.get("version") != VERSION:
            raise ValidationError(
                f"数据库密钥文件的版本（{data.get('version')}）不受本程序支持，请升级考评。",
                field="密钥文件",
            )
        if not isinstance(data.get("wrappings"), list) or not isinstance(data.get("key_id"), str):
            raise _damaged("缺少钥匙列表")
        _unb64(data.get("tag_salt"), "用户名盐值")
        keys = cls(path, data)
        keys.wrappings()  # every entry is checked now, not at the first sign-in that meets it
        return keys

    def save(self) -> None:
        """Write the file atomically."""
        text = json.dumps(self._data, ensure_ascii=False, indent=1)
        try:
            write_atomically(self.path, text.encode("utf-8"))
        except OSError as error:
            raise KaopingError(
                f"无法写入数据库密钥文件 {self.path.name}：{error.strerror or error}。"
                "请检查磁盘空间和文件夹权限后重试。"
            ) from None

    @property
    def key_id(self) -> str:
        """The id of the key this file wraps."""
        return str(self._data["key_id"])

    @property
    def label(self) -> str:
        """The body's name, shown on the sign-in screen before the database is open."""
        label = self._data.get("label")
        return label if isinstance(label, str) else ""

    @property
    def setup_pending(self) -> bool:
        """Whether first-run set-up was started on this store and never finished."""
        return self._data.get("setup_pending") is True

    def set_label(self, label: str) -> None:
        """Change the label (set-up finished, or the body was renamed); written when it differs.

        Set-up ends by naming the body, so this also marks the store as set up.
        """
        if label != self.label or self.setup_pending:
            self._data["label"] = label
            self._data.pop("setup_pending", None)
            self.save()

    def wrappings(self) -> list[Wrapping]:
        """Every wrapping in the file."""
        return [Wrapping.from_json(raw) for raw in self._data["wrappings"]]

    def tag(self, username: str) -> str:
        """The salted digest that stands for a username in this file."""
        salt = _unb64(self._data["tag_salt"], "用户名盐值")
        return hmac.new(salt, _TAG_LABEL + username.strip().encode("utf-8"), "sha256").hexdigest()

    def _aad(self, user_id: int) -> bytes:
        return f"{FORMAT}/{VERSION}|{self.key_id}|user:{user_id}".encode("ascii")

    def unwrap(self, username: str, password: str) -> tuple[bytes, Wrapping]:
        """The database key, unwrapped with a person's password.

        Raises:
            AuthenticationError: No wrapping for this username, or the password opens none.
        """
        candidates = [w for w in self.wrappings() if w.tag == self.tag(username)]
        if not candidates:
            raise AuthenticationError(
                "该账号在本机还没有数据库钥匙，不能在数据库关闭时登录。请先由其他用户登录"
                "（程序保持打开），退出后再用本账号登录；或请系统管理员为您重置密码。"
            )
        for wrapping in candidates:
            key = self._open(wrapping, password)
            if key is not None:
                return key, wrapping
        raise AuthenticationError("用户名或密码不正确。")

    def _open(self, wrapping: Wrapping, password: str) -> bytes | None:
        kek = _derive(password, wrapping.salt, wrapping.params)
        try:
            key = AESGCM(kek).decrypt(wrapping.nonce, wrapping.wrapped, self._aad(wrapping.user_id))
        except InvalidTag:
            return None
        return key if key_id(key) == self.key_id else None

    def matches(self, wrapping: Wrapping, password: str) -> bool:
        """Whether `password` opens this wrapping."""
        return self._open(wrapping, password) is not None

    def enrol(
        self, key: bytes, user_id: int, username: str, password: str, params: KdfParams
    ) -> str:
        """Add a wrapping of `key` for a person and write the file; returns its id.

        Older wrappings of the same user stay until `keep_only` settles which one is current.
        """
        if key_id(key) != self.key_id:
            raise KaopingError("数据库密钥与密钥文件不匹配，未写入。")
        salt = secrets.token_bytes(_SALT_BYTES)
        nonce = secrets.token_bytes(_NONCE_BYTES)
        wrapped = AESGCM(_derive(password, salt, params)).encrypt(nonce, key, self._aad(user_id))
        entry = Wrapping(
            secrets.token_hex(8), user_id, self.tag(username), params, salt, nonce, wrapped
        )
        self._data["wrappings"].append(entry.to_json())
        self.save()
        return entry.id

    def keep(self, keep_ids: set[str], user_id: int, username: str) -> None:
        """Drop every wrapping of `user_id` or of `username` except those in `keep_ids`."""
        tag = self.tag(username)
        kept = [
            w.to_json()
            for w in self.wrappings()
            if w.id in keep_ids or (w.user_id != user_id and w.tag != tag)
        ]
        if len(kept) != len(self._data["wrappings"]):
            self._data["wrappings"] = kept
            self.save()

    def forget(self, user_id: int) -> None:
        """Drop every wrapping of a user (the account was disabled)."""
        kept = [w.to_json() for w in self.wrappings() if w.user_id != user_id]
        if len(kept) != len(self._data["wrappings"]):
            self._data["wrappings"] = kept
            self.save()


class StoreKeyring:
    """The open store's key and its key file: implements `services.ports.core.StoreKeys`.

    Holds the database key in memory while the store is open, so an administrator can wrap it
    for a new user, and settles which wrapping is current after sign-ins and password changes.
    """

    def __init__(
        self,
        path: Path,
        key: bytes,
        params: KdfParams = PRODUCTION_KDF,
        unlocked_by: Wrapping | None = None,
    ) -> None:
        self._path = path
        self._key = key
        self._params = params
        self._unlocked_by = unlocked_by
        # user id -> the wrapping this program last found current for them, so signing in again
        # costs no second key derivation while that wrapping is still in the file.
        self._settled: dict[int, str] = {}

    def __repr__(self) -> str:
        return f"StoreKeyring({self._path.name})"

    def _file(self) -> KeyFile:
        # Read afresh each time: another program on this computer may have changed it.
        if not self._path.exists():
            return KeyFile.create(self._path, self._key)
        return KeyFile.load(self._path)

    def enrol(self, user_id: int, username: str, password: str) -> str:
        """Wrap the key for a user's password; returns the wrapping's id."""
        return self._file().enrol(self._key, user_id, username, password, self._params)

    def keep_only(self, user_id: int, username: str, entry: str) -> None:
        """After a password change committed: only the new wrapping opens the store for them."""
        self._file().keep({entry}, user_id, username)
        self._settled[user_id] = entry

    def signed_in(self, user_id: int, username: str, password: str) -> None:
        """The database accepted this password: make it the one that opens the store for them.

        Wrappings under an older password (a change interrupted before it settled) or of a
        stale account under the same username are dropped; a user with none gets one.
        """
        keys = self._file()
        tag = keys.tag(username)
        mine = [w for w in keys.wrappings() if w.user_id == user_id and w.tag == tag]
        known = {self._settled.get(user_id)}
        if self._unlocked_by is not None and self._unlocked_by.user_id == user_id:
            known.add(self._unlocked_by.id)
        current = {w.id for w in mine if w.id in known}
        if not current:
            current = {w.id for w in mine if keys.matches(w, password)}
        if not current:
            current = {keys.enrol(self._key, user_id, username, password, self._params)}
        keys.keep(current, user_id, username)
        self._settled[user_id] = min(current)

    def forget(self, user_id: int) -> None:
        """The account was disabled: its password no longer opens the store."""
        self._file().forget(user_id)
        self._settled.pop(user_id, None)

    def set_label(self, label: str) -> None:
        """Keep the sign-in screen's body name current."""
        self._file().set_label(label)


def remove_key_file(path: Path) -> None:
    """Delete a key file (a set-up that did not finish)."""
    path.unlink(missing_ok=True)
