"""Question-bank encryption: item content, password-wrapped keys, two-share sealed papers."""

from __future__ import annotations

import pytest

from kaoping.adapters.bank_crypto import (
    FAST_KDF_PARAMS,
    KEY_BYTES,
    KdfParams,
    WrappedKey,
    decrypt_content,
    encrypt_content,
    item_aad,
    join_key,
    new_key,
    open_paper,
    rewrap,
    seal_paper,
    split_key,
    unwrap_key,
    wrap_key,
)
from kaoping.adapters.bank_keys import BankKeys
from kaoping.domain.errors import AuthenticationError, ValidationError
from kaoping.domain.items import ItemContent

# The cheapest accepted cost keeps the suite quick; production wraps use the 2**15 default.
FAST = FAST_KDF_PARAMS
STEM = "简述卷积神经网络中池化层的作用"


def _content() -> bytes:
    return ItemContent(stem=STEM, answer="降低特征图尺寸", rubric="答出降维得 5 分").to_bytes()


def test_item_content_round_trips_and_the_ciphertext_hides_the_text() -> None:
    """An item saved to the database reads back intact, and the stored bytes show no wording."""
    bank_key = new_key()
    blob = encrypt_content(bank_key, _content(), item_aad("item-1", 3))
    assert STEM.encode("utf-8") not in blob
    assert "池化".encode() not in blob
    plain = decrypt_content(bank_key, blob, item_aad("item-1", 3))
    assert ItemContent.from_bytes(plain).stem == STEM


def test_same_item_encrypts_differently_each_time() -> None:
    """Two saves of one item cannot be matched up by comparing ciphertexts."""
    bank_key = new_key()
    aad = item_aad("item-1", 1)
    assert encrypt_content(bank_key, _content(), aad) != encrypt_content(bank_key, _content(), aad)


@pytest.mark.parametrize("other", [item_aad("item-2", 3), item_aad("item-1", 2)])
def test_ciphertext_moved_to_another_item_or_version_fails(other: bytes) -> None:
    """Copying one row's ciphertext onto another row, or restoring an old version, is detected."""
    bank_key = new_key()
    blob = encrypt_content(bank_key, _content(), item_aad("item-1", 3))
    with pytest.raises(AuthenticationError) as caught:
        decrypt_content(bank_key, blob, other)
    assert "题目编号/版本" in caught.value.message


@pytest.mark.parametrize("position", [0, 12, 20, -1])
def test_tampered_ciphertext_fails(position: int) -> None:
    """Any changed byte (nonce, body or tag) makes the item unreadable instead of silently wrong."""
    bank_key = new_key()
    aad = item_aad("item-1", 1)
    blob = bytearray(encrypt_content(bank_key, _content(), aad))
    blob[position] ^= 0x01
    with pytest.raises(AuthenticationError):
        decrypt_content(bank_key, bytes(blob), aad)
    with pytest.raises(AuthenticationError):
        decrypt_content(bank_key, bytes(blob[:10]), aad)


def test_another_bank_key_cannot_read_items() -> None:
    """A copied database is useless with any key but the bank's own."""
    blob = encrypt_content(new_key(), _content(), item_aad("item-1", 1))
    with pytest.raises(AuthenticationError):
        decrypt_content(new_key(), blob, item_aad("item-1", 1))


def test_wrapped_bank_key_opens_with_the_right_password_only() -> None:
    """The bank role holder's password unlocks the bank; a wrong one is refused clearly."""
    bank_key = new_key()
    wrapped = wrap_key(bank_key, "正确的口令 2024", FAST)
    assert bank_key not in wrapped.to_bytes()
    assert unwrap_key(wrapped, "正确的口令 2024") == bank_key
    with pytest.raises(AuthenticationError) as caught:
        unwrap_key(wrapped, "错误的口令")
    assert caught.value.field == "口令"


def test_wrapped_key_survives_storage_and_records_its_parameters() -> None:
    """A wrap read back from the database still opens, and says which scrypt settings it used."""
    bank_key = new_key()
    stored = wrap_key(bank_key, "pw-1", FAST).to_bytes()
    assert b'"kdf":"scrypt"' in stored and b'"n":16384' in stored
    loaded = WrappedKey.from_bytes(stored)
    assert loaded.params == FAST
    assert unwrap_key(loaded, "pw-1") == bank_key
    assert "pw-1" not in repr(loaded) and repr(bank_key) not in repr(loaded)


def test_altered_wrap_parameters_are_detected() -> None:
    """Editing the stored salt or cost settings breaks the wrap instead of weakening it."""
    wrapped = wrap_key(new_key(), "pw", FAST)
    lowered = WrappedKey(wrapped.salt, KdfParams(n=2**15), wrapped.nonce, wrapped.ciphertext)
    with pytest.raises(AuthenticationError):
        unwrap_key(lowered, "pw")
    resalted = WrappedKey(bytes(16), wrapped.params, wrapped.nonce, wrapped.ciphertext)
    with pytest.raises(AuthenticationError):
        unwrap_key(resalted, "pw")


