"""Tables of verification sampling (核查抽样): recorded draws and the outcome of each checked fact."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kaoping.storage.tables import Base


class SamplingDrawRow(Base):
    """One recorded draw: seed, ratio, method and the population, so anyone can repeat it.

    Lists of candidate ids are JSON arrays, ascending. The population is kept as it was at the
    draw, because later withdrawals must not change what a re-run is compared with.
    """

    __tablename__ = "sampling_draws"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    seed: Mapped[str] = mapped_column(String(128))
    ratio: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(40))
    population: Mapped[str] = mapped_column(Text)
    population_sha256: Mapped[str] = mapped_column(String(64))
    flagged: Mapped[str] = mapped_column(Text, default="[]")
    randomly_drawn: Mapped[str] = mapped_column(Text)
    drawn: Mapped[str] = mapped_column(Text)
    drawn_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    drawn_by: Mapped[str] = mapped_column(String(64))


class SamplingCheckRow(Base):
    """The outcome of checking one declared fact of one drawn candidate (属实 / 不实 / 无法核实)."""

    __tablename__ = "sampling_checks"
    __table_args__ = (
        UniqueConstraint("draw_id", "candidate_id", "fact", name="uq_sampling_checks_fact"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draw_id: Mapped[int] = mapped_column(ForeignKey("sampling_draws.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    fact: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(300), default="")
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    checked_by: Mapped[str] = mapped_column(String(64))
