"""Storage of certificates (证书): numbers, issuing, revocation in SQL."""

from __future__ import annotations

from sqlalchemy.orm import Session


class SqlCertificateRepository:
    """Implements `services.ports_certificates.CertificateRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session
