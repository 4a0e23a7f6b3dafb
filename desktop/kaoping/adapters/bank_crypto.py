"""Encryption of the question bank (题库加密) and of sealed papers (试卷密封).

Three layers, each with one job:

* Item content is encrypted with the bank key (32 random bytes) using AES-256-GCM. The associated
  data names the item id and version, so a ciphertext copied onto another row, or an old version
  restored over a new one, fails to decrypt instead of showing the wrong item.
* The bank key is stored only wrapped for each bank role holder: AES-256-GCM under a key derived
  from that person's password with scrypt. scrypt is used (rather than Argon2id) because
  `cryptography` already provides it and nothing else is needed here; the parameters are stored
  with every wrap, so they can be raised later and old wraps still open.
* A sealed paper has its own random key, split into two XOR shares so that no one person can open
  it. Each share is wrapped for its holder with `wrap_key`; the rule that both must be present, and
  when, belongs to the service layer.

A database copy, a stolen laptop or a system administrator therefore sees only ciphertext, salts
and parameters. Keys and plaintexts are never logged; the reprs here show no secret bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kaoping.domain.errors import AuthenticationError, ValidationError

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
_TAG_BYTES = 16
_WRAP_FORMAT = 1
_ITEM_AAD_LABEL = b"kaoping/item-content/v1"
_WRAP_AAD_LABEL = b"kaoping/key-wrap/v1"
_PAPER_AAD_LABEL = b"kaoping/sealed-paper/v1"


def new_key() -> bytes:
    """Return a fresh random 32-byte key (bank key or paper key)."""
    return os.urandom(KEY_BYTES)


def _check_key(key: bytes, what: str) -> None:
    if len(key) != KEY_BYTES:
        raise ValueError(f"{what} must be {KEY_BYTES} bytes, got {len(key)}")


def encrypt(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """Encrypt with AES-256-GCM under a fresh random nonce; return nonce || ciphertext+tag."""
    _check_key(key, "key")
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def decrypt(key: bytes, blob: bytes, aad: bytes) -> bytes:
    """Reverse `encrypt`.

    Raises:
        AuthenticationError: Wrong key, wrong associated data, or the blob was altered.
    """
    _check_key(key, "key")
    if len(blob) < NONCE_BYTES + _TAG_BYTES:
        raise AuthenticationError("密文长度不对，数据已损坏或被截断")
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except InvalidTag:
        raise AuthenticationError(
            "密文校验失败：密钥不对，或数据被改动、与所属记录不匹配"
        ) from None


def item_aad(item_id: str, version: int) -> bytes:
    """Associated data that binds an item's ciphertext to its id and version."""
    return b"\x00".join((_ITEM_AAD_LABEL, item_id.encode("utf-8"), str(version).encode("ascii")))


