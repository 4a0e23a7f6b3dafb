"""What the services of certificates (证书): numbers, issuing, revocation need from storage."""

from __future__ import annotations

from typing import Protocol


class CertificateRepository(Protocol):
    """Storage of certificates (证书): numbers, issuing, revocation."""
