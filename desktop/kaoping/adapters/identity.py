"""The evaluation body's signing identity (签名身份): an ECDSA P-256 key and its X.509 certificate.

The key signs certificate PDFs, QR records and packages. At rest it exists only as encrypted PKCS#8;
the certificate is public and is what verifiers trust.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from kaoping.domain.errors import AuthenticationError, ValidationError

__all__ = [
    "SigningIdentity",
    "export_encrypted",
    "fingerprint_sha256",
    "generate_identity",
    "import_pkcs12",
    "load_identity",
    "public_key_pem",
    "sign_bytes",
    "verify_bytes",
]


@dataclass(frozen=True)
class SigningIdentity:
    """A private key with the certificate that vouches for its public half.

    Attributes:
        private_key: The ECDSA P-256 private key.
        certificate: The X.509 certificate of `private_key`'s public key.
    """

    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate


# A common name holds at most 64 bytes of UTF-8: 21 Chinese characters, fewer than many
# registered body names have. The full name stays in O.
_COMMON_NAME_BYTES = 64


def _common_name(name: str) -> str:
    """The name cut at a character boundary to fit a certificate's common name."""
    while len(name.encode("utf-8")) > _COMMON_NAME_BYTES:
        name = name[:-1]
    return name


def generate_identity(body_name: str, body_code: str, valid_days: int = 3650) -> SigningIdentity:
    """Create a new key and a self-signed certificate for an evaluation body.

    Args:
        body_name: The body's registered name; becomes O, and CN as far as it fits.
        body_code: The body's code; becomes OU so verifiers can tell bodies apart.
        valid_days: How long the certificate is valid.
    """
    if not body_name.strip() or not body_code.strip():
        raise ValidationError("生成签名密钥需要机构名称和机构代码", field="机构名称")
    if valid_days < 1:
        raise ValidationError("证书有效期至少 1 天", field="有效期")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, body_name.strip()),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, body_code.strip()),
            x509.NameAttribute(NameOID.COMMON_NAME, _common_name(body_name.strip())),
        ]
    )
    # Back-date a little so a verifier whose clock is slightly behind still accepts it.
    now = dt.datetime.now(dt.UTC)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(private_key=key, certificate=certificate)


def export_encrypted(identity: SigningIdentity, passphrase: str) -> tuple[bytes, bytes]:
    """Return (encrypted PKCS#8 key PEM, certificate PEM) for storing the identity.

    Raises:
        ValidationError: The passphrase is empty; the key is never written unencrypted.
    """
    if not passphrase:
        raise ValidationError("签名密钥口令不能为空", field="签名密钥口令")
    key_pem = identity.private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    return key_pem, identity.certificate.public_bytes(serialization.Encoding.PEM)


def load_identity(key_pem: bytes, cert_pem: bytes, passphrase: str) -> SigningIdentity:
    """Load an identity written by `export_encrypted`.

    Raises:
        AuthenticationError: The passphrase does not open the key.
        ValidationError: The files are damaged, the key is not P-256, or key and certificate
            do not belong together.
    """
    try:
        certificate = x509.load_pem_x509_certificate(cert_pem)
    except ValueError:
        raise ValidationError("签名证书文件已损坏或不是 PEM 格式", field="签名证书") from None
    if b"-----BEGIN ENCRYPTED PRIVATE KEY-----" not in key_pem:
        raise ValidationError(
            "签名密钥文件未加密或格式不对；密钥只能以加密形式保存，请重新导入", field="签名密钥"
        )
    try:
        key = serialization.load_pem_private_key(key_pem, password=passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        # cryptography reports a wrong passphrase and a damaged file alike; the passphrase is
        # by far the more common cause.
        raise AuthenticationError("签名密钥口令不正确") from None
    return _checked_identity(key, certificate)


def import_pkcs12(data: bytes, password: str) -> SigningIdentity:
    """Import a key and certificate from a PKCS#12 (.p12/.pfx) file, e.g. one issued by a CA.

    Raises:
        AuthenticationError: The password does not open the file.
        ValidationError: The file lacks a key or certificate, or the key is not ECDSA P-256.
    """
    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(data, password.encode("utf-8"))
    except ValueError:
        raise AuthenticationError("PKCS#12 文件口令不正确，或文件已损坏") from None
    if key is None or certificate is None:
        raise ValidationError(
            "PKCS#12 文件中缺少私钥或证书，请导出含私钥的证书文件", field="签名证书"
        )
    return _checked_identity(key, certificate)


def _checked_identity(key: object, certificate: x509.Certificate) -> SigningIdentity:
    if not (isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP256R1)):
        raise ValidationError(
            "签名密钥必须是 ECDSA P-256（prime256v1）密钥；请改用 P-256 密钥重新申请证书",
            field="签名证书",
        )
    public = certificate.public_key()
    if not (
        isinstance(public, ec.EllipticCurvePublicKey)
        and public.public_numbers() == key.public_key().public_numbers()
    ):
        raise ValidationError("签名密钥与证书不匹配，请选择同一套密钥和证书", field="签名证书")
    return SigningIdentity(private_key=key, certificate=certificate)


def public_key_pem(identity_or_cert: SigningIdentity | x509.Certificate) -> bytes:
    """Return the SubjectPublicKeyInfo PEM of an identity or certificate."""
    cert = (
        identity_or_cert.certificate
        if isinstance(identity_or_cert, SigningIdentity)
        else identity_or_cert
    )
    return cert.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def fingerprint_sha256(cert: x509.Certificate) -> str:
    """Return the certificate's SHA-256 fingerprint as 64 lowercase hex digits."""
    return cert.fingerprint(hashes.SHA256()).hex()


def sign_bytes(identity: SigningIdentity, data: bytes) -> bytes:
    """Sign `data` with ECDSA-SHA256; returns the DER-encoded signature."""
    return identity.private_key.sign(data, ec.ECDSA(hashes.SHA256()))


def verify_bytes(
    cert_or_pubkey: x509.Certificate | ec.EllipticCurvePublicKey, data: bytes, signature: bytes
) -> bool:
    """Tell whether `signature` (DER ECDSA-SHA256) over `data` was made by the given key."""
    public = (
        cert_or_pubkey.public_key()
        if isinstance(cert_or_pubkey, x509.Certificate)
        else cert_or_pubkey
    )
    if not isinstance(public, ec.EllipticCurvePublicKey):
        return False
    try:
        public.verify(signature, data, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError):
        return False
    return True
