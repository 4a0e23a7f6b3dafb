"""Tables of exam sites: the examiner registry, session staff, recusals, room numbers, incidents."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kaoping.storage.tables import Base


class ExaminerRow(Base):
    """A person in the examiner registry (考评人员库): examiner, invigilator, supervisor, reviewer.

    `roles` and `occupations` are comma-separated codes; `user_id` links the person's sign-in
    account, so the examiner who signs in is known when scores are entered.
    """

    __tablename__ = "examiners"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    roles: Mapped[str] = mapped_column(String(100))
    occupations: Mapped[str] = mapped_column(Text, default="")
    qualified_level: Mapped[str | None] = mapped_column(String(20), nullable=True)
    certificate_no: Mapped[str] = mapped_column(String(60), default="")
    employer: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True, unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SessionNumberRow(Base):
    """The room number of a session within its batch, printed inside admission ticket numbers."""

    __tablename__ = "session_numbers"
    __table_args__ = (
        UniqueConstraint("batch_id", "room_index", name="uq_session_numbers_batch_room"),
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("exam_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"))
    room_index: Mapped[int] = mapped_column(Integer)


class SessionStaffRow(Base):
    """One person staffing one session in one role."""

    __tablename__ = "session_staff"
    __table_args__ = (
        UniqueConstraint("session_id", "examiner_id", name="uq_session_staff_session_examiner"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("exam_sessions.id", ondelete="CASCADE"), index=True
    )
    examiner_id: Mapped[int] = mapped_column(ForeignKey("examiners.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    assigned_by: Mapped[str] = mapped_column(String(64))


class ExaminerConflictRow(Base):
    """A declared reason for an examiner not to score a candidate (回避关系)."""

    __tablename__ = "examiner_conflicts"
    __table_args__ = (
        UniqueConstraint("examiner_id", "candidate_id", name="uq_examiner_conflicts_pair"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    examiner_id: Mapped[int] = mapped_column(ForeignKey("examiners.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(300), default="")
    declared_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    declared_by: Mapped[str] = mapped_column(String(64))


class IncidentRow(Base):
    """An incident (违纪) recorded against a candidate during a session."""

    __tablename__ = "incidents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("exam_sessions.id", ondelete="CASCADE"), index=True
    )
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(64))
