"""Plans and batches in SQL."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaoping.domain.catalogue import Level
from kaoping.domain.plans import Batch, BatchStatus, Plan
from kaoping.storage.plan_tables import BatchRow, PlanRow


def _plan(row: PlanRow) -> Plan:
    return Plan(
        row.id,
        row.code,
        row.title,
        row.occupation_code,
        row.direction,
        Level(row.level),
        row.start_date,
        row.end_date,
        row.sites,
        row.capacity,
        row.training_body,
    )


class SqlPlanRepository:
    """Implements `services.ports.PlanRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def add_plan(self, plan: Plan, now: datetime) -> int:
        """Insert a plan; returns its id."""
        row = PlanRow(
            code=plan.code,
            title=plan.title,
            occupation_code=plan.occupation_code,
            direction=plan.direction,
            level=plan.level.value,
            start_date=plan.start_date,
            end_date=plan.end_date,
            sites=plan.sites,
            capacity=plan.capacity,
            training_body=plan.training_body,
            created_at=now,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def plan(self, plan_id: int) -> Plan | None:
        """One plan, or None."""
        row = self._s.get(PlanRow, plan_id)
        return None if row is None else _plan(row)

    def plan_by_code(self, code: str) -> Plan | None:
        """The plan with this code, or None."""
        row = self._s.scalars(select(PlanRow).where(PlanRow.code == code)).one_or_none()
        return None if row is None else _plan(row)

    def plans(self) -> list[Plan]:
        """All plans, newest first."""
        return [_plan(r) for r in self._s.scalars(select(PlanRow).order_by(PlanRow.id.desc()))]

    def add_batch(
        self, plan_id: int, code: str, name: str, start: date, end: date, now: datetime
    ) -> int:
        """Insert a batch of a plan; returns its id."""
        row = BatchRow(
            plan_id=plan_id,
            code=code,
            name=name,
            assessment_start=start,
            assessment_end=end,
            status=BatchStatus.OPEN.value,
            created_at=now,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def _batch(self, row: BatchRow) -> Batch:
        plan = self._s.get_one(PlanRow, row.plan_id)
        return Batch(
            row.id,
            row.plan_id,
            row.code,
            row.name,
            plan.occupation_code,
            plan.direction,
            Level(plan.level),
            row.assessment_start,
            row.assessment_end,
            BatchStatus(row.status),
        )

    def batch(self, batch_id: int) -> Batch | None:
        """One batch, or None."""
        row = self._s.get(BatchRow, batch_id)
        return None if row is None else self._batch(row)

    def batch_by_code(self, code: str) -> Batch | None:
        """The batch with this code, or None."""
        row = self._s.scalars(select(BatchRow).where(BatchRow.code == code)).one_or_none()
        return None if row is None else self._batch(row)

    def batches(self, plan_id: int | None = None) -> list[Batch]:
        """Batches, newest first, optionally of one plan."""
        stmt = select(BatchRow).order_by(BatchRow.id.desc())
        if plan_id is not None:
            stmt = stmt.where(BatchRow.plan_id == plan_id)
        return [self._batch(r) for r in self._s.scalars(stmt)]

    def set_batch_status(
        self, batch_id: int, status: BatchStatus, at: datetime | None = None
    ) -> None:
        """Move a batch along its lifecycle; reported/approved keep their moment."""
        row = self._s.get_one(BatchRow, batch_id)
        row.status = status.value
        if status is BatchStatus.REPORTED:
            row.reported_at = at
        if status is BatchStatus.APPROVED:
            row.approved_at = at
        self._s.flush()

    def batch_moments(self, batch_id: int) -> tuple[datetime | None, datetime | None]:
        """(reported_at, approved_at) of a batch."""
        row = self._s.get_one(BatchRow, batch_id)
        return row.reported_at, row.approved_at
