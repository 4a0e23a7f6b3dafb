"""Tables shared by exam sites, scoring, certificates and reporting: sessions, seats, results, approvals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kaoping.storage.tables import Base


class ExamSessionRow(Base):
    """A session (场次) of one component in one room: the unit of invigilation and score entry."""

    __tablename__ = "exam_sessions"
    __table_args__ = (UniqueConstraint("batch_id", "code", name="uq_exam_sessions_batch_code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    component: Mapped[str] = mapped_column(String(20))
    site: Mapped[str] = mapped_column(String(200))
    room: Mapped[str] = mapped_column(String(100))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    capacity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    confirmed_by: Mapped[str] = mapped_column(String(64), default="")


class SeatRow(Base):
    """A candidate's seat in a session, with the admission ticket number (准考证号)."""

    __tablename__ = "seats"
    __table_args__ = (
        UniqueConstraint("session_id", "candidate_id", name="uq_seats_session_candidate"),
        UniqueConstraint("session_id", "seat_no", name="uq_seats_session_seat"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("exam_sessions.id", ondelete="CASCADE"), index=True
    )
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    seat_no: Mapped[int] = mapped_column(Integer)
    ticket_no: Mapped[str] = mapped_column(String(40), index=True)
    attendance: Mapped[str] = mapped_column(String(20), default="expected")
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ResultRow(Base):
    """A candidate's confirmed overall result for the batch (合格 / 不合格 / 不完整 / 作废)."""

    __tablename__ = "results"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), unique=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[str] = mapped_column(Text, default="")
    confirmed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    confirmed_by: Mapped[str] = mapped_column(String(64))


class ApprovalRow(Base):
    """The department's decision on a reported candidate (审核结果): approved, or rejected with reason."""

    __tablename__ = "approvals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), unique=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    decision: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(300), default="")
    reference: Mapped[str] = mapped_column(String(100), default="")
    decided_on: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(64))
