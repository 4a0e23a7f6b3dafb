"""Per-user key pairs, public-key wrapping and two-of-many key sharing for the bank and papers.

Every person who may hold the bank key (命题专家, 题库管理员) or open a sealed paper (考务管理员,
质量督导员) has an X25519 key pair. The private half is stored only wrapped under a key derived
from that person's password (`bank_crypto.wrap_key`, scrypt). The public half lets a bank
administrator hand the bank key to a colleague whose password they do not know: the key is
encrypted to the public key (ECIES: an ephemeral X25519 exchange, HKDF-SHA256, AES-256-GCM).

A sealed paper's key is split with a degree-one Shamir polynomial over the prime field
GF(2^521 - 1): each opener holds one point, any two distinct points give the key back, and one
point alone is a uniformly random number that says nothing about it.

`BankKeys` bundles these with the content encryption of `bank_crypto` behind the `BankCrypto`
protocol of `services.ports_bank`. Nothing here logs or returns key material in a repr.
"""

from __future__ import annotations

import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kaoping.adapters import bank_crypto
from kaoping.domain.errors import AuthenticationError, ValidationError

_ECIES_VERSION = b"\x01"
_ECIES_INFO = b"kaoping/ecies-x25519-hkdf-aesgcm/v1"
_PUBLIC_BYTES = 32
_KEY_CHECK_LABEL = b"kaoping/bank-key-check/v1"
_KEY_CHECK_PLAINTEXT = b"kaoping bank key"
# A Mersenne prime far above 2**256, so every 32-byte key is a field element.
_PRIME = 2**521 - 1
_SHARE_BYTES = 66


def generate_key_pair() -> tuple[bytes, bytes]:
    """Return a fresh (private, public) X25519 key pair as raw 32-byte strings."""
    private = X25519PrivateKey.generate()
    return (
        private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        ),
        _public_bytes(private.public_key()),
    )


def _public_bytes(public: X25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _derive(shared: bytes, ephemeral: bytes, recipient: bytes, context: bytes) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=bank_crypto.KEY_BYTES,
        salt=ephemeral + recipient,
        info=_ECIES_INFO + b"\x00" + context,
    )
    return hkdf.derive(shared)


