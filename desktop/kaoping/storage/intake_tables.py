"""Tables of candidate intake (报名), commitments and verification sampling."""

from __future__ import annotations

from kaoping.storage.tables import Base

__all__ = ["Base"]
