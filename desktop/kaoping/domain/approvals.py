"""The department's decision on a reported candidate (审核结果): approved or rejected."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ApprovalDecision"]


class ApprovalDecision(StrEnum):
    """The decision on one candidate; only approved candidates may receive a certificate."""

    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        """The Chinese name: 通过 or 不通过."""
        return "通过" if self is ApprovalDecision.APPROVED else "不通过"

    @classmethod
    def parse(cls, text: str) -> ApprovalDecision | None:
        """The decision an approval file's cell means, in the words departments use; None if unknown."""
        return _WORDS.get(text.strip())


_WORDS = {
    "通过": ApprovalDecision.APPROVED,
    "审核通过": ApprovalDecision.APPROVED,
    "approved": ApprovalDecision.APPROVED,
    "不通过": ApprovalDecision.REJECTED,
    "审核不通过": ApprovalDecision.REJECTED,
    "退回": ApprovalDecision.REJECTED,
    "rejected": ApprovalDecision.REJECTED,
}