def seal_to(public_key: bytes, secret: bytes, context: bytes) -> bytes:
    """Encrypt `secret` so only the holder of the matching private key can read it.

    Args:
        public_key: The recipient's raw X25519 public key.
        secret: What to hand over (a bank key or a paper-key share).
        context: Names what the secret is for (bound in as associated data and in the KDF).

    Returns:
        version || ephemeral public key || nonce || ciphertext and tag.
    """
    if len(public_key) != _PUBLIC_BYTES:
        raise ValidationError("公钥长度不对，密钥记录已损坏", field="公钥")
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _public_bytes(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    key = _derive(shared, ephemeral_public, public_key, context)
    nonce = os.urandom(bank_crypto.NONCE_BYTES)
    ciphertext = AESGCM(key).encrypt(nonce, secret, context)
    return _ECIES_VERSION + ephemeral_public + nonce + ciphertext


def open_from(private_key: bytes, blob: bytes, context: bytes) -> bytes:
    """Reverse `seal_to` with the recipient's raw private key.

    Raises:
        AuthenticationError: The blob was made for someone else, for another purpose, or altered.
    """
    head = 1 + _PUBLIC_BYTES + bank_crypto.NONCE_BYTES
    if len(blob) < head + 16 or blob[:1] != _ECIES_VERSION:
        raise AuthenticationError("密钥封装记录已损坏或格式不受支持", field="密钥")
    ephemeral_public = blob[1 : 1 + _PUBLIC_BYTES]
    nonce = blob[1 + _PUBLIC_BYTES : head]
    private = X25519PrivateKey.from_private_bytes(private_key)
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    key = _derive(shared, ephemeral_public, _public_bytes(private.public_key()), context)
    try:
        return AESGCM(key).decrypt(nonce, blob[head:], context)
    except InvalidTag:
        raise AuthenticationError(
            "密钥封装无法解开：它不是发给您的，或记录已被改动", field="密钥"
        ) from None


def split_two_of_many(key: bytes, holders: int) -> list[tuple[int, bytes]]:
    """Split a 32-byte key so that any two of `holders` points recover it and one reveals nothing.

    Returns:
        (x, share) pairs with x = 1..holders; each share is 66 bytes big-endian.
    """
    if holders < 2:
        raise ValidationError("至少需要两位启封人", field="启封人")
    secret = int.from_bytes(key, "big")
    slope = secrets.randbelow(_PRIME)
    return [
        (x, ((secret + slope * x) % _PRIME).to_bytes(_SHARE_BYTES, "big"))
        for x in range(1, holders + 1)
    ]


def join_two_of_many(first: tuple[int, bytes], second: tuple[int, bytes]) -> bytes:
    """Recover the key from two distinct points made by `split_two_of_many`.

    Raises:
        ValidationError: Both points are the same holder's.
    """
    (x1, s1), (x2, s2) = first, second
    if x1 == x2:
        raise ValidationError("两份启封密钥来自同一人，需要两位不同的启封人", field="启封人")
    y1, y2 = int.from_bytes(s1, "big"), int.from_bytes(s2, "big")
    # The line through (x1, y1) and (x2, y2), evaluated at x = 0.
    numerator = (y1 * x2 - y2 * x1) % _PRIME
    secret = numerator * pow(x2 - x1, -1, _PRIME) % _PRIME
    if secret >= 2 ** (8 * bank_crypto.KEY_BYTES):
        raise AuthenticationError("两份启封密钥不属于同一份试卷，或已损坏", field="启封人")
    return secret.to_bytes(bank_crypto.KEY_BYTES, "big")


class BankKeys:
    """Implements `services.ports_bank.BankCrypto` with `bank_crypto` and the functions above.

    Args:
        fast: Wrap keys with `bank_crypto.FAST_KDF_PARAMS` (tests only). Reading does not depend
            on it: every wrap names the parameters it was made with.
    """

    def __init__(self, fast: bool = False) -> None:
        self._kdf = bank_crypto.FAST_KDF_PARAMS if fast else bank_crypto.KdfParams()

    def new_key(self) -> bytes:
        """A fresh random 32-byte key."""
        return bank_crypto.new_key()

    def new_key_pair(self) -> tuple[bytes, bytes]:
        """A fresh (private, public) X25519 key pair."""
        return generate_key_pair()

    def public_of(self, private_key: bytes) -> bytes:
        """The public key that belongs to a raw private key."""
        return _public_bytes(X25519PrivateKey.from_private_bytes(private_key).public_key())

    def wrap_with_password(self, key: bytes, password: str) -> bytes:
        """Encrypt a 32-byte key under a password (scrypt + AES-GCM); returns the stored record."""
        return bank_crypto.wrap_key(key, password, self._kdf).to_bytes()

    def unwrap_with_password(self, record: bytes, password: str) -> bytes:
        """Reverse `wrap_with_password`; AuthenticationError on a wrong password."""
        return bank_crypto.unwrap_key(bank_crypto.WrappedKey.from_bytes(record), password)

    def seal_to(self, public_key: bytes, secret: bytes, context: bytes) -> bytes:
        """Encrypt to a public key (see module `seal_to`)."""
        return seal_to(public_key, secret, context)

    def open_from(self, private_key: bytes, blob: bytes, context: bytes) -> bytes:
        """Decrypt with a private key (see module `open_from`)."""
        return open_from(private_key, blob, context)

    def key_check(self, key: bytes, generation: int) -> bytes:
        """A value that proves a candidate key is generation `generation`'s bank key."""
        return bank_crypto.encrypt(key, _KEY_CHECK_PLAINTEXT, self._check_aad(generation))

    def matches_check(self, key: bytes, generation: int, check: bytes) -> bool:
        """Whether `key` opens the key-check value of `generation`."""
        try:
            bank_crypto.decrypt(key, check, self._check_aad(generation))
        except AuthenticationError:
            return False
        return True

    @staticmethod
    def _check_aad(generation: int) -> bytes:
        return _KEY_CHECK_LABEL + b"\x00" + str(generation).encode("ascii")

    def encrypt_item(self, key: bytes, item_id: str, version: int, plaintext: bytes) -> bytes:
        """Encrypt an item version's content, bound to its id and version."""
        return bank_crypto.encrypt_content(key, plaintext, bank_crypto.item_aad(item_id, version))

    def decrypt_item(self, key: bytes, item_id: str, version: int, blob: bytes) -> bytes:
        """Decrypt an item version's content."""
        return bank_crypto.decrypt_content(key, blob, bank_crypto.item_aad(item_id, version))

    def encrypt_paper(self, key: bytes, paper_id: str, plaintext: bytes) -> bytes:
        """Encrypt a paper document under its own key, bound to the paper id."""
        return bank_crypto.encrypt(key, plaintext, bank_crypto.paper_aad(paper_id))

    def decrypt_paper(self, key: bytes, paper_id: str, blob: bytes) -> bytes:
        """Decrypt a paper document."""
        return bank_crypto.decrypt(key, blob, bank_crypto.paper_aad(paper_id))

    def split_key(self, key: bytes, holders: int) -> list[tuple[int, bytes]]:
        """Two-of-many shares of a paper key."""
        return split_two_of_many(key, holders)

    def join_key(self, first: tuple[int, bytes], second: tuple[int, bytes]) -> bytes:
        """Recover a paper key from two shares."""
        return join_two_of_many(first, second)
