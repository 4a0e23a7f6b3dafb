"""The body's signing identity as the services see it: always stored encrypted."""

from __future__ import annotations

from datetime import UTC

from cryptography import x509

from kaoping.adapters.identity import (
    SigningIdentity,
    export_encrypted,
    fingerprint_sha256,
    generate_identity,
    import_pkcs12,
    load_identity,
)
from kaoping.services.ports.dto import SigningKeyInfo


class IdentityStore:
    """Implements `services.ports.setup.IdentityTool`."""

    def protect_new(
        self, body_name: str, body_code: str, passphrase: str
    ) -> tuple[bytes, bytes, str]:
        """Generate a P-256 key and self-signed certificate, returned encrypted."""
        return self._protect(generate_identity(body_name, body_code), passphrase)

    def protect_pkcs12(
        self, data: bytes, password: str, passphrase: str
    ) -> tuple[bytes, bytes, str]:
        """Import a PKCS#12 key and certificate, returned re-encrypted under the passphrase."""
        return self._protect(import_pkcs12(data, password), passphrase)

    def check_passphrase(self, key_pem: bytes, cert_pem: bytes, passphrase: str) -> None:
        """Raise AuthenticationError when the passphrase does not open the key."""
        load_identity(key_pem, cert_pem, passphrase)

    def change_passphrase(
        self, key_pem: bytes, cert_pem: bytes, old_passphrase: str, new_passphrase: str
    ) -> bytes:
        """The same key re-encrypted under a new passphrase; the certificate does not change."""
        key_pem_new, _ = export_encrypted(
            load_identity(key_pem, cert_pem, old_passphrase), new_passphrase
        )
        return key_pem_new

    def open(self, key_pem: bytes, cert_pem: bytes, passphrase: str) -> SigningIdentity:
        """Decrypt the identity for signing."""
        return load_identity(key_pem, cert_pem, passphrase)

    def describe(self, cert_pem: bytes) -> SigningKeyInfo:
        """Public facts about a certificate."""
        cert = x509.load_pem_x509_certificate(cert_pem)
        return SigningKeyInfo(
            fingerprint_sha256(cert),
            cert.subject.rfc4514_string(),
            cert.not_valid_after_utc.astimezone(UTC),
            cert_pem,
        )

    @staticmethod
    def _protect(identity: SigningIdentity, passphrase: str) -> tuple[bytes, bytes, str]:
        key_pem, cert_pem = export_encrypted(identity, passphrase)
        return key_pem, cert_pem, fingerprint_sha256(identity.certificate)
