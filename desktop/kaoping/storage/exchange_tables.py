"""Tables of reporting packages, site packages and approvals."""

from __future__ import annotations

from kaoping.storage.tables import Base

__all__ = ["Base"]
