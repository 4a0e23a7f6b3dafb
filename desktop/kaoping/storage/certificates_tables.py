"""Tables of certificates (证书): numbers, issuing, revocation."""

from __future__ import annotations

from kaoping.storage.tables import Base

__all__ = ["Base"]