def encrypt_content(bank_key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """Encrypt an item's content (`ItemContent.to_bytes()`) with the bank key.

    Args:
        bank_key: The 32-byte bank key.
        plaintext: The serialised content.
        aad: `item_aad(item_id, version)` of the row the ciphertext belongs to.
    """
    return encrypt(bank_key, plaintext, aad)


def decrypt_content(bank_key: bytes, blob: bytes, aad: bytes) -> bytes:
    """Decrypt an item's content.

    Raises:
        AuthenticationError: Wrong bank key, ciphertext of another item or version, or tampering.
    """
    try:
        return decrypt(bank_key, blob, aad)
    except AuthenticationError:
        raise AuthenticationError(
            "题目密文无法解开：题库密钥不对、密文被改动，或密文与题目编号/版本不匹配",
            field="题目内容",
        ) from None


@dataclass(frozen=True)
class KdfParams:
    """scrypt parameters, stored with each wrapped key so they can change later.

    Attributes:
        n: CPU/memory cost (a power of two); 2**15 uses 32 MiB and about 0.1 s.
        r: Block size.
        p: Parallelism.
    """

    n: int = 2**15
    r: int = 8
    p: int = 1

    def __post_init__(self) -> None:
        # Bounds refuse both weak wraps and files crafted to exhaust memory when opened.
        if self.n < 2**14 or self.n > 2**20 or self.n & (self.n - 1):
            raise ValidationError("scrypt 参数 n 应为 2^14 至 2^20 之间的 2 的幂", field="密钥参数")
        if not 1 <= self.r <= 32 or not 1 <= self.p <= 16:
            raise ValidationError("scrypt 参数 r 应在 1–32、p 应在 1–16 之间", field="密钥参数")

    def to_dict(self) -> dict[str, Any]:
        """Return the parameters as a JSON-ready mapping, naming the algorithm."""
        return {"kdf": "scrypt", "n": self.n, "r": self.r, "p": self.p}


FAST_KDF_PARAMS = KdfParams(n=2**14, r=1, p=1)
"""Cheap scrypt parameters for tests only: within the accepted bounds, about 1/20 of the default
cost. They are stored with each wrap like any other parameters, so wraps made with them open in
every installation."""


def _password_bytes(password: str) -> bytes:
    if not password:
        raise ValidationError("口令不能为空", field="口令")
    # NFC so the same password typed through different input methods gives the same key.
    return unicodedata.normalize("NFC", password).encode("utf-8")


def derive_kek(password: str, salt: bytes, params: KdfParams) -> bytes:
    """Derive a 32-byte key-encryption key from a password with scrypt."""
    kdf = Scrypt(salt=salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p)
    return kdf.derive(_password_bytes(password))


@dataclass(frozen=True)
class WrappedKey:
    """A key encrypted under a password-derived key, for one person.

    Attributes:
        salt: Random scrypt salt.
        params: scrypt parameters used.
        nonce: AES-GCM nonce.
        ciphertext: The encrypted key with its tag.
    """

    salt: bytes
    params: KdfParams
    nonce: bytes
    ciphertext: bytes

    def __repr__(self) -> str:
        return f"WrappedKey(scrypt n={self.params.n} r={self.params.r} p={self.params.p})"

    def aad(self) -> bytes:
        """Associated data: the format, the parameters and the salt, so none can be altered."""
        params = json.dumps(self.params.to_dict(), sort_keys=True).encode("ascii")
        return b"\x00".join((_WRAP_AAD_LABEL, params, self.salt))

    def to_bytes(self) -> bytes:
        """Serialise to compact JSON (binary fields in base64) for storage."""
        document = {
            "format": _WRAP_FORMAT,
            **self.params.to_dict(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
        }
        return json.dumps(document, sort_keys=True, separators=(",", ":")).encode("ascii")

    @classmethod
    def from_bytes(cls, data: bytes) -> WrappedKey:
        """Parse bytes written by `to_bytes`.

        Raises:
            ValidationError: The record is damaged or of an unknown format.
        """
        damaged = ValidationError(
            "密钥记录已损坏或格式不受支持，请让题库管理员重新授权", field="密钥"
        )
        try:
            document = json.loads(data)
            if document.get("format") != _WRAP_FORMAT or document.get("kdf") != "scrypt":
                raise damaged
            params = KdfParams(n=int(document["n"]), r=int(document["r"]), p=int(document["p"]))
            return cls(
                salt=_unb64(document["salt"]),
                params=params,
                nonce=_unb64(document["nonce"]),
                ciphertext=_unb64(document["ciphertext"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
            raise damaged from exc


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def wrap_key(key: bytes, password: str, params: KdfParams | None = None) -> WrappedKey:
    """Encrypt a 32-byte key (bank key or paper-key share) under a password.

    A fresh salt and nonce are drawn every time, so wrapping the same key twice gives different
    records.
    """
    _check_key(key, "key")
    shell = WrappedKey(os.urandom(SALT_BYTES), params or KdfParams(), os.urandom(NONCE_BYTES), b"")
    kek = derive_kek(password, shell.salt, shell.params)
    ciphertext = AESGCM(kek).encrypt(shell.nonce, key, shell.aad())
    return WrappedKey(shell.salt, shell.params, shell.nonce, ciphertext)


def unwrap_key(wrapped: WrappedKey, password: str) -> bytes:
    """Recover the key from a wrap.

    Raises:
        AuthenticationError: The password is wrong or the record was altered.
    """
    kek = derive_kek(password, wrapped.salt, wrapped.params)
    try:
        return AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, wrapped.aad())
    except InvalidTag:
        raise AuthenticationError("口令不正确，无法解开密钥；请重新输入", field="口令") from None


def rewrap(
    wrapped: WrappedKey, old_password: str, new_password: str, params: KdfParams | None = None
) -> WrappedKey:
    """Re-wrap the same key under a new password (and optionally new scrypt parameters).

    Raises:
        AuthenticationError: The old password is wrong.
    """
    key = unwrap_key(wrapped, old_password)
    return wrap_key(key, new_password, params or wrapped.params)


def split_key(key: bytes) -> tuple[bytes, bytes]:
    """Split a key into two XOR shares; each alone is uniformly random and reveals nothing."""
    _check_key(key, "key")
    share_a = os.urandom(len(key))
    share_b = bytes(x ^ y for x, y in zip(key, share_a, strict=True))
    return share_a, share_b


def join_key(share_a: bytes, share_b: bytes) -> bytes:
    """Recombine the two shares made by `split_key`."""
    _check_key(share_a, "share_a")
    _check_key(share_b, "share_b")
    return bytes(x ^ y for x, y in zip(share_a, share_b, strict=True))


@dataclass(frozen=True)
class SealedPaper:
    """A paper encrypted under its own key, with that key split into two shares.

    The shares must be wrapped for two different people (`wrap_key`) and then discarded; the
    blob is stored. Opening the paper needs both shares.

    Attributes:
        blob: nonce || ciphertext of the paper.
        share_a: First XOR share of the paper key.
        share_b: Second XOR share of the paper key.
    """

    blob: bytes
    share_a: bytes
    share_b: bytes

    def __repr__(self) -> str:
        return f"SealedPaper(blob=<{len(self.blob)} bytes>, shares=<hidden>)"


def paper_aad(paper_id: str) -> bytes:
    """Associated data that binds a sealed paper's ciphertext to its paper id."""
    return b"\x00".join((_PAPER_AAD_LABEL, paper_id.encode("utf-8")))


def seal_paper(paper: bytes, paper_id: str) -> SealedPaper:
    """Encrypt a paper under a fresh key and split the key into two shares."""
    key = new_key()
    blob = encrypt(key, paper, paper_aad(paper_id))
    share_a, share_b = split_key(key)
    return SealedPaper(blob, share_a, share_b)


def open_paper(blob: bytes, paper_id: str, share_a: bytes, share_b: bytes) -> bytes:
    """Decrypt a sealed paper with both shares.

    Raises:
        AuthenticationError: A share is wrong, the blob belongs to another paper, or it was altered.
    """
    try:
        return decrypt(join_key(share_a, share_b), blob, paper_aad(paper_id))
    except AuthenticationError:
        raise AuthenticationError(
            "试卷无法解封：两份密钥中有一份不对，或试卷密文被改动", field="试卷"
        ) from None
