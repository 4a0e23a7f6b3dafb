"""Tables of sessions, examiners, check-in and scores."""

from __future__ import annotations

from kaoping.storage.tables import Base

__all__ = ["Base"]
