"""First-run setup: the body's signing identity and the shipped standards data."""

from __future__ import annotations

from typing import Any, Protocol

from kaoping.domain.catalogue import Occupation
from kaoping.services.ports.dto import SigningKeyInfo


class IdentityTool(Protocol):
    """Makes and stores the body's signing identity (adapters.identity behind it)."""

    def protect_new(
        self, body_name: str, body_code: str, passphrase: str
    ) -> tuple[bytes, bytes, str]:
        """Generate a key and self-signed certificate; return (encrypted key PEM, cert PEM, fingerprint)."""
        ...

    def protect_pkcs12(
        self, data: bytes, password: str, passphrase: str
    ) -> tuple[bytes, bytes, str]:
        """Import a PKCS#12 identity, re-encrypted under the passphrase."""
        ...

    def check_passphrase(self, key_pem: bytes, cert_pem: bytes, passphrase: str) -> None:
        """Raise AuthenticationError when the passphrase does not open the key."""
        ...

    def change_passphrase(
        self, key_pem: bytes, cert_pem: bytes, old_passphrase: str, new_passphrase: str
    ) -> bytes:
        """The same key encrypted under a new passphrase; AuthenticationError if `old` is wrong."""
        ...

    def describe(self, cert_pem: bytes) -> SigningKeyInfo:
        """Public facts about a certificate."""
        ...


class StandardsData(Protocol):
    """The standards data shipped under `resources/standards/` (adapters.standards behind it).

    Eligibility, assessment, weights and the catalogue are read through it, so an administrator's
    corrected copy of a file replaces the shipped one everywhere at once.
    """

    def raw(self, name: str) -> Any:
        """One parsed JSON file such as `assessment.json`."""
        ...

    def catalogue(self) -> list[Occupation]:
        """The shipped occupations with their directions."""
        ...
