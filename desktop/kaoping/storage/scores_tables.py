"""The score history (成绩记录): every keying, resolution, confirmation and amendment, append-only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from kaoping.storage.tables import Base


class ScoreEventRow(Base):
    """One event of one candidate's score for one component; rows are never changed or deleted.

    Scores are kept as text (`85.5`) so the exact keyed decimal comes back unchanged on every
    database.
    """

    __tablename__ = "score_events"
    __table_args__ = (Index("ix_score_events_candidate_component", "candidate_id", "component"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_sessions.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"))
    component: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(20), default="")
    value: Mapped[str] = mapped_column(String(12), default="")
    old_status: Mapped[str] = mapped_column(String(20), default="")
    old_value: Mapped[str] = mapped_column(String(12), default="")
    actor: Mapped[str] = mapped_column(String(64))
    approver: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    ref_id: Mapped[int | None] = mapped_column(ForeignKey("score_events.id"), nullable=True)
    source: Mapped[str] = mapped_column(String(20), default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _refuse_change(_mapper: Any, _connection: Any, target: ScoreEventRow) -> None:
    # The history is evidence: a change is a new row, never an edit of an old one.
    raise RuntimeError(f"score_events row {target.id} is append-only")


event.listen(ScoreEventRow, "before_update", _refuse_change)
event.listen(ScoreEventRow, "before_delete", _refuse_change)
