"""Tables of the question bank (题库) and sealed papers."""

from __future__ import annotations

from kaoping.storage.tables import Base

__all__ = ["Base"]