@pytest.mark.parametrize(
    "data",
    [b"not json", b"[]", b'{"format": 1, "kdf": "pbkdf2"}', b'{"format": 1, "kdf": "scrypt"}'],
)
def test_damaged_wrap_records_are_refused(data: bytes) -> None:
    """A corrupt key record gives a clear message rather than a crash."""
    with pytest.raises(ValidationError) as caught:
        WrappedKey.from_bytes(data)
    assert caught.value.field == "密钥"


def test_weak_or_memory_exhausting_parameters_are_refused() -> None:
    """A key record cannot ask for a trivially cheap or an enormous key derivation."""
    for bad in ({"n": 2**10}, {"n": 2**21}, {"n": 3 * 2**14}, {"r": 0}, {"p": 99}):
        with pytest.raises(ValidationError):
            KdfParams(**bad)


def test_rewrap_keeps_the_bank_key_and_retires_the_old_password() -> None:
    """After a password change the same bank key opens with the new password only."""
    bank_key = new_key()
    old = wrap_key(bank_key, "old-pw", FAST)
    new = rewrap(old, "old-pw", "new-pw")
    assert new.params == FAST and new.salt != old.salt
    assert unwrap_key(new, "new-pw") == bank_key
    with pytest.raises(AuthenticationError):
        unwrap_key(new, "old-pw")
    with pytest.raises(AuthenticationError):
        rewrap(old, "wrong", "new-pw")


def test_rewrap_can_raise_the_cost_settings() -> None:
    """Stronger scrypt settings can be adopted later without re-encrypting the bank."""
    bank_key = new_key()
    stronger = rewrap(wrap_key(bank_key, "pw", FAST), "pw", "pw", KdfParams(n=2**15))
    assert stronger.params.n == 2**15
    assert unwrap_key(stronger, "pw") == bank_key


def test_empty_password_is_refused() -> None:
    """An empty password is never accepted to protect the bank."""
    with pytest.raises(ValidationError) as caught:
        wrap_key(new_key(), "", FAST)
    assert caught.value.field == "口令"


def test_a_share_alone_reveals_nothing_and_both_rebuild_the_key() -> None:
    """Neither holder of a paper-key share can open the paper alone."""
    key = new_key()
    share_a, share_b = split_key(key)
    assert len(share_a) == len(share_b) == KEY_BYTES
    assert key not in (share_a, share_b)
    assert join_key(share_a, share_b) == key
    again_a, _ = split_key(key)
    assert again_a != share_a  # shares are fresh random, not derived from the key


def test_sealed_paper_opens_only_with_both_correct_shares() -> None:
    """A sealed paper opens when both key holders are present, and not with a wrong share."""
    paper = "第一部分 单选题 …".encode() * 100
    sealed = seal_paper(paper, "paper-2025-001")
    assert paper[:30] not in sealed.blob
    assert "share" in repr(sealed) and repr(sealed.share_a) not in repr(sealed)
    assert open_paper(sealed.blob, "paper-2025-001", sealed.share_a, sealed.share_b) == paper
    with pytest.raises(AuthenticationError) as caught:
        open_paper(sealed.blob, "paper-2025-001", sealed.share_a, new_key())
    assert caught.value.field == "试卷"
    with pytest.raises(AuthenticationError):
        open_paper(sealed.blob, "paper-2025-002", sealed.share_a, sealed.share_b)


def test_paper_key_shares_can_be_wrapped_for_two_people() -> None:
    """Each share is protected by its holder's own password; together they open the paper."""
    sealed = seal_paper(b"paper", "p-1")
    wrapped_a = wrap_key(sealed.share_a, "holder-a", FAST)
    wrapped_b = wrap_key(sealed.share_b, "holder-b", FAST)
    share_a = unwrap_key(wrapped_a, "holder-a")
    share_b = unwrap_key(wrapped_b, "holder-b")
    assert open_paper(sealed.blob, "p-1", share_a, share_b) == b"paper"


def test_fast_wraps_record_their_cost_and_open_in_a_normal_installation() -> None:
    """Keys wrapped by a test installation name their cheap parameters; any installation opens them,
    and a normal installation still wraps at the full default cost."""
    key = new_key()
    record = BankKeys(fast=True).wrap_with_password(key, "pw")
    assert WrappedKey.from_bytes(record).params == FAST_KDF_PARAMS
    assert BankKeys().unwrap_with_password(record, "pw") == key
    normal = WrappedKey.from_bytes(BankKeys().wrap_with_password(key, "pw"))
    assert (normal.params.n, normal.params.r, normal.params.p) == (2**15, 8, 1)
