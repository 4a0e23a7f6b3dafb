"""Plans and batches as values, and the batch lifecycle (批次状态)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kaoping.domain.catalogue import Level


class BatchStatus(StrEnum):
    """Where a batch is in the lifecycle (DESIGN.md, "The lifecycle")."""

    OPEN = "open"
    ASSESSED = "assessed"
    REPORTED = "reported"
    APPROVED = "approved"
    ISSUED = "issued"

    @property
    def label(self) -> str:
        """The Chinese name shown in lists."""
        return {
            BatchStatus.OPEN: "报名与考核中",
            BatchStatus.ASSESSED: "成绩已确认",
            BatchStatus.REPORTED: "已报送待确认",
            BatchStatus.APPROVED: "已审核通过",
            BatchStatus.ISSUED: "证书已颁发",
        }[self]


@dataclass(frozen=True)
class Plan:
    """An assessment plan (考核计划)."""

    id: int
    code: str
    title: str
    occupation_code: str
    direction: str
    level: Level
    start_date: date
    end_date: date
    sites: str
    capacity: int
    training_body: str


@dataclass(frozen=True)
class Batch:
    """A batch (批次) of a plan; carries the plan's occupation, direction and level for convenience."""

    id: int
    plan_id: int
    code: str
    name: str
    occupation_code: str
    direction: str
    level: Level
    assessment_start: date
    assessment_end: date
    status: BatchStatus
