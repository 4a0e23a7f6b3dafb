"""What the services of candidate intake (报名), commitments and verification sampling need from storage."""

from __future__ import annotations

from typing import Protocol


class CandidateRepository(Protocol):
    """Storage of candidate intake (报名), commitments and verification sampling."""
