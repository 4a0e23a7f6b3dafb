"""The evaluation body's signing key: generation, encrypted storage, PKCS#12 import, signatures."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from kaoping.adapters.identity import (
    SigningIdentity,
    export_encrypted,
    fingerprint_sha256,
    generate_identity,
    import_pkcs12,
    load_identity,
    public_key_pem,
    sign_bytes,
    verify_bytes,
)
from kaoping.domain.errors import AuthenticationError, ValidationError


@pytest.fixture(scope="module")
def identity() -> SigningIdentity:
    return generate_identity("示例数字技术评价中心", "4501")


def _self_signed(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "外部机构")])
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )


def test_generated_certificate_describes_the_body(identity: SigningIdentity) -> None:
    """The certificate names the body and may sign documents and act as its own root."""
    cert = identity.certificate
    assert (
        cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "示例数字技术评价中心"
    )
    assert (
        cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
        == "示例数字技术评价中心"
    )
    assert cert.subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value == "CN"
    assert cert.subject == cert.issuer
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and usage.key_cert_sign
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert isinstance(identity.private_key.curve, ec.SECP256R1)
    assert cert.not_valid_after_utc - cert.not_valid_before_utc > dt.timedelta(days=3649)


def test_key_is_stored_encrypted_and_reloads(identity: SigningIdentity) -> None:
    """The saved key file is encrypted; with the right passphrase the same identity comes back."""
    key_pem, cert_pem = export_encrypted(identity, "正确的口令-1")
    assert b"ENCRYPTED PRIVATE KEY" in key_pem
    assert b"BEGIN PRIVATE KEY" not in key_pem
    loaded = load_identity(key_pem, cert_pem, "正确的口令-1")
    assert fingerprint_sha256(loaded.certificate) == fingerprint_sha256(identity.certificate)
    assert verify_bytes(identity.certificate, b"x", sign_bytes(loaded, b"x"))


def test_wrong_passphrase_says_so(identity: SigningIdentity) -> None:
    """Typing the wrong passphrase gives the Chinese 'passphrase incorrect' message."""
    key_pem, cert_pem = export_encrypted(identity, "right-one")
    with pytest.raises(AuthenticationError, match="签名密钥口令不正确"):
        load_identity(key_pem, cert_pem, "wrong-one")


def test_empty_passphrase_and_plain_key_are_refused(identity: SigningIdentity) -> None:
    """The key can neither be exported without a passphrase nor loaded from a plaintext file."""
    with pytest.raises(ValidationError, match="口令不能为空"):
        export_encrypted(identity, "")
    plain = identity.private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    cert_pem = identity.certificate.public_bytes(serialization.Encoding.PEM)
    with pytest.raises(ValidationError, match="未加密"):
        load_identity(plain, cert_pem, "anything")


def test_key_and_certificate_must_match(identity: SigningIdentity) -> None:
    """Loading one body's key with another body's certificate is refused."""
    other = generate_identity("另一评价机构", "4502")
    key_pem, _ = export_encrypted(identity, "pass-phrase")
    _, other_cert = export_encrypted(other, "pass-phrase")
    with pytest.raises(ValidationError, match="不匹配"):
        load_identity(key_pem, other_cert, "pass-phrase")


def test_pkcs12_with_p256_key_imports() -> None:
    """A .p12 file holding a P-256 key (e.g. issued by a CA) can be imported."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _self_signed(key)
    data = pkcs12.serialize_key_and_certificates(
        b"body", key, cert, None, serialization.BestAvailableEncryption(b"p12-pass")
    )
    imported = import_pkcs12(data, "p12-pass")
    assert imported.certificate == cert
    with pytest.raises(AuthenticationError):
        import_pkcs12(data, "wrong")


def test_pkcs12_with_rsa_key_is_refused_clearly() -> None:
    """An RSA .p12 is rejected with a message asking for a P-256 key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    data = pkcs12.serialize_key_and_certificates(
        b"body", key, _self_signed(key), None, serialization.BestAvailableEncryption(b"pw")
    )
    with pytest.raises(ValidationError, match="P-256"):
        import_pkcs12(data, "pw")


def test_signatures_verify_only_for_the_signed_data(identity: SigningIdentity) -> None:
    """A signature checks out for the data and key it was made with, and for nothing else."""
    signature = sign_bytes(identity, b"manifest")
    assert verify_bytes(identity.certificate, b"manifest", signature)
    assert verify_bytes(identity.private_key.public_key(), b"manifest", signature)
    assert not verify_bytes(identity.certificate, b"manifesT", signature)
    assert not verify_bytes(generate_identity("其他", "1").certificate, b"manifest", signature)
    assert not verify_bytes(identity.certificate, b"manifest", b"garbage")


def test_public_key_pem_and_fingerprint(identity: SigningIdentity) -> None:
    """The public key exports as PEM and the fingerprint is a stable 64-digit hex string."""
    pem = public_key_pem(identity)
    assert pem.startswith(b"-----BEGIN PUBLIC KEY-----")
    assert public_key_pem(identity.certificate) == pem
    fingerprint = fingerprint_sha256(identity.certificate)
    assert len(fingerprint) == 64 and int(fingerprint, 16) >= 0


def test_long_chinese_body_name_fits_the_certificate() -> None:
    """A 30-character registered name is kept whole in O; CN takes what fits in 64 bytes."""
    name = "广西壮族自治区某某市数字经济发展促进中心职业技能等级评价分中心"
    made = generate_identity(name, "GXLONG01")
    subject = made.certificate.subject
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == name
    common = subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert isinstance(common, str)
    assert name.startswith(common) and len(common.encode()) <= 64
