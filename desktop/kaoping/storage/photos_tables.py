"""Table of candidate photos (考生照片): one checked, re-encoded picture per candidate."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from kaoping.storage.tables import Base


class CandidatePhotoRow(Base):
    """A candidate's photo as stored after the checks: JPEG at the set size.

    Personal data (DESIGN.md rule 8): it lives only here (and in packages that need it), goes
    with the candidate (ON DELETE CASCADE), and is read only by those who need it.
    `original_sha256` identifies the file it came from, so a re-import of the same file is known.
    `screened_with` is the mark of the emblem screen the stored picture passed at intake (empty
    for photos stored before it was kept, or brought in another way): issuing screens those again.
    `pixel_sha256` is the stored picture's pixel hash (empty when not known).
    """

    __tablename__ = "candidate_photos"
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True
    )
    jpeg: Mapped[bytes] = mapped_column(LargeBinary)
    original_sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    imported_by: Mapped[str] = mapped_column(String(64))
    screened_with: Mapped[str] = mapped_column(String(64), default="", server_default="")
    pixel_sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")
